"""Online story clustering: each new article joins a story or starts one.

The shape follows Miranda et al. (2018, "Multilingual clustering of streaming news"): an
article is compared with the *centroids* of a few candidate stories, never with every
stored article, and joins the best one when the similarity (lexical TF-IDF cosine, plus
sentence embeddings when they are on, times a time factor) clears a threshold.

Bounded work per article:

* candidate stories come from an inverted index over each story's heaviest (rarest) terms;
  each term keeps only its ``postings_per_term`` most recently updated stories, and only
  the ``max_candidates`` stories sharing the most weight with the article are scored;
* near-duplicates (copies, light edits) are found by MinHash LSH or an exact-text key and
  join their original's story at once, so copies never split.

``consolidate`` (see ``consolidate.py``) later moves misplaced articles, merges stories
that turned out to be one, and splits stories that drifted into two. Story ids are stable:
a story keeps the id of the article that founded it, and an id survives a merge as the id
of the larger (on ties the older) story; every merge is recorded.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Literal

import numpy as np
from datasketch import MinHashLSH

from triangulate.stories.features import NUM_PERM, ArticleFeatures, lean
from triangulate.stories.settings import DEFAULT, StoriesConfig

Reason = Literal["duplicate", "joined", "new"]
#: Encodes headlines as unit vectors (one row per text): ``Embedder.encode``.
Encode = Callable[[list[str]], Sequence[np.ndarray]]
_DAY = 86_400.0


#: Embedding cosine that counts as no evidence: unrelated news headlines already score
#: about this much with all-MiniLM-L6-v2, so the scale is stretched from here to 1.
EMBEDDING_FLOOR = 0.3


def embedding_part(cosine: float) -> float:
    """An embedding cosine rescaled so that 0 means unrelated (see EMBEDDING_FLOOR)."""
    return max(0.0, (cosine - EMBEDDING_FLOOR) / (1.0 - EMBEDDING_FLOOR))


@dataclass(frozen=True)
class Assignment:
    """Where one article went and why (``score``: similarity to the story joined)."""

    article_id: str
    story_id: str
    reason: Reason
    score: float


@dataclass(frozen=True)
class Merge:
    """Story ``absorbed`` was merged into story ``into`` (readers follow the old id)."""

    absorbed: str
    into: str
    similarity: float


@dataclass
class _Doc:
    id: str
    seq: int
    time: float | None
    title: str
    ids: np.ndarray  # term ids, int32
    weights: np.ndarray  # L2-normalised tf-idf weights, float32
    story: str
    embedding: np.ndarray | None = None

    @property
    def pairs(self) -> list[tuple[int, float]]:
        """(term id, weight) pairs; built on demand (not kept: memory at 100k articles)."""
        return list(zip(self.ids.tolist(), self.weights.tolist(), strict=True))

    @property
    def vector(self) -> dict[int, float]:
        """Term id -> weight (built on demand, like ``pairs``)."""
        return dict(zip(self.ids.tolist(), self.weights.tolist(), strict=True))


@dataclass
class _Story:
    id: str
    seq: int
    members: list[str] = field(default_factory=list)
    centroid: dict[int, float] = field(default_factory=dict)
    norm: float = 0.0
    start: float | None = None
    end: float | None = None
    embedding: np.ndarray | None = None


class StoryClusterer:
    """Incremental story clustering with bounded candidate search (see module docstring)."""

    def __init__(self, config: StoriesConfig = DEFAULT, represent: Encode | None = None) -> None:
        """``represent`` (optional) encodes headlines: an article that comes with an
        embedding is compared by embedding with its candidate stories, and a candidate
        story that has none yet gets one from the headline of its founding article
        (embeddings on demand, see ``stories.group``)."""
        self.config = config
        self.represent = represent
        #: headlines encoded by ``represent`` so far
        self.represented = 0
        self._vocab: dict[str, int] = {}
        self._df: list[int] = []
        self._counted: set[str] = set()
        self._docs: dict[str, _Doc] = {}
        self._stories: dict[str, _Story] = {}
        self._postings: dict[int, dict[str, None]] = {}
        self._exact: dict[str, str] = {}
        self._lsh = MinHashLSH(threshold=config.duplicate_threshold, num_perm=NUM_PERM)
        self._dup_root: dict[str, str] = {}
        self._retired: set[str] = set()
        self._seq = 0
        self._story_seq = 0
        self.merges: list[Merge] = []
        self.splits: list[tuple[str, str]] = []
        self.changed: set[str] = set()
        #: candidates scored for the last article added (for tests and the benchmark)
        self.last_candidates = 0

    # ----------------------------------------------------------------- vocabulary
    @property
    def n_docs(self) -> int:
        return len(self._counted)

    def observe(self, features: Iterable[ArticleFeatures]) -> None:
        """Count term document frequencies (IDF) of articles before adding them.

        Batch use: observing the whole batch first gives every article the same IDF.
        """
        for f in features:
            self._count(f)

    def _count(self, f: ArticleFeatures) -> None:
        if f.id in self._counted:
            return
        self._counted.add(f.id)
        for term in f.terms:
            tid = self._vocab.get(term)
            if tid is None:
                tid = self._vocab[term] = len(self._df)
                self._df.append(0)
            self._df[tid] += 1

    def _idf(self, tid: int) -> float:
        return math.log((1 + self.n_docs) / (1 + self._df[tid])) + 1.0

    def vectorize(self, f: ArticleFeatures) -> tuple[np.ndarray, np.ndarray]:
        """The article's top ``article_terms`` tf-idf weights, L2-normalised (heaviest first)."""
        n = len(f.terms)
        all_ids = np.fromiter(map(self._vocab.__getitem__, f.terms), dtype=np.int64, count=n)
        tf = np.fromiter(f.terms.values(), dtype=np.float64, count=n)
        df = np.fromiter(map(self._df.__getitem__, all_ids.tolist()), dtype=np.float64, count=n)
        w = tf * (math.log(1 + self.n_docs) + 1.0 - np.log1p(df))
        k = self.config.article_terms
        if n > k:
            keep = np.argpartition(-w, k - 1)[:k]
            all_ids, w = all_ids[keep], w[keep]
        order = np.lexsort((-all_ids, -w))  # heaviest first; ties: the larger term id first
        ids = all_ids[order].astype(np.int32)
        weights = w[order].astype(np.float32)
        norm = float(np.sqrt(np.dot(weights, weights))) or 1.0
        return ids, weights / norm

    # ----------------------------------------------------------------- similarity
    def time_factor(self, time: float | None, start: float | None, end: float | None) -> float:
        """1 within the grace period of the span, then halving every half-life, floored."""
        if time is None or start is None or end is None:
            return 1.0
        gap = max(0.0, start - time, time - end) / _DAY - self.config.time_grace_days
        if gap <= 0:
            return 1.0
        return max(self.config.time_floor, 0.5 ** (gap / self.config.time_half_life_days))

    @staticmethod
    def _lexical(vector: dict[int, float], story: _Story) -> float:
        """Cosine of an article's vector (term id -> weight) with a story's centroid."""
        if not story.norm:
            return 0.0
        cen = story.centroid
        return sum([vector[i] * cen[i] for i in vector.keys() & cen.keys()]) / story.norm

    def similarity(
        self, doc: _Doc, story: _Story, vector: dict[int, float] | None = None
    ) -> float:
        """Similarity of an article to a story: lexical (and embedding) times the time factor."""
        sim = self._lexical(doc.vector if vector is None else vector, story)
        a = self.config.embedding_weight
        if a and doc.embedding is not None and story.embedding is not None:
            n = float(np.linalg.norm(story.embedding)) or 1.0
            sim = (1 - a) * sim + a * embedding_part(float(np.dot(doc.embedding, story.embedding)) / n)
        return sim * self.time_factor(doc.time, story.start, story.end)

    # ----------------------------------------------------------------- candidates
    def candidates(self, ids: np.ndarray, weights: np.ndarray, exclude: str = "") -> list[_Story]:
        """Stories sharing the most index weight with a vector, at most ``max_candidates``.

        Ties are broken by the order the stories were met in the postings (deterministic).
        """
        cfg = self.config
        limit = max(cfg.max_term_share * self.n_docs, cfg.common_min_docs)
        df, postings = self._df, self._postings
        acc: dict[str, float] = {}
        get = acc.get
        used = 0
        for i, w in zip(ids.tolist(), weights.tolist(), strict=True):
            if df[i] > limit:
                continue
            post = postings.get(i)
            if post:
                for sid in post:
                    acc[sid] = get(sid, 0.0) + w
            used += 1
            if used >= cfg.query_terms:
                break
        acc.pop(exclude, None)
        stories = self._stories
        # postings of merged-away stories are dropped lazily
        live = [kv for kv in acc.items() if kv[0] in stories]
        best = heapq.nlargest(cfg.max_candidates, live, key=itemgetter(1))
        return [stories[sid] for sid, _ in best]

    # ----------------------------------------------------------------- adding
    def add(self, f: ArticleFeatures, embedding: np.ndarray | None = None) -> Assignment:
        """Assign one article: its near-duplicate's story, the best candidate, or a new story."""
        known = self._docs.get(f.id)
        if known is not None:
            return Assignment(f.id, known.story, "duplicate", 1.0)
        self._count(f)
        ids, weights = self.vectorize(f)
        doc = _Doc(f.id, self._seq, f.time, f.title, ids, weights, "", embedding)
        self._seq += 1
        original = self._find_duplicate(f)
        if original is not None:
            story = self._stories[self._docs[original].story]
            self._dup_root[f.id] = self._dup_root.get(original, original)
            result = Assignment(f.id, story.id, "duplicate", 1.0)
        else:
            cands = self.candidates(ids, weights)
            self.last_candidates = len(cands)
            if embedding is not None and self.represent is not None:
                self._represent(cands[: self.config.represent_candidates])
            vector = doc.vector
            scored = [(self.similarity(doc, s, vector), -s.seq, s) for s in cands]
            best = max(scored, key=lambda t: (t[0], t[1]), default=None)
            if best is not None and best[0] >= self.config.join_threshold:
                story = best[2]
                result = Assignment(f.id, story.id, "joined", round(best[0], 4))
            else:
                story = self._new_story(f.id)
                result = Assignment(f.id, story.id, "new", round(best[0], 4) if best else 0.0)
        self._docs[f.id] = doc
        self._attach(doc, story)
        self._remember(f)
        return result

    def add_many(
        self, features: Sequence[ArticleFeatures], embeddings: Sequence[np.ndarray] | None = None
    ) -> list[Assignment]:
        return [
            self.add(f, embeddings[i] if embeddings is not None else None)
            for i, f in enumerate(features)
        ]

    def _represent(self, stories: Sequence[_Story]) -> None:
        """Give each story without an embedding the embedding of its founder's headline."""
        missing, founders = [], []
        for s in stories:
            if s.embedding is None:
                titled = next((d for m in s.members if (d := self._docs[m]).title), None)
                if titled is not None:
                    missing.append(s)
                    founders.append(titled)
        if not missing or self.represent is None:
            return
        vectors = self.represent([d.title for d in founders])
        self.represented += len(missing)
        for story, doc, vector in zip(missing, founders, vectors, strict=True):
            doc.embedding = np.asarray(vector, dtype=np.float32)
            story.embedding = doc.embedding.copy()

    def _find_duplicate(self, f: ArticleFeatures) -> str | None:
        found = []
        if f.exact in self._exact:
            found.append(self._exact[f.exact])
        if f.minhash is not None:
            found += [k for k in self._lsh.query(lean(f.minhash)) if k in self._docs]
        window = self.config.duplicate_window_days * _DAY
        found = [k for k in found if f.time is None or (t := self._docs[k].time) is None
                 or abs(t - f.time) <= window]
        if not found:
            return None
        return min(found, key=lambda k: self._docs[k].seq)

    def _remember(self, f: ArticleFeatures) -> None:
        if f.exact:
            self._exact.setdefault(f.exact, f.id)
        if f.minhash is not None:
            self._lsh.insert(f.id, lean(f.minhash), check_duplication=False)

    def _new_story(self, founder: str) -> _Story:
        base = "s" + hashlib.sha256(founder.encode()).hexdigest()[:12]
        sid, n = base, 1
        while sid in self._stories or sid in self._retired:
            n += 1
            sid = f"{base}-{n}"
        story = _Story(sid, self._story_seq)
        self._story_seq += 1
        self._stories[sid] = story
        return story

    def _attach(self, doc: _Doc, story: _Story) -> None:
        doc.story = story.id
        story.members.append(doc.id)
        c = story.centroid
        squares = story.norm * story.norm
        for i, w in doc.pairs:
            old = c.get(i, 0.0)
            c[i] = old + w
            squares += 2 * old * w + w * w  # (old + w)^2 - old^2
        if len(c) > self.config.centroid_terms * 2:  # prune now and then: amortised cost
            keep = heapq.nlargest(self.config.centroid_terms, c.items(), key=lambda kv: kv[1])
            story.centroid = c = dict(keep)
            squares = sum(v * v for v in c.values())
        story.norm = math.sqrt(max(squares, 0.0))
        if doc.time is not None:
            story.start = doc.time if story.start is None else min(story.start, doc.time)
            story.end = doc.time if story.end is None else max(story.end, doc.time)
        if doc.embedding is not None:
            story.embedding = (
                doc.embedding.copy() if story.embedding is None else story.embedding + doc.embedding
            )
        self._index(doc.ids[: self.config.index_terms].tolist(), story)
        self.changed.add(story.id)

    def _index(self, term_ids: list[int], story: _Story) -> None:
        cap = self.config.postings_per_term
        for i in term_ids:
            post = self._postings.setdefault(i, {})
            if story.id in post:
                del post[story.id]
            post[story.id] = None
            if len(post) > cap:
                del post[next(iter(post))]

    def restore(
        self,
        stored: Sequence[tuple[ArticleFeatures, str, int, str | None]],
        retired: Iterable[str] = (),
    ) -> None:
        """Rebuild the state from stored assignments, without re-deciding anything.

        ``stored`` holds ``(features, story_id, story_seq, duplicate_of)`` in the order the
        articles were first assigned; ``retired`` are ids of merged-away stories (never
        reused for a new story).
        """
        self.observe(f for f, _, _, _ in stored)
        self._retired.update(retired)
        for f, sid, story_seq, dup_of in stored:
            if f.id in self._docs:
                continue
            ids, weights = self.vectorize(f)
            doc = _Doc(f.id, self._seq, f.time, f.title, ids, weights, "")
            self._seq += 1
            story = self._stories.get(sid)
            if story is None:
                story = self._stories[sid] = _Story(sid, story_seq)
                self._story_seq = max(self._story_seq, story_seq + 1)
            if dup_of is not None:
                self._dup_root[f.id] = dup_of
            self._docs[f.id] = doc
            self._attach(doc, story)
            self._remember(f)
        self.changed.clear()

    def duplicate_of(self, article_id: str) -> str | None:
        return self._dup_root.get(article_id)

    # ----------------------------------------------------------------- reading
    def story_of(self, article_id: str) -> str:
        return self._docs[article_id].story

    def resolve(self, story_id: str) -> str:
        """The current id of a story, following recorded merges."""
        into = {m.absorbed: m.into for m in self.merges}
        seen = set()
        while story_id in into and story_id not in seen:
            seen.add(story_id)
            story_id = into[story_id]
        return story_id

    def __len__(self) -> int:
        return len(self._docs)
