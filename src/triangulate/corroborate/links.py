"""Links between facts: contradicting statements, differing figures, doubts of a claim."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from triangulate.claims.compare import FigureGroup
from triangulate.corroborate.attribution import party_key
from triangulate.corroborate.facts import Fact
from triangulate.corroborate.statements import DOUBT, Unit
from triangulate.model import Article


def figure_sides(
    units: Sequence[Unit], articles: Sequence[Article], figures: Sequence[FigureGroup]
) -> list[list[set[int]]]:
    """For each ``differ`` figure group, the statements on each side (unit indices)."""
    out: list[list[set[int]]] = []
    for group in figures:
        if group.verdict != "differ":
            continue
        out.append(
            [
                {
                    i
                    for i, u in enumerate(units)
                    for q in side.quantities
                    if articles[u.article].id == q.article_id and u.start <= q.start < u.end
                }
                for side in group.sides
            ]
        )
    return out


def doubted_fact(
    unit: int,
    own: int,
    facts: Sequence[Fact],
    members_of: Sequence[Sequence[int]],
    sim: np.ndarray,
    threshold: float,
) -> int | None:
    """The attributed claim a doubting statement is closest to, when close enough.

    Only claims attributed to a party other than the doubter's, and not themselves
    doubting, are candidates; a doubting statement doubts at most one fact.
    """
    doubter = facts[own].attributed_to
    best, best_sim = None, threshold
    for k, f in enumerate(facts):
        if k == own or f.attributed_to is None:
            continue
        if doubter and party_key(doubter) == party_key(f.attributed_to):
            continue
        if any(DOUBT.search(s.text) for s in f.supports):
            continue
        score = max(float(sim[unit, j]) for j in members_of[k])
        if score >= best_sim:
            best, best_sim = k, score
    return best
