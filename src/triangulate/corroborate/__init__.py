"""Corroboration: group the statements of a story's articles into facts, count who stands behind them.

    from triangulate.corroborate import corroborate
    facts = corroborate(articles, provenance_result, embedder=emb,
                        attributions={a.id: quotes.extract_attributions(a) for a in articles},
                        figures=claims.compare(quantities, families))
    for f in facts:
        print(f.status, f.independent_origins, f.attributed_to, f.statement)

What it does (details and measurements in docs/corroboration.md):

1. **Statements.** Every sentence of every article (split further at ``;``), skipping
   very short ones (fewer than ``MIN_WORDS`` content words).
2. **Same assertion.** Two statements from different articles state the same thing when
   their sentence embeddings are close (cosine; TF-IDF cosine when no embedder is given)
   *and* they agree on names and numbers: statements whose figures share no value
   (within 10 %) are never merged, statements that name different people/places need a
   higher similarity, and statements of opposite polarity (one negated, or with a doubt
   marker such as "no sign of") are never merged. Statements are grouped by average-link
   clustering under these constraints.
3. **Independent support.** A fact's ``independent_origins`` is the number of distinct
   provenance families among the articles that carry it: copies count once.
4. **Attribution.** A statement is attributed when the quotes stage found an attribution
   in its sentence (``attributions``) or, without them, when a reporting verb ("says",
   "according to", "told") names a source. The fact is attributed to the party most of its
   attributed statements name, when most supporting articles attribute it.
5. **Status.** ``contested`` when a contradicting fact exists (a ``differ`` figure group
   puts the two facts on different sides, or a closely matching statement has opposite
   polarity); else ``corroborated`` with two or more independent origins; else
   ``single-source``. Contradictions are linked by fact id, both ways.

Deterministic: ids are hashes of the representative text, order is by support then
first appearance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

from triangulate.claims.compare import FigureGroup
from triangulate.corroborate.attribution import attribution_for, fact_attribution
from triangulate.corroborate.facts import Fact, FactStatus, Support, make_fact, with_changes
from triangulate.corroborate.links import (
    REACTION_DOUBT,
    central_claim,
    doubted_fact,
    doubts_central,
    figure_sides,
)
from triangulate.corroborate.statements import (
    DOUBT,
    Unit,
    content_words,
    names_in,
    negated_pair,
    numbers_agree,
    numbers_in,
    polarity,
    statement_units,
    unit_figures,
)
from triangulate.embed import Embedder
from triangulate.model import Article
from triangulate.provenance.results import ProvenanceResult
from triangulate.quotes.extract import Attribution

__all__ = [
    "Fact",
    "FactStatus",
    "Support",
    "content_words",
    "corroborate",
    "numbers_in",
    "polarity",
    "statement_units",
]

#: Cosine above which two statements state the same thing (embeddings / TF-IDF).
SAME_EMBED = 0.62
SAME_LEXICAL = 0.38
#: Extra similarity needed when the two statements name no person/place in common.
NAME_PENALTY = 0.08
#: Cosine above which two statements of opposite polarity contradict each other.
CONTRA_EMBED = 0.60
CONTRA_LEXICAL = 0.35
#: Similarity at which a doubting statement ("no sign of", "unconfirmed") is taken to
#: doubt an attributed claim.
DOUBT_EMBED = 0.55
DOUBT_LEXICAL = 0.30
#: A story's central claim is the attributed fact that headlines carry: a headline is
#: about a fact when it is this close to one of the fact's statements.
HEADLINE_EMBED = 0.60
HEADLINE_LEXICAL = 0.30
#: Similarity (to the central claim's statements or to a headline) at which a doubting
#: statement is taken to doubt the central claim: reactions in a story answer its main
#: claim, often without repeating it ("we have not seen any sign of de-escalation").
CENTRAL_DOUBT_EMBED = 0.40
CENTRAL_DOUBT_LEXICAL = 0.15
#: How clusters of statements are joined (scipy linkage method): average link is the
#: conservative choice (single link found 1-2 more gold facts on the example but chains).
LINKAGE = "average"
#: Similarity at which two statements of one origin family are copies of each other.
COPY_SIMILARITY = 0.85
#: Decimals to which similarities are compared when choosing a fact's statement (ties).
TIE_DIGITS = 5


# ----------------------------------------------------------------------------- similarity
def _similarity(
    texts: Sequence[str], embedder: Embedder | None, others: Sequence[str] = ()
) -> tuple[np.ndarray, np.ndarray]:
    """Cosine of every pair of ``texts``, and of every text with every one of ``others``."""
    if embedder is not None:
        vecs = np.asarray(embedder.encode([*texts, *others]), dtype=np.float64)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        vecs = vecs / np.where(norms == 0, 1.0, norms)
        own, rest = vecs[: len(texts)], vecs[len(texts) :]
        return np.asarray(own @ own.T), np.asarray(own @ rest.T)
    from sklearn.feature_extraction.text import TfidfVectorizer

    def analyzer(t: str) -> list[str]:
        return content_words(t) + [f"#{v:g}" for v in sorted(numbers_in(t))]

    vec = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True)
    m = vec.fit_transform(texts)
    o = vec.transform(list(others)) if others else None
    cross = np.zeros((len(texts), 0)) if o is None else np.asarray((m @ o.T).toarray())
    return np.asarray((m @ m.T).toarray()), cross


def _family(provenance: ProvenanceResult, article_id: str) -> str:
    family = provenance.family_of(article_id)
    return family.id if family is not None else article_id


def _copy_nodes(sim: np.ndarray, families: Sequence[str]) -> list[list[int]]:
    """Statements joined with their copies (same origin family, near-identical text).

    Clustering copies as one node keeps a statement repeated by three wire copies from
    outweighing the one independent outlet that words it differently.
    """
    parent = list(range(len(families)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in np.argwhere(np.triu(sim >= COPY_SIMILARITY, k=1)).tolist():
        if families[a] == families[b]:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(families)):
        groups[root(i)].append(i)
    return [groups[k] for k in sorted(groups)]


def _attachments(
    members: Mapping[int, Sequence[int]],
    units: Sequence[Unit],
    families: Sequence[str],
    sim: np.ndarray,
    dist: np.ndarray,
    threshold: float,
) -> dict[int, list[int]]:
    """Statements of other articles that also assert a fact: cluster label -> unit indices.

    Clustering gives each statement one fact, but one sentence often asserts several
    ("a section fell into the harbour as gusts reached 110 km/h"). An article not yet
    behind a fact supports it too when one of its statements is close to a member
    (``threshold``) and nothing forbids the pair (figures, polarity: ``dist`` of 2). At
    most one statement per article is attached; the statement keeps its own fact, which
    must have fewer independent origins than the one it joins (two well-supported facts
    never absorb each other's statements, so facts do not turn into near-duplicates).
    """
    article_of = np.array([u.article for u in units])
    label_of = {i: lab for lab, idx in members.items() for i in idx}
    origins = {lab: len({families[i] for i in idx}) for lab, idx in members.items()}
    out: dict[int, list[int]] = {}
    for lab, idx in members.items():
        cols = list(idx)
        best = sim[:, cols].max(axis=1)
        blocked = (dist[:, cols] >= 2.0).any(axis=1)
        inside = set(article_of[cols].tolist())
        chosen: dict[int, int] = {}
        for j in np.flatnonzero((best >= threshold) & ~blocked):
            art = int(article_of[j])
            if art in inside or origins[label_of[int(j)]] >= origins[lab]:
                continue
            if art not in chosen or best[j] > best[chosen[art]]:
                chosen[art] = int(j)
        if chosen:
            out[lab] = sorted(chosen.values())
    return out


def _representative(idx: Sequence[int], sim: np.ndarray) -> int:
    """The member closest on average to the others; the earliest among equally close ones.

    Means are compared to ``TIE_DIGITS`` decimals: two members of a pair are equally close
    to each other, and only rounding noise (~1e-16 in a self-similarity, ~1e-7 between two
    runtimes' vectors) would otherwise choose between them.
    """
    centrality = sim[np.ix_(idx, idx)].mean(axis=1).round(TIE_DIGITS)
    return max(zip(centrality.tolist(), idx, strict=True), key=lambda c: (c[0], -c[1]))[1]


def _node_distances(dist: np.ndarray, nodes: Sequence[Sequence[int]]) -> np.ndarray:
    """Distance between two nodes = their closest pair of statements (0 to itself)."""
    order = [i for node in nodes for i in node]
    starts = np.cumsum([0] + [len(node) for node in nodes[:-1]])
    block = dist[np.ix_(order, order)]
    out = np.minimum.reduceat(np.minimum.reduceat(block, starts, axis=0), starts, axis=1)
    np.fill_diagonal(out, 0.0)
    return np.asarray(out)


def _cluster(dist: np.ndarray, threshold: float) -> list[int]:
    """Average-link clusters of a distance matrix cut at ``threshold``; labels per row."""
    n = dist.shape[0]
    if n == 1:
        return [0]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    np.fill_diagonal(dist, 0.0)
    z = linkage(squareform(dist, checks=False), method=LINKAGE)
    return [int(x) for x in fcluster(z, t=threshold, criterion="distance")]


def corroborate(
    articles: Sequence[Article],
    provenance: ProvenanceResult,
    *,
    embedder: Embedder | None = None,
    attributions: Mapping[str, Sequence[Attribution]] | None = None,
    speaker_names: Mapping[str, Sequence[str | None]] | None = None,
    figures: Sequence[FigureGroup] | None = None,
) -> tuple[Fact, ...]:
    """Group the statements of ``articles`` (one story) into facts with independent support.

    ``speaker_names`` (article id -> one name per attribution, as the story names the
    speaker) names a fact's party as the quotes stage resolved it."""
    units: list[Unit] = []
    for i, art in enumerate(articles):
        units.extend(statement_units(art, i))
    if not units:
        return ()
    texts = [u.text for u in units]
    headlines = [a.title for a in articles if a.title]
    sim, headline_sim = _similarity(texts, embedder, headlines)
    same = SAME_EMBED if embedder is not None else SAME_LEXICAL
    contra = CONTRA_EMBED if embedder is not None else CONTRA_LEXICAL
    nums = [unit_figures(t) for t in texts]
    names = [names_in(t) for t in texts]
    pol = [polarity(t) for t in texts]
    fam = {a.id: _family(provenance, a.id) for a in articles}
    unit_fam = [fam[articles[u.article].id] for u in units]
    dist = 1.0 - sim
    opposed: list[tuple[int, int]] = []
    for sides in figure_sides(units, articles, figures or ()):
        for x, sa in enumerate(sides):
            for sb in sides[x + 1 :]:
                for a in sa:
                    for b in sb:
                        dist[a, b] = dist[b, a] = 2.0
    # only pairs at least as close as a contradiction can need a constraint (row-major order)
    for a, b in np.argwhere(np.triu(sim >= contra, k=1)).tolist():
        s = sim[a, b]
        if pol[a] != pol[b]:
            dist[a, b] = dist[b, a] = 2.0
            doubted = bool(REACTION_DOUBT.search(texts[a])) != bool(
                REACTION_DOUBT.search(texts[b])
            )
            if (
                ((doubted and s >= contra) or negated_pair(texts[a], texts[b]))
                and unit_fam[a] != unit_fam[b]
                and numbers_agree(nums[a], nums[b])
            ):
                opposed.append((a, b))
            continue
        if not numbers_agree(nums[a], nums[b]):
            dist[a, b] = dist[b, a] = 2.0
        elif names[a] and names[b] and not names[a] & names[b]:
            dist[a, b] = dist[b, a] = min(2.0, dist[a, b] + NAME_PENALTY)
    nodes = _copy_nodes(sim, unit_fam)
    node_dist = _node_distances(dist, nodes)
    labels = _cluster(np.clip(node_dist, 0.0, 2.0), 1.0 - same)
    members: dict[int, list[int]] = defaultdict(list)
    for node, lab in zip(nodes, labels, strict=True):
        members[lab].extend(node)
    for lab in members:
        members[lab].sort()
    attached = _attachments(members, units, unit_fam, sim, dist, same)

    facts: list[Fact] = []
    fact_of_unit: dict[int, int] = {}
    members_of: list[list[int]] = []
    for lab in sorted(members, key=lambda k: members[k][0]):
        idx = members[lab]
        rep = _representative(idx, sim)
        supports = []
        for i in sorted(idx + attached.get(lab, [])):
            u = units[i]
            art = articles[u.article]
            who = attribution_for(
                art,
                u,
                None if attributions is None else attributions.get(art.id, ()),
                None if speaker_names is None else speaker_names.get(art.id),
            )
            supports.append(
                Support(art.id, u.sentence, u.start, u.end, u.text, art.outlet, fam[art.id], who)
            )
        for i in idx:
            fact_of_unit[i] = len(facts)
        members_of.append(sorted(idx + attached.get(lab, [])))
        facts.append(make_fact(texts[rep], tuple(supports), fact_attribution(supports, texts[rep])))

    links: dict[int, set[int]] = defaultdict(set)
    reasons: dict[int, list[str]] = defaultdict(list)
    for a, b in opposed:
        fa, fb = fact_of_unit[a], fact_of_unit[b]
        if fa != fb:
            links[fa].add(fb)
            links[fb].add(fa)
            reasons[fa].append("a closely matching statement says the opposite")
            reasons[fb].append("a closely matching statement says the opposite")
    for group, unit_sides in zip(
        [g for g in figures or () if g.verdict == "differ"],
        figure_sides(units, articles, figures or ()),
        strict=True,
    ):
        sides = [{fact_of_unit[i] for i in side} for side in unit_sides]
        for x, sa in enumerate(sides):
            for sb in sides[x + 1 :]:
                for fa in sa:
                    for fb in sb:
                        if fa != fb:
                            links[fa].add(fb)
                            links[fb].add(fa)
                            reasons[fa].append(f"figures for {group.counted} differ")
                            reasons[fb].append(f"figures for {group.counted} differ")
    doubt_sim = DOUBT_EMBED if embedder is not None else DOUBT_LEXICAL
    doubters: dict[int, set[int]] = defaultdict(set)
    lenient = CENTRAL_DOUBT_EMBED if embedder is not None else CENTRAL_DOUBT_LEXICAL
    central = central_claim(
        facts,
        members_of,
        headline_sim,
        HEADLINE_EMBED if embedder is not None else HEADLINE_LEXICAL,
    )
    for i, text in enumerate(texts):
        if not (DOUBT.search(text) or REACTION_DOUBT.search(text)):
            continue
        fi = fact_of_unit[i]
        target = None
        if REACTION_DOUBT.search(text):
            target = doubts_central(i, fi, central, facts, members_of, sim, headline_sim, lenient)
        if target is None and DOUBT.search(text):
            target = doubted_fact(i, fi, facts, members_of, sim, doubt_sim)
        if target is not None and fi not in links[target]:
            links[target].add(fi)
            links[fi].add(target)
            doubters[target].add(fi)
            reasons[target].append("another statement doubts it")
            reasons[fi].append("doubts an attributed claim")
    out = []
    for k, f in enumerate(facts):
        if k in links:
            ids = tuple(sorted(facts[j].id for j in links[k]))
            reason = "; ".join(dict.fromkeys(reasons[k]))
            doubted_ids = tuple(sorted(facts[j].id for j in doubters[k]))
            f = with_changes(
                f, status="contested", contradicts=ids, doubted_by=doubted_ids, reason=reason
            )
        out.append(f)
    order = {f.id: k for k, f in enumerate(out)}
    return tuple(sorted(out, key=lambda f: (-f.independent_origins, -len(f.articles), order[f.id])))
