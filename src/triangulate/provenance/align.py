"""Sentence alignment between every pair of articles of a story.

1. Every sentence of every article goes into one ``SentenceTable``; with an embedder, every
   sentence is also encoded once (cached).
2. Candidate pairs (sentences of different articles) come from one sparse product of the
   content-word rows: pairs sharing content words, kept when their Jaccard or embedding
   cosine passes a loose floor.
3. The fitted pair models score the candidates (``pairdecide``: word-order and character
   features for every candidate, token alignment for the unsure ones); per article pair, a
   greedy one-to-one matching keeps the best-scoring accepted pairs (verbatim matches are
   always kept).
4. Article-level 5-word shingle sets give the share of each text found verbatim in the other.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from triangulate.embed import Embedder, TokenEmbedder
from triangulate.model import Article
from triangulate.provenance.features import SentenceTable, tokens
from triangulate.provenance.pairdecide import decide_pairs
from triangulate.provenance.pairmodel import PairModel
from triangulate.provenance.results import AlignedPair, MatchKind

#: sentences with fewer words are not aligned ("Read more.", "Share this article")
MIN_WORDS = 5
#: loose floors for a candidate pair (before the pair model)
CANDIDATE_JACCARD = 0.2
CANDIDATE_COSINE = 0.6
#: word-trigram Dice above which a match is verbatim / near-verbatim
VERBATIM_DICE = 0.9
NEAR_VERBATIM_DICE = 0.5
SHINGLE = 5
#: above this many sentences the cosine of candidates is computed in chunks
DENSE_LIMIT = 4000
#: up to this many sentences, their token vectors are kept from the encoding pass for the
#: token stage (~45 kB a sentence); above, only the unsure pairs' sentences are run again
KEEP_TOKENS_UP_TO = 4000
#: above this many sentences, candidate pairs ignore words found in more than
#: PRUNE_DF_SHARE of the sentences (at least PRUNE_MIN_DF): keeps the pair count bounded
PRUNE_ABOVE = 3000
PRUNE_DF_SHARE = 0.05
PRUNE_MIN_DF = 50

_QUOTE = re.compile(r"[\"“”«»]")


@dataclass(frozen=True)
class StoryAlignment:
    """Aligned pairs per article pair (keys are index pairs ``(i, j)``, ``i < j``)."""

    pairs: dict[tuple[int, int], tuple[AlignedPair, ...]]
    #: number of alignable sentences per article
    sentence_counts: tuple[int, ...]
    #: 5-word shingle sets per article
    shingles: tuple[frozenset[str], ...]
    method: str


def article_sentences(article: Article) -> list[tuple[int, str]]:
    """(sentence index, text) of the article's sentences long enough to align."""
    if article.sentences:
        items = [(s.index, s.text) for s in article.sentences]
    else:
        parts = [p.strip() for p in re.split(r"\n\s*\n|(?<=[.!?])\s+(?=[A-Z“\"])", article.text)]
        items = [(i, p) for i, p in enumerate(p for p in parts if p)]
    return [(i, t) for i, t in items if len(tokens(t)) >= MIN_WORDS]


def shingle_set(text: str, size: int = SHINGLE) -> frozenset[str]:
    words = [w.lower() for w in tokens(text)]
    return frozenset(" ".join(words[i : i + size]) for i in range(max(len(words) - size + 1, 0)))


def _kind(b3: float, len_ratio: float) -> MatchKind:
    if b3 >= VERBATIM_DICE and len_ratio >= VERBATIM_DICE:
        return "verbatim"
    if b3 >= NEAR_VERBATIM_DICE:
        return "near-verbatim"
    return "reworded"


def _cosines(vectors: np.ndarray, ri: np.ndarray, ci: np.ndarray) -> np.ndarray:
    if len(vectors) <= DENSE_LIMIT:
        gram = vectors @ vectors.T
        return np.asarray(gram[ri, ci], dtype=np.float64)
    out = np.empty(len(ri), dtype=np.float64)
    step = 100_000
    for s in range(0, len(ri), step):
        out[s : s + step] = np.einsum("ij,ij->i", vectors[ri[s : s + step]], vectors[ci[s : s + step]])
    return out


def align_story(
    articles: Sequence[Article],
    embedder: Embedder | None = None,
    models: dict[str, PairModel] | None = None,
) -> StoryAlignment:
    """Align the sentences of every pair of ``articles`` (see the module docstring);
    ``models`` replaces the packaged pair models (``pairmodel.packaged_models()``)."""
    owner: list[int] = []
    index: list[int] = []
    texts: list[str] = []
    counts: list[int] = []
    for a, article in enumerate(articles):
        sents = article_sentences(article)
        counts.append(len(sents))
        for i, t in sents:
            owner.append(a)
            index.append(i)
            texts.append(t)
    shingles = tuple(shingle_set(a.text) for a in articles)
    method = "embeddings" if embedder is not None else "lexical"
    if len(texts) < 2:
        return StoryAlignment({}, tuple(counts), shingles, method)
    owner_arr = np.asarray(owner)
    table = SentenceTable(texts)
    max_df = None
    if len(texts) > PRUNE_ABOVE:
        max_df = max(PRUNE_MIN_DF, int(PRUNE_DF_SHARE * len(texts)))
    overlap = table.content_overlap(max_df).tocoo()
    ri, ci, shared = overlap.row, overlap.col, overlap.data
    keep = (ri < ci) & (owner_arr[ri] != owner_arr[ci])
    ri, ci, shared = ri[keep], ci[keep], shared[keep]
    su = table.sizes["u"]
    jacc = shared / np.maximum(su[ri] + su[ci] - shared, 1)
    vectors = None
    if isinstance(embedder, TokenEmbedder) and len(texts) <= KEEP_TOKENS_UP_TO:
        vectors = embedder.encode(texts, keep_tokens=True)  # one pass for both stages
    elif embedder is not None:
        vectors = embedder.encode(texts)
    if vectors is not None:
        cos = _cosines(vectors, ri, ci)
        keep = (jacc >= CANDIDATE_JACCARD) | (cos >= CANDIDATE_COSINE)
        cos = cos[keep]
    else:
        keep = jacc >= CANDIDATE_JACCARD
    ri, ci = ri[keep], ci[keep]
    if len(ri) == 0:
        return StoryAlignment({}, tuple(counts), shingles, method)
    cos_or_none = cos if vectors is not None else None
    decision = decide_pairs(texts, table, ri, ci, cos_or_none, embedder, models)
    prob = decision.prob
    overlap = decision.column("u_jacc")
    kinds = [
        _kind(b3, lr)
        for b3, lr in zip(decision.column("b3_dice"), decision.column("len_ratio"), strict=True)
    ]
    accept = decision.accept | np.array([k != "reworded" for k in kinds])
    by_pair: dict[tuple[int, int], list[int]] = defaultdict(list)
    for hit in np.flatnonzero(accept).tolist():
        by_pair[(int(owner_arr[ri[hit]]), int(owner_arr[ci[hit]]))].append(hit)
    result: dict[tuple[int, int], tuple[AlignedPair, ...]] = {}
    for (x, y), cands in sorted(by_pair.items()):
        cands.sort(key=lambda k: (-prob[k], ri[k], ci[k]))
        used_a: set[int] = set()
        used_b: set[int] = set()
        chosen: list[AlignedPair] = []
        for k in cands:
            sa: int = int(ri[k])
            sb: int = int(ci[k])
            if sa in used_a or sb in used_b:
                continue
            used_a.add(sa)
            used_b.add(sb)
            chosen.append(
                AlignedPair(
                    a_index=index[sa],
                    b_index=index[sb],
                    score=round(float(prob[k]), 4),
                    kind=kinds[k],
                    overlap=round(float(overlap[k]), 4),
                    cosine=None if vectors is None else round(float(cos[k]), 4),
                    quoted=_QUOTE.search(texts[sa]) is not None
                    and _QUOTE.search(texts[sb]) is not None,
                )
            )
        chosen.sort(key=lambda p: (p.a_index, p.b_index))
        result[(x, y)] = tuple(chosen)
    return StoryAlignment(result, tuple(counts), shingles, method)
