"""Typed results of provenance analysis (frozen: they are passed on to later stages).

    AlignedPair       one sentence of article a matched to one sentence of article b
    Link              how two articles are related, with the aligned pairs as evidence
    FamilyMember      an article in an origin family, with its relation to the origin
    Family            articles deriving from one report, and the named origin
    SpinSignal        one kind of machine-rewording trace, with where it occurs
    SpinReport        the rewording evidence of one article, with a calibrated score
    ProvenanceResult  all of the above for one story
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Relation = Literal["verbatim", "edited", "paraphrase", "shared-source", "independent"]
#: Relations in which one article is a copy of the other (they share one origin family).
COPY_RELATIONS: frozenset[str] = frozenset({"verbatim", "edited", "paraphrase"})
SentenceRef = tuple[str, int]
"""A sentence named by its article id and its index in that article."""
MemberRelation = Literal[
    "original", "verbatim", "edited", "paraphrase", "shared-source", "independent"
]
MatchKind = Literal["verbatim", "near-verbatim", "reworded"]
Direction = Literal["a->b", "b->a", "unknown"]
DirectionBasis = Literal["published", "containment", "unknown"]

#: relations that make two articles members of one origin family
DERIVED: frozenset[str] = frozenset({"verbatim", "edited", "paraphrase"})


@dataclass(frozen=True)
class AlignedPair:
    """Sentence ``a_index`` of article a states what sentence ``b_index`` of article b does.

    ``score`` is the fitted probability that the two sentences make the same statement;
    ``overlap`` the Jaccard of their content words, ``cosine`` their embedding cosine
    (``None`` in lexical mode).
    """

    a_index: int
    b_index: int
    score: float
    kind: MatchKind
    overlap: float
    cosine: float | None = None
    #: both sentences carry quotation marks (the same statement quoted by both)
    quoted: bool = False


@dataclass(frozen=True)
class Link:
    """The relation of articles ``a`` and ``b`` (ids; ``a < b``).

    ``score`` is the strength of the measure that decided the relation (see
    docs/provenance.md). ``direction`` says which way text was copied (``a->b``: a is the
    source), ``direction_basis`` how that was decided. ``coverage_a`` is the share of a's
    sentences aligned with b (and vice versa); ``shared_text_a`` the share of a's 5-word
    shingles found verbatim in b.
    """

    a: str
    b: str
    relation: Relation
    score: float
    direction: Direction
    direction_basis: DirectionBasis
    coverage_a: float
    coverage_b: float
    shared_text_a: float
    shared_text_b: float
    evidence: tuple[AlignedPair, ...] = ()

    def other(self, article_id: str) -> str:
        return self.b if article_id == self.a else self.a

    def source(self) -> str | None:
        """The id of the article copied from, when the direction is known."""
        if self.direction == "a->b":
            return self.a
        if self.direction == "b->a":
            return self.b
        return None


@dataclass(frozen=True)
class FamilyMember:
    """An article of a family. ``aligned`` is the share of its sentences aligned with the
    family's origin article (or, when the origin is not in the story, with any member)."""

    article_id: str
    relation: MemberRelation
    score: float
    aligned: float
    basis: str


@dataclass(frozen=True)
class Family:
    """Articles deriving from one report.

    ``origin`` names the report: an agency or outlet when the text says so (``basis``
    quotes the cue), otherwise the earliest member's outlet (``Article.label``: its headline
    when the outlet is unknown). ``origin_article`` is the
    member taken to be the original, ``None`` when the original is not in the story.
    """

    id: str
    origin: str
    basis: str
    origin_article: str | None
    members: tuple[FamilyMember, ...]

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(m.article_id for m in self.members)


@dataclass(frozen=True)
class SpinSignal:
    """One machine-rewording trace. ``where`` holds (start, end) character offsets."""

    name: str
    count: int
    rate: float
    examples: tuple[str, ...] = ()
    where: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class SpinReport:
    """Evidence that an article was machine-reworded, never a verdict.

    ``score`` is calibrated against ordinary news: the share of ``reference_size``
    reference articles whose combined signal is lower than this article's (0.99 = more
    unusual than 99% of them). ``statistic`` is the combined signal itself.
    """

    article_id: str
    score: float
    statistic: float
    reference_size: int
    signals: tuple[SpinSignal, ...]


@dataclass(frozen=True)
class ProvenanceResult:
    """Provenance of one story: links, origin families, rewording evidence, notes."""

    article_ids: tuple[str, ...]
    links: tuple[Link, ...]
    families: tuple[Family, ...]
    spin: tuple[SpinReport, ...]
    method: Literal["embeddings", "lexical"]
    notes: tuple[str, ...] = ()

    @property
    def independent_sources(self) -> int:
        """Number of origin families: how many independent reports the story rests on."""
        return len(self.families)

    def family_of(self, article_id: str) -> Family | None:
        for f in self.families:
            if article_id in f.article_ids:
                return f
        return None

    def link(self, a: str, b: str) -> Link | None:
        x, y = sorted((a, b))
        for link in self.links:
            if link.a == x and link.b == y:
                return link
        return None

    def copied_sentences(self) -> list[tuple[SentenceRef, SentenceRef]]:
        """Sentence pairs a copy relation aligned (verbatim, edited or paraphrased copies):
        ``((article a, sentence), (article b, sentence))``, one sentence restating the other."""
        return [
            ((link.a, p.a_index), (link.b, p.b_index))
            for link in self.links
            if link.relation in COPY_RELATIONS
            for p in link.evidence
        ]
