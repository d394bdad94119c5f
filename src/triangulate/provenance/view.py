"""A JSON-ready view of a ``ProvenanceResult`` for the report writers.

    as_dict(result, articles)   -> {"independent_sources", "method", "notes", "families",
                                    "links", "spin"}

Families list each member with its relation, score and share of aligned text; each link
carries its aligned passages side by side (sentence text of both articles), so a report
can show them on demand. Only plain types (str, int, float, bool, None, list, dict).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from triangulate.model import Article
from triangulate.provenance.results import Link, ProvenanceResult


def _sentence(article: Article | None, index: int) -> str:
    if article is None:
        return ""
    for s in article.sentences:
        if s.index == index:
            return s.text
    return ""


def _label(article: Article | None, article_id: str) -> str:
    if article is None:
        return article_id
    return article.label


def link_dict(link: Link, by_id: dict[str, Article]) -> dict[str, Any]:
    a, b = by_id.get(link.a), by_id.get(link.b)
    return {
        "a": link.a,
        "b": link.b,
        "a_label": _label(a, link.a),
        "b_label": _label(b, link.b),
        "relation": link.relation,
        "score": link.score,
        "direction": link.direction,
        "direction_basis": link.direction_basis,
        "source": link.source(),
        "coverage_a": link.coverage_a,
        "coverage_b": link.coverage_b,
        "shared_text_a": link.shared_text_a,
        "shared_text_b": link.shared_text_b,
        "passages": [
            {
                "a_index": p.a_index,
                "b_index": p.b_index,
                "a_text": _sentence(a, p.a_index),
                "b_text": _sentence(b, p.b_index),
                "kind": p.kind,
                "score": p.score,
                "overlap": p.overlap,
                "cosine": p.cosine,
                "quoted": p.quoted,
            }
            for p in link.evidence
        ],
    }


def as_dict(result: ProvenanceResult, articles: Sequence[Article]) -> dict[str, Any]:
    by_id = {a.id: a for a in articles}
    return {
        "independent_sources": result.independent_sources,
        "method": result.method,
        "notes": list(result.notes),
        "families": [
            {
                "id": f.id,
                "origin": f.origin,
                "basis": f.basis,
                "origin_article": f.origin_article,
                "members": [
                    {
                        "article_id": m.article_id,
                        "label": _label(by_id.get(m.article_id), m.article_id),
                        "relation": m.relation,
                        "score": m.score,
                        "aligned": m.aligned,
                        "basis": m.basis,
                    }
                    for m in f.members
                ],
            }
            for f in result.families
        ],
        "links": [link_dict(lk, by_id) for lk in result.links],
        "spin": [
            {
                "article_id": s.article_id,
                "score": s.score,
                "statistic": s.statistic,
                "reference_size": s.reference_size,
                "signals": [
                    {"name": g.name, "count": g.count, "rate": g.rate, "examples": list(g.examples)}
                    for g in s.signals
                ],
            }
            for s in result.spin
        ],
    }
