"""Presentation helpers shared by the Markdown and HTML writers.

Both writers render the dict made by ``report.json.to_dict``; what the report contains is
decided there. This module only decides how a value reads: labels, times, which URLs may
become links, and how an article's text splits into paragraphs and sentence segments.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

#: Headings of the known optional story sections; others get their name capitalised.
SECTION_TITLES: dict[str, str] = {
    "summary": "Summary",
    "facts": "Facts",
    "disagreements": "Disagreements",
    "quotes": "Who said what",
    "figures": "Figures",
    "framing": "Framing by outlet",
    "provenance": "Provenance: who copied whom",
    "timeline": "Timeline",
}

#: Labels of the input counts in ``stats``, in the order they are shown; others follow.
STAT_LABELS: dict[str, str] = {
    "items": "inputs read",
    "articles": "articles",
    "revisions": "revisions",
    "duplicates": "duplicates",
    "rejected": "rejected",
}

UNKNOWN_OUTLET = "unknown outlet"

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_UNSAFE_URL_CHARS = re.compile(r"[\x00-\x20\x7f<>\"'`\\]")


def section_title(name: str) -> str:
    return SECTION_TITLES.get(name, name.replace("_", " ").capitalize())


def stat_items(stats: dict[str, int]) -> list[tuple[str, int]]:
    """``(label, count)`` for each stat: known ones in a fixed order, then the rest by key."""
    known = [(STAT_LABELS[k], stats[k]) for k in STAT_LABELS if k in stats]
    rest = [(k.replace("_", " "), v) for k, v in sorted(stats.items()) if k not in STAT_LABELS]
    return known + rest


def http_url(url: object) -> str | None:
    """``url`` if it is an absolute http(s) URL safe to put in a link, else ``None``.

    Anything else (``javascript:``, ``data:``, relative paths, URLs with spaces, quotes or
    control characters) is shown as text, never as a link.
    """
    if not isinstance(url, str) or not url or _UNSAFE_URL_CHARS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def outlet_name(name: object) -> str:
    return name if isinstance(name, str) and name.strip() else UNKNOWN_OUTLET


def display_time(iso: object) -> str:
    """An ISO 8601 timestamp for reading: ``2025-03-04 09:30 UTC``, or a bare date at midnight."""
    if not isinstance(iso, str) or not iso:
        return ""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if when.tzinfo is None and (when.hour, when.minute, when.second) == (0, 0, 0):
        return when.strftime("%Y-%m-%d")
    text = when.strftime("%Y-%m-%d %H:%M")
    offset = when.utcoffset()
    if offset is None:
        return text
    if not offset:
        return f"{text} UTC"
    return f"{text} {when.strftime('%z')[:3]}:{when.strftime('%z')[3:]}"


def time_span(start: object, end: object) -> str:
    first, last = display_time(start), display_time(end)
    if first and last and first != last:
        return f"{first} – {last}"
    return first or last


def anchor(prefix: str, value: object) -> str:
    """A safe fragment id: ``prefix-value`` with anything but [A-Za-z0-9_-] replaced."""
    return f"{prefix}-" + re.sub(r"[^A-Za-z0-9_-]", "_", str(value))


Segment = tuple[str, int | None, bool]


def paragraph_segments(article: dict[str, Any]) -> list[list[Segment]]:
    """The article text as paragraphs of ``(text, sentence index or None, first)`` segments.

    The segments of each paragraph cover the text exactly (whitespace between sentences
    and any text no sentence covers are kept as ``None`` segments), so rendering them shows
    the whole clean text with every sentence addressable by its index. ``first`` is true
    on the first piece of a sentence (a sentence that crosses a paragraph break comes in
    two pieces; only the first should carry the sentence's anchor).
    """
    text: str = article.get("text") or ""
    paragraphs: list[list[Segment]] = [[]]

    def emit(chunk: str, index: int | None) -> None:
        first = True
        for k, part in enumerate(_PARAGRAPH_BREAK.split(chunk)):
            if k and paragraphs[-1]:
                paragraphs.append([])
            if part:
                paragraphs[-1].append((part, index, first))
                first = False

    pos = 0
    spans = sorted(
        (s["start"], s["end"], s["index"])
        for s in article.get("sentences", [])
        if 0 <= s["start"] < s["end"] <= len(text)
    )
    for start, end, index in spans:
        if start < pos:  # overlapping sentence offsets: show the text once
            continue
        emit(text[pos:start], None)
        emit(text[start:end], index)
        pos = end
    emit(text[pos:], None)
    cleaned = [_strip_paragraph(p) for p in paragraphs]
    return [p for p in cleaned if p]


def _strip_paragraph(segments: list[Segment]) -> list[Segment]:
    """Drop whitespace-only segments at the edges of a paragraph."""
    while segments and segments[0][1] is None and not segments[0][0].strip():
        segments = segments[1:]
    while segments and segments[-1][1] is None and not segments[-1][0].strip():
        segments = segments[:-1]
    return segments


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 sentence``, ``3 sentences``."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


# ------------------------------------------------------------------ statements as shown


def shown_part(statement: str, sentence: str | None) -> str:
    """A statement as a reader should see it: marked with "…" where it is a clause cut
    from a longer sentence ("… after he sat down with Ukraine's leader in Kyiv."), its
    quotation marks balanced (see ``balanced_quotes``)."""
    text, whole = statement.strip(), (sentence or "").strip()
    if whole and text in whole:
        if not whole.startswith(text):
            text = "… " + text
        if not whole.endswith(statement.strip()):
            text += " …"
    return balanced_quotes(text)


_CLOSING_STRAIGHT = re.compile(r'(?<=\S)"(?=[\s,.;:!?)]|$)')


def balanced_quotes(text: str) -> str:
    """A sentence cut from a quotation that runs over several sentences, shown with the
    missing mark and "…": ``we will believe it," he said`` -> ``"… we will believe it,"
    he said``; ``"It will go down in history.`` -> ``"It will go down in history. …"``."""
    opened, closed = text.count("“"), text.count("”")
    if closed > opened:
        return "“… " + text
    if opened > closed:
        return text + " …”"
    if text.count('"') % 2 == 1:
        first = text.index('"')
        if _CLOSING_STRAIGHT.match(text, first):
            return '"… ' + text
        return text + ' …"'
    return text


def shown_statement(fact: dict[str, Any], sentence: Callable[[object, object], str | None]) -> str:
    """A fact's statement as shown (``shown_part``), checked against the sentence of the
    support it was taken from (``sentence(article_id, index)`` looks it up)."""
    for s in fact["supports"]:
        if s.get("text") == fact["statement"]:
            return shown_part(fact["statement"], sentence(s["article_id"], s.get("sentence")))
    return balanced_quotes(str(fact["statement"]))
