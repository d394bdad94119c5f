"""Origin families: articles that derive from one report, and what that report was.

1. Articles joined by a ``verbatim``, ``edited`` or ``paraphrase`` link are one family
   (connected components).
2. Families whose members carry a *strong* cue naming the same agency (``MOSCOW (AP) —``,
   ``By X for AFP``, ``CBS News' X contributed to this report``) are one family: both are
   that agency's report. A *partial* cue (``By Euronews with AFP``) joins the agency's
   family only when the article also shares aligned text with it.
3. The origin is the agency named by the members' strong cues (most often), else the
   earliest member's outlet (its headline when the outlet is unknown). The origin article is the member published by that agency
   (outlet or URL), else - when no cue names an agency - the earliest member, else the
   member the others' links point back to; ``None`` when the named origin is not in the
   story.
4. Each member's relation is its link's relation to the origin article. When the origin
   is absent, the relation is read from the member's own traces: strong machine-rewording
   evidence -> ``paraphrase``; a wire dateline, byline or copyright -> ``verbatim``; a
   partial cue or staff credit -> ``edited``.
   A lone article with strong rewording evidence is reported as a ``paraphrase`` of an
   absent original; otherwise a lone article is ``independent``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from triangulate.model import Article
from triangulate.provenance.cues import Cue, outlet_agency
from triangulate.provenance.results import (
    DERIVED,
    Family,
    FamilyMember,
    Link,
    MemberRelation,
    SpinReport,
)

#: spin score at or above which an article without its original counts as reworded
SPIN_PARAPHRASE = 0.99
#: the same when the text credits another outlet's report that is not in the story (the
#: article is known to be a copy; only how it was copied is open)
SPIN_COPY_PARAPHRASE = 0.9
_RELATION_RANK = {"verbatim": 0, "edited": 1, "paraphrase": 2, "shared-source": 3, "independent": 4}


class _UnionFind:
    def __init__(self, items: Sequence[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def _time_key(article: Article) -> tuple[int, float, str]:
    p = article.published
    if p is None:
        return (1, 0.0, article.id)
    try:
        ts = p.timestamp()
    except (OverflowError, OSError, ValueError):
        ts = 0.0
    return (0, ts, article.id)


def _strong_agencies(cues: Sequence[Cue]) -> list[str]:
    counts: dict[str, int] = {}
    for c in cues:
        if c.strength == "strong":
            counts[c.agency] = counts.get(c.agency, 0) + 1
    return sorted(counts, key=lambda a: (-counts[a], a))


def _describe(cue: Cue) -> str:
    text = cue.text if len(cue.text) <= 80 else cue.text[:77] + "..."
    return f"{cue.kind} {text!r}"


def build_families(
    articles: Sequence[Article],
    links: Sequence[Link],
    cues: Mapping[str, Sequence[Cue]],
    spin: Mapping[str, SpinReport],
) -> tuple[Family, ...]:
    """Group ``articles`` into origin families (see the module docstring)."""
    by_id = {a.id: a for a in articles}
    ids = sorted(by_id)
    uf = _UnionFind(ids)
    link_of: dict[tuple[str, str], Link] = {(lk.a, lk.b): lk for lk in links}
    for lk in links:
        if lk.relation in DERIVED:
            uf.union(lk.a, lk.b)
    # strong cues naming the same agency: one family
    first_with: dict[str, str] = {}
    for aid in ids:
        for agency in _strong_agencies(cues.get(aid, ())):
            own = outlet_agency(by_id[aid].outlet, by_id[aid].url)
            if agency == own:
                continue
            if agency in first_with:
                uf.union(first_with[agency], aid)
            else:
                first_with[agency] = aid
    # agency's own articles join that agency's family
    for aid in ids:
        own = outlet_agency(by_id[aid].outlet, by_id[aid].url)
        if own and own in first_with:
            uf.union(first_with[own], aid)
    # partial cues: join only with shared aligned text
    for aid in ids:
        for c in cues.get(aid, ()):
            if c.strength != "partial" or c.agency not in first_with:
                continue
            target = first_with[c.agency]
            for other in ids:
                if uf.find(other) != uf.find(target) or other == aid:
                    continue
                shared = _pair(link_of, aid, other)
                if shared is not None and shared.relation != "independent":
                    uf.union(aid, other)
                    break
    groups: dict[str, list[str]] = {}
    for aid in ids:
        groups.setdefault(uf.find(aid), []).append(aid)
    families = [
        _family(sorted(members, key=lambda i: _time_key(by_id[i])), by_id, link_of, cues, spin)
        for members in groups.values()
    ]
    families.sort(key=lambda f: (-len(f.members), _time_key(by_id[f.members[0].article_id])))
    return tuple(
        Family(f"F{n + 1}", f.origin, f.basis, f.origin_article, f.members)
        for n, f in enumerate(families)
    )


def _family(
    members: list[str],
    by_id: Mapping[str, Article],
    link_of: Mapping[tuple[str, str], Link],
    cues: Mapping[str, Sequence[Cue]],
    spin: Mapping[str, SpinReport],
) -> Family:
    member_cues = [c for m in members for c in cues.get(m, ())]
    named = _strong_agencies(member_cues)
    origin_article: str | None
    if named:
        origin = named[0]
        cue = next(c for c in member_cues if c.strength == "strong" and c.agency == origin)
        basis = f"named in the text: {_describe(cue)}"
        own = [m for m in members if outlet_agency(by_id[m].outlet, by_id[m].url) == origin]
        origin_article = own[0] if own else None
        if origin_article is not None and by_id[origin_article].outlet:
            origin = by_id[origin_article].outlet or origin
        if origin_article is None:
            basis += f"; no article from {origin} in the story"
    else:
        origin_article = _earliest_or_source(members, by_id, link_of)
        art = by_id[origin_article]
        origin = art.label
        if art.published is not None and len(members) > 1:
            basis = "earliest member (publish time)"
        elif len(members) > 1:
            basis = "the member the others derive from (containment)"
        else:
            basis = "single article"
    return Family(
        id="",
        origin=origin,
        basis=basis,
        origin_article=origin_article,
        members=tuple(_member(m, origin_article, members, link_of, cues, spin) for m in members),
    )


def _earliest_or_source(
    members: list[str], by_id: Mapping[str, Article], link_of: Mapping[tuple[str, str], Link]
) -> str:
    dated = [m for m in members if by_id[m].published is not None]
    if dated:
        return min(dated, key=lambda m: _time_key(by_id[m]))
    wins = dict.fromkeys(members, 0)
    for (a, b), lk in link_of.items():
        src = lk.source()
        if src is not None and a in wins and b in wins:
            wins[src] += 1
    return max(members, key=lambda m: (wins[m], -members.index(m)))


def _pair(link_of: Mapping[tuple[str, str], Link], a: str, b: str) -> Link | None:
    x, y = sorted((a, b))
    return link_of.get((x, y))


def _aligned(lk: Link, article_id: str) -> float:
    own = lk.coverage_a if lk.a == article_id else lk.coverage_b
    text = lk.shared_text_a if lk.a == article_id else lk.shared_text_b
    return round(max(own, text), 4)


def _member(
    m: str,
    origin_article: str | None,
    members: list[str],
    link_of: Mapping[tuple[str, str], Link],
    cues: Mapping[str, Sequence[Cue]],
    spin: Mapping[str, SpinReport],
) -> FamilyMember:
    sp = spin.get(m)
    limit = SPIN_COPY_PARAPHRASE if origin_article is None else SPIN_PARAPHRASE
    spun = sp is not None and sp.score >= limit
    if len(members) == 1 and m == origin_article:
        if spun and sp is not None:
            return FamilyMember(
                m, "paraphrase", sp.score, 0.0,
                f"no original in the story; machine-rewording evidence (more unusual than "
                f"{sp.score:.0%} of reference news)",
            )
        return FamilyMember(m, "independent", 1.0, 0.0, "no copy or source found in the story")
    if m == origin_article:
        return FamilyMember(m, "original", 1.0, 1.0, "origin of the family")
    if origin_article is not None:
        lk = _pair(link_of, m, origin_article)
        if lk is not None and lk.relation in DERIVED:
            return FamilyMember(m, lk.relation, lk.score, _aligned(lk, m), "link to the origin article")
    others = [lk for o in members if o != m and (lk := _pair(link_of, m, o)) is not None]
    derived = sorted(
        (lk for lk in others if lk.relation in DERIVED),
        key=lambda lk: (_RELATION_RANK[lk.relation], -lk.score),
    )
    aligned = max((_aligned(lk, m) for lk in others), default=0.0)
    if spun and sp is not None:
        return FamilyMember(
            m, "paraphrase", sp.score, aligned,
            f"machine-rewording evidence (more unusual than {sp.score:.0%} of reference news)",
        )
    if origin_article is None:
        own_cues = [c for c in cues.get(m, ()) if c.strength != "mention"]
        if any(c.strength == "strong" and c.kind in {"dateline", "byline", "copyright", "signature"} for c in own_cues):
            return FamilyMember(m, "verbatim", 0.5, aligned, "wire credit, original not in the story")
        if own_cues:
            return FamilyMember(m, "edited", 0.5, aligned, "credited material, original not in the story")
    if derived:
        lk = derived[0]
        rel: MemberRelation = lk.relation
        return FamilyMember(m, rel, lk.score, _aligned(lk, m), "link to another member")
    if len(members) == 1:
        return FamilyMember(m, "independent", 1.0, 0.0, "no copy or source found in the story")
    return FamilyMember(m, "shared-source", 0.5, aligned, "same origin named in the text")
