"""Stories kept in the SQLite store, assigned incrementally.

``assign_new(store)`` gives every stored article that is not in a story yet a story
(joining a stored one or starting a new one), consolidates the stories it touched, and
writes the result back in one transaction. Stored stories are not re-clustered: the
clusterer's state is rebuilt from the stored features and assignments.

Tables (created with ``SqliteStore.execute_schema``, prefixed ``stories_``):

    stories_article  article_id -> story_id, the features used (terms, time, MinHash)
    stories_story    id, title, time span, size, creation order
    stories_merge    absorbed story id -> surviving story id (old ids keep resolving)
    stories_split    story id -> id of the story split off it
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import numpy as np

from triangulate.errors import StoreError
from triangulate.model import Article, Story
from triangulate.stories import to_stories
from triangulate.stories.clusterer import Assignment, StoryClusterer
from triangulate.stories.consolidate import Consolidation, consolidate
from triangulate.stories.features import ArticleFeatures, extract
from triangulate.stories.settings import DEFAULT, StoriesConfig

DDL = """
CREATE TABLE IF NOT EXISTS stories_article (
    article_id TEXT PRIMARY KEY,
    story_id   TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    time       REAL,
    title      TEXT NOT NULL,
    terms      TEXT NOT NULL,
    minhash    BLOB,
    exact      TEXT NOT NULL,
    dup_of     TEXT,
    reason     TEXT NOT NULL,
    score      REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_article_story ON stories_article (story_id);
CREATE TABLE IF NOT EXISTS stories_story (
    id      TEXT PRIMARY KEY,
    seq     INTEGER NOT NULL,
    title   TEXT NOT NULL,
    start   TEXT,
    "end"   TEXT,
    size    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS stories_merge (
    absorbed   TEXT PRIMARY KEY,
    into_id    TEXT NOT NULL,
    similarity REAL NOT NULL,
    at         TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS stories_split (
    from_id TEXT NOT NULL,
    new_id  TEXT NOT NULL,
    at      TEXT NOT NULL
);
"""


class StoryStore(Protocol):
    """What ``assign_new`` needs of the store (``SqliteStore`` provides it)."""

    def execute_schema(self, ddl: str) -> None: ...

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

    @property
    def connection(self) -> sqlite3.Connection: ...

    def articles(self) -> Iterator[Article]: ...


@dataclass(frozen=True)
class AssignResult:
    """What one incremental run did, and the stories afterwards."""

    assignments: tuple[Assignment, ...]
    consolidation: Consolidation
    stories: tuple[Story, ...]


def ensure_schema(store: StoryStore) -> None:
    if not hasattr(store, "execute_schema"):
        raise StoreError(f"{store!r}: this store cannot keep story tables (no execute_schema)")
    store.execute_schema(DDL)


def load(store: StoryStore, config: StoriesConfig = DEFAULT) -> StoryClusterer:
    """The clusterer with every stored assignment restored."""
    conn = store.connection
    seqs = dict(conn.execute("SELECT id, seq FROM stories_story").fetchall())
    stored = []
    for aid, sid, time, title, terms, minhash, exact, dup_of in conn.execute(
        "SELECT article_id, story_id, time, title, terms, minhash, exact, dup_of "
        "FROM stories_article ORDER BY seq"
    ):
        feats = ArticleFeatures(
            id=aid,
            title=title,
            time=time,
            terms=json.loads(terms),
            entities=frozenset(),
            minhash=np.frombuffer(minhash, dtype=np.uint32) if minhash is not None else None,
            exact=exact,
        )
        stored.append((feats, sid, int(seqs.get(sid, 0)), dup_of))
    retired = [r[0] for r in conn.execute("SELECT absorbed FROM stories_merge")]
    clusterer = StoryClusterer(config)
    clusterer.restore(stored, retired)
    return clusterer


def assign_new(store: StoryStore, config: StoriesConfig = DEFAULT) -> AssignResult:
    """Assign stored articles not yet in a story; consolidate; write back (one transaction)."""
    ensure_schema(store)
    clusterer = load(store, config)
    before = {aid: d.story for aid, d in clusterer._docs.items()}
    fresh = _unassigned(store, before.keys())
    feats = [extract(a, config.body_chars) for a in fresh]
    clusterer.observe(feats)
    order = sorted(range(len(feats)), key=lambda i: (feats[i].time is None, feats[i].time or 0.0, feats[i].id))
    assignments = [clusterer.add(feats[i]) for i in order]
    merges_before, splits_before = len(clusterer.merges), len(clusterer.splits)
    result = consolidate(clusterer)
    by_id = {f.id: f for f in feats}
    reasons = {a.article_id: a for a in assignments}
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    stories = to_stories(clusterer)
    with store.transaction():
        conn = store.connection
        for aid, doc in clusterer._docs.items():
            if aid in by_id:
                f = by_id[aid]
                a = reasons[aid]
                conn.execute(
                    "INSERT INTO stories_article (article_id, story_id, seq, time, title, terms, "
                    "minhash, exact, dup_of, reason, score) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (aid, doc.story, doc.seq, f.time, f.title,
                     json.dumps(dict(sorted(f.terms.items())), separators=(",", ":")),
                     f.minhash.astype(np.uint32).tobytes() if f.minhash is not None else None,
                     f.exact, clusterer.duplicate_of(aid), a.reason, a.score),
                )
            elif before.get(aid) != doc.story:
                conn.execute("UPDATE stories_article SET story_id = ? WHERE article_id = ?",
                             (doc.story, aid))
        conn.execute("DELETE FROM stories_story")
        for s in stories:
            conn.execute(
                'INSERT INTO stories_story (id, seq, title, start, "end", size) VALUES (?,?,?,?,?,?)',
                (s.id, clusterer._stories[s.id].seq, s.title,
                 s.start.isoformat() if s.start else None,
                 s.end.isoformat() if s.end else None, len(s.article_ids)),
            )
        for m in clusterer.merges[merges_before:]:
            conn.execute("INSERT OR REPLACE INTO stories_merge VALUES (?,?,?,?)",
                         (m.absorbed, m.into, m.similarity, stamp))
        for old, new in clusterer.splits[splits_before:]:
            conn.execute("INSERT INTO stories_split VALUES (?,?,?)", (old, new, stamp))
    return AssignResult(tuple(assignments), result, tuple(stories))


def _unassigned(store: StoryStore, assigned: Collection[str]) -> list[Article]:
    """Stored articles not in a story yet; only those are loaded when the store can say."""
    getter = getattr(store, "article", None)
    try:
        rows = store.connection.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM stories_article) "
            "ORDER BY rowid"
        ).fetchall()
    except sqlite3.Error:
        rows = None
    if rows is None or getter is None:
        return [a for a in store.articles() if a.id not in assigned]
    found = [getter(r[0]) for r in rows]
    return [a for a in found if a is not None]


def resolve(store: StoryStore, story_id: str) -> str:
    """The current id of a story id a reader kept, following recorded merges."""
    ensure_schema(store)
    into = dict(store.connection.execute("SELECT absorbed, into_id FROM stories_merge").fetchall())
    seen = set()
    while story_id in into and story_id not in seen:
        seen.add(story_id)
        story_id = into[story_id]
    return story_id
