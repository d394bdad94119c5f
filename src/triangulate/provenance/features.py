"""Sentence-pair features for the "same statement" decision, computed in bulk.

A ``SentenceTable`` turns sentences into sparse 0/1 rows over one shared vocabulary:
stemmed words, content words (no stopwords), word bigrams and trigrams, numbers, and
names (capitalised words inside a sentence). Every pair feature is then a ratio of row
intersections, so thousands of pairs are scored with a few sparse products:

    u_jacc    Jaccard of content words          u_cmin / u_cmax  content overlap / smaller, larger set
    w_jacc    Jaccard of all words              b2_dice / b3_dice  Dice of word bigrams / trigrams
    len_ratio shorter / longer (in words)       num_diff   1 if the two carry different numbers
    num_same  1 if both carry the same numbers  name_miss  share of names absent from the other
    cos       embedding cosine (when available) cos2       its square
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse

from triangulate.thin_imports import porter_stemmer

_WORD = re.compile(r"[^\W_]+(?:[.,'’\-][^\W_]+)*")
_DIGIT = re.compile(r"\d")
_STEMMER = porter_stemmer()

STOPWORDS = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "hers", "him", "his", "i", "if", "in", "into", "is", "it", "its", "itself", "me", "my", "no", "nor", "not", "of", "on", "or", "our", "ours", "she", "so", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "too", "us", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "said", "says", "say", "also", "about", "after", "against", "all", "any", "before", "between", "both", "could", "during", "each", "few", "further", "more", "most", "other", "over", "own", "same", "should", "some", "such", "through", "under", "until", "up", "very", "can", "just", "now", "out", "off", "once", "only", "here", "s", "t"]
)

LEXICAL_FEATURES = (
    "u_jacc",
    "u_cmin",
    "u_cmax",
    "w_jacc",
    "b2_dice",
    "b3_dice",
    "len_ratio",
    "num_diff",
    "num_same",
    "name_miss",
)
EMBED_FEATURES = (*LEXICAL_FEATURES, "cos", "cos2")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _STEMMER.stem(word.lower(), to_lowercase=False)


def normalise_number(token: str) -> str:
    t = token.replace(",", "").replace("’", "'")
    if t.endswith(".0"):
        t = t[:-2]
    return t


def tokens(text: str) -> list[str]:
    """Word tokens of a sentence, quotes and punctuation dropped."""
    return _WORD.findall(text)


def _keys(text: str) -> tuple[list[str], list[str]]:
    """(word keys in order, extra keys) of one sentence for the shared vocabulary."""
    toks = tokens(text)
    words = ["w:" + (normalise_number(t) if _DIGIT.search(t) else stem(t)) for t in toks]
    extra: list[str] = []
    for w in words:
        if w[2:] not in STOPWORDS:
            extra.append("u" + w[1:])
    extra += [f"b:{a}|{b}" for a, b in itertools.pairwise(words)]
    extra += [f"t:{a}|{b}|{c}" for a, b, c in zip(words, words[1:], words[2:], strict=False)]
    extra += ["n:" + normalise_number(t) for t in toks if _DIGIT.search(t)]
    for i, t in enumerate(toks):
        if i > 0 and t[:1].isupper() and t.lower() not in STOPWORDS:
            extra.append("m" + words[i][1:])
    return words, extra


class SentenceTable:
    """Sparse 0/1 rows of many sentences over one vocabulary (see the module docstring)."""

    KINDS = ("w", "u", "b", "t", "n", "m")

    def __init__(self, texts: Sequence[str]) -> None:
        vocab: dict[str, int] = {}
        rows: dict[str, tuple[list[int], list[int]]] = {k: ([], []) for k in self.KINDS}
        lengths = np.zeros(len(texts), dtype=np.float64)
        for r, text in enumerate(texts):
            words, extra = _keys(text)
            lengths[r] = len(words)
            for key in set(words) | set(extra):
                kind = key[0]
                # names share the word columns, so a name can be looked up among words
                col_key = "w" + key[1:] if kind == "m" else key
                col = vocab.setdefault(col_key, len(vocab))
                rr, cc = rows[kind]
                rr.append(r)
                cc.append(col)
        shape = (len(texts), max(len(vocab), 1))
        self.matrices: dict[str, sparse.csr_matrix] = {}
        for kind, (rr, cc) in rows.items():
            data = np.ones(len(rr), dtype=np.float32)
            self.matrices[kind] = sparse.csr_matrix((data, (rr, cc)), shape=shape)
        self.sizes = {k: np.asarray(m.sum(axis=1)).ravel() for k, m in self.matrices.items()}
        self.lengths = lengths
        self.n = len(texts)

    def inter(self, a: str, b: str, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
        """|row ia of matrix a ∩ row ib of matrix b| for each pair."""
        ma, mb = self.matrices[a], self.matrices[b]
        return np.asarray(ma[ia].multiply(mb[ib]).sum(axis=1)).ravel()

    def content_overlap(self, max_df: int | None = None) -> sparse.csr_matrix:
        """All-pairs count of shared content words (n x n, sparse).

        With ``max_df``, words found in more sentences than that are left out of the count
        (in a large story the event's own words are in every sentence and would make the
        product dense).
        """
        u = self.matrices["u"]
        if max_df is not None:
            df = np.asarray(u.sum(axis=0)).ravel()
            u = (u @ sparse.diags((df <= max_df).astype(np.float32))).tocsr()
        return (u @ u.T).tocsr()


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    return np.divide(num, den, out=np.zeros_like(num, dtype=np.float64), where=den > 0)


def pair_features(
    table: SentenceTable,
    ia: np.ndarray,
    ib: np.ndarray,
    cos: np.ndarray | None = None,
) -> np.ndarray:
    """Feature rows (``LEXICAL_FEATURES`` or, with ``cos``, ``EMBED_FEATURES``) for pairs."""
    ia = np.asarray(ia, dtype=np.int64)
    ib = np.asarray(ib, dtype=np.int64)
    s = table.sizes
    cols: list[np.ndarray] = []
    ui = table.inter("u", "u", ia, ib)
    ua, ub = s["u"][ia], s["u"][ib]
    cols.append(_ratio(ui, ua + ub - ui))
    cols.append(_ratio(ui, np.minimum(ua, ub)))
    cols.append(_ratio(ui, np.maximum(ua, ub)))
    wi = table.inter("w", "w", ia, ib)
    cols.append(_ratio(wi, s["w"][ia] + s["w"][ib] - wi))
    for kind in ("b", "t"):
        ki = table.inter(kind, kind, ia, ib)
        cols.append(_ratio(2 * ki, s[kind][ia] + s[kind][ib]))
    la, lb = table.lengths[ia], table.lengths[ib]
    cols.append(_ratio(np.minimum(la, lb), np.maximum(la, lb)))
    ni = table.inter("n", "n", ia, ib)
    na, nb = s["n"][ia], s["n"][ib]
    cols.append(((na - ni) + (nb - ni) > 0).astype(np.float64))
    cols.append(((na > 0) & (na == ni) & (nb == ni)).astype(np.float64))
    ma, mb = s["m"][ia], s["m"][ib]
    miss = (ma - table.inter("m", "w", ia, ib)) + (mb - table.inter("w", "m", ia, ib))
    cols.append(_ratio(miss, ma + mb))
    if cos is not None:
        c = np.asarray(cos, dtype=np.float64)
        cols.append(c)
        cols.append(c * c)
    return np.column_stack(cols)
