"""The "same statement" decision for sentence pairs, as alignment and evaluation make it.

Two stages (``pairmodel`` variants fitted on MSRP train):

1. ``embed_text`` (``lexical_text`` without an embedder) scores every pair from the
   sentence-set, word-order and character features: cheap, thousands of pairs a second.
2. The pairs it is unsure of (probability within ``TOKEN_BAND``) are scored again by
   ``embed_tokens``, which adds token-alignment features (``pairtokens``). Those need a
   forward pass per sentence that keeps the per-token vectors, so only the sentences of
   unsure pairs are run through it. On MSRP the two stages are as accurate as the second
   model alone on every pair (10-fold CV; the same for bands from 0.4-0.6 to 0.25-0.75,
   docs/provenance.md) with a sixth of the pairs re-scored; in a story most candidate
   pairs are clearly different and fewer still are.

    decision = decide_pairs(texts, table, ia, ib, cos, embedder)
    decision.accept, decision.prob, decision.rescored
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from triangulate.embed import TokenEmbedder
from triangulate.provenance.features import SentenceTable
from triangulate.provenance.pairmodel import PairModel, feature_block, packaged_models, select
from triangulate.provenance.pairtext import TextTable
from triangulate.provenance.pairtokens import TOKEN_FEATURES, TokenIdf, token_features

#: first-stage probabilities in this closed range are decided by the token model
TOKEN_BAND = (0.4, 0.6)


@dataclass(frozen=True)
class PairDecision:
    """Per pair: P(same statement) from the model that decided it, and the decision."""

    prob: np.ndarray
    accept: np.ndarray
    #: indices of the pairs decided by the second (token) stage
    rescored: np.ndarray
    #: the first stage's feature columns of every pair (``decide_pairs``), by name
    names: tuple[str, ...] = ()
    features: np.ndarray | None = None

    def column(self, name: str) -> np.ndarray:
        """One feature of every pair (``decide_pairs`` results only)."""
        if self.features is None or name not in self.names:
            raise KeyError(f"no feature {name!r} in this decision")
        return self.features[:, self.names.index(name)]


def cascade(
    first: PairModel,
    x_first: np.ndarray,
    second: PairModel | None = None,
    second_rows: Callable[[np.ndarray], np.ndarray] | None = None,
    band: tuple[float, float] = TOKEN_BAND,
) -> PairDecision:
    """Decide with ``first``; re-decide its unsure pairs with ``second``, whose feature rows
    for a set of pair indices ``second_rows`` gives."""
    prob = first.probability(x_first)
    accept = prob >= first.threshold
    unsure = np.flatnonzero((prob >= band[0]) & (prob <= band[1]))
    if second is None or second_rows is None or unsure.size == 0:
        return PairDecision(prob, accept, np.zeros(0, dtype=np.int64))
    again = second.probability(second_rows(unsure))
    prob[unsure] = again
    accept[unsure] = again >= second.threshold
    return PairDecision(prob, accept, unsure)


def decide_pairs(
    texts: Sequence[str],
    table: SentenceTable,
    ia: np.ndarray,
    ib: np.ndarray,
    cos: np.ndarray | None = None,
    embedder: object | None = None,
    models: Mapping[str, PairModel] | None = None,
) -> PairDecision:
    """Same-statement decisions for the sentence pairs ``(ia[k], ib[k])`` of ``texts``.

    ``table`` is the ``SentenceTable`` of ``texts``; ``cos`` the pairs' embedding cosines
    (``None``: the lexical model decides alone); ``embedder`` a ``TokenEmbedder`` for the
    second stage (without one, the first stage decides every pair).
    """
    models = packaged_models() if models is None else models
    ia = np.asarray(ia, dtype=np.int64)
    ib = np.asarray(ib, dtype=np.int64)
    text = TextTable(texts)
    names, x = feature_block(table, text, ia, ib, cos)
    first = models["lexical_text" if cos is None else "embed_text"]
    x_first = select(first, names, x)
    if cos is None or not isinstance(embedder, TokenEmbedder):
        decision = cascade(first, x_first)
        return replace(decision, names=names, features=x)
    second = models["embed_tokens"]
    tokens = embedder

    def second_rows(unsure: np.ndarray) -> np.ndarray:
        a, b = ia[unsure], ib[unsure]
        needed = np.unique(np.concatenate([a, b])).tolist()
        vectors = dict(zip(needed, tokens.encode_tokens([texts[i] for i in needed]), strict=True))
        rows = token_features(TokenIdf(tokens.token_ids(texts)), vectors, a, b)
        return select(second, (*names, *TOKEN_FEATURES), np.hstack([x[unsure], rows]))

    return replace(cascade(first, x_first, second, second_rows), names=names, features=x)
