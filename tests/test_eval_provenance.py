"""`triangulate eval provenance` on data folders we write here (and the shared one if present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance_fixtures import EDITED, INDEPENDENT, ORIGINAL, PARAPHRASE, VERBATIM
from triangulate.errors import EvalDataError
from triangulate.eval import provenance as ev


@pytest.fixture(autouse=True)
def _lexical(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep these tests fast: no embedding model (the lexical variant is scored)."""
    monkeypatch.setattr(ev, "load_embedder", lambda: (None, "embeddings off in tests"))


def _records() -> list[dict[str, str]]:
    base = {"url": "", "title": "Levee breach", "event": "flood"}
    return [
        {**base, "id": "o", "outlet": "Northern Wire Service", "date": "2025-06-12T06:00:00Z",
         "text": ORIGINAL, "origin": "o", "relation": "original"},
        {**base, "id": "v", "outlet": "Corrin Herald", "date": "2025-06-12T08:00:00Z",
         "text": VERBATIM, "origin": "o", "relation": "verbatim"},
        {**base, "id": "e", "outlet": "Valley Post", "date": "2025-06-12T09:00:00Z",
         "text": EDITED, "origin": "o", "relation": "edited"},
        {**base, "id": "p", "outlet": "NewsBuzz", "date": "2025-06-12T11:00:00Z",
         "text": PARAPHRASE, "origin": "o", "relation": "paraphrase"},
        {**base, "id": "i", "outlet": "Larkspur Ledger", "date": "2025-06-12T10:00:00Z",
         "text": INDEPENDENT, "origin": "i", "relation": "independent"},
    ]


def _write(folder: Path, records: list[dict[str, str]]) -> Path:
    (folder / "provenance").mkdir(parents=True, exist_ok=True)
    path = folder / "provenance" / "dev.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


def test_jsonl_set_is_scored(tmp_path: Path) -> None:
    _write(tmp_path, _records())
    result = ev.score(tmp_path)
    got = result.sets["dev"]
    assert set(got) == {
        "relation_macro_f1", "family_ari", "independent_sources_gold", "independent_sources_found"
    }
    assert got["independent_sources_gold"] == 2
    assert got["independent_sources_found"] == 2
    assert got["family_ari"] == 1.0
    assert got["relation_macro_f1"] == 1.0
    each = result.baselines["dev"]["each-article"]
    assert each["independent_sources_found"] == 5
    assert "msrp" not in result.sets


def test_wrong_relation_lowers_the_score(tmp_path: Path) -> None:
    records = _records()
    records[2]["relation"] = "paraphrase"  # gold disagrees with what the text shows
    _write(tmp_path, records)
    assert ev.score(tmp_path).sets["dev"]["relation_macro_f1"] < 1.0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"relation": "copy"}, "relation 'copy' is not one of"),
        ({"origin": ""}, "missing origin"),
        ({"date": "yesterday"}, "unreadable date"),
    ],
)
def test_bad_records_are_named(tmp_path: Path, change: dict[str, str], message: str) -> None:
    records = _records()
    records[1].update(change)
    path = _write(tmp_path, records)
    with pytest.raises(EvalDataError, match=f"{path}:2: {message}"):
        ev.score(tmp_path)


def test_not_json_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path, _records())
    path.write_text(path.read_text("utf-8") + "{oops\n", "utf-8")
    with pytest.raises(EvalDataError, match=f"{path}:6: not JSON"):
        ev.score(tmp_path)


MSRP_HEADER = "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"


def test_msrp_test_file_is_scored_with_committed_coefficients(tmp_path: Path) -> None:
    rows = [
        ("1", "The river peaked at 7.4 metres on Wednesday night, the weather service said.",
         "The river crested at 7.4 metres on Wednesday night, according to the weather service."),
        ("1", "About 3,200 residents were forced to leave their homes on Thursday.",
         "On Thursday about 3,200 residents had to leave their homes."),
        ("0", "Schools in the town will stay closed until Monday, officials said.",
         "The governor asked for federal disaster funds on Friday."),
        ("0", "Engineers were flown in to inspect the damaged levee.",
         "Volunteers handed out blankets and hot meals at two shelters."),
    ]
    folder = tmp_path / "paraphrase"
    folder.mkdir()
    body = "".join(f"{q}\t{i}\t{i + 100}\t{a}\t{b}\n" for i, (q, a, b) in enumerate(rows))
    (folder / "msrp_test.txt").write_text(MSRP_HEADER + body, "utf-8")
    result = ev.score(tmp_path)
    assert result.sets["msrp"]["accuracy"] == 1.0
    assert result.sets["msrp"]["f1"] == 1.0
    assert result.baselines["msrp"]["always-yes"]["accuracy"] == 0.5
    assert any("committed coefficients" in n for n in result.notes)


def test_malformed_msrp_line_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "paraphrase"
    folder.mkdir()
    (folder / "msrp_test.txt").write_text(MSRP_HEADER + "1\t1\t2\tonly four fields\n", "utf-8")
    with pytest.raises(EvalDataError, match=r"msrp_test\.txt:2: expected 5 tab-separated"):
        ev.score(tmp_path)


@pytest.mark.slow
def test_msrp_train_is_cross_validated(eval_dir: Path) -> None:
    result = ev.score(eval_dir)
    assert any("cross-validated" in n for n in result.notes)
    msrp = result.sets["msrp"]
    assert msrp["accuracy"] > result.baselines["msrp"]["always-yes"]["accuracy"]
