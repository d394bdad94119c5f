"""Provenance: copies, edits, reworded rewrites, origin families, independent sources.

    from triangulate.provenance import analyze_story, independent_sources
    result = analyze_story(story_articles)            # lexical alignment
    result = analyze_story(story_articles, embedder)  # with sentence embeddings
    result.links            # one Link per related article pair (relation, score, direction, evidence)
    result.families         # origin families with the named origin and each member's relation
    result.spin             # machine-rewording evidence per article (calibrated score)
    independent_sources(result)   # number of origin families

Modules: ``features`` (pair features), ``pairmodel`` (the fitted same-statement decision),
``align`` (sentence alignment), ``relations`` (pair relation and direction), ``cues``
(origin named in the text), ``families`` (grouping), ``spin`` (rewording signals),
``results`` (the typed values), ``view`` (a JSON-ready view for the report). See
docs/provenance.md.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from triangulate.embed import FALLBACK_NOTE, Embedder
from triangulate.model import Article
from triangulate.provenance.align import StoryAlignment, align_story
from triangulate.provenance.cues import Cue, find_cues
from triangulate.provenance.families import build_families
from triangulate.provenance.relations import link
from triangulate.provenance.results import (
    AlignedPair,
    Family,
    FamilyMember,
    Link,
    ProvenanceResult,
    SpinReport,
    SpinSignal,
)
from triangulate.provenance.spin import spin_reports

__all__ = [
    "AlignedPair",
    "Cue",
    "Family",
    "FamilyMember",
    "Link",
    "ProvenanceResult",
    "SpinReport",
    "SpinSignal",
    "analyze_story",
    "find_cues",
    "independent_sources",
]


def analyze_story(
    articles: Sequence[Article],
    embedder: Embedder | None = None,
    *,
    notes: Sequence[str] = (),
) -> ProvenanceResult:
    """Links, origin families and rewording evidence for the articles of one story.

    Without ``embedder`` the alignment is lexical and the result carries a note saying so.
    Articles with the same id are analysed once. Output order is stable for the same input.
    """
    unique: dict[str, Article] = {}
    for a in articles:
        unique.setdefault(a.id, a)
    ordered = sorted(unique.values(), key=lambda a: a.id)
    alignment: StoryAlignment = align_story(ordered, embedder)
    links: list[Link] = []
    counts = alignment.sentence_counts
    # pairs with no aligned sentence and no shared 5-word shingle are independent: skipped
    for i, j in sorted(set(alignment.pairs) | _sharing_shingles(alignment.shingles)):
        pairs = alignment.pairs.get((i, j), ())
        lk = link(
            ordered[i], ordered[j], pairs, counts[i], counts[j],
            alignment.shingles[i], alignment.shingles[j],
        )
        if lk.relation != "independent":
            links.append(lk)
    cues = {a.id: article_cues(a) for a in ordered}
    spin = spin_reports(ordered)
    families = build_families(ordered, links, cues, {s.article_id: s for s in spin})
    all_notes = list(notes)
    if embedder is None and FALLBACK_NOTE not in all_notes:
        all_notes.append("provenance: lexical alignment (no embedder given); reworded copies are found less often")
    return ProvenanceResult(
        article_ids=tuple(a.id for a in ordered),
        links=tuple(links),
        families=families,
        spin=spin,
        method="embeddings" if embedder is not None else "lexical",
        notes=tuple(all_notes),
    )


def _sharing_shingles(shingles: Sequence[frozenset[str]]) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of articles with a 5-word shingle in common (one
    sparse product, so unrelated pairs cost nothing)."""
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, sh in enumerate(shingles):
        for s in sh:
            rows.append(i)
            cols.append(vocab.setdefault(s, len(vocab)))
    if not vocab:
        return set()
    m = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(shingles), len(vocab))
    )
    co = sparse.triu(m @ m.T, k=1).tocoo()
    return {(int(a), int(b)) for a, b in zip(co.row, co.col, strict=True)}


def article_cues(article: Article) -> tuple[Cue, ...]:
    """Origin cues in the article's text and byline, and in the residue cleaning removed
    (credit lines such as "X contributed to this report" often end up there; those cues
    have ``start == -1``)."""
    found: list[Cue] = []
    if article.dateline:
        line = article.dateline if article.dateline.rstrip()[-1:] in "—–-" else article.dateline + " —"
        found += [Cue(c.agency, c.strength, c.kind, c.text, -1, -1) for c in find_cues(line)]
    found += find_cues(article.text, article.byline)
    for passage in article.removed:
        for c in find_cues(passage.text):
            found.append(Cue(c.agency, c.strength, c.kind, c.text, -1, -1))
    return tuple(found)


def independent_sources(result: ProvenanceResult | Sequence[Article]) -> int:
    """Number of origin families: how many independent reports a story rests on.

    Takes a ``ProvenanceResult`` or the story's articles (analysed lexically).
    """
    if isinstance(result, ProvenanceResult):
        return result.independent_sources
    return analyze_story(result).independent_sources
