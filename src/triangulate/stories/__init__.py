"""Grouping articles into stories (one real-world event each), batch and incremental.

    >>> from triangulate import stories
    >>> stories.group(articles)              # batch: a list of Story values

Batch and incremental use the same online clusterer (``clusterer.StoryClusterer``): in
batch, the articles are added in published order and the result is consolidated once;
incrementally (``triangulate stories --db FILE``, ``persist.assign_new``) new articles
join the stored stories and consolidation runs over the stories they touched.

Modules: ``features`` (what an article offers: weighted title/lead terms, entities,
numbers, time, MinHash), ``clusterer`` (online assignment with bounded candidate search),
``consolidate`` (move / merge / split), ``embed`` (optional sentence embeddings),
``persist`` (story tables in the SQLite store), ``settings`` (every threshold).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Collection, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from functools import partial

import numpy as np

from triangulate.embed import Embedder
from triangulate.model import Article, Story
from triangulate.stories.clusterer import Assignment, Encode, Merge, StoryClusterer
from triangulate.stories.consolidate import STEPS, Consolidation, consolidate
from triangulate.stories.embed import article_text, body_text
from triangulate.stories.features import ArticleFeatures, extract
from triangulate.stories.settings import DEFAULT, StoriesConfig

#: Batches at least this large extract features in worker processes.
PARALLEL_MIN = 2000
#: Most worker processes used for feature extraction.
MAX_WORKERS = 2


def group(
    articles: Sequence[Article],
    config: StoriesConfig = DEFAULT,
    embeddings: Sequence[np.ndarray | None] | None = None,
    embedder: Embedder | None = None,
    *,
    steps: Collection[str] = STEPS,
) -> list[Story]:
    """Group articles into stories. Deterministic: same articles, same stories and ids.

    ``embeddings`` (one unit vector per article, in the same order, or None for an
    article without one) turn on the embedding part of the similarity; without them the
    similarity is lexical.

    ``embedder`` turns on embeddings *on demand* (when ``embeddings`` is not given): only
    the thin articles - a body under ``config.thin_chars`` characters after the headline:
    headline-only items, pages whose text is boilerplate - are encoded (title + lead),
    in one batch, and each story such an article is compared with gets the embedding of
    its founder's headline. Full articles, where the words already decide, cost nothing.

    ``steps``: the consolidation steps run (all by default; see ``consolidate``).
    """
    if not articles:
        return []
    feats = extract_all(articles, config.body_chars)
    if embeddings is None and embedder is not None:
        return group_features(feats, config, thin_embeddings(articles, embedder, config),
                              represent=_encoder(embedder), steps=steps)
    return group_features(feats, config, embeddings, steps=steps)


def thin_embeddings(
    articles: Sequence[Article], embedder: Embedder, config: StoriesConfig = DEFAULT
) -> list[np.ndarray | None]:
    """Embeddings of the thin articles (see ``group``), None for the others."""
    thin = [i for i, a in enumerate(articles) if len(body_text(a).strip()) < config.thin_chars]
    out: list[np.ndarray | None] = [None] * len(articles)
    if thin:
        vectors = embedder.encode([article_text(articles[i]) for i in thin])
        for i, v in zip(thin, vectors, strict=True):
            out[i] = np.asarray(v, dtype=np.float32)
    return out


def _encoder(embedder: Embedder) -> Encode:
    def encode(texts: list[str]) -> list[np.ndarray]:
        return list(np.asarray(embedder.encode(texts), dtype=np.float32))

    return encode


def extract_all(
    articles: Sequence[Article], body_chars: int = DEFAULT.body_chars, workers: int | None = None
) -> list[ArticleFeatures]:
    """Features of many articles, in order; large batches use worker processes.

    ``workers`` defaults to the number of cores (at most ``MAX_WORKERS``); batches under
    ``PARALLEL_MIN`` articles, or a process that has loaded torch (forking it is unsafe),
    extract in this process. The result does not depend on the number of workers.
    """
    n = min(MAX_WORKERS, os.cpu_count() or 1) if workers is None else workers
    if n <= 1 or len(articles) < PARALLEL_MIN or "torch" in sys.modules or sys.platform != "linux":
        return [extract(a, body_chars) for a in articles]
    global _BATCH
    _BATCH = articles  # inherited by the forked workers (Article values do not pickle)
    try:
        ctx = multiprocessing.get_context("fork")
        step = 256
        with ProcessPoolExecutor(n, mp_context=ctx) as pool:
            parts = pool.map(partial(_extract_range, body_chars=body_chars),
                             range(0, len(articles), step), [step] * len(range(0, len(articles), step)))
            return [f for part in parts for f in part]
    finally:
        _BATCH = ()


_BATCH: Sequence[Article] = ()


def _extract_range(start: int, size: int, body_chars: int) -> list[ArticleFeatures]:
    return [extract(a, body_chars) for a in _BATCH[start : start + size]]


def group_features(
    feats: Sequence[ArticleFeatures],
    config: StoriesConfig = DEFAULT,
    embeddings: Sequence[np.ndarray | None] | None = None,
    represent: Encode | None = None,
    *,
    steps: Collection[str] = STEPS,
) -> list[Story]:
    """``group`` over already extracted features (``represent``: see ``StoryClusterer``)."""
    order = sorted(range(len(feats)), key=lambda i: _order_key(feats[i]))
    clusterer = StoryClusterer(config, represent)
    clusterer.observe(feats)
    for i in order:
        clusterer.add(feats[i], embeddings[i] if embeddings is not None else None)
    consolidate(clusterer, everything=True, steps=steps)
    return to_stories(clusterer)


def to_stories(clusterer: StoryClusterer) -> list[Story]:
    """The clusterer's stories as ``Story`` values, oldest story first."""
    out = []
    for s in sorted(clusterer._stories.values(), key=lambda s: s.seq):
        docs = sorted((clusterer._docs[m] for m in s.members),
                      key=lambda d: (d.time is None, d.time or 0.0, d.seq))
        titled = [d for d in docs if d.title]
        title = "(untitled)"
        if titled:
            best = max(titled, key=lambda d: (clusterer._lexical(d.vector, s), -d.seq))
            title = best.title
        out.append(
            Story(
                id=s.id,
                title=title,
                article_ids=tuple(d.id for d in docs),
                start=_datetime(s.start),
                end=_datetime(s.end),
            )
        )
    return out


def representative_title(articles: Sequence[Article]) -> str:
    """The headline sharing most words with the others (ties: the earliest in order)."""
    titles = [a.title for a in articles if a.title][:200]
    if not titles:
        return "(untitled)"
    words = [set(t.lower().split()) for t in titles]

    def centrality(i: int) -> float:
        return sum(len(words[i] & w) / (len(words[i] | w) or 1) for j, w in enumerate(words) if j != i)

    best = max(range(len(titles)), key=lambda i: (centrality(i), -i))
    return titles[best]


def _order_key(f: ArticleFeatures) -> tuple[bool, float, str]:
    return (f.time is None, f.time or 0.0, f.id)


def _datetime(ts: float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, tz=UTC)


__all__ = [
    "DEFAULT",
    "ArticleFeatures",
    "Assignment",
    "Consolidation",
    "Merge",
    "StoriesConfig",
    "StoryClusterer",
    "consolidate",
    "extract",
    "extract_all",
    "group",
    "group_features",
    "representative_title",
    "to_stories",
]
