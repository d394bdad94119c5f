"""Shingle precision / recall / F1 of extracted text, as the scrapinghub benchmark defines it.

The definition follows ``evaluate.py`` of github.com/scrapinghub/article-extraction-benchmark
(MIT licence), re-implemented here:

- tokens are the ``\\w+`` runs of the text (case kept, Unicode word characters);
- a page's shingles are the multiset of its runs of 4 consecutive tokens; a text with fewer
  than 4 tokens has one shingle made of all its tokens, an empty text has none;
- per page, TP/FP/FN count the shingles shared / only predicted / only true (multiset
  minimum and differences), then are divided by TP+FP+FN so every page weighs the same;
- page precision is 1 when FP = FN = 0 (also when both texts are empty), 0 when TP = FP = 0,
  else TP/(TP+FP); recall likewise with FN;
- precision is averaged over the pages with a non-empty prediction (TP+FP > 0), recall over
  the pages with a non-empty truth (TP+FN > 0), and F1 = 2PR/(P+R) of those two averages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["PageCounts", "Scores", "page_counts", "scores", "shingles", "tokens"]

SHINGLE_SIZE = 4
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PageCounts:
    """Shingle TP/FP/FN of one page, normalised to sum to 1 (all 0 when both are empty)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


@dataclass(frozen=True)
class Scores:
    """Averages over pages, as the benchmark reports them."""

    f1: float
    precision: float
    recall: float
    pages: int


def tokens(text: str) -> list[str]:
    return _WORD.findall(text)


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token runs; a shorter non-empty text is one shingle."""
    words = tokens(text)
    if not words:
        return Counter()
    if len(words) <= size:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def page_counts(true: str, pred: str, size: int = SHINGLE_SIZE) -> PageCounts:
    """Normalised shingle TP/FP/FN of one predicted text against its true text."""
    t, p = shingles(true, size), shingles(pred, size)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    if total > 0:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageCounts(tp, fp, fn)


def scores(pages: Iterable[PageCounts]) -> Scores:
    """Benchmark averages: P over non-empty predictions, R over non-empty truths, F1 of both."""
    counts = list(pages)
    if not counts:
        raise ValueError("no pages to score")
    ps = [c.precision for c in counts if c.tp + c.fp > 0]
    rs = [c.recall for c in counts if c.tp + c.fn > 0]
    precision = sum(ps) / len(ps) if ps else 0.0
    recall = sum(rs) / len(rs) if rs else 0.0
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return Scores(f1=f1, precision=precision, recall=recall, pages=len(counts))
