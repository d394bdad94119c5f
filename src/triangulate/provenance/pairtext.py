"""Pair features that need the sentences' word order and characters (beyond ``features``).

Paraphrases in news rarely differ by whole pieces of information; non-paraphrases with
high word overlap usually do (one sentence adds a clause, a number, a name). Ratios of
overlap hide that, so these features count what is left over, and measure order. Every
feature is symmetric (the same for (a, b) and (b, a)): which sentence comes first says
nothing about whether they make the same statement, and order-bound features only add
noise (10-fold CV on MSRP train, docs/provenance.md):

    un_max / un_min  content words of one sentence absent from the other, the larger and
                     the smaller of the two counts; un_sum their sum
    len_min / len_max  length in words of the shorter / longer; len_diff their difference
    lcs_min / lcs_max  longest common subsequence of stemmed words / shorter, longer length
    ter              word-level edit distance / longer length (a translation-edit rate)
    c3 / c4 / c5     Dice of character 3-, 4-, 5-gram sets (lowercased words, one space)
    num_un           numbers found in only one of the two
    neg_diff         1 if exactly one sentence has a negation
    name_un          names (capitalised words inside a sentence) absent from the other
    quote_diff       1 if exactly one sentence has quotation marks

``TextTable`` precomputes per sentence what these need (stem sequences, character n-gram
rows, flags); ``text_features`` then scores any index pairs: sparse products for the set
features and rapidfuzz (C++) for the sequence alignments, a few microseconds per pair.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz.distance import Indel, Levenshtein
from scipy import sparse

from triangulate.provenance.features import _DIGIT, SentenceTable, normalise_number, stem, tokens

TEXT_FEATURES = (
    "un_max",
    "un_min",
    "un_sum",
    "len_min",
    "len_max",
    "len_diff",
    "lcs_min",
    "lcs_max",
    "ter",
    "c3",
    "c4",
    "c5",
    "num_un",
    "neg_diff",
    "name_un",
    "quote_diff",
)
CHAR_NGRAMS = (3, 4, 5)
NEGATIONS = frozenset(
    ["not", "no", "never", "nor", "none", "nobody", "nothing", "neither", "without", "cannot"]
)
_QUOTES = frozenset('"“”«»')


def _negated(words: Sequence[str]) -> bool:
    return any(w in NEGATIONS or w.endswith(("n't", "n’t")) for w in words)


class TextTable:
    """Per-sentence stem sequences, character n-gram rows and flags (see the module doc)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.stems: list[list[str]] = []
        negation = np.zeros(len(texts), dtype=bool)
        quoted = np.zeros(len(texts), dtype=bool)
        vocab: dict[str, int] = {}
        rows: dict[int, tuple[list[int], list[int]]] = {n: ([], []) for n in CHAR_NGRAMS}
        for r, text in enumerate(texts):
            words = [t.lower() for t in tokens(text)]
            self.stems.append([normalise_number(w) if _DIGIT.search(w) else stem(w) for w in words])
            negation[r] = _negated(words)
            quoted[r] = any(c in _QUOTES for c in text)
            joined = " ".join(words)
            for n in CHAR_NGRAMS:
                grams = {joined[i : i + n] for i in range(len(joined) - n + 1)}
                rr, cc = rows[n]
                for g in grams:
                    rr.append(r)
                    cc.append(vocab.setdefault(g, len(vocab)))
        shape = (len(texts), max(len(vocab), 1))
        self.chars = {
            n: sparse.csr_matrix((np.ones(len(rr), dtype=np.float32), (rr, cc)), shape=shape)
            for n, (rr, cc) in rows.items()
        }
        self.char_sizes = {n: np.asarray(m.sum(axis=1)).ravel() for n, m in self.chars.items()}
        self.negation = negation
        self.quoted = quoted


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    return np.divide(num, den, out=np.zeros_like(num, dtype=np.float64), where=den > 0)


def text_features(
    table: SentenceTable, text: TextTable, ia: np.ndarray, ib: np.ndarray
) -> np.ndarray:
    """Feature rows in ``TEXT_FEATURES`` order for the pairs ``(ia[k], ib[k])``."""
    ia = np.asarray(ia, dtype=np.int64)
    ib = np.asarray(ib, dtype=np.int64)
    s = table.sizes
    # content words of one sentence absent from the other (a content word is found among
    # the other's words exactly when it is among its content words)
    shared = table.inter("u", "u", ia, ib)
    un_a = s["u"][ia] - shared
    un_b = s["u"][ib] - shared
    la, lb = table.lengths[ia], table.lengths[ib]
    longer = np.maximum(la, lb)
    lcs = np.empty(len(ia), dtype=np.float64)
    edits = np.empty(len(ia), dtype=np.float64)
    for k, (a, b) in enumerate(zip(ia.tolist(), ib.tolist(), strict=True)):
        sa, sb = text.stems[a], text.stems[b]
        # Indel distance = len(a) + len(b) - 2 * LCS
        lcs[k] = (len(sa) + len(sb) - Indel.distance(sa, sb)) / 2
        edits[k] = Levenshtein.distance(sa, sb)
    cols = [np.maximum(un_a, un_b), np.minimum(un_a, un_b), un_a + un_b]
    cols += [np.minimum(la, lb), longer, np.abs(la - lb)]
    cols += [_ratio(lcs, np.minimum(la, lb)), _ratio(lcs, longer), _ratio(edits, longer)]
    for n in CHAR_NGRAMS:
        m = text.chars[n]
        inter = np.asarray(m[ia].multiply(m[ib]).sum(axis=1)).ravel()
        cols.append(_ratio(2 * inter, text.char_sizes[n][ia] + text.char_sizes[n][ib]))
    ni = table.inter("n", "n", ia, ib)
    cols.append(s["n"][ia] + s["n"][ib] - 2 * ni)
    cols.append((text.negation[ia] != text.negation[ib]).astype(np.float64))
    cols.append(
        (s["m"][ia] - table.inter("m", "w", ia, ib)) + (s["m"][ib] - table.inter("w", "m", ia, ib))
    )
    cols.append((text.quoted[ia] != text.quoted[ib]).astype(np.float64))
    return np.column_stack([np.asarray(c, dtype=np.float64) for c in cols])
