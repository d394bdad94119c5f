"""The framing section as a reader meets it: one entry per outlet, facts by their number.

``report.json`` keeps the framing stage's data as it is (fact ids, the outlet as the
stage keyed it); this view names each outlet as every other section does
(``Context.label``) and turns fact ids into the numbers and statements of the Facts list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from triangulate.report import _view

if TYPE_CHECKING:
    from triangulate.report.story_view import Context

#: How many characters of an omitted fact's statement the view keeps.
STATEMENT_CHARS = 90


def framing(sections: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """``{"outlets": [...]}`` from a story's sections (``framing`` and ``facts``)."""
    facts = [f for f in sections.get("facts") or [] if isinstance(f, dict)]
    numbers = {str(f["id"]): n for n, f in enumerate(facts, 1)}
    statements = {str(f["id"]): _view.shown_statement(f, ctx.sentence) for f in facts}

    def refs(ids: list[Any]) -> list[dict[str, Any]]:
        out = [{"id": str(i), "number": numbers[str(i)],
                "statement": _short(statements[str(i)])} for i in ids if str(i) in numbers]
        return sorted(out, key=lambda r: r["number"])

    outlets = []
    for o in sections["framing"]:
        ids = [str(a) for a in o["article_ids"]]
        central = o.get("central_fact")
        outlets.append({
            "label": ctx.label(ids[0]) if ids else str(o["outlet"]),
            "article_ids": ids,
            "headline": o.get("headline", ""),
            "stance": o["stance"],
            "stance_basis": o.get("stance_basis", ""),
            "central": refs([central])[0] if central and str(central) in numbers else None,
            "verbs": _counted(o.get("attribution_verbs", [])),
            "hedges": _counted(o.get("hedges", [])),
            "voices": [
                {"group": _voice_label(v), "share": float(v["share"]),
                 "statements": int(v["statements"]), "speakers": list(v["speakers"])}
                for v in o.get("voices", [])
            ],
            "exclusive": refs(list(o.get("exclusive_facts", []))),
            "omitted": refs(list(o.get("omitted_facts", []))),
            "tone": _tone(o.get("tone") or {}),
        })
    return {"outlets": outlets}


def _short(text: str) -> str:
    return text if len(text) <= STATEMENT_CHARS else text[: STATEMENT_CHARS - 1].rstrip() + "…"


def _counted(pairs: list[Any]) -> str:
    """``said ×10, told ×3`` from ``[["said", 10], ["told", 3]]``; empty when none."""
    return ", ".join(f"{word} ×{count}" for word, count in pairs)


def _tone(tone: dict[str, Any]) -> str:
    loaded = _counted(tone.get("loaded_words", []))
    questions = len(tone.get("rhetorical_questions", []))
    parts = [
        f"loaded words: {loaded}" if loaded else "no loaded words",
        _view.plural(int(tone.get("exclamations", 0)), "exclamation"),
        _view.plural(questions, "rhetorical question"),
    ]
    return ", ".join(parts)


def _voice_label(voice: dict[str, Any]) -> str:
    """"officials (Russia)": the role group with the side its speakers speak for."""
    side = voice.get("side")
    return f"{voice['group']} ({side})" if side else str(voice["group"])
