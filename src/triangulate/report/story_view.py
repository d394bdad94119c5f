"""What a reader sees of one story's analysis: the sections, prepared for the writers.

``report.json.to_dict`` decides what the report *contains*; this module decides how a
story's sections are *shown* (the Markdown and HTML writers both render its views):

- an overview line: articles, outlets, independent origins and copies;
- sections in reading order (``SECTION_ORDER``): summary, facts, disagreements (derived
  from figure groups and date groups whose verdict is "differ"), who said what, figures,
  framing, provenance, timeline;
- every claim carries ``(article id, sentence index)`` so the writers can link it to the
  sentence it came from (``#s-<article id>-<index>`` in the article texts).

A section whose data does not have the shape a view expects (a stage changed its output,
or a hand-made report) is shown by the generic writer instead of failing: its view is
``None`` and the writers fall back to nested lists of its data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from triangulate.report import _view, framing_view
from triangulate.report.json import SECTION_ORDER

#: Sections that are shown elsewhere (the overview line, disagreements), not on their own.
FOLDED_SECTIONS = frozenset({"independent_sources", "dates"})

#: Figure-group verdicts, strongest disagreement first; others come after, by name.
VERDICT_ORDER = ("differ", "consistent", "agree", "different-things")

VERDICT_LABELS = {
    "differ": "sources differ",
    "consistent": "consistent (ranges overlap)",
    "agree": "sources agree",
    "different-things": "different things, not compared",
}

Ref = tuple[str, int]  # (article id, sentence index)


@dataclass(frozen=True)
class Context:
    """Lookups over one story's articles."""

    outlets: dict[str, str]  # article id -> outlet name (or "unknown outlet")
    titles: dict[str, str]
    families: dict[str, str]  # article id -> family id
    family_origin: dict[str, str]  # family id -> origin outlet
    sentences: dict[Ref, str]

    def outlet(self, article_id: object) -> str:
        return self.outlets.get(str(article_id), str(article_id))

    def label(self, article_id: object) -> str:
        """How a citation names an article: its outlet, or its title when the outlet is unknown."""
        aid = str(article_id)
        name = self.outlets.get(aid, aid)
        if name != _view.UNKNOWN_OUTLET or aid not in self.titles:
            return name
        title = self.titles[aid]
        return "“" + (title if len(title) <= 40 else title[:39].rstrip() + "…") + "”"

    def sentence(self, article_id: object, index: object) -> str | None:
        if not isinstance(index, int):
            return None
        return self.sentences.get((str(article_id), index))

    def origins(self, article_ids: list[str]) -> int:
        """Independent origins among articles: each family counts once, unknown ones each."""
        return len({self.families.get(a, "article:" + a) for a in article_ids})


def context(story: dict[str, Any]) -> Context:
    outlets, titles, sentences = {}, {}, {}
    for a in story.get("articles", []):
        outlets[a["id"]] = _view.outlet_name(a.get("outlet"))
        titles[a["id"]] = a.get("title") or "(untitled)"
        for s in a.get("sentences", []):
            sentences[(a["id"], s["index"])] = s["text"]
    families: dict[str, str] = {}
    ctx = Context(outlets, titles, families, {}, sentences)
    prov = story.get("sections", {}).get("provenance")
    if isinstance(prov, dict) and isinstance(prov.get("families"), list):
        for fam in prov["families"]:
            if not isinstance(fam, dict) or not isinstance(fam.get("members"), list):
                continue
            fid = str(fam.get("id", ""))
            for m in fam["members"]:
                if isinstance(m, dict) and "article_id" in m:
                    families[str(m["article_id"])] = fid
            ctx.family_origin[fid] = origin_label(fam, ctx)
    return ctx


def origin_label(family: dict[str, Any], ctx: Context) -> str:
    """A family's origin as the report names it: its origin article's label when the
    origin is that article (an article without an outlet is named by its headline the
    same way everywhere), else the agency or outlet the provenance stage named."""
    origin, article = family.get("origin"), family.get("origin_article")
    if isinstance(article, str) and article in ctx.outlets and (
        not origin or origin in (ctx.titles.get(article), ctx.outlets[article], article)
    ):
        return ctx.label(article)
    return _view.outlet_name(origin)


def outlet_chips(story: dict[str, Any]) -> list[tuple[str, int]]:
    """(label, articles) for the line of outlets under a story's title: each outlet with
    its count, then each article without an outlet by its label (as citations name it)."""
    ctx = context(story)
    named = [(str(o["name"]), int(o["articles"])) for o in story.get("outlets", []) if o.get("name")]
    unknown = [ctx.label(a["id"]) for a in story.get("articles", []) if not a.get("outlet")]
    return named + [(label, 1) for label in unknown]


def overview(story: dict[str, Any]) -> dict[str, Any]:
    """Counts for the line at the top of a story, and that line as text."""
    ctx = context(story)
    articles = int(story.get("article_count", len(story.get("articles", []))))
    outlets = len([o for o in story.get("outlets", []) if o.get("name")])
    nameless = len([a for a in story.get("articles", []) if not a.get("outlet")])
    origins = story.get("sections", {}).get("independent_sources")
    text = f"{_view.plural(articles, 'article')} from {_view.plural(outlets, 'outlet')}"
    if nameless:
        text += f" ({nameless} with no outlet named)"
    copies = None
    if isinstance(origins, int):
        copies = max(articles - origins, 0) if ctx.families else None
        text += f", {_view.plural(origins, 'independent origin')}"
        if copies:
            text += f" — {copies} {'is a copy or rewrite' if copies == 1 else 'are copies or rewrites'}"
    return {"articles": articles, "outlets": outlets, "origins": origins, "copies": copies,
            "text": text}


def sections(story: dict[str, Any]) -> list[tuple[str, Any, dict[str, Any] | None, bool]]:
    """``(name, data, view, fallback)`` for each section to show, in reading order.

    ``view`` is ``None`` when the section has no view here (a writer may still have its
    own template for ``data``); ``fallback`` is true when it has one but ``data`` did not
    have the expected shape: the writers then show ``data`` generically.
    """
    ctx = context(story)
    data: dict[str, Any] = dict(story.get("sections", {}))
    disagreements = _guard(_disagreements, data, ctx)
    if disagreements and disagreements["items"]:
        data["disagreements"] = disagreements
    out = []
    rank = {name: i for i, name in enumerate(SECTION_ORDER)}
    for name in sorted(data, key=lambda n: (rank.get(n, len(rank)), n)):
        if name in FOLDED_SECTIONS:
            continue
        if name == "disagreements":
            out.append((name, disagreements, disagreements, False))
            continue
        if name == "framing":  # names facts by their number in the Facts list
            view = _guard(framing_view.framing, data, ctx)
            out.append((name, data[name], view, view is None))
            continue
        builder = VIEWS.get(name)
        view = _guard(builder, data[name], ctx) if builder else None
        out.append((name, data[name], view, builder is not None and view is None))
    return out


def _guard(
    builder: Callable[[Any, Context], dict[str, Any] | None], data: Any, ctx: Context
) -> dict[str, Any] | None:
    try:
        return builder(data, ctx)
    except (KeyError, TypeError, AttributeError, ValueError):
        return None


def _claim(ctx: Context, article_id: object, index: object, text: str | None = None) -> dict[str, Any]:
    """A statement with its outlet and a link target (``None`` when no sentence index)."""
    aid = str(article_id)
    return {
        "outlet": ctx.label(aid),
        "article_id": aid,
        "index": index if isinstance(index, int) else None,
        "text": text if text is not None else ctx.sentence(aid, index),
    }


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# ----------------------------------------------------------------------------- summary


def _summary(data: dict[str, Any], ctx: Context) -> dict[str, Any]:
    rows = []
    for s in data["sentences"]:
        cited: dict[str, list[dict[str, Any]]] = {}
        own_family = s.get("origin_family") or ctx.families.get(s["article_id"], "")
        cited.setdefault(own_family, []).append(_claim(ctx, s["article_id"], s["index"], ""))
        for c in s.get("citations", []):
            fam = c.get("origin_family") or ctx.families.get(c["article_id"], c["article_id"])
            cited.setdefault(fam, []).append(_claim(ctx, c["article_id"], c.get("sentence_index"), ""))
        groups = [
            {"origin": ctx.family_origin.get(fam, members[0]["outlet"]), "members": members}
            for fam, members in cited.items()
        ]
        rows.append({
            "claim": _claim(ctx, s["article_id"], s["index"], _view.balanced_quotes(s["text"])),
            "attributed": bool(s.get("attributed")),
            "origins": len(groups),
            "groups": groups,
        })
    budget = data.get("word_budget")
    return {"sentences": rows, "word_budget": budget, "notes": list(data.get("notes", []))}


# ------------------------------------------------------------------------------- facts

STATUS_LABELS = {
    "corroborated": "corroborated",
    "single-source": "single source",
    "contested": "contested",
}


def _shown_statement(ctx: Context, f: dict[str, Any]) -> str:
    return _view.shown_statement(f, ctx.sentence)


def _facts(data: list[dict[str, Any]], ctx: Context) -> dict[str, Any]:
    total = max(len(ctx.family_origin), max((int(f["independent_origins"]) for f in data), default=0), 1)
    facts = []
    for f in data:
        supports = [
            _claim(ctx, s["article_id"], s.get("sentence"), s.get("text"))
            | {"attributed_to": s.get("attributed_to")}
            for s in f["supports"]
        ]
        origins = int(f["independent_origins"])
        facts.append({
            "id": str(f["id"]),
            "statement": _shown_statement(ctx, f),
            "status": f["status"],
            "status_label": STATUS_LABELS.get(f["status"], str(f["status"])),
            "origins": origins,
            "share": origins / total,
            "attributed_to": f.get("attributed_to"),
            "supports": supports,
            "articles": sorted({s["article_id"] for s in supports}),
            "contradicts": [str(c) for c in f.get("contradicts", ())],
            "reason": f.get("reason", ""),
        })
    number = {f["id"]: n for n, f in enumerate(facts, 1)}
    for f in facts:
        f["contradicts"] = [{"id": c, "number": number.get(c)} for c in f["contradicts"]]
    columns = sorted({a for f in facts for a in f["articles"]}, key=lambda a: (ctx.label(a), a))
    matrix = {
        "columns": [{"article_id": a, "label": ctx.label(a)} for a in columns],
        "rows": [
            {"id": f["id"], "statement": f["statement"], "status": f["status"],
             "cells": [a in f["articles"] for a in columns]}
            for f in facts
        ],
    }
    return {"facts": facts, "total_origins": total, "matrix": matrix}


# ------------------------------------------------------------------------- disagreements


def _side(ctx: Context, value: str, article_ids: list[str], mentions: list[dict[str, Any]],
          said_by: list[str], origins: Any) -> dict[str, Any]:
    claims = [
        _claim(ctx, m["article_id"], m.get("sentence"), None) | {"quoted": m.get("text", "")}
        for m in mentions
    ]
    return {
        "value": value,
        "outlets": _unique([ctx.outlet(a) for a in article_ids]),
        "said_by": _unique([str(x) for x in said_by]),
        "origins": origins if isinstance(origins, int) else ctx.origins(article_ids),
        "claims": claims,
    }


def _fact_side(ctx: Context, f: dict[str, Any]) -> dict[str, Any]:
    """One fact as a side of a disagreement: said by its party, else by its statements'."""
    said_by = [f["attributed_to"]] if f.get("attributed_to") else [
        str(s["attributed_to"]) for s in f["supports"] if s.get("attributed_to")
    ]
    mentions = [{"article_id": x["article_id"], "sentence": x.get("sentence"),
                 "text": x.get("text", "")} for x in f["supports"]]
    return _side(ctx, _shown_statement(ctx, f), list(f["articles"]), mentions, said_by,
                 f.get("independent_origins"))


def _disagreements(sections: dict[str, Any], ctx: Context) -> dict[str, Any]:
    items = []
    for g in sections.get("figures") or []:
        if g.get("verdict") != "differ" or not g.get("sides"):
            continue
        sides = [
            _side(ctx, str(s["value"]), list(s["articles"]), list(s["quantities"]),
                  list(s.get("asserted_by", [])), s.get("independent_origins"))
            for s in g["sides"]
        ]
        items.append({"kind": "figure", "what": g.get("counted") or g.get("unit") or "figure",
                      "reason": g.get("reason", ""), "sides": sides})
    for g in sections.get("dates") or []:
        if g.get("verdict") != "differ" or not g.get("sides"):
            continue
        sides = [
            _side(ctx, str(s["resolved"]), list(s["articles"]), list(s["mentions"]), [],
                  s.get("independent_origins"))
            for s in g["sides"]
        ]
        items.append({"kind": "date", "what": g.get("event", "event"),
                      "reason": g.get("reason", ""), "sides": sides})
    facts = {str(f["id"]): f for f in sections.get("facts") or []}
    links = {
        fid: [str(c) for c in f.get("contradicts", ()) if str(c) in facts]
        for fid, f in facts.items()
    }
    done: set[frozenset[str]] = set()
    # a claim with everything that contradicts or doubts it, best-supported claims first
    for hub in sorted(links, key=lambda k: (-len(links[k]),
                                            -int(facts[k].get("independent_origins") or 0), k)):
        partners = [c for c in links[hub] if frozenset((hub, c)) not in done]
        if not partners:
            continue
        done.update(frozenset((hub, c)) for c in partners)
        partners.sort(key=lambda c: (-int(facts[c].get("independent_origins") or 0), c))
        sides = [_fact_side(ctx, facts[fid]) for fid in [hub, *partners]]
        reason = facts[hub].get("reason") or facts[partners[0]].get("reason") or ""
        what = "contested claim" if len(partners) > 1 else "contested fact"
        items.append({"kind": "fact", "what": what, "reason": reason, "sides": sides})
    return {"items": items}


# ------------------------------------------------------------------------------ quotes


def _quotes(data: list[dict[str, Any]], ctx: Context) -> dict[str, Any]:
    speakers: dict[str, dict[str, Any]] = {}
    for u in data:
        sp = u["speaker"]
        entry = speakers.setdefault(sp.get("id") or sp.get("name", ""), {
            "name": sp.get("name") or "(unnamed speaker)",
            "role": sp.get("role"),
            "kind": sp.get("kind"),
            "statements": [],
        })
        flagged: dict[str, list[str]] = {}
        for d in u.get("differences", []):
            detail = str(d["detail"])
            for aid in ctx.outlets:  # name articles as the reader sees them, not by id
                if aid in detail:
                    detail = detail.replace(aid, ctx.label(aid))
            flagged.setdefault(d["article_id"], []).append(f"{d['kind']}: {detail}")
        renderings: dict[tuple[str, bool], dict[str, Any]] = {}
        for r in u["renderings"]:
            att = r.get("attribution") or {}
            text = " ".join(str(r["text"]).split())
            key = (text.casefold().strip("\"“”'‘’ "), bool(r.get("direct")))
            same = renderings.setdefault(key, {
                "text": text,
                "quoted": bool(r.get("direct")) and not text.startswith(('"', "“", "'", "‘")),
                "direct": bool(r.get("direct")),
                "sources": [],
                "differences": [],
            })
            same["sources"].append(_claim(ctx, r["article_id"], att.get("sentence"), r["text"]))
            for d in flagged.get(r["article_id"], []):
                if d not in same["differences"]:
                    same["differences"].append(d)
        article_ids = [r["article_id"] for r in u["renderings"]]
        origins = u.get("independent_origins")
        entry["statements"].append({
            "renderings": list(renderings.values()),
            "outlets": len(_unique([ctx.outlet(a) for a in article_ids])),
            "articles": len(set(article_ids)),
            "origins": origins if isinstance(origins, int) else ctx.origins(article_ids),
            "differs": bool(flagged),
        })
    out = []
    for sp in speakers.values():
        sp["statements"].sort(key=lambda s: (-s["origins"], -s["articles"]))
        out.append(sp)
    out.sort(key=lambda sp: (-sum(s["origins"] for s in sp["statements"]), sp["name"]))
    return {"speakers": out}


# ----------------------------------------------------------------------------- figures


def _figures(data: list[dict[str, Any]], ctx: Context) -> dict[str, Any]:
    rank = {v: i for i, v in enumerate(VERDICT_ORDER)}
    compared: list[dict[str, Any]] = []
    agreed: list[dict[str, Any]] = []
    other: list[dict[str, Any]] = []
    for g in sorted(data, key=lambda g: (rank.get(g["verdict"], len(rank)), g.get("counted") or "")):
        rows = []
        for q in g["quantities"]:
            iv = q.get("interval") or {}
            rows.append(
                _claim(ctx, q["article_id"], q.get("sentence"), None)
                | {"quoted": q.get("text", ""), "low": iv.get("low"), "high": iv.get("high"),
                   "asserted_by": q.get("asserted_by")}
            )
        ids = [r["article_id"] for r in rows]
        view = {
            "origins": ctx.origins(ids),
            "outlets": len(_unique([ctx.outlet(a) for a in ids])),
            "verdict": g["verdict"],
            "verdict_label": VERDICT_LABELS.get(g["verdict"], g["verdict"]),
            "what": g.get("counted") or g.get("unit") or "figure",
            "unit": g.get("unit"),
            "reason": g.get("reason", ""),
            "rows": rows,
        }
        if g["verdict"] == "different-things":
            other.append(view)
        elif g["verdict"] == "agree":
            agreed.append(view)
        else:
            compared.append(view)
    return {"groups": compared, "agreed": agreed, "not_compared": other}


# -------------------------------------------------------------------------- provenance


def _provenance(data: dict[str, Any], ctx: Context) -> dict[str, Any]:
    families = []
    for fam in data["families"]:
        members = [
            {
                "article_id": m["article_id"],
                "outlet": ctx.label(m["article_id"]),
                "title": ctx.titles.get(m["article_id"], ""),
                "relation": m["relation"],
                "aligned": float(m.get("aligned", 0.0)),
                "score": float(m.get("score", 0.0)),
                "basis": m.get("basis", ""),
            }
            for m in fam["members"]
        ]
        families.append({
            "id": fam.get("id", ""),
            "origin": origin_label(fam, ctx),
            "basis": fam.get("basis", ""),
            "origin_article": fam.get("origin_article"),
            "members": members,
        })
    links = [
        {
            "a": ctx.label(link["a"]), "b": ctx.label(link["b"]),
            "relation": link["relation"], "score": float(link["score"]),
            "direction": link.get("direction", "unknown"),
        }
        for link in data.get("links", [])
        if ctx.families.get(link["a"]) != ctx.families.get(link["b"])
    ]
    spin = []
    for s in data.get("spin", []):
        signals = [
            {"name": str(x["name"]).replace("_", " "), "count": int(x["count"]),
             "rate": float(x.get("rate", 0.0)), "examples": list(x.get("examples", []))[:3]}
            for x in s.get("signals", []) if x.get("count")
        ]
        spin.append({"outlet": ctx.label(s["article_id"]), "article_id": s["article_id"],
                     "score": float(s["score"]), "signals": signals})
    spin.sort(key=lambda s: -s["score"])
    return {"families": families, "cross_links": links, "spin": spin,
            "method": data.get("method"), "notes": list(data.get("notes", []))}


# ----------------------------------------------------------------------------- timeline


def _timeline(data: list[dict[str, Any]], ctx: Context) -> dict[str, Any]:
    entries = []
    for e in data:
        seen: set[Ref] = set()
        claims = []
        # the timeline stage names the sentences that are events (an embedded post's
        # signature line dates the post but is none); older reports have no such list
        events = set(e["events"]) if isinstance(e.get("events"), list) else None
        for m in e["mentions"]:
            key = (m["article_id"], m.get("sentence"))
            if key in seen:
                continue
            seen.add(key)
            claim = _claim(ctx, m["article_id"], m.get("sentence"), None)
            if events is not None and claim["text"] is not None and claim["text"] not in events:
                continue
            claims.append(claim | {"quoted": m.get("text", "")})
        # the same sentence in several articles (copies) is shown once, with every source
        same: dict[str, dict[str, Any]] = {}
        for c in claims:
            text = c["text"] or c["quoted"]
            norm = " ".join(str(text).casefold().split())
            same.setdefault(norm, {"text": text, "sources": []})["sources"].append(c)
        groups = sorted(same.values(), key=lambda g: -ctx.origins(
            [c["article_id"] for c in g["sources"]]))
        entries.append({"when": e["resolved"], "first": e.get("first"), "last": e.get("last"),
                        "claims": claims, "groups": groups,
                        "origins": ctx.origins([c["article_id"] for c in claims])})
    return {"entries": entries}


VIEWS: dict[str, Callable[[Any, Context], dict[str, Any] | None]] = {
    "summary": _summary,
    "facts": _facts,
    "quotes": _quotes,
    "figures": _figures,
    "provenance": _provenance,
    "timeline": _timeline,
}
