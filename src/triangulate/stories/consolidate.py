"""Periodic consolidation of online story clusters: move, merge, split.

Single-pass clustering depends on arrival order: an article that arrived before its
story had formed may sit alone or in a neighbour. ``consolidate`` revisits the stories
changed since the last call (bounded work) and

1. **moves** an article to another story when it is clearly closer to that story's
   centroid than to its own (near-duplicates stay with their copies);
2. **merges** two stories whose centroids are as close as one story's members are (the
   survivor is the larger story, on ties the older; the merge is recorded, so an old id
   still resolves);
3. **splits** a story whose members fall into groups with low average-link similarity
   (the largest group keeps the id; near-duplicates are never separated).

4. **bursts**: a story whose published times form coverage bursts separated by long
   silences is cut there (``bursts.py``): a later burst is a new development. Merging
   works on topics, this step cuts a topic into developments; a part that is mostly a
   story merged away in the same run gets that story back (the merge is undone), so
   ids stay stable when an incremental run merges and cuts the same two bursts again.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix

from triangulate.stories.bursts import BurstRule, cut_points
from triangulate.stories.clusterer import (
    EMBEDDING_FLOOR,
    Merge,
    StoryClusterer,
    _Doc,
    _Story,
    embedding_part,
)

#: How much better (absolute similarity) another story must be before an article moves.
MOVE_MARGIN = 0.05
#: An article this close to its own story is not re-examined (bounds the work).
SETTLED = 0.5


@dataclass(frozen=True)
class Consolidation:
    """What one consolidation changed."""

    moved: int
    merges: tuple[Merge, ...]
    splits: tuple[tuple[str, str], ...]


#: The consolidation steps, in the order they run.
STEPS = ("move", "merge", "split", "burst")


def consolidate(
    c: StoryClusterer, everything: bool = False, steps: Collection[str] = STEPS
) -> Consolidation:
    """Revisit the stories changed since the last call (or all of them).

    ``steps`` (a subset of ``STEPS``) leaves steps out, to measure what each one does
    (``bench/stories_errors.py``); every caller in the package runs all of them.
    """
    unknown = set(steps) - set(STEPS)
    if unknown:
        raise ValueError(f"unknown consolidation steps: {', '.join(sorted(unknown))}")
    targets = sorted(c._stories if everything else c.changed & c._stories.keys(),
                     key=lambda sid: c._stories[sid].seq)
    moved = _move(c, targets) if "move" in steps else 0
    touched = sorted(set(targets) | c.changed, key=_seq_of(c))
    absorbed: dict[str, _Absorbed] = {}
    merges = _merge(c, touched, absorbed) if "merge" in steps else []
    live = sorted(set(touched) & c._stories.keys(), key=_seq_of(c))
    splits = _split(c, live) if "split" in steps else []
    if "burst" in steps:
        live = sorted((set(live) | c.changed) & c._stories.keys(), key=_seq_of(c))
        splits += _split_bursts(c, live, absorbed)
        merges = [m for m in merges if m.absorbed not in c._stories]
    c.changed.clear()
    return Consolidation(moved, tuple(merges), tuple(splits))


def _seq_of(c: StoryClusterer) -> Callable[[str], int]:
    return lambda sid: c._stories[sid].seq if sid in c._stories else -1


# ------------------------------------------------------------------------ helpers
def _duplicates(c: StoryClusterer) -> set[str]:
    linked = set(c._dup_root)
    linked.update(c._dup_root.values())
    return linked


def detach(c: StoryClusterer, doc: _Doc, story: _Story) -> None:
    """Take an article out of its story, keeping the centroid and time span exact."""
    story.members.remove(doc.id)
    cen = story.centroid
    for i, w in doc.pairs:
        if i in cen:
            v = cen[i] - w
            if v <= 1e-6:
                del cen[i]
            else:
                cen[i] = v
    story.norm = math.sqrt(sum(v * v for v in cen.values()))
    if doc.time is not None and doc.time in (story.start, story.end):
        times = [t for m in story.members if (t := c._docs[m].time) is not None]
        story.start, story.end = (min(times), max(times)) if times else (None, None)
    if doc.embedding is not None and story.embedding is not None:
        story.embedding = story.embedding - doc.embedding
    if not story.members:
        del c._stories[story.id]
        c._retired.add(story.id)
    c.changed.add(story.id)


def _similarity_without(c: StoryClusterer, doc: _Doc, story: _Story) -> float:
    """Similarity of a member to its own story with itself taken out."""
    if len(story.members) < 2:
        return 0.0
    dot = c._lexical(doc.vector, story) * story.norm
    rest = story.norm**2 - 2 * dot + float(np.dot(doc.weights, doc.weights))
    sim = (dot - 1.0) / math.sqrt(rest) if rest > 1e-9 else 0.0
    a = c.config.embedding_weight
    if a and doc.embedding is not None and story.embedding is not None:
        others = story.embedding - doc.embedding
        n = float(np.linalg.norm(others)) or 1.0
        sim = (1 - a) * sim + a * embedding_part(float(np.dot(doc.embedding, others)) / n)
    times = [t for m in story.members if m != doc.id and (t := c._docs[m].time) is not None]
    if times:
        sim *= c.time_factor(doc.time, min(times), max(times))
    return max(0.0, sim)


def _move(c: StoryClusterer, targets: list[str]) -> int:
    linked = _duplicates(c)
    moved = 0
    for sid in targets:
        story = c._stories.get(sid)
        if story is None:
            continue
        for aid in list(story.members):
            if aid in linked or story.id not in c._stories:
                continue
            doc = c._docs[aid]
            own = _similarity_without(c, doc, story)
            if own >= SETTLED:
                continue
            best, best_sim = None, -1.0
            vector = doc.vector
            for other in c.candidates(doc.ids, doc.weights, exclude=story.id):
                s = c.similarity(doc, other, vector)
                if s > best_sim:
                    best, best_sim = other, s
            if (
                best is not None
                and best_sim >= c.config.join_threshold
                and best_sim > own + MOVE_MARGIN
            ):
                detach(c, doc, story)
                c._attach(doc, best)
                moved += 1
    return moved


# ------------------------------------------------------------------------ merging
def _centroid_vector(story: _Story, terms: int) -> tuple[np.ndarray, np.ndarray]:
    top = sorted(story.centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:terms]
    ids = np.array([i for i, _ in top], dtype=np.int32)
    weights = np.array([w for _, w in top], dtype=np.float32)
    return ids, weights / (story.norm or 1.0)


def story_similarity(c: StoryClusterer, a: _Story, b: _Story) -> float:
    """Cosine of two story centroids (and embeddings) times the time factor of their spans."""
    small, large = (a, b) if len(a.centroid) <= len(b.centroid) else (b, a)
    dot = sum(v * large.centroid.get(i, 0.0) for i, v in small.centroid.items())
    sim = dot / ((a.norm * b.norm) or 1.0)
    w = c.config.embedding_weight
    if w and a.embedding is not None and b.embedding is not None:
        na = float(np.linalg.norm(a.embedding)) or 1.0
        nb = float(np.linalg.norm(b.embedding)) or 1.0
        sim = (1 - w) * sim + w * embedding_part(float(np.dot(a.embedding, b.embedding)) / (na * nb))
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return sim
    gap_start = max(a.start, b.start) if a.end >= b.start and b.end >= a.start else None
    if gap_start is not None:
        return sim
    t = b.start if b.start > a.end else b.end
    return sim * c.time_factor(t, a.start, a.end)


@dataclass(frozen=True)
class _Absorbed:
    """A story merged away in this consolidation: enough to revive it (see ``_revive``)."""

    id: str
    seq: int
    members: frozenset[str]


def _merge(c: StoryClusterer, targets: list[str], absorbed: dict[str, _Absorbed]) -> list[Merge]:
    """Merge each story with its most similar candidate above the merge threshold.

    Every story merged away is recorded in ``absorbed``.
    """
    merges: list[Merge] = []
    for sid in targets:
        story = c._stories.get(sid)
        if story is None:
            continue
        ids, weights = _centroid_vector(story, c.config.query_terms * 2)
        best, best_sim = None, -1.0
        for other in c.candidates(ids, weights, exclude=story.id):
            s = story_similarity(c, story, other)
            if s > best_sim:
                best, best_sim = other, s
        if best is None or best_sim < c.config.merge_threshold:
            continue
        survivor, gone = sorted(
            (story, best), key=lambda s: (-len(s.members), s.seq)
        )
        absorbed[gone.id] = _Absorbed(gone.id, gone.seq, frozenset(gone.members))
        merges.append(merge_into(c, gone, survivor, best_sim))
    return merges


def merge_into(c: StoryClusterer, absorbed: _Story, survivor: _Story, similarity: float) -> Merge:
    """Move every member of ``absorbed`` into ``survivor`` and record the merge."""
    for aid in list(absorbed.members):
        c._attach(c._docs[aid], survivor)
    del c._stories[absorbed.id]
    c._retired.add(absorbed.id)
    merge = Merge(absorbed.id, survivor.id, round(similarity, 4))
    c.merges.append(merge)
    c.changed.discard(absorbed.id)
    return merge


# ------------------------------------------------------------------------ splitting
def _member_similarity(c: StoryClusterer, docs: list[_Doc]) -> np.ndarray:
    rows, cols, vals = [], [], []
    for r, d in enumerate(docs):
        rows.extend([r] * len(d.ids))
        cols.extend(d.ids.tolist())
        vals.extend(d.weights.tolist())
    x = csr_matrix((vals, (rows, cols)), shape=(len(docs), len(c._df)), dtype=np.float64)
    sim = (x @ x.T).toarray()
    a = c.config.embedding_weight
    embs = [d.embedding for d in docs]
    if a and all(e is not None for e in embs):
        e = np.vstack(embs)  # type: ignore[arg-type]
        sim = (1 - a) * sim + a * np.clip((e @ e.T - EMBEDDING_FLOOR) / (1 - EMBEDDING_FLOOR), 0.0, 1.0)
    times = [d.time for d in docs]
    for i, ti in enumerate(times):
        for j in range(i + 1, len(docs)):
            f = c.time_factor(ti, times[j], times[j])
            if f != 1.0:
                sim[i, j] *= f
                sim[j, i] *= f
    return sim


def _split(c: StoryClusterer, targets: list[str]) -> list[tuple[str, str]]:
    splits: list[tuple[str, str]] = []
    for sid in targets:
        story = c._stories.get(sid)
        if story is None or not 3 <= len(story.members) <= c.config.max_split_size:
            continue
        docs = [c._docs[m] for m in story.members]
        sim = _member_similarity(c, docs)
        roots = [c._dup_root.get(d.id, d.id) for d in docs]
        for i in range(len(docs)):
            for j in range(i + 1, len(docs)):
                if roots[i] == roots[j]:
                    sim[i, j] = sim[j, i] = 1.0
        dist = 1.0 - np.clip(sim, 0.0, 1.0)
        condensed = dist[np.triu_indices(len(docs), k=1)]
        labels = fcluster(linkage(condensed, "average"), t=1.0 - c.config.split_threshold,
                          criterion="distance")
        if labels.max() == 1:
            continue
        groups: dict[int, list[_Doc]] = {}
        for label, d in zip(labels.tolist(), docs, strict=True):
            groups.setdefault(label, []).append(d)
        splits += split_off(c, story, list(groups.values()))
    return splits


def split_off(
    c: StoryClusterer,
    story: _Story,
    groups: list[list[_Doc]],
    revive: Callable[[list[_Doc]], _Story | None] | None = None,
    home: int | None = None,
) -> list[tuple[str, str]]:
    """Make every group but one a story of its own.

    The group ``groups[home]`` (by default the largest, on a tie the oldest) keeps the
    story's id. Each other part becomes the story ``revive`` gives it back (a merge of
    this consolidation undone: no split recorded), else a new story with the id of its
    founder, and the split is recorded (``c.splits``).
    """
    ordered = sorted(groups, key=lambda g: (-len(g), min(d.seq for d in g)))
    if home is not None:
        ordered = [groups[home], *(g for k, g in enumerate(groups) if k != home)]
    splits = []
    for group in ordered[1:]:
        new = revive(group) if revive is not None else None
        if new is None:
            founder = min(group, key=lambda d: d.seq)
            new = c._new_story(founder.id)
            splits.append((story.id, new.id))
            c.splits.append((story.id, new.id))
        for d in sorted(group, key=lambda d: d.seq):
            detach(c, d, story)
            c._attach(d, new)
    return splits


# ------------------------------------------------------------------------ bursts
def burst_rule(c: StoryClusterer) -> BurstRule:
    cfg = c.config
    return BurstRule(cfg.burst_min_size, cfg.burst_gap_ratio, cfg.burst_min_hours)


def _family(c: StoryClusterer, doc: _Doc) -> str:
    return c._dup_root.get(doc.id, doc.id)


def _burst_groups(c: StoryClusterer, story: _Story, rule: BurstRule) -> list[list[_Doc]]:
    """The story's members by coverage burst (no groups when it is one burst).

    Copies go with their family's earliest member; undated members with the largest group.
    """
    docs = sorted((d for m in story.members if (d := c._docs[m]).time is not None),
                  key=lambda d: (d.time, d.seq))
    families = [_family(c, d) for d in docs]
    cuts = cut_points([d.time for d in docs if d.time is not None], families, rule)
    if not cuts:
        return []
    part_of: dict[str, int] = {}
    for k, fam in enumerate(families):
        part_of.setdefault(fam, sum(1 for i in cuts if i <= k))
    groups: list[list[_Doc]] = [[] for _ in range(len(cuts) + 1)]
    undated = []
    for m in story.members:
        d = c._docs[m]
        part = part_of.get(_family(c, d))
        if part is None:
            undated.append(d)
        else:
            groups[part].append(d)
    max(groups, key=len).extend(undated)
    return [g for g in groups if g]


def _split_bursts(
    c: StoryClusterer, targets: list[str], absorbed: dict[str, _Absorbed]
) -> list[tuple[str, str]]:
    """Cut each story into its coverage bursts (``bursts.py``).

    The part holding the story's oldest member (of its own, not of a story merged into
    it in this consolidation) keeps the id: a later burst is what is new. A part holding
    most of a story merged away in this consolidation gets that story back (id, order)
    and the merge is undone, so two bursts merged and cut again on an incremental run
    keep their ids.
    """
    rule = burst_rule(c)
    if not rule.active:
        return []

    def revive(group: list[_Doc]) -> _Story | None:
        ids = {d.id for d in group}
        fits = [a for a in absorbed.values()
                if a.id not in c._stories and 2 * len(a.members & ids) > len(a.members)]
        if not fits:
            return None
        back = max(fits, key=lambda a: (len(a.members & ids), -a.seq))
        return _revive(c, back)

    splits: list[tuple[str, str]] = []
    for sid in targets:
        story = c._stories.get(sid)
        if story is None or len(story.members) < 2 * rule.min_size:
            continue
        groups = _burst_groups(c, story, rule)
        if len(groups) > 1:
            splits += split_off(c, story, groups, revive, _home(groups, absorbed))
    return splits


def _home(groups: list[list[_Doc]], absorbed: dict[str, _Absorbed]) -> int:
    """The group holding the oldest member that was not merged in (else the oldest)."""
    merged_in = set().union(*(a.members for a in absorbed.values()))
    members = [(d.id not in merged_in, -d.seq, k) for k, g in enumerate(groups) for d in g]
    return max(members)[2]


def _revive(c: StoryClusterer, gone: _Absorbed) -> _Story:
    """Bring back a story merged away in this consolidation (its merge record dropped)."""
    c._retired.discard(gone.id)
    c.merges[:] = [m for m in c.merges if m.absorbed != gone.id]
    story = _Story(gone.id, gone.seq)
    c._stories[gone.id] = story
    return story
