"""The values the claims stage passes on: a figure (``Quantity``) and the interval it admits.

Interval(low, high, low_inclusive, high_inclusive)   None = unbounded on that side
Quantity                                             one figure, with its evidence
interval_for(value, value_to, qualifier, kind)       the hedge -> interval table
"""

from __future__ import annotations

from dataclasses import dataclass

Change = str  # one of "=", "~", ">", "<", "up", "down"


@dataclass(frozen=True)
class Interval:
    """The values a figure admits; ``None`` is unbounded on that side."""

    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True

    def overlaps(self, other: Interval) -> bool:
        """True when some value lies in both intervals."""
        lo, lo_inc = _max_bound(self, other)
        hi, hi_inc = _min_bound(self, other)
        if lo is None or hi is None:
            return True
        if lo < hi:
            return True
        return lo == hi and lo_inc and hi_inc

    def __str__(self) -> str:
        left = "[" if self.low_inclusive else "("
        right = "]" if self.high_inclusive else ")"
        lo = "-inf" if self.low is None else _fmt(self.low)
        hi = "inf" if self.high is None else _fmt(self.high)
        return f"{left}{lo}, {hi}{right}"


def _max_bound(a: Interval, b: Interval) -> tuple[float | None, bool]:
    if a.low is None:
        return b.low, b.low_inclusive
    if b.low is None or a.low > b.low:
        return a.low, a.low_inclusive
    if b.low > a.low:
        return b.low, b.low_inclusive
    return a.low, a.low_inclusive and b.low_inclusive


def _min_bound(a: Interval, b: Interval) -> tuple[float | None, bool]:
    if a.high is None:
        return b.high, b.high_inclusive
    if b.high is None or a.high < b.high:
        return a.high, a.high_inclusive
    if b.high < a.high:
        return b.high, b.high_inclusive
    return a.high, a.high_inclusive and b.high_inclusive


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.4g}"


@dataclass(frozen=True)
class Quantity:
    """One figure an article states. ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    counted: str
    change: Change
    qualifier: str
    interval: Interval
    kind: str = "count"
    value_to: float | None = None
    unit_text: str = ""
    scope: str | None = None
    time: str | None = None
    asserted_by: str = "outlet"
    sentence: int = -1
    article_id: str = ""

    @property
    def is_range(self) -> bool:
        return self.value_to is not None


def interval_for(value: float, value_to: float | None, qualifier: str, kind: str) -> Interval:
    """The interval a figure admits, from its hedge (see the table in docs/claims.md)."""
    if value_to is not None:
        lo, hi = sorted((value, value_to))
        if qualifier == "about":
            return Interval(lo * 0.9, hi * 1.1)
        return Interval(lo, hi)
    v = value
    if kind == "vague":
        return Interval(v, None)
    if qualifier == "about":
        a, b = sorted((0.9 * v, 1.1 * v))
        return Interval(a, b)
    if qualifier == "nearly":
        a, b = sorted((0.9 * v, v))
        return Interval(a, b)
    if qualifier == "more than":
        return Interval(v, None, low_inclusive=False)
    if qualifier == "at least":
        return Interval(v, None)
    if qualifier == "up to":
        return Interval(0.0 if v >= 0 else None, v)
    if qualifier == "less than":
        return Interval(0.0 if v >= 0 else None, v, high_inclusive=False)
    return Interval(v, v)
