"""A story's timeline, and dates that sources give differently for the same event.

    timeline(mentions, articles)                      -> list[TimelineEntry]
    compare_dates(mentions, articles, families=None)  -> list[DateGroup]

``compare_dates`` pairs day-level mentions from different articles that date the same
event: their clauses share at least ``MIN_SHARED_WORDS`` content words and half of them
(Jaccard >= ``MIN_JACCARD``), e.g. "drills scheduled to end on 20 February" and "drills
due to end on 20 January". A group whose dates coincide is ``agree``, overlapping
intervals ("last week" and "on February 26") are ``consistent``, disjoint ones ``differ``,
with each date's articles and independent origins. The test is deliberately strict: two
dates are only compared when their words clearly describe one event.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from triangulate.claims.dates import MONTHS, WEEKDAYS, DateMention, is_post_signature
from triangulate.claims.lexicon import STOPWORDS
from triangulate.model import Article

#: content words two clauses must share to be read as dating the same event
MIN_SHARED_WORDS = 2
MIN_JACCARD = 0.5
_CLAUSE_SPLIT = re.compile(
    r"[,;:()\"“”—]|\b(?:and|while|but|after|before|that|when|where|which|as|because|until)\b"
)
_DATE_WORDS = frozenset(
    [*WEEKDAYS, *MONTHS, "morning", "afternoon", "evening", "night", "tonight", "today",
     "yesterday", "tomorrow", "week", "month", "year", "weekend", "early", "late", "mid",
     "middle", "end", "beginning", "start", "said", "says", "told", "according", "also",
     "would", "could", "will", "shortly", "p.m", "a.m"]
)  # fmt: skip


@dataclass(frozen=True)
class TimelineEntry:
    """One dated point of the story: the day or interval, and who dates what to it."""

    resolved: str
    first: date
    last: date
    mentions: tuple[DateMention, ...]
    events: tuple[str, ...]
    sources: tuple[str, ...]


def timeline(
    mentions: Iterable[DateMention], articles: Mapping[str, Article] | None = None
) -> list[TimelineEntry]:
    """Dated mentions of a story grouped by the day or interval they name, in date order.

    ``events`` are the sentences the mentions sit in (the event dated; an embedded post's
    signature line dates the post but is no event), ``sources`` the outlets (or article
    ids) that give each date.
    """
    groups: dict[str, list[DateMention]] = defaultdict(list)
    for d in mentions:
        groups[d.resolved].append(d)
    out = []
    for resolved, items in groups.items():
        items.sort(key=lambda d: (d.article_id, d.start))
        events: list[str] = []
        sources: list[str] = []
        for d in items:
            art = (articles or {}).get(d.article_id)
            if art is not None and 0 <= d.sentence < len(art.sentences):
                sentence = art.sentences[d.sentence].text
                if sentence not in events and not is_post_signature(sentence):
                    events.append(sentence)
            source = (art.outlet or art.source) if art is not None else d.article_id
            if source not in sources:
                sources.append(source)
        out.append(
            TimelineEntry(
                resolved, items[0].first, items[0].last, tuple(items), tuple(events), tuple(sources)
            )
        )
    out.sort(key=lambda e: (e.first, e.last, e.resolved))
    return out


@dataclass(frozen=True)
class DateSide:
    """One date given for an event, and who gives it."""

    resolved: str
    mentions: tuple[DateMention, ...]
    articles: tuple[str, ...]
    independent_origins: int


@dataclass(frozen=True)
class DateGroup:
    """Mentions in different articles that date the same event."""

    verdict: str  # "agree" | "consistent" | "differ"
    event: str
    mentions: tuple[DateMention, ...]
    reason: str
    sides: tuple[DateSide, ...] = ()


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def _event_words(mention: DateMention, sentence: str, offset: int) -> frozenset[str]:
    """Content words of the clause a mention sits in, without the date's own words."""
    local_start = mention.start - offset
    local_end = mention.end - offset
    left = _CLAUSE_SPLIT.split(sentence[:local_start])[-1]
    right = _CLAUSE_SPLIT.split(sentence[local_end:])[0]
    words = re.findall(r"[A-Za-z][A-Za-z'’-]+", f"{left} {right}")
    return frozenset(
        _stem(w) for w in words if w.lower() not in STOPWORDS and w.lower() not in _DATE_WORDS
    )


def compare_dates(
    mentions: Iterable[DateMention],
    articles: Mapping[str, Article],
    families: Mapping[str, str] | None = None,
) -> list[DateGroup]:
    """Dates of the same event across articles, with a verdict (see module docstring)."""
    items: list[tuple[DateMention, frozenset[str]]] = []
    for m in mentions:
        art = articles.get(m.article_id)
        if art is None or not m.is_day or not 0 <= m.sentence < len(art.sentences):
            continue
        sentence = art.sentences[m.sentence]
        words = _event_words(m, sentence.text, sentence.start)
        if len(words) >= MIN_SHARED_WORDS:
            items.append((m, words))
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (a, wa) in enumerate(items):
        for j in range(i + 1, len(items)):
            b, wb = items[j]
            if a.article_id == b.article_id:
                continue
            shared = wa & wb
            if len(shared) >= MIN_SHARED_WORDS and len(shared) / len(wa | wb) >= MIN_JACCARD:
                parent[find(i)] = find(j)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        clusters[find(i)].append(i)
    out = []
    for members in clusters.values():
        ms = [items[i][0] for i in members]
        if len({m.article_id for m in ms}) < 2:
            continue
        common = frozenset.intersection(*(items[i][1] for i in members))
        event = " ".join(sorted(common)) or " ".join(sorted(items[members[0]][1]))
        out.append(_date_verdict(ms, event, families))
    order = {"differ": 0, "consistent": 1, "agree": 2}
    out.sort(key=lambda g: (order[g.verdict], g.event))
    return out


def _date_verdict(
    ms: Sequence[DateMention], event: str, families: Mapping[str, str] | None
) -> DateGroup:
    ms = sorted(ms, key=lambda m: (m.first, m.article_id, m.start))
    if len({(m.first, m.last) for m in ms}) == 1:
        return DateGroup("agree", event, tuple(ms), f"every source dates it {ms[0].resolved}")
    latest_first = max(m.first for m in ms)
    earliest_last = min(m.last for m in ms)
    if latest_first <= earliest_last:
        return DateGroup(
            "consistent",
            event,
            tuple(ms),
            "the dates given overlap: " + ", ".join(sorted({m.resolved for m in ms})),
        )
    by_date: dict[str, list[DateMention]] = defaultdict(list)
    for m in ms:
        by_date[m.resolved].append(m)
    sides = []
    for resolved, group in sorted(by_date.items()):
        arts = tuple(sorted({m.article_id for m in group}))
        origins = len({(families or {}).get(a, a) for a in arts})
        sides.append(DateSide(resolved, tuple(group), arts, origins))
    reason = " vs ".join(
        f"{s.resolved} ({len(s.articles)} article(s), {s.independent_origins} origin(s))"
        for s in sides
    )
    return DateGroup(
        "differ", event, tuple(ms), f"different dates for one event: {reason}", tuple(sides)
    )
