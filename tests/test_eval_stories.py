"""The stories scorer: metrics, data loading, baselines, and a floor on the real data."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from triangulate.errors import EvalDataError
from triangulate.eval import stories as ev

METRICS = {"bcubed_f1", "bcubed_precision", "bcubed_recall", "ari"}


def test_bcubed_by_hand() -> None:
    # gold {a,b,c} {d}; predicted {a,b} {c,d}
    p, r, f = ev.bcubed(["x", "x", "y", "y"], [1, 1, 1, 2])
    assert p == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert f == pytest.approx(2 * p * r / (p + r))
    assert ev.bcubed(["a", "b"], [1, 1])[0] == 1.0  # singletons: full precision
    assert ev.metrics([1, 1, 2], ["g", "g", "h"])["ari"] == 1.0


def _write(folder: Path, name: str, records: list[dict[str, object]]) -> None:
    (folder / "stories").mkdir(parents=True, exist_ok=True)
    (folder / "stories" / name).write_text(
        "\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8"
    )


def _records() -> list[dict[str, object]]:
    ferry = ("The ferry Aurora Bay hit the Port Meridian pier in fog on Monday, injuring 14 "
             "people, coastguard commander Ilse Varga said. The harbour closed for six hours.")
    library = ("Elmsworth city council approved 3.2 million for a new public library on "
               "Tuesday, councillor Maren Holt said; building starts in spring at the old depot.")
    return [
        {"id": "1", "url": "u1", "outlet": "a", "title": "Ferry hits pier in Port Meridian",
         "date": "2024-03-04T09:00:00", "text": ferry, "event": "ferry"},
        {"id": "2", "url": "u2", "outlet": "b", "title": "Aurora Bay ferry crash injures 14",
         "date": "2024-03-04T11:00:00", "text": ferry.replace("Monday", "Monday morning"), "event": "ferry"},
        {"id": "3", "url": "u3", "outlet": "a", "title": "Elmsworth backs library",
         "date": "2024-03-05T09:00:00", "text": library, "event": "library"},
        {"id": "4", "url": "u4", "outlet": "c", "title": "Empty", "date": None, "text": "", "event": "x"},
    ]


def test_score_on_a_jsonl_set_of_our_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIANGULATE_EVAL_EMBEDDINGS", "0")
    _write(tmp_path, "mine.jsonl", _records())
    result = ev.score(tmp_path)
    assert set(result.sets) == {"mine"}
    assert set(result.sets["mine"]) >= METRICS
    assert result.sets["mine"]["items"] == 3  # the record with empty text is dropped
    assert result.sets["mine"]["bcubed_f1"] == 1.0
    assert set(result.baselines["mine"]) == {"tfidf_agglomerative_best", "single_pass_best"}
    for metrics in result.baselines["mine"].values():
        assert set(metrics) >= METRICS


def test_bad_records_are_named_with_their_line(tmp_path: Path) -> None:
    recs = _records()
    del recs[1]["event"]
    _write(tmp_path, "bad.jsonl", recs)
    with pytest.raises(EvalDataError, match=r"bad\.jsonl:2: no gold label 'event'"):
        ev.load_sets(tmp_path)
    (tmp_path / "stories" / "bad.jsonl").write_text('{"id": 1}\nnot json\n', encoding="utf-8")
    with pytest.raises(EvalDataError, match=r"bad\.jsonl:1: no gold label"):
        ev.load_sets(tmp_path)


def test_no_sets_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(EvalDataError, match="no story sets"):
        ev.score(tmp_path)


@pytest.mark.shared
def test_giveme5w1h_floor(eval_dir: Path, tmp_path: Path) -> None:
    """The default configuration stays above the tuned TF-IDF baseline's range (0.95)."""
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "giveme5w1h.jsonl").symlink_to(eval_dir / "stories" / "giveme5w1h.jsonl")
    data = ev.load_sets(tmp_path)[0]
    m = ev.metrics(ev.predict(data.articles), list(data.gold))
    assert m["bcubed_f1"] >= 0.95
    assert m["bcubed_precision"] >= 0.98


class _CountingEmbedder:
    """Stand-in encoder: every text on one direction (the tests check the bookkeeping)."""

    name = "counting"

    def __init__(self) -> None:
        self.encoded = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        self.encoded += len(texts)
        out = np.zeros((len(texts), 2), dtype=np.float32)
        out[:, 0] = 1.0
        return out


def test_predict_modes(tmp_path: Path) -> None:
    _write(tmp_path, "mine.jsonl", _records())
    data = ev.load_sets(tmp_path)[0]
    enc = _CountingEmbedder()
    lexical = ev.predict(data.articles, "lexical", enc)
    assert enc.encoded == 0  # the lexical mode never calls the encoder
    ev.predict(data.articles, "embeddings", enc)
    assert enc.encoded == len(data.articles)
    before = enc.encoded
    ev.predict(data.articles, "default", enc)
    assert enc.encoded - before <= len(data.articles)  # thin articles and story headlines
    assert ev.predict(data.articles) == lexical  # no embedder: the default is lexical
    with pytest.raises(ValueError, match="unknown mode 'bogus'"):
        ev.predict(data.articles, "bogus")
