"""Grouping articles into stories (one real-world event each).

For now every batch is one story: the articles handed to `analyze` are taken to report
one event. The multi-story clusterer (batch and incremental) replaces ``group`` without
changing its signature.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from triangulate.model import Article, Story


def group(articles: Sequence[Article]) -> list[Story]:
    """Group articles into stories. Deterministic: same articles, same stories and ids."""
    if not articles:
        return []
    ordered = sorted(articles, key=_sort_key)
    ids = tuple(a.id for a in ordered)
    dates = [a.published for a in ordered if a.published is not None]
    story_id = hashlib.sha256("\n".join(sorted(ids)).encode()).hexdigest()[:12]
    return [
        Story(
            id=story_id,
            title=representative_title(ordered),
            article_ids=ids,
            start=min(dates) if dates else None,
            end=max(dates) if dates else None,
        )
    ]


def representative_title(articles: Sequence[Article]) -> str:
    """The headline sharing most words with the others (ties: the earliest in order)."""
    titles = [a.title for a in articles if a.title]
    if not titles:
        return "(untitled)"
    words = [set(t.lower().split()) for t in titles]

    def centrality(i: int) -> float:
        return sum(len(words[i] & w) / (len(words[i] | w) or 1) for j, w in enumerate(words) if j != i)

    best = max(range(len(titles)), key=lambda i: (centrality(i), -i))
    return titles[best]


def _sort_key(a: Article) -> tuple[str, str]:
    return (a.published.isoformat() if a.published else "", a.source)
