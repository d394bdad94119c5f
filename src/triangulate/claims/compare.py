"""Figures across a story: which agree, which are consistent, which really differ.

    compare(quantities_by_article, families=None, origins=None) -> list[FigureGroup]

Figures are grouped when they measure the same thing: the same ``counted`` words (head
noun, what happened to it, how badly: "people injured seriously"), the same dimension
(km/h and mph are one dimension; values are converted), the same scope ("in Belarus")
and a time within ``TIME_WINDOW_DAYS`` of each other. A change ("rose 3%") is only
compared with changes. Each group with figures from at least two articles gets a verdict:

- ``agree``: every figure states the same value (after unit conversion, within 1 %);
- ``consistent``: the values differ but every figure's interval shares a point with all
  others ("more than 100,000" and "at least 130,000");
- ``differ``: no value fits every figure; ``sides`` say which articles (and speakers)
  give which value and how many independent origins stand behind each, when
  ``families`` (article id -> origin family id, from the provenance stage) is given;
  with ``origins`` (family id -> its origin article) a copy that gives the same value
  as its origin article is said by the origin's speaker (a reworded copy's "fireplace
  service" is the origin's "fire service", not a second speaker);
- ``different-things``: figures that share a number or a counted noun but were *not*
  compared, with the reason (different counted thing, scope, or time). These are never
  conflicts.

Groups are ordered conflicts first, then consistent, agree, different-things.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from triangulate.claims.lexicon import DEGREES, EVENTS
from triangulate.claims.types import Interval, Quantity

Verdict = str  # "agree" | "consistent" | "differ" | "different-things"
VERDICT_ORDER = {"differ": 0, "consistent": 1, "agree": 2, "different-things": 3}
#: figures dated further apart than this are about different moments
TIME_WINDOW_DAYS = 7
#: written conversions round ("87 mph (140 km/h)"): values this close count as equal
AGREE_TOLERANCE = 0.01

#: unit -> (dimension, factor to the dimension's base unit)
CONVERSIONS: dict[str, tuple[str, float]] = {
    "metre": ("length", 1.0), "kilometre": ("length", 1000.0), "centimetre": ("length", 0.01),
    "millimetre": ("length", 0.001), "mile": ("length", 1609.344), "yard": ("length", 0.9144),
    "foot": ("length", 0.3048), "inch": ("length", 0.0254), "nautical mile": ("length", 1852.0),
    "kilometre per hour": ("speed", 1.0), "mile per hour": ("speed", 1.609344),
    "metre per second": ("speed", 3.6), "knot": ("speed", 1.852),
    "kilogram": ("mass", 1.0), "gram": ("mass", 0.001), "metric ton": ("mass", 1000.0),
    "pound-mass": ("mass", 0.45359237), "ton": ("mass", 907.18474),
    "second": ("duration", 1.0), "minute": ("duration", 60.0), "hour": ("duration", 3600.0),
    "day": ("duration", 86400.0), "week": ("duration", 604800.0),
    "square metre": ("area", 1.0), "square kilometre": ("area", 1e6), "hectare": ("area", 1e4),
    "acre": ("area", 4046.8564224), "square mile": ("area", 2589988.110336),
    "square foot": ("area", 0.09290304),
    "celsius": ("temperature", 1.0),
}  # fmt: skip


@dataclass(frozen=True)
class Side:
    """One value in a ``differ`` group and who gives it."""

    value: str
    interval: Interval
    quantities: tuple[Quantity, ...]
    articles: tuple[str, ...]
    asserted_by: tuple[str, ...]
    independent_origins: int


@dataclass(frozen=True)
class FigureGroup:
    """Figures of one story that measure the same thing (or were deliberately not compared)."""

    verdict: Verdict
    counted: str
    unit: str
    scope: str | None
    quantities: tuple[Quantity, ...]
    reason: str
    sides: tuple[Side, ...] = ()

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({q.article_id for q in self.quantities}))


def _base(q: Quantity) -> tuple[str, float]:
    """(dimension, factor) of a quantity's unit; unknown units are their own dimension."""
    unit = q.unit
    if unit in CONVERSIONS:
        return CONVERSIONS[unit]
    if q.kind in ("count", "vague"):
        return "count", 1.0  # what is counted is in ``counted``
    return unit, 1.0


def _scaled(interval: Interval, factor: float) -> Interval:
    return Interval(
        None if interval.low is None else interval.low * factor,
        None if interval.high is None else interval.high * factor,
        interval.low_inclusive,
        interval.high_inclusive,
    )


def _change_class(q: Quantity) -> str:
    return "change" if q.change in ("up", "down") else "level"


Key = tuple[str, str, str, str, str, str]  # head, dimension, change class, degree, event, scope
_EVENT_WORDS = frozenset(EVENTS.values())
_DEGREE_WORDS = frozenset(DEGREES.values())


def _key(q: Quantity) -> Key:
    """What a figure measures, split into parts: the head noun, its dimension, change or
    level, how badly ("seriously"), what happened ("injured"), and where."""
    dimension, _ = _base(q)
    scope = (q.scope or "").lower().strip(" .,;:")
    words = q.counted.split()
    event = " ".join(w for w in words if w in _EVENT_WORDS)
    degree = " ".join(w for w in words if w in _DEGREE_WORDS)
    head = " ".join(w for w in words if w not in _EVENT_WORDS and w not in _DEGREE_WORDS)
    return (head, dimension, _change_class(q), degree, event, scope)


def _compatible(a: Key, b: Key) -> bool:
    """Same head, dimension, class and degree; event and scope equal or one unstated."""
    if a[:4] != b[:4]:
        return False
    return all(x == y or not x or not y for x, y in zip(a[4:], b[4:], strict=True))


def _more_specific(a: Key, b: Key) -> bool:
    """``a`` states everything ``b`` states, and more."""
    return (
        a != b
        and _compatible(a, b)
        and all(not y or x == y for x, y in zip(a[4:], b[4:], strict=True))
    )


def group_figures(quantities: Sequence[Quantity]) -> dict[Key, list[Quantity]]:
    """Figures by what they measure. A figure that leaves its event or place unstated
    ("more than 100,000 troops") joins the one fully stated group it fits ("130,000
    troops deployed around Ukraine"); when it fits several, it stays apart."""
    by_key: dict[Key, list[Quantity]] = defaultdict(list)
    for q in quantities:
        if not q.counted or q.kind == "multiple":
            continue
        by_key[_key(q)].append(q)
    keys = sorted(by_key)
    maximal = [k for k in keys if not any(_more_specific(o, k) for o in keys)]
    merged: dict[Key, list[Quantity]] = defaultdict(list)
    for k in keys:
        targets = [m for m in maximal if m == k or _more_specific(m, k)]
        merged[targets[0] if len(targets) == 1 else k].extend(by_key[k])
    return merged


def _label(q: Quantity) -> str:
    """The figure as a reader would say it: "at least 47", "58 metre", "nearly 20 percent"."""
    unit = "" if q.kind in ("count", "vague") else {"percentage": "%"}.get(q.unit, q.unit)
    if q.value_to is not None:
        return f"{_num(q.value)}-{_num(q.value_to)} {unit}".strip()
    hedge = "" if q.qualifier in ("exact", "range") else f"{q.qualifier} "
    return f"{hedge}{_num(q.value)} {unit}".strip()


def _num(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.6g}"


def _time(q: Quantity) -> date | None:
    if not q.time:
        return None
    try:
        return date.fromisoformat(q.time[:10])
    except ValueError:
        return None


def _split_by_time(items: list[Quantity]) -> list[list[Quantity]]:
    """Undated figures join every group; dated ones split where dates are far apart."""
    dated = sorted((q for q in items if _time(q) is not None), key=lambda q: _time(q) or date.min)
    undated = [q for q in items if _time(q) is None]
    if not dated:
        return [items]
    clusters: list[list[Quantity]] = [[dated[0]]]
    for q in dated[1:]:
        prev = _time(clusters[-1][-1])
        cur = _time(q)
        if prev is not None and cur is not None and (cur - prev).days > TIME_WINDOW_DAYS:
            clusters.append([q])
        else:
            clusters[-1].append(q)
    return [c + undated for c in clusters]


def _common_point(intervals: Sequence[Interval]) -> bool:
    lo: float | None = None
    lo_inc = True
    hi: float | None = None
    hi_inc = True
    for iv in intervals:
        if iv.low is not None and (
            lo is None or iv.low > lo or (iv.low == lo and not iv.low_inclusive)
        ):
            lo, lo_inc = iv.low, iv.low_inclusive
        if iv.high is not None and (
            hi is None or iv.high < hi or (iv.high == hi and not iv.high_inclusive)
        ):
            hi, hi_inc = iv.high, iv.high_inclusive
    if lo is None or hi is None:
        return True
    slack = AGREE_TOLERANCE * max(abs(lo), abs(hi)) / 2
    if lo < hi + slack:
        return lo < hi or (lo_inc and hi_inc) or slack > 0
    return False


def _all_equal(qs: Sequence[Quantity]) -> bool:
    """Every figure says the same: one hedge (or none), one value after conversion."""
    if len({(q.qualifier, q.value_to is None) for q in qs}) > 1:
        return False
    if qs[0].value_to is not None:
        return len({(_base(q)[1] * q.value, _base(q)[1] * (q.value_to or 0)) for q in qs}) == 1
    points = []
    for q in qs:
        _, factor = _base(q)
        points.append(q.value * factor)
    first = points[0]
    return all(abs(p - first) <= AGREE_TOLERANCE * max(abs(first), 1e-9) for p in points)


def _origins(articles: Sequence[str], families: Mapping[str, str] | None) -> int:
    if families is None:
        return len(set(articles))
    return len({families.get(a, a) for a in articles})


def _speakers(
    members: Sequence[Quantity],
    families: Mapping[str, str] | None,
    origins: Mapping[str, str] | None,
) -> tuple[str, ...]:
    """Who gives a side's value: each speaker once, a copy's rendering of its origin
    article's figure left to the origin's own speaker."""
    arts = {q.article_id for q in members}

    def copy_of_a_member(article_id: str) -> bool:
        origin = (origins or {}).get((families or {}).get(article_id, article_id))
        return origin is not None and origin != article_id and origin in arts

    return tuple(sorted({q.asserted_by for q in members if not copy_of_a_member(q.article_id)}))


def _sides(
    qs: Sequence[Quantity],
    families: Mapping[str, str] | None,
    origins: Mapping[str, str] | None = None,
) -> tuple[Side, ...]:
    by_value: dict[tuple[float | None, float | None, str], list[Quantity]] = defaultdict(list)
    for q in qs:
        _, factor = _base(q)
        iv = _scaled(q.interval, factor)
        by_value[(iv.low, iv.high, q.qualifier)].append(q)
    sides = []
    for members in by_value.values():
        arts = tuple(sorted({q.article_id for q in members}))
        who = _speakers(members, families, origins)
        _, factor = _base(members[0])
        sides.append(
            Side(
                value=_label(members[0]),
                interval=_scaled(members[0].interval, factor),
                quantities=tuple(members),
                articles=arts,
                asserted_by=who,
                independent_origins=_origins(arts, families),
            )
        )
    sides.sort(key=lambda s: (-s.independent_origins, -len(s.quantities), s.value))
    return tuple(sides)


def _verdict(qs: Sequence[Quantity]) -> tuple[Verdict, str]:
    labels = sorted({_label(q) for q in qs})
    if _all_equal(qs):
        return "agree", f"every figure states {labels[0]}"
    intervals = [_scaled(q.interval, _base(q)[1]) for q in qs]
    if _common_point(intervals):
        return "consistent", f"{', '.join(labels)}: the intervals share a value, not a conflict"
    return "differ", f"{' vs '.join(labels)}: no value fits every figure"


def compare(
    quantities_by_article: Mapping[str, Sequence[Quantity]],
    families: Mapping[str, str] | None = None,
    origins: Mapping[str, str] | None = None,
) -> list[FigureGroup]:
    """Group a story's figures and give each group a verdict (see module docstring)."""
    everything: list[Quantity] = []
    for article_id in sorted(quantities_by_article):
        for q in quantities_by_article[article_id]:
            if q.article_id != article_id:
                q = _with_article(q, article_id)
            everything.append(q)
    groups = group_figures(everything)
    out: list[FigureGroup] = []
    for key in sorted(groups):
        counted = " ".join(part for part in (key[0], key[4], key[3]) if part)
        for cluster in _split_by_time(groups[key]):
            if len({q.article_id for q in cluster}) < 2:
                continue
            verdict, reason = _verdict(cluster)
            sides = _sides(cluster, families, origins) if verdict == "differ" else ()
            if verdict == "differ":
                reason += "; " + "; ".join(
                    f"{s.value} from {len(s.articles)} article(s), "
                    f"{s.independent_origins} independent origin(s), said by {', '.join(s.asserted_by)}"
                    for s in sides
                )
            out.append(
                FigureGroup(
                    verdict, counted, cluster[0].unit, key[5] or None, tuple(cluster), reason, sides
                )
            )
    out.extend(_not_compared(everything, groups))
    out.sort(key=lambda g: (VERDICT_ORDER[g.verdict], g.counted, g.unit, g.reason))
    return out


def _with_article(q: Quantity, article_id: str) -> Quantity:
    from dataclasses import replace

    return replace(q, article_id=article_id)


def _not_compared(
    everything: Sequence[Quantity], groups: Mapping[Key, list[Quantity]]
) -> list[FigureGroup]:
    """Look-alikes that were deliberately kept apart, and why."""
    out: list[FigureGroup] = []
    seen: set[tuple[str, str]] = set()
    # the same number counting different things, in different articles
    by_number: dict[float, list[Quantity]] = defaultdict(list)
    for q in everything:
        if q.value_to is None and q.kind not in ("fraction", "multiple"):
            by_number[q.value].append(q)
    final = {id(q): key for key, members in groups.items() for q in members}
    for value, qs in sorted(by_number.items()):
        keys = {final.get(id(q), _key(q)) for q in qs}
        arts = {q.article_id for q in qs}
        if len(keys) < 2 or len(arts) < 2:
            continue
        if abs(value) < 10 and len({k[1] for k in keys}) > 1:
            continue  # small numbers of different kinds (2 bearings, 2 years) are no look-alikes
        described = sorted(
            {
                f"'{' '.join(p for p in (k[0], k[4], k[3]) if p) or 'a bare number'}'"
                + (f" in {k[5]}" if k[5] else "")
                + f" ({k[1] or 'no unit'})"
                for k in keys
            }
        )
        pair = (f"n:{value}", "|".join(sorted(str(k) for k in keys)))
        if pair in seen:
            continue
        seen.add(pair)
        out.append(
            FigureGroup(
                "different-things",
                " / ".join(sorted({q.counted for q in qs})),
                " / ".join(sorted({q.unit for q in qs})),
                None,
                tuple(qs),
                f"same number {_num(value)}, different things: {', '.join(described)}; not compared",
            )
        )
    # the same counted noun, kept apart by what happened to it, how badly, where, or
    # because one is a change and the other a level
    by_counted: dict[tuple[str, str], list[Key]] = defaultdict(list)
    for key in groups:
        by_counted[(key[0], key[1])].append(key)
    for (counted, _dimension), kept_apart in sorted(by_counted.items()):
        if len(kept_apart) < 2 or not counted:
            continue
        members = tuple(q for k in kept_apart for q in groups[k])
        if len({q.article_id for q in members}) < 2:
            continue
        why = []
        for index, what, blank in ((4, "event", "none stated"), (3, "degree", "none"),
                                   (5, "scope", "no named place")):  # fmt: skip
            values = sorted({k[index] or blank for k in kept_apart})
            if len(values) > 1:
                why.append(f"different {what} ({' vs '.join(values)})")
        if len({k[2] for k in kept_apart}) > 1:
            why.append("a change is not compared with a level")
        out.append(
            FigureGroup(
                "different-things",
                counted,
                members[0].unit,
                None,
                members,
                f"'{counted}': {'; '.join(why)}; not compared",
            )
        )
    return out
