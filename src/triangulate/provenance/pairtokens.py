"""Token-alignment features for a sentence pair (BERTScore-like), from contextual vectors.

Each word piece of one sentence is matched to its most similar word piece of the other
(cosine of the model's last-layer token vectors, ``embed.TokenVectors``); the matches give
a precision (pieces of the first sentence found in the second) and a recall (the other
way). Which sentence is first means nothing for the same-statement question, so the
features keep the lower and the higher of the two, plain and weighted by the pieces'
inverse document frequency over the sentences being compared (so that "the" matching
"the" counts little):

    tok_lo / tok_hi / tok_f     the lower / higher mean best-match cosine of the two
                                directions, and their harmonic mean
    tok_lo_idf / tok_hi_idf / tok_fi    the same weighted by idf
    tok_min                     the weakest match in either direction
    tok_unaligned               pieces in either sentence whose best match is below 0.6

A sentence pair that says the same thing in other words has every piece matched by a
synonym in context; a pair that differs by a clause has pieces with no match, which the
pooled sentence vector (``cos``) averages away.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from triangulate.embed import TokenVectors

TOKEN_FEATURES = (
    "tok_lo",
    "tok_hi",
    "tok_f",
    "tok_lo_idf",
    "tok_hi_idf",
    "tok_fi",
    "tok_min",
    "tok_unaligned",
)
#: a piece whose best match is below this cosine counts as unaligned
UNALIGNED = 0.6


class TokenIdf:
    """Inverse document frequency of word pieces over a set of sentences' piece ids."""

    def __init__(self, ids: Sequence[Sequence[int]]) -> None:
        self.n = len(ids)
        self.df: Counter[int] = Counter()
        for row in ids:
            self.df.update(set(row))

    def weights(self, ids: Sequence[int]) -> np.ndarray:
        n = self.n + 1
        return np.array([np.log(n / (self.df.get(i, 0) + 1)) for i in ids], dtype=np.float64)


def _hmean(a: float, b: float) -> float:
    return 2 * a * b / (a + b) if a + b > 0 else 0.0


def pair_token_features(idf: TokenIdf, a: TokenVectors, b: TokenVectors) -> list[float]:
    """One pair's values in ``TOKEN_FEATURES`` order (zeros when a sentence has no piece)."""
    if not a.ids or not b.ids:
        return [0.0] * len(TOKEN_FEATURES)
    sim = a.vectors @ b.vectors.T
    best_a = sim.max(axis=1).astype(np.float64)
    best_b = sim.max(axis=0).astype(np.float64)
    wa, wb = idf.weights(a.ids), idf.weights(b.ids)
    p, r = float(best_a.mean()), float(best_b.mean())
    pi = float((best_a * wa).sum() / wa.sum()) if wa.sum() > 0 else p
    ri = float((best_b * wb).sum() / wb.sum()) if wb.sum() > 0 else r
    unaligned = int((best_a < UNALIGNED).sum() + (best_b < UNALIGNED).sum())
    low = float(min(best_a.min(), best_b.min()))
    return [
        min(p, r), max(p, r), _hmean(p, r), min(pi, ri), max(pi, ri), _hmean(pi, ri), low,
        float(unaligned),
    ]


def token_features(
    idf: TokenIdf, vectors: Mapping[int, TokenVectors], ia: np.ndarray, ib: np.ndarray
) -> np.ndarray:
    """Rows in ``TOKEN_FEATURES`` order for the pairs ``(ia[k], ib[k])``; ``vectors`` maps
    a sentence index to its token vectors and must hold every index used."""
    rows = [
        pair_token_features(idf, vectors[a], vectors[b])
        for a, b in zip(np.asarray(ia).tolist(), np.asarray(ib).tolist(), strict=True)
    ]
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(TOKEN_FEATURES))
