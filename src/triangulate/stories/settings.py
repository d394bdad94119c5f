"""Every limit and threshold of the story clusterer, named, with its default and help.

One fixed configuration is used for every data set; ``StoriesConfig()`` is it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class StoriesConfig:
    #: Similarity (article to story centroid, after the time factor) needed to join a story.
    join_threshold: float = 0.15
    #: Similarity of two story centroids (after the time factor) needed to merge them.
    merge_threshold: float = 0.20
    #: Average-link similarity below which a story's members are split apart.
    split_threshold: float = 0.04
    #: Gap in days (article to the story's time span) within which time costs nothing.
    time_grace_days: float = 7.0
    #: After the grace period, the similarity is halved every this many days ...
    time_half_life_days: float = 60.0
    #: ... down to this factor (the same words months apart: a different event).
    time_floor: float = 0.0
    #: Terms kept per article vector (the highest weighted).
    article_terms: int = 60
    #: Terms kept per story centroid.
    centroid_terms: int = 300
    #: Terms of a new article looked up in the inverted index (its rarest, heaviest).
    query_terms: int = 40
    #: Stories kept per index term (the most recently updated): bounds candidate lists.
    postings_per_term: int = 32
    #: Candidate stories fully scored per article (best by index overlap).
    max_candidates: int = 16
    #: Terms of an article recorded in the index for its story.
    index_terms: int = 40
    #: A term in more than this share of articles is not used for candidate search ...
    max_term_share: float = 0.05
    #: ... unless it is in at most this many articles (in a small batch, a big story's own
    #: names are in more than 5% of the articles and must still find the story).
    common_min_docs: int = 100
    #: MinHash LSH Jaccard threshold for the near-duplicate shortcut (copies never split).
    duplicate_threshold: float = 0.8
    #: Days apart within which a near-duplicate joins its original's story at once.
    duplicate_window_days: float = 30.0
    #: Characters of body text read per article.
    body_chars: int = 2000
    #: Largest story the split step examines (bigger ones are left whole).
    max_split_size: int = 400
    #: Coverage bursts (``bursts.py``): a story is cut where a silence separates two
    #: bursts of at least this many articles each (copies counted once; 0 = never) ...
    burst_min_size: int = 5
    #: ... when the silence lasts at least this many times the longer burst ...
    burst_gap_ratio: float = 2.0
    #: ... a burst counting as lasting at least this many hours.
    burst_min_hours: float = 1.0
    #: Weight of the sentence-embedding similarity when embeddings are on (0 = lexical only).
    embedding_weight: float = 0.5
    #: Embeddings on demand (``group(..., embedder=...)``): an article whose body, after
    #: its headline, is shorter than this many characters is encoded (0 = none).
    thin_chars: int = 400
    #: ... and its best candidate stories (this many, by index overlap) that have no
    #: embedding yet get one from their founder's headline.
    represent_candidates: int = 16

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, int | float) and value < 0:
                raise ValueError(f"{f.name} must be >= 0, got {value!r}")
        for name in ("join_threshold", "merge_threshold", "split_threshold", "time_floor",
                     "max_term_share", "duplicate_threshold", "embedding_weight"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be in [0.0, 1.0], got {getattr(self, name)!r}")
        if self.time_half_life_days <= 0:
            raise ValueError("time_half_life_days must be > 0")

    def with_(self, **changes: Any) -> StoriesConfig:
        return replace(self, **changes)


DEFAULT = StoriesConfig()
