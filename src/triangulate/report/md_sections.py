"""Markdown for a story's sections, written from the views of ``story_view``.

Compact: one list item per claim. Each claim cites its outlet and sentence number, linked
to that sentence in ``report.html`` (written next to ``report.md``:
``report.html#s-<article id>-<index>``). Untrusted text goes through ``markdown.inline``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from triangulate.report import _view

HTML_REPORT = "report.html"


def _inline(text: Any) -> str:
    from triangulate.report.markdown import inline

    return inline(text)


def cite(c: dict[str, Any], label: str | None = None) -> str:
    """``[Outlet, s. 4](report.html#s-<id>-3)``: a claim's source, linked to its sentence."""
    text = _inline(label if label is not None else c["outlet"])
    if c.get("index") is None:
        return f"[{text}]({HTML_REPORT}#{_view.anchor('article', c['article_id'])})"
    target = _view.anchor("s", f"{c['article_id']}-{c['index']}")
    return f"[{text}, s. {c['index'] + 1}]({HTML_REPORT}#{target})"


def _origins(n: int) -> str:
    return _view.plural(n, "independent origin")


def summary(view: dict[str, Any]) -> list[str]:
    lines = []
    for n, row in enumerate(view["sentences"], 1):
        cites = "; ".join(
            ", ".join(cite(m) for m in g["members"]) for g in row["groups"]
        )
        mark = " *(attributed)*" if row["attributed"] else ""
        lines.append(f"{n}. {_inline(row['claim']['text'])}{mark}")
        lines.append(f"   — {_origins(row['origins'])}: {cites}")
    for note in view.get("notes", []):
        lines += ["", f"*{_inline(note)}*"]
    return lines


def facts(view: dict[str, Any]) -> list[str]:
    lines = []
    for n, f in enumerate(view["facts"], 1):
        who = f" · according to {_inline(f['attributed_to'])}" if f["attributed_to"] else ""
        lines.append(
            f"{n}. {_inline(f['statement'])} — **{_inline(f['status_label'])}**, "
            f"{f['origins']}/{view['total_origins']} independent origins{who}"
        )
        lines.append("   — " + ", ".join(cite(c) for c in f["supports"]))
    return lines


def disagreements(view: dict[str, Any]) -> list[str]:
    lines = []
    for item in view["items"]:
        kind = {"figure": "Figure", "date": "Date"}.get(item["kind"], "Statements")
        lines.append(f"- **{kind}: {_inline(item['what'])}**")
        claim = item["kind"] == "fact" and len(item["sides"]) > 2
        for n, side in enumerate(item["sides"]):
            said = f", said by {_inline(', '.join(side['said_by']))}" if side["said_by"] else ""
            role = ("the claim: " if n == 0 else "against it: ") if claim else ""
            refs = ", ".join(cite(c, f"“{c['quoted']}” {c['outlet']}") for c in side["claims"])
            lines.append(
                f"  - {role}**{_inline(side['value'])}** — {_origins(side['origins'])}, "
                f"{_view.plural(len(side['outlets']), 'outlet')}{said}: {refs}"
            )
        lines.append(f"  - *{_inline(item['reason'])}*")
    return lines


def quotes(view: dict[str, Any]) -> list[str]:
    lines = []
    for sp in view["speakers"]:
        role = f" ({_inline(sp['role'])})" if sp.get("role") else ""
        lines.append(f"- **{_inline(sp['name'])}**{role}")
        for st in sp["statements"]:
            flag = " · **wording changes meaning**" if st["differs"] else ""
            lines.append(
                f"  - {_origins(st['origins'])}, {_view.plural(st['articles'], 'article')} "
                f"from {_view.plural(st['outlets'], 'outlet')}{flag}"
            )
            for r in st["renderings"]:
                text = f"“{r['text']}”" if r["quoted"] else r["text"]
                refs = ", ".join(cite(c) for c in r["sources"])
                lines.append(f"    - {_inline(text)} — {refs}")
                lines += [f"      - ⚠ {_inline(d)}" for d in r["differences"]]
    return lines


def figures(view: dict[str, Any]) -> list[str]:
    lines = []
    for g in view["groups"]:
        lines.append(
            f"- **{_inline(g['what'])}** — {_inline(g['verdict_label'])} "
            f"({_view.plural(g['outlets'], 'outlet')}, {_origins(g['origins'])}): "
            f"{_inline(g['reason'])}"
        )
        lines += [f"  - {cite(r, '“' + r['quoted'] + '” ' + r['outlet'])}" for r in g["rows"]]
    if view["agreed"]:
        agreed = "; ".join(
            f"{_inline(g['what'])} ({g['rows'][0]['quoted'] and _inline(g['rows'][0]['quoted'])}, "
            f"{_view.plural(g['outlets'], 'outlet')})"
            for g in view["agreed"]
        )
        lines.append(f"- *Every source agrees:* {agreed}")
    if view["not_compared"]:
        lines.append(
            "- *Same words, different things (not compared):* "
            + "; ".join(_inline(g["what"]) for g in view["not_compared"])
        )
    return lines


def provenance(view: dict[str, Any]) -> list[str]:
    lines = []
    for fam in view["families"]:
        lines.append(f"- **{_inline(fam['origin'])}** — origin: {_inline(fam['basis'])}")
        for m in fam["members"]:
            lines.append(
                f"  - {_inline(m['outlet'])}: {_inline(m['relation'])}, "
                f"{round(m['aligned'] * 100)}% aligned" + (f" — {_inline(m['basis'])}" if m["basis"] else "")
            )
    if view["spin"]:
        signals = "; ".join(
            f"{_inline(s['outlet'])} {s['score']:.2f}"
            + (
                " (" + ", ".join(f"{_inline(x['name'])} ×{x['count']}" for x in s["signals"]) + ")"
                if s["signals"]
                else ""
            )
            for s in view["spin"]
        )
        lines.append(f"- *Rewording signals (evidence, not a verdict):* {signals}")
    if view.get("method"):
        lines.append(f"- *Method:* {_inline(view['method'])}")
    return lines


def timeline(view: dict[str, Any]) -> list[str]:
    lines = []
    for e in view["entries"]:
        lines.append(f"- **{_inline(e['when'])}** ({_origins(e['origins'])})")
        lines += [
            f"  - {_inline(g['text'])} — " + ", ".join(cite(c) for c in g["sources"])
            for g in e["groups"]
        ]
    return lines


def framing(view: dict[str, Any]) -> list[str]:
    """One item per outlet: headline stance, verbs, hedges, voices, facts, tone."""
    lines = []
    for o in view["outlets"]:
        basis = f" (“{_inline(o['stance_basis'])}”)" if o["stance_basis"] else ""
        lines.append(f"- **{_inline(o['label'])}** — headline *{_inline(o['headline'])}*: "
                     f"{_inline(o['stance'])}{basis}")
        if o["verbs"]:
            lines.append(f"  - Attribution verbs: {_inline(o['verbs'])}")
        if o["hedges"]:
            lines.append(f"  - Hedges: {_inline(o['hedges'])}")
        if o["voices"]:
            voices = "; ".join(
                f"{_inline(v['group'])} {round(v['share'] * 100)}% "
                f"({_view.plural(v['statements'], 'statement')}: {_inline(', '.join(v['speakers']))})"
                for v in o["voices"]
            )
            lines.append(f"  - Voices quoted: {voices}")
        if o["exclusive"]:
            nums = ", ".join(str(r["number"]) for r in o["exclusive"])
            lines.append(f"  - Facts only its origin has ({len(o['exclusive'])}): {nums}")
        if o["omitted"]:
            lines.append(f"  - Corroborated facts it omits ({len(o['omitted'])}):")
            lines += [f"    - {r['number']}. {_inline(r['statement'])}" for r in o["omitted"]]
        lines.append(f"  - Tone: {_inline(o['tone'])}")
    return lines


VIEW_WRITERS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "summary": summary,
    "facts": facts,
    "disagreements": disagreements,
    "quotes": quotes,
    "figures": figures,
    "provenance": provenance,
    "timeline": timeline,
    "framing": framing,
}
