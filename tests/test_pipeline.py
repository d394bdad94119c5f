"""End to end: inputs -> articles -> store -> report, through the Python API and the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import triangulate
from triangulate.analysis import SUMMARY_WORDS
from triangulate.cli import main
from triangulate.embed import package_model_dir
from triangulate.model import Report
from triangulate.store import open_store

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbour-bridge"
GOLD = EXAMPLE.parent / "harbour-bridge.gold.json"


@pytest.fixture(scope="module")
def example_report() -> Report:
    return triangulate.analyze([EXAMPLE])


def test_analyze_example_reads_every_article(example_report: Report) -> None:
    report = example_report
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


@pytest.mark.skipif(
    package_model_dir() is None, reason="the embedding model package is not installed"
)
def test_example_is_one_story_with_the_gold_origin_families(example_report: Report) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    assert len(example_report.stories) == 1
    story = example_report.stories[0]
    assert story.independent_sources == gold["story"]["independent_origins"]
    assert story.provenance is not None
    key_of = {a.id: _gold_key(a.source) for a in story.articles}
    for family in story.provenance.families:
        for member in family.members:
            g = gold["articles"][key_of[member.article_id]]
            assert member.relation == g["relation"], key_of[member.article_id]
        origins = {gold["articles"][key_of[i]]["origin"] for i in family.article_ids}
        assert len(origins) == 1, origins


def _gold_key(source: str) -> str:
    """The gold file's key for an article source: its path below the example folder."""
    return Path(source).name


def test_example_summary_gives_both_sides_of_the_injured_conflict(example_report: Report) -> None:
    """The planted conflict (12 vs 21 injured) reaches the summary, each side cited."""
    summary = example_report.stories[0].summary
    assert summary is not None
    texts = [s.text for s in summary.sentences]
    assert any("12 people were injured" in t or "Twelve people" in t for t in texts), texts
    assert any("Twenty-one people" in t or "21 people" in t for t in texts), texts
    assert sum(len(t.split()) for t in texts) <= SUMMARY_WORDS
