"""From aligned sentences to a relation between two articles, with its direction.

For articles a and b: ``coverage`` is the share of each one's sentences aligned with the
other, ``shared_text`` the share of each one's 5-word shingles found verbatim in the other,
``resemblance`` the Jaccard of their shingle sets. The relation (first rule that holds):

    verbatim       resemblance >= VERBATIM_RESEMBLANCE, or the shorter text is almost all
                   in the longer one and the longer mostly in the shorter
    edited         >= EDITED_SHARED of one text's shingles are found verbatim in the other
                   (trimmed, reordered, restyled, paragraphs merged or added), or
                   >= EDITED_COVERAGE of one article's sentences aligned, mostly verbatim,
                   with >= EDITED_COVERAGE_SHARED of its shingles shared
    paraphrase     >= PARAPHRASE_COVERAGE of one article's sentences aligned (at least
                   PARAPHRASE_MIN pairs), mostly not verbatim: reworded sentence by sentence
    shared-source  some statements in common (a confident aligned pair, the same quoted
                   statement, or a verbatim passage) but otherwise written apart
    independent    nothing above

``score`` is the measure that decided: resemblance, shared text, coverage x mean pair
score, best pair score, or 1 - the larger coverage.

Direction: publish times when both are known and differ; else containment (the copy is
contained in the longer original: the article whose text is more covered by the other is
the copy); else ``unknown``.
"""

from __future__ import annotations

from datetime import datetime

from triangulate.model import Article
from triangulate.provenance.results import AlignedPair, Direction, DirectionBasis, Link, Relation

VERBATIM_RESEMBLANCE = 0.8
VERBATIM_CONTAINED = 0.9
EDITED_SHARED = 0.45
PARAPHRASE_COVERAGE = 0.35
PARAPHRASE_MIN = 3
#: mostly-verbatim sentence matches make an edited copy only with this much shared text
EDITED_COVERAGE = 0.5
EDITED_COVERAGE_SHARED = 0.25
SHARED_SOURCE_SCORE = 0.8
SHARED_SOURCE_TEXT = 0.03
#: containment difference needed to call a direction
CONTAINMENT_MARGIN = 0.1


def _published_order(a: datetime | None, b: datetime | None) -> int:
    """-1 when a is earlier, 1 when b is, 0 when unknown or equal."""
    if a is None or b is None:
        return 0
    try:
        if a < b:
            return -1
        if b < a:
            return 1
    except TypeError:  # naive vs aware: compare as naive wall-clock times
        na, nb = a.replace(tzinfo=None), b.replace(tzinfo=None)
        return -1 if na < nb else (1 if nb < na else 0)
    return 0


def direction(
    a: Article, b: Article, covered_a: float, covered_b: float
) -> tuple[Direction, DirectionBasis]:
    """Which way text went between a and b, and how that was decided."""
    order = _published_order(a.published, b.published)
    if order:
        return ("a->b" if order < 0 else "b->a"), "published"
    if covered_a - covered_b >= CONTAINMENT_MARGIN:
        return "b->a", "containment"  # a is contained in b: b is the original
    if covered_b - covered_a >= CONTAINMENT_MARGIN:
        return "a->b", "containment"
    return "unknown", "unknown"


def classify(
    pairs: tuple[AlignedPair, ...],
    n_a: int,
    n_b: int,
    shingles_a: frozenset[str],
    shingles_b: frozenset[str],
) -> tuple[Relation, float, dict[str, float]]:
    """The relation of two articles from their aligned pairs and shingle sets."""
    common = len(shingles_a & shingles_b)
    shared_a = common / len(shingles_a) if shingles_a else 0.0
    shared_b = common / len(shingles_b) if shingles_b else 0.0
    union = len(shingles_a | shingles_b)
    resemblance = common / union if union else 0.0
    m = len(pairs)
    cov_a = m / n_a if n_a else 0.0
    cov_b = m / n_b if n_b else 0.0
    stats = {
        "coverage_a": min(cov_a, 1.0),
        "coverage_b": min(cov_b, 1.0),
        "shared_a": shared_a,
        "shared_b": shared_b,
        "resemblance": resemblance,
    }
    big_shared, small_shared = max(shared_a, shared_b), min(shared_a, shared_b)
    if resemblance >= VERBATIM_RESEMBLANCE or (
        big_shared >= VERBATIM_CONTAINED and small_shared >= VERBATIM_RESEMBLANCE
    ):
        return "verbatim", round(max(resemblance, small_shared), 4), stats
    if big_shared >= EDITED_SHARED:
        return "edited", round(big_shared, 4), stats
    coverage = min(max(cov_a, cov_b), 1.0)
    reworded = sum(1 for p in pairs if p.kind == "reworded")
    if coverage >= PARAPHRASE_COVERAGE and m >= PARAPHRASE_MIN and reworded * 2 >= m:
        mean = sum(p.score for p in pairs) / m
        return "paraphrase", round(coverage * mean, 4), stats
    if coverage >= EDITED_COVERAGE and m >= PARAPHRASE_MIN and big_shared >= EDITED_COVERAGE_SHARED:
        return "edited", round(coverage, 4), stats
    best = max((p.score for p in pairs), default=0.0)
    quoted = any(p.quoted for p in pairs)
    if best >= SHARED_SOURCE_SCORE or big_shared >= SHARED_SOURCE_TEXT or quoted:
        return "shared-source", round(max(best, big_shared), 4), stats
    return "independent", round(1.0 - coverage, 4), stats


def link(
    a: Article,
    b: Article,
    pairs: tuple[AlignedPair, ...],
    n_a: int,
    n_b: int,
    shingles_a: frozenset[str],
    shingles_b: frozenset[str],
) -> Link:
    """The ``Link`` of a and b; ``a.id < b.id`` is expected (pairs are a-then-b)."""
    relation, score, st = classify(pairs, n_a, n_b, shingles_a, shingles_b)
    covered_a = max(st["coverage_a"], st["shared_a"])
    covered_b = max(st["coverage_b"], st["shared_b"])
    if relation == "independent":
        way: tuple[Direction, DirectionBasis] = ("unknown", "unknown")
    else:
        way = direction(a, b, covered_a, covered_b)
    return Link(
        a=a.id,
        b=b.id,
        relation=relation,
        score=score,
        direction=way[0],
        direction_basis=way[1],
        coverage_a=round(st["coverage_a"], 4),
        coverage_b=round(st["coverage_b"], 4),
        shared_text_a=round(st["shared_a"], 4),
        shared_text_b=round(st["shared_b"], 4),
        evidence=pairs,
    )
