"""Text of an HTML fragment (a feed item's content or summary), one paragraph per block.

Block elements (p, div, li, headings, br ...) end a paragraph; whitespace inside a
paragraph collapses as a browser would show it; script, style and similar are dropped.
This is rendering, not cleaning: nothing that a reader would see is removed.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "hr",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "figure",
        "figcaption",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "main",
        "address",
    ]
)
DROP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "head", "iframe", "object", "embed", "svg"]
)
_BREAK = "\x00"  # paragraph boundary marker while collecting text
_SPACES = re.compile(r"\s+")


def _collect(el: lxml.etree._Element, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    tag = tag.rsplit("}", 1)[-1].lower()
    if tag in DROP_TAGS or not isinstance(el.tag, str):
        if el.tail:
            out.append(el.tail)
        return
    block = tag in BLOCK_TAGS
    if block:
        out.append(_BREAK)
    if el.text:
        out.append(el.text)
    for child in el:
        _collect(child, out)
    if block:
        out.append(_BREAK)
    if el.tail:
        out.append(el.tail)


def looks_like_html(text: str) -> bool:
    return "<" in text and re.search(r"</?[A-Za-z][^<>]*>", text) is not None


def fragment_text(html: str) -> str:
    """Paragraphs of an HTML fragment joined by blank lines ("" when it has no text)."""
    if not html.strip():
        return ""
    if not looks_like_html(html):
        return html.strip()
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    out: list[str] = []
    _collect(root, out)
    paragraphs = (_SPACES.sub(" ", p).strip() for p in "".join(out).split(_BREAK))
    return "\n\n".join(p for p in paragraphs if p)
