"""The extraction scorer: the benchmark's shingle metric, the data loader, and a quality gate.

The gate (like trafilatura's ``tests/eval_gate.py``) scores a fixed subset of the shared
scrapinghub pages against pinned floors a little below what was measured, so a change that
makes extraction worse fails here; ``triangulate eval extraction`` scores the full set.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from triangulate.errors import EvalDataError
from triangulate.eval.extraction import SET_NAME, load_pages, load_peers, run, score
from triangulate.eval.shingles import PageCounts, page_counts, scores, shingles, tokens
from triangulate.extract import extract_html

# --------------------------------------------------------------------------- the metric


def test_tokens_are_word_runs_case_kept() -> None:
    assert tokens("It's 4.2 million, über-Köln!") == ["It", "s", "4", "2", "million", "über", "Köln"]


def test_shingles_are_a_multiset_of_four_token_runs() -> None:
    s = shingles("a b c d a b c d")
    assert s[("a", "b", "c", "d")] == 2
    assert sum(s.values()) == 5
    # fewer than four tokens: one shingle of all of them; none for an empty text
    assert shingles("a b") == {("a", "b"): 1}
    assert shingles(" .. ") == {}


def test_page_counts_are_normalised() -> None:
    c = page_counts("a b c d e f", "a b c d e x")  # true: abcd bcde cdef; pred: abcd bcde cdex
    assert (c.tp, c.fp, c.fn) == pytest.approx((2 / 4, 1 / 4, 1 / 4))
    assert c.precision == pytest.approx(2 / 3)
    assert c.recall == pytest.approx(2 / 3)
    assert page_counts("same words in here", "same words in here").f1 == 1.0


def test_page_scores_at_the_edges() -> None:
    empty_pred = page_counts("a b c d e", "")
    assert (empty_pred.precision, empty_pred.recall) == (0.0, 0.0)
    both_empty = page_counts("", "")
    assert (both_empty.precision, both_empty.recall) == (1.0, 1.0)


def test_averages_skip_pages_without_prediction_or_truth() -> None:
    perfect = page_counts("a b c d e", "a b c d e")
    nothing_predicted = page_counts("a b c d e", "")
    nothing_true = page_counts("", "a b c d e")
    s = scores([perfect, nothing_predicted, nothing_true])
    # precision over pages that predicted something: perfect (1) and nothing_true (0)
    assert s.precision == pytest.approx(0.5)
    # recall over pages with a truth: perfect (1) and nothing_predicted (0)
    assert s.recall == pytest.approx(0.5)
    assert s.f1 == pytest.approx(0.5)
    assert s.pages == 3


def test_f1_comes_from_the_averaged_precision_and_recall() -> None:
    pages = [PageCounts(0.5, 0.5, 0.0), PageCounts(0.5, 0.0, 0.5)]  # P 0.5/1.0, R 1.0/0.5
    s = scores(pages)
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(0.75)
    assert s.f1 == pytest.approx(0.75)  # mean of page F1s would be 2/3
    with pytest.raises(ValueError, match="no pages"):
        scores([])


# --------------------------------------------------------------------------- the data folder

ARTICLE = [
    "The ferry company said the new vessels would enter service in the spring after sea trials.",
    "Each ship carries three hundred passengers and charges its batteries at both terminals.",
    "The regional government paid for a third of the cost, the company's annual report shows.",
]


def _page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<html><head><title>Electric ferries</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Electric ferries</h1>{body}</article>"
        "<footer>Copyright the ferry gazette</footer></body></html>"
    )


def _folder(tmp_path: Path, peers: Mapping[str, object] | None = None) -> Path:
    folder = tmp_path / "extraction"
    (folder / "html").mkdir(parents=True)
    truth = {
        "p1": {"articleBody": "\n".join(ARTICLE), "url": "https://ferry.example/1"},
        "p2": {"articleBody": "\n".join(ARTICLE[:2]), "url": "https://ferry.example/2"},
    }
    (folder / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    (folder / "html" / "p1.html.gz").write_bytes(gzip.compress(_page(ARTICLE).encode()))
    (folder / "html" / "p2.html.gz").write_bytes(gzip.compress(_page(ARTICLE[:2]).encode()))
    if peers is not None:
        (folder / "peers").mkdir()
        for name, data in peers.items():
            (folder / "peers" / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


def test_score_on_a_small_folder(tmp_path: Path) -> None:
    peers = {
        "echo": {"p1": {"articleBody": "\n".join(ARTICLE)}, "p2": {"articleBody": ""}},
        "empty": {},
    }
    _folder(tmp_path, peers)
    result = score(tmp_path)
    assert result.task == "extraction"
    assert set(result.sets) == {SET_NAME}
    assert set(result.sets[SET_NAME]) == {"f1", "precision", "recall"}
    assert result.sets[SET_NAME]["f1"] == pytest.approx(1.0)
    systems = result.baselines[SET_NAME]
    # p2 predicted nothing: left out of precision, recall 0 on it
    assert systems["echo"] == {"f1": pytest.approx(2 / 3, abs=1e-4), "precision": 1.0, "recall": 0.5}
    assert "empty" not in systems
    assert any("peers/empty.json has no output for 2 of the 2 pages" in n for n in result.notes)
    assert "trafilatura defaults (run here)" in systems


def test_score_without_the_folder_scores_nothing(tmp_path: Path) -> None:
    result = score(tmp_path)
    assert result.sets == {}
    assert "not scored" in result.notes[0]


def test_missing_page_is_named(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "html" / "p2.html.gz").unlink()
    with pytest.raises(EvalDataError, match=r"p2\.html\.gz: missing"):
        load_pages(folder)


def test_bad_gzip_and_bad_truth_are_named(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "html" / "p1.html.gz").write_bytes(b"<html>not gzipped</html>")
    with pytest.raises(EvalDataError, match=r"p1\.html\.gz: not gzipped UTF-8 HTML"):
        load_pages(folder)
    (folder / "ground-truth.json").write_text('{"p1": {"url": "x"}}', encoding="utf-8")
    with pytest.raises(EvalDataError, match=r"ground-truth\.json: p1: needs an 'articleBody' string"):
        load_pages(folder)
    (folder / "ground-truth.json").write_text("[1, 2", encoding="utf-8")
    with pytest.raises(EvalDataError, match=r"ground-truth\.json: not a JSON file"):
        load_pages(folder)


def test_peer_lacking_pages_is_counted(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"half": {"p1": {"articleBody": "x"}}})
    assert load_peers(folder, ["p1", "p2"]) == {"half": 1}


# --------------------------------------------------------------------------- the gate

#: Every 6th page of the shared dev set (sorted by id): 16 pages, about a second.
GATE_STEP = 6
#: Measured on this subset (trafilatura 2.3.1): F1 0.972, P 0.963, R 0.981. Floors below it.
GATE_FLOORS = {"f1": 0.965, "precision": 0.950, "recall": 0.970}


def test_quality_gate_on_shared_pages(eval_dir: Path) -> None:
    folder = eval_dir / "extraction"
    if not (folder / "ground-truth.json").is_file():
        pytest.skip(f"{folder} has no ground-truth.json: the scrapinghub pages are absent")
    pages = load_pages(folder)[::GATE_STEP]
    measured = run(pages, lambda page: extract_html(page.html, page.url).text).scores
    got = {"f1": measured.f1, "precision": measured.precision, "recall": measured.recall}
    below = {k: round(v, 4) for k, v in got.items() if v < GATE_FLOORS[k]}
    assert not below, f"extraction quality fell below the pinned floors {GATE_FLOORS}: {below}"
