"""Links between facts: contradicting statements, differing figures, doubts of a claim."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from triangulate.claims.compare import FigureGroup
from triangulate.corroborate.attribution import party_key
from triangulate.corroborate.facts import Fact
from triangulate.corroborate.statements import DOUBT, Unit, content_words
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


#: Doubt that asks for evidence of a claim, the kind a story's reactions voice: "no sign
#: of", "no evidence", "must be confirmed", "we will believe it when we see it", "still
#: not encouraging", scepticism. Unlike "dismissed"/"rejected" these carry no object of
#: their own, so they answer the story's central claim.
REACTION_DOUBT = re.compile(
    r"\b(?:(?:will|would|we[’']ll) believe\b[^.]{0,40}\b(?:when|if|once)|(?:when|if) we see|"
    r"not (?:\w+ )?encouraging|(?:have|has|had) (?:still )?not (?:yet )?seen|yet to see|"
    r"no (?:\w+ )?(?:sign|evidence|indication|proof|confirmation)s?|unconfirmed|"
    r"(?:must|needs? to) be (?:confirmed|verified)|not (?:been )?confirmed|"
    r"sceptic\w*|skeptic\w*|scepticism|skepticism|doubt\w*)",
    re.IGNORECASE,
)


def _doubting(f: Fact) -> bool:
    return any(DOUBT.search(s.text) or REACTION_DOUBT.search(s.text) for s in f.supports)


def central_claim(
    facts: Sequence[Fact],
    members_of: Sequence[Sequence[int]],
    headline_sim: np.ndarray,
    threshold: float,
) -> int | None:
    """The story's central claim: the attributed fact that most headlines carry.

    Only attributed, non-doubting facts carried by at least two headlines qualify; ties go
    to more independent origins. ``headline_sim`` is statements x headlines.
    """
    if headline_sim.shape[1] == 0:
        return None
    best, best_key = None, (1, 0)
    for k, f in enumerate(facts):
        if f.attributed_to is None or _doubting(f):
            continue
        hits = int((headline_sim[list(members_of[k])].max(axis=0) >= threshold).sum())
        key = (hits, f.independent_origins)
        if key > best_key:
            best, best_key = k, key
    return best


def _sides(name: str) -> set[str]:
    """Content words of a party's name, for telling a claimant from its critics."""
    return {w.rstrip("n") for w in content_words(name)}


def doubts_central(
    unit: int,
    own: int,
    central: int | None,
    facts: Sequence[Fact],
    members_of: Sequence[Sequence[int]],
    sim: np.ndarray,
    headline_sim: np.ndarray,
    threshold: float,
) -> int | None:
    """``central`` when the doubting statement ``unit`` answers it, else None.

    The statement must come from another party than the claim (no shared name word:
    "Russian Defense Ministry spokesman" does not doubt "Russia") and be this close to one
    of the claim's statements or to a headline.
    """
    if central is None or central == own:
        return None
    claimant = facts[central].attributed_to or ""
    doubter = facts[own].attributed_to
    if doubter and _sides(doubter) & _sides(claimant):
        return None
    close = max(float(sim[unit, j]) for j in members_of[central])
    if headline_sim.shape[1]:
        close = max(close, float(headline_sim[unit].max()))
    return central if close >= threshold else None
