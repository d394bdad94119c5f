"""What a summary concept is worth: a learned estimate that a human summary uses it.

Concepts are stemmed word bigrams (:func:`triangulate.summarize.concepts_of`). The
frequency model of Gillick & Favre (2009) makes a concept worth the number of origins
using it; here, as in Li, Qian & Liu (2013, "Using supervised bigram-based ILP for
extractive summarization"), a concept is worth the probability that a human summary of
the story contains it, from a logistic regression over features the story alone gives:

    origin_share            share of the origins (articles or copy families) using it
    log_occurrences         log of its occurrences (a copy's repeated sentences once)
    lead_share              share of the origins using it in their first 3 sentences
    first_share             share of the origins using it in their first sentence
    first_position          earliest sentence index where it occurs (capped at 20) / 20
    mean_relative_position  mean of sentence index / article length over its occurrences
    has_stop_word           one of its two words is a stop word
    has_number              one of its two words is a number
    capitalised_share       share of occurrences with a capitalised word not opening
                            the sentence (names)
    rarer_word_share        share of origins using the rarer of its two words
    commoner_word_share     share of origins using the commoner of its two words

Only concepts used by at least ``min_share`` of the origins (and 2) are scored. The
coefficients in :data:`LEARNED` were fit by ``python bench/summary_concepts.py`` on the 24
DUC 2004 development clusters (label: the bigram occurs in one of the cluster's human
summaries); that script also reports the leave-one-cluster-out ROUGE it gives.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from triangulate.thin_imports import english_stop_words, porter_stemmer

Concept = tuple[str, str]

FEATURES = (
    "origin_share",
    "log_occurrences",
    "lead_share",
    "first_share",
    "first_position",
    "mean_relative_position",
    "has_stop_word",
    "has_number",
    "capitalised_share",
    "rarer_word_share",
    "commoner_word_share",
)
#: Sentences at the top of an article counted as its lead.
LEAD_SENTENCES = 3
_CASED_TOKEN = re.compile(r"[A-Za-z0-9]+")
_TOKEN = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter stem of a lower-case word (words of 3 letters or fewer are kept)."""
    if len(word) <= 3:
        return word
    return str(porter_stemmer().stem(word))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return english_stop_words() | {"s", "t", "said", "says", "mr", "ms", "mrs"}


def content_tokens(text: str) -> list[str]:
    """Lower-case stemmed word tokens of ``text`` (letters and digits only)."""
    return [stem(t) for t in _TOKEN.findall(text.lower())]


def concepts_of(tokens: Sequence[str], unigrams: bool = False) -> set[tuple[str, str]]:
    """The sentence's concepts: its stemmed bigrams that are not two stop words, and with
    ``unigrams`` its content words (as ``(word, "")``)."""
    stop = _stopwords()
    out = {(a, b) for a, b in pairwise(tokens) if a not in stop or b not in stop}
    if unigrams:
        out |= {(a, "") for a in tokens if a not in stop and not a.isdigit()}
    return out


@dataclass(frozen=True)
class ConceptModel:
    """A logistic regression over :data:`FEATURES` (coefficients on the raw features)."""

    coefficients: tuple[float, ...]
    intercept: float
    #: Share of the origins (and at least 2) a concept needs to be scored at all.
    min_share: float = 0.2

    def __post_init__(self) -> None:
        if len(self.coefficients) != len(FEATURES):
            raise ValueError(f"need {len(FEATURES)} coefficients, got {len(self.coefficients)}")

    def probability(self, features: Sequence[float]) -> float:
        z = self.intercept + sum(c * x for c, x in zip(self.coefficients, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


@dataclass(frozen=True)
class SentenceRef:
    """What the features need of one sentence: its origin, position and text."""

    origin: str
    index: int
    article_sentences: int
    text: str


#: Fit by ``python bench/summary_concepts.py`` (24 DUC 2004 development clusters).
LEARNED = ConceptModel(
    coefficients=(
        -0.661949,
        0.860283,
        0.707837,
        3.352798,
        -2.27089,
        1.288375,
        -0.17373,
        0.667821,
        0.167896,
        1.169699,
        0.392326,
    ),
    intercept=-3.799931,
)


def _cased_tokens(text: str) -> tuple[list[str], list[bool]]:
    """Lower-case tokens as :func:`content_tokens` splits them, and which were capitalised
    without opening the sentence."""
    raw = _CASED_TOKEN.findall(text)
    caps = [i > 0 and t[0].isupper() for i, t in enumerate(raw)]
    return [t.lower() for t in raw], caps


def concept_features(
    sentences: Sequence[SentenceRef], min_share: float = 0.2
) -> dict[Concept, tuple[float, ...]]:
    """Features (:data:`FEATURES` order) of every concept used by enough origins."""
    stop = _stopwords()
    origins = {s.origin for s in sentences}
    n = max(len(origins), 1)
    min_origins = 1 if n < 2 else max(2, math.ceil(min_share * n))
    used: dict[Concept, set[str]] = {}
    lead: dict[Concept, set[str]] = {}
    first: dict[Concept, set[str]] = {}
    count: dict[Concept, int] = {}
    capitalised: dict[Concept, int] = {}
    earliest: dict[Concept, int] = {}
    relative: dict[Concept, float] = {}
    word_origins: dict[str, set[str]] = {}
    seen: set[tuple[str, str]] = set()
    for s in sentences:
        words, caps = _cased_tokens(s.text)
        stems = [stem(w) for w in words]
        for w in stems:
            word_origins.setdefault(w, set()).add(s.origin)
        repeat = (s.origin, s.text) in seen
        seen.add((s.origin, s.text))
        for i, (a, b) in enumerate(pairwise(stems)):
            if a in stop and b in stop:
                continue
            k = (a, b)
            used.setdefault(k, set()).add(s.origin)
            if s.index < LEAD_SENTENCES:
                lead.setdefault(k, set()).add(s.origin)
            if s.index == 0:
                first.setdefault(k, set()).add(s.origin)
            earliest[k] = min(earliest.get(k, s.index), s.index)
            if repeat:
                continue
            count[k] = count.get(k, 0) + 1
            capitalised[k] = capitalised.get(k, 0) + int(caps[i] or caps[i + 1])
            relative[k] = relative.get(k, 0.0) + s.index / max(s.article_sentences, 1)
    out: dict[Concept, tuple[float, ...]] = {}
    for k, who in used.items():
        if len(who) < min_origins:
            continue
        shares = sorted(len(word_origins[w]) / n for w in k)
        occurrences = max(count.get(k, 1), 1)
        out[k] = (
            len(who) / n,
            math.log(occurrences),
            len(lead.get(k, ())) / n,
            len(first.get(k, ())) / n,
            min(earliest[k], 20) / 20,
            relative.get(k, 0.0) / occurrences,
            float(k[0] in stop or k[1] in stop),
            float(k[0].isdigit() or k[1].isdigit()),
            capitalised.get(k, 0) / occurrences,
            shares[0],
            shares[-1],
        )
    return out


def concept_worth(
    sentences: Sequence[SentenceRef], model: ConceptModel = LEARNED
) -> dict[Concept, float]:
    """Concept -> probability that a human summary uses it, for concepts worth scoring."""
    return {
        k: model.probability(x) for k, x in concept_features(sentences, model.min_share).items()
    }


def fit_concept_model(
    examples: Iterable[tuple[Sequence[float], bool]], *, c: float = 1.0, min_share: float = 0.2
) -> ConceptModel:
    """Logistic regression (L2, ``C=c``, standardised features) folded back onto the raw
    features, from (features, used by a human summary) pairs."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    rows = list(examples)
    x = np.array([f for f, _ in rows], dtype=float)
    y = np.array([label for _, label in rows], dtype=int)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    reg = LogisticRegression(C=c, max_iter=2000).fit((x - mean) / scale, y)
    w = reg.coef_[0] / scale
    return ConceptModel(
        coefficients=tuple(round(float(v), 6) for v in w),
        intercept=round(float(reg.intercept_[0] - (w * mean).sum()), 6),
        min_share=min_share,
    )


def frequency_worth(
    sentences: Sequence[SentenceRef],
    concept_sets: Sequence[set[Concept]],
    *,
    min_share: float,
    lead_bonus: float,
    lead_sentences: int,
    power: float = 1.0,
    unigram_weight: float = 0.0,
) -> dict[Concept, float]:
    """ICSISumm's worth (the model before :data:`LEARNED`): the origins using a concept plus
    ``lead_bonus`` per origin using it in its first ``lead_sentences``, to the ``power``,
    for concepts used by ``min_share`` of the origins (and 2); ``concept_sets[i]`` are the
    concepts of ``sentences[i]``."""
    origins = len({s.origin for s in sentences})
    min_df = 1 if origins < 2 else max(2, math.ceil(min_share * origins))
    df: dict[Concept, set[str]] = {}
    lead: dict[Concept, set[str]] = {}
    for s, concepts in zip(sentences, concept_sets, strict=True):
        for c in concepts:
            df.setdefault(c, set()).add(s.origin)
            if s.index < lead_sentences:
                lead.setdefault(c, set()).add(s.origin)
    return {
        c: (len(who) + lead_bonus * len(lead.get(c, ()))) ** power
        * (unigram_weight if c[1] == "" else 1.0)
        for c, who in df.items()
        if len(who) >= min_df
    }
