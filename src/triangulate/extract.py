"""Main-text extraction from one HTML page: title, body text and metadata.

``extract_html(html, url)`` returns an ``Extracted`` value. It never touches the network
and gives the same output for the same input. When no article text can be found the value
has ``text == ""``; the caller decides whether to reject the page (with its own name for it).

The body comes from trafilatura (rule-based main-content extraction); paragraphs, headings
and list items are separated by one blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

__all__ = ["Extracted", "extract_html"]

_BLANK_LINES = re.compile(r"\n\s*\n+")
_SPACES = re.compile(r"[ \t\u00a0]+")
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Extracted:
    """What was found in one HTML page. ``text`` is "" when no main text was found."""

    title: str
    text: str
    author: str | None
    date: datetime | None
    url: str | None
    sitename: str | None
    language: str | None


def extract_html(html: str, url: str | None = None) -> Extracted:
    """Extract the main text and metadata of an HTML page (no network, deterministic)."""
    tree = load_html(html) if html.strip() else None
    if tree is None:
        return Extracted("", "", None, None, url, None, None)
    language = _page_language(tree)
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    if doc is None or isinstance(doc, dict):
        return Extracted("", "", None, None, url, None, language)
    return Extracted(
        title=_clean_line(doc.title or ""),
        text=_paragraphs(doc.text or ""),
        author=_clean_line(doc.author or "") or None,
        date=_parse_date(doc.date),
        url=doc.url or url,
        sitename=_clean_line(doc.sitename or "") or None,
        language=language or (doc.language or None),
    )


def _paragraphs(text: str) -> str:
    """One block per line in trafilatura's output -> blocks separated by a blank line."""
    lines = (_clean_line(line) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _clean_line(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def _page_language(tree: HtmlElement) -> str | None:
    """The page's declared language (``<html lang>``), lower-cased primary tag."""
    raw = tree.get("lang") or tree.get("xml:lang") or ""
    raw = raw.strip()
    if not _LANG.match(raw):
        return None
    return raw.split("-")[0].split("_")[0].lower()
