"""End to end: inputs -> articles -> store -> report, through the Python API and the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import triangulate
from triangulate.cli import main
from triangulate.store import open_store

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbour-bridge"


def test_analyze_example_reads_every_article() -> None:
    report = triangulate.analyze([EXAMPLE])
    assert report.stats["articles"] == 8
    assert report.rejected == ()
    outlets = {a.outlet for a in report.articles}
    assert "Coastal Press Agency" in outlets
    for article in report.articles:
        assert article.sentences, article.source
        for s in article.sentences:
            assert article.text[s.start : s.end] == s.text


def test_duplicate_file_is_rejected_by_name_and_the_rest_goes_through(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLE, folder)
    shutil.copy(folder / "01-cpa-wire.txt", folder / "zz-copy.txt")
    (folder / "empty.txt").write_text("")
    (folder / "broken.jsonl").write_text('{"title": "A", "text": "x"\n')
    report = triangulate.analyze([folder])
    assert report.stats["articles"] == 8
    reasons = {Path(r.source).name.split(":")[0]: r.reason for r in report.rejected}
    assert "duplicate of" in reasons["zz-copy.txt"] and "01-cpa-wire.txt" in reasons["zz-copy.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "invalid JSON" in reasons["broken.jsonl"]


def test_rerun_into_the_same_store_gives_the_same_articles(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite"
    first = triangulate.analyze([EXAMPLE], db=db)
    second = triangulate.analyze([EXAMPLE], db=db)
    assert [a.id for a in first.articles] == [a.id for a in second.articles]
    assert second.stats["already_stored"] == 8
    store = open_store(db)
    try:
        assert len(list(store.articles())) == 8
        assert store.rejections() == []
    finally:
        store.close()


def test_cli_analyze_writes_three_reports(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    assert main(["analyze", str(EXAMPLE), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "8 articles" in printed
    data = json.loads((out / "report.json").read_text())
    assert data["schema_version"]
    assert (out / "report.md").read_text().strip()
    assert "<html" in (out / "report.html").read_text()
    assert (out / "triangulate.sqlite").exists()
