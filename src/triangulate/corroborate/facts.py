"""Facts and their supporting statements: the values the corroboration stage returns."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Literal

FactStatus = Literal["corroborated", "single-source", "contested"]


@dataclass(frozen=True)
class Support:
    """One statement that asserts a fact: where it is and how it is attributed."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    outlet: str | None
    family: str
    attributed_to: str | None = None


@dataclass(frozen=True)
class Fact:
    """One assertion made by one or more articles of a story, with its evidence."""

    id: str
    statement: str
    supports: tuple[Support, ...]
    outlets: tuple[str, ...]
    articles: tuple[str, ...]
    families: tuple[str, ...]
    independent_origins: int
    attributed_to: str | None
    status: FactStatus
    contradicts: tuple[str, ...] = ()
    reason: str = ""
    #: The facts among ``contradicts`` that doubt this one (reactions to an attributed claim).
    doubted_by: tuple[str, ...] = ()


def make_fact(statement: str, supports: tuple[Support, ...], attributed: str | None) -> Fact:
    articles = tuple(dict.fromkeys(s.article_id for s in supports))
    families = tuple(sorted({s.family for s in supports}))
    outlets = tuple(dict.fromkeys(s.outlet or s.article_id for s in supports))
    origins = len(families)
    status: FactStatus = "corroborated" if origins >= 2 else "single-source"
    reason = f"{origins} independent origins" if origins >= 2 else "one origin (copies count once)"
    digest = hashlib.sha1(
        (statement + "|" + ",".join(sorted(articles))).encode("utf-8")
    ).hexdigest()[:10]
    return Fact(
        id=f"fact-{digest}",
        statement=statement,
        supports=supports,
        outlets=outlets,
        articles=articles,
        families=families,
        independent_origins=origins,
        attributed_to=attributed,
        status=status,
        reason=reason,
    )


def with_changes(f: Fact, **changes: object) -> Fact:
    """A copy of ``f`` with some fields replaced."""
    return replace(f, **changes)  # type: ignore[arg-type]
