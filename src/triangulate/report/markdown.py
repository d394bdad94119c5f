"""``report.md``: the report for a terminal or GitHub, rendered from ``json.to_dict``.

Untrusted text (titles, article text, outlets, reasons ...) is escaped so it cannot
break the structure: characters that start Markdown syntax are backslash-escaped
(``\\<`` also keeps raw HTML such as ``<script>`` or ``<img>`` from being HTML), line
breaks are folded where a value must stay on one line (headings, table cells), and only
absolute http(s) URLs become links.

Optional story sections are written by the function registered for their name in
``SECTION_WRITERS`` (raw section data) or, for the sections ``story_view`` prepares, by
``md_sections.VIEW_WRITERS``; a section without either is a nested list by ``generic``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from triangulate.model import Report
from triangulate.report import _view, md_sections, story_view
from triangulate.report import json as report_json

SectionWriter = Callable[[Any], list[str]]

#: Writers of optional story sections by name (see ``report.json.SECTION_ORDER``).
SECTION_WRITERS: dict[str, SectionWriter] = {}

_INLINE_ACTIVE = re.compile(r"([\\`*_\[\]<>|~#])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(\d{1,9})([.)])|^([-+=>])")


def render(report: Report) -> str:
    """The report as Markdown text (newline at the end)."""
    return render_dict(report_json.to_dict(report))


def render_dict(data: dict[str, Any]) -> str:
    lines = ["# Triangulate report", ""]
    gen = data["generator"]
    lines += [
        f"*{inline(gen['name'])} {inline(gen['version'])} · "
        f"report schema {inline(data['schema_version'])}*",
        "",
    ]
    stats = _view.stat_items(data["stats"])
    if stats:
        lines += ["**Inputs:** " + ", ".join(f"{n} {inline(label)}" for label, n in stats), ""]
    stories = data["stories"]
    lines += [f"**Stories:** {len(stories)}", ""]
    for number, story in enumerate(stories, 1):
        title = inline(story["title"]) or "(untitled story)"
        lines.append(f"{number}. {title} ({_view.plural(story['article_count'], 'article')})")
    if stories:
        lines.append("")
    if data["notes"]:
        lines += ["**Notes:**", ""]
        lines += [f"- {inline(n)}" for n in data["notes"]]
        lines.append("")
    for number, story in enumerate(stories, 1):
        lines += story_lines(story, number)
    lines += rejected_lines(data["rejected"])
    return "\n".join(lines).rstrip("\n") + "\n"


def story_lines(story: dict[str, Any], number: int) -> list[str]:
    title = inline(story["title"]) or "(untitled story)"
    lines = ["---", "", f"## Story {number}: {title}", ""]
    span = _view.time_span(story["start"], story["end"])
    if span:
        lines.append(f"- **When:** {inline(span)}")
    outlets = ", ".join(
        f"{inline(label)} ({count})" for label, count in story_view.outlet_chips(story)
    )
    lines.append(f"- **Articles:** {inline(story_view.overview(story)['text'])}: {outlets}")
    lines += [f"- **Story id:** {inline(story['id'])}", ""]
    for name, section, view, fallback in story_view.sections(story):
        lines += [f"### {inline(_view.section_title(name))}", ""]
        if view is not None and name in md_sections.VIEW_WRITERS:
            lines += md_sections.VIEW_WRITERS[name](view)
        elif not fallback and name in SECTION_WRITERS:
            lines += SECTION_WRITERS[name](section)
        else:
            lines += generic(section)
        lines.append("")
    lines += ["### Articles", ""]
    for number_a, article in enumerate(story["articles"], 1):
        lines += article_lines(article, number_a)
    return lines


def article_lines(a: dict[str, Any], number: int) -> list[str]:
    title = inline(a["title"]) or "(untitled)"
    lines = [f"#### {number}. {title}", ""]
    lines.append(f"- **Outlet:** {inline(_view.outlet_name(a['outlet']))}")
    for label, key in (("Published", "published"), ("Byline", "byline"), ("Dateline", "dateline")):
        value = _view.display_time(a[key]) if key == "published" else a[key]
        if value:
            lines.append(f"- **{label}:** {inline(value)}")
    length = (
        f"{_view.plural(len(a['sentences']), 'sentence')}, {_view.plural(a['word_count'], 'word')}"
    )
    lines.append(f"- **Language:** {inline(a['language'])} · **Length:** {length}")
    if a["url"]:
        lines.append(f"- **URL:** {link(a['url'])}")
    lines += [
        f"- **Source:** {inline(a['source'])} ({inline(a['kind'])}), id {inline(a['id'])}",
        "",
    ]
    lines += [
        "<details>",
        f"<summary>Cleaned text ({length})</summary>",
        "",
    ]
    for paragraph in _view.paragraph_segments(a):
        lines += [block("".join(text for text, _, _ in paragraph)), ""]
    lines += ["</details>", ""]
    if a["removed"]:
        lines += [f"**Removed as residue ({len(a['removed'])}):**", ""]
        lines += table(["Rule", "Removed text"], [[p["rule"], p["text"]] for p in a["removed"]])
        lines.append("")
    if a["foreign"]:
        lines += [f"**Foreign-language passages kept aside ({len(a['foreign'])}):**", ""]
        for p in a["foreign"]:
            lines.append(f"- *{inline(p['language'] or 'unknown language')}*: {inline(p['text'])}")
        lines.append("")
    return lines


def rejected_lines(rejected: list[dict[str, Any]]) -> list[str]:
    lines = ["---", "", f"## Rejected inputs ({len(rejected)})", ""]
    if not rejected:
        return [*lines, "Every input was used.", ""]
    rows = [[r["source"], r["stage"], r["reason"]] for r in rejected]
    return [*lines, *table(["Input", "Stage", "Reason"], rows), ""]


def generic(value: Any, depth: int = 0) -> list[str]:
    """Any JSON value as a nested Markdown list (the writer of sections without their own)."""
    pad = "  " * depth
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            label = inline(str(key).replace("_", " "))
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}- **{label}:**")
                lines += generic(item, depth + 1)
            else:
                lines.append(f"{pad}- **{label}:** {scalar(item)}")
        return lines
    if isinstance(value, list):
        lines = []
        for item in value:
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}-")
                lines += generic(item, depth + 1)
            else:
                lines.append(f"{pad}- {scalar(item)}")
        return lines
    return [f"{pad}{scalar(value)}"]


def scalar(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict | list):
        return "(none)"
    return inline(str(value))


def inline(text: Any) -> str:
    """Untrusted text on one line: whitespace folded, Markdown-active characters escaped."""
    if text is None:
        return ""
    return _escape(" ".join(str(text).split()))


def block(text: str) -> str:
    """Untrusted text as a paragraph: every line escaped, including line-start syntax."""
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        lines.append(_LINE_START.sub(_escape_line_start, _escape(line)))
    return "\n".join(lines)


def _escape_line_start(m: re.Match[str]) -> str:
    """``1.`` -> ``1\\.`` (not a list), ``-``/``+``/``=``/``>`` -> escaped."""
    if m.group(1):
        return m.group(1) + "\\" + m.group(2)
    return "\\" + m.group(3)


def link(url: Any) -> str:
    """A Markdown link when ``url`` is an http(s) URL, else the URL as escaped text."""
    href = _view.http_url(url)
    if href is None:
        return f"{inline(url)} (not a web link)"
    target = quote(href, safe=":/?#@!$&*+,;=%~-._")
    return f"[{inline(href)}]({target})"


def table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = [
        "| " + " | ".join(inline(h) for h in header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(inline(c) or " " for c in row) + " |" for row in rows]
    return lines


def _escape(text: str) -> str:
    return _ENTITY.sub(r"\\&", _INLINE_ACTIVE.sub(r"\\\1", text))
