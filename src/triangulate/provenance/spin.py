"""Traces of machine rewording ("spinning") in one article, without the original.

Article spinners replace words with synonyms and rebuild sentences; quotation marks and
attributions suffer on the way. Three signals, each a rate:

    broken_quotes        quotation marks in impossible places: a paragraph that opens with a
                         closing mark or ends on an opening one, a closing mark before any
                         opening one, an empty pair, an odd number of straight quotes
                         (rate: per paragraph that has quotation marks)
    attribution_outside  attribution moved out of the quotes: first-person statements
                         ("We need to see ...") outside quotation marks, and bare
                         "Smith stated." sentences (rate: per sentence)
    synonym_verbs        improbable synonyms for "said" ("stated", "mentioned", "remarked",
                         "expressed", "asserted", "declared") where news writing says "said"
                         (rate: share of speech verbs)

Calibration: for each signal, p = share of reference news articles (PolNeAR, 924 political
news articles with intact quotation marks; giveme5w1h, 192 news pages) with a rate at
least as high. The combined statistic is sum(-log10 p) over the signals, and ``score`` is
the share of reference articles whose combined statistic is lower. It reads "more unusual
than N% of ordinary news articles": evidence, never a verdict. The reference numbers are in
``triangulate/data/spin_reference.json``, rebuilt by ``bench/build_spin_reference.py``.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from triangulate.errors import ModelError
from triangulate.model import Article
from triangulate.provenance.results import SpinReport, SpinSignal

SIGNALS = ("broken_quotes", "attribution_outside", "synonym_verbs")
REFERENCE_FILE = "spin_reference.json"
MAX_EXAMPLES = 3

_PARA = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+[”\"’]?|$)")
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"\n]*\"")
_FIRST_PERSON = re.compile(r"\b(?:I|We|we|our|Our|us|my|My|me)\b")
_BARE_ATTRIBUTION = re.compile(
    r"^\s*(?:[A-Z][\w.’'\-]+\s+){1,3}(?:said|stated|added|noted|explained|mentioned)\.\s*$"
)
_SAID = re.compile(r"\b(?:said|says|say|saying)\b")
_ODD_VERBS = re.compile(r"\b(?:stated|mentioned|remarked|expressed|asserted|declared)\b")
_HANDLE = re.compile(r"@\w+|—\s*[A-Z][\w ]+\(@")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARA.finditer(text) if m.group(0).strip()]


def broken_quotes(text: str) -> tuple[int, int, list[tuple[int, int]]]:
    """(anomalies, paragraphs with quotation marks, where)."""
    anomalies = 0
    quoted_paragraphs = 0
    where: list[tuple[int, int]] = []
    for start, end in _paragraphs(text):
        p = text[start:end].strip()
        marks = [c for c in p if c in "“”\""]
        if not marks:
            continue
        quoted_paragraphs += 1
        bad = 0
        if p.startswith("”"):
            bad += 1
        if p.endswith("“"):
            bad += 1
        curly = [c for c in marks if c != '"']
        if curly and curly[0] == "”":
            bad += 0 if p.startswith("”") else 1
        bad += len(re.findall(r"“\s*”|”\s*“(?=\s*$)", p))
        if p.count('"') % 2:
            bad += 1
        if bad:
            anomalies += bad
            where.append((start, end))
    return anomalies, quoted_paragraphs, where


def attribution_outside(text: str) -> tuple[int, int, list[tuple[int, int]]]:
    """(sentences with attribution moved out of quotes, sentences, where)."""
    hits = 0
    total = 0
    where: list[tuple[int, int]] = []
    for start, end in _paragraphs(text):
        para = text[start:end]
        if _HANDLE.search(para):
            continue  # an embedded post, not the article's own prose
        for m in _SENT.finditer(para):
            sentence = m.group(0)
            if len(sentence.split()) < 2:
                continue
            total += 1
            outside = _QUOTED.sub(" ", sentence)
            if "“" in outside or "”" in outside:
                continue  # inside a quotation spanning sentences
            if _FIRST_PERSON.search(outside) or _BARE_ATTRIBUTION.match(sentence):
                hits += 1
                where.append((start + m.start(), start + m.end()))
    return hits, total, where


def synonym_verbs(text: str) -> tuple[int, int, list[tuple[int, int]]]:
    """(improbable speech verbs, all speech verbs, where)."""
    outside = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    odd = list(_ODD_VERBS.finditer(outside))
    said = len(_SAID.findall(outside))
    return len(odd), len(odd) + said, [(m.start(), m.end()) for m in odd]


def raw_signals(text: str) -> dict[str, tuple[int, float, list[tuple[int, int]]]]:
    """Each signal's (count, rate, where) for a text."""
    out: dict[str, tuple[int, float, list[tuple[int, int]]]] = {}
    for name, fn, floor in (
        ("broken_quotes", broken_quotes, 3),
        ("attribution_outside", attribution_outside, 10),
        ("synonym_verbs", synonym_verbs, 5),
    ):
        count, base, where = fn(text)
        # a floor on the denominator keeps one odd mark in a short text from looking huge
        out[name] = (count, count / max(base, floor), where)
    return out


class Reference:
    """Per-signal rates and combined statistics of the reference news articles (sorted)."""

    def __init__(self, rates: dict[str, list[float]], statistics: list[float], size: int) -> None:
        missing = [s for s in SIGNALS if s not in rates]
        if missing:
            raise ModelError(f"spin reference lacks signals: {', '.join(missing)}")
        self.rates = {k: sorted(v) for k, v in rates.items()}
        self.statistics = sorted(statistics)
        self.size = size

    def p_value(self, signal: str, rate: float) -> float:
        values = self.rates[signal]
        at_least = len(values) - bisect.bisect_left(values, rate - 1e-12)
        return (1 + at_least) / (1 + len(values))

    def statistic(self, rates: dict[str, float]) -> float:
        return sum(-math.log10(self.p_value(s, rates[s])) for s in SIGNALS)

    def score(self, statistic: float) -> float:
        """Share of reference articles with a lower combined statistic."""
        return bisect.bisect_left(self.statistics, statistic - 1e-12) / max(len(self.statistics), 1)

    @classmethod
    def build(cls, texts: Iterable[str]) -> Reference:
        rates: dict[str, list[float]] = {s: [] for s in SIGNALS}
        per_text: list[dict[str, float]] = []
        for text in texts:
            raw = raw_signals(text)
            r = {s: raw[s][1] for s in SIGNALS}
            per_text.append(r)
            for s in SIGNALS:
                rates[s].append(r[s])
        ref = cls(rates, [], len(per_text))
        ref.statistics = sorted(ref.statistic(r) for r in per_text)
        return ref

    def to_json(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "rates": {k: [round(v, 5) for v in vals] for k, vals in self.rates.items()},
            "statistics": [round(v, 5) for v in self.statistics],
        }


@lru_cache(maxsize=1)
def packaged_reference() -> Reference:
    try:
        text = resources.files("triangulate").joinpath("data", REFERENCE_FILE).read_text("utf-8")
        data = json.loads(text)
        return Reference(data["rates"], data["statistics"], int(data["size"]))
    except (OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ModelError(f"triangulate/data/{REFERENCE_FILE} cannot be read: {exc}") from exc


def spin_report(article: Article, reference: Reference | None = None) -> SpinReport:
    """The rewording evidence of one article, scored against ordinary news."""
    ref = reference or packaged_reference()
    raw = raw_signals(article.text)
    rates = {s: raw[s][1] for s in SIGNALS}
    stat = ref.statistic(rates)
    signals = tuple(
        SpinSignal(
            name=s,
            count=raw[s][0],
            rate=round(raw[s][1], 4),
            examples=tuple(article.text[a:b].strip()[:160] for a, b in raw[s][2][:MAX_EXAMPLES]),
            where=tuple(raw[s][2]),
        )
        for s in SIGNALS
    )
    return SpinReport(
        article_id=article.id,
        score=round(ref.score(stat), 4),
        statistic=round(stat, 4),
        reference_size=ref.size,
        signals=signals,
    )


def spin_reports(articles: Sequence[Article], reference: Reference | None = None) -> tuple[SpinReport, ...]:
    return tuple(spin_report(a, reference) for a in articles)
