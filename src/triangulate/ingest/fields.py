"""Field names the readers accept, and turning a record of them into a ``Document``.

The same names (and aliases) serve JSONL records and the ``Key: value`` header of a text
file; ``docs/input-formats.md`` lists them. The first alias present (in the order below)
wins; every other field, including an alias that lost, is kept in ``metadata``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from triangulate.ingest.dates import parse_date
from triangulate.model import Document, InputKind

FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "source_domain", "publisher", "site", "sitename"),
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "maintext"),
    "date": ("date", "published", "date_publish", "pubdate", "pubDate"),
    "byline": ("byline", "author", "authors"),
    "language": ("language", "lang"),
}
#: A JSONL record with no text but raw HTML under one of these is extracted like a page.
HTML_FIELDS = ("html", "raw_html")


def outlet_from_url(url: str | None) -> str | None:
    """The host of a URL without ``www.``: ``https://www.bbc.co.uk/x`` -> ``bbc.co.uk``."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


_LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


def language_code(value: str | None) -> str | None:
    """A BCP 47 tag's primary language, lower-cased (``en-GB`` -> ``en``), as the HTML
    reader reports it; anything else (``English``) is kept as given."""
    if not value or not value.strip():
        return None
    m = _LANGUAGE_TAG.match(value.strip())
    return m.group(1).lower() if m else value.strip()


def as_text(value: Any) -> str | None:
    """A field value as one string: lists joined (authors, paragraphs), objects by name."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping):
        return as_text(value.get("name"))
    if isinstance(value, list | tuple):
        parts = [p for p in (as_text(v) for v in value) if p and p.strip()]
        return ", ".join(p.strip() for p in parts) if parts else None
    return None


def pick(record: Mapping[str, Any], name: str) -> tuple[str | None, Any]:
    """The first alias of field ``name`` present (non-empty) in the record, and its value."""
    lowered = {k.lower(): k for k in record}
    for alias in FIELDS[name]:
        key = lowered.get(alias.lower())
        if key is not None and record[key] not in (None, "", []):
            return key, record[key]
    return None, None


def frozen(meta: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(meta))


def make_document(
    *,
    source: str,
    kind: InputKind,
    text: str,
    raw: str,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    date: Any = None,
    byline: str | None = None,
    language: str | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> Document:
    """A Document with the shared rules: stripped values, outlet from the URL when none is
    given, the date parsed (an unparseable one kept as ``metadata['date_raw']``)."""
    meta = dict(metadata or {})
    if language and language_code(language) != language:
        meta["language_raw"] = language
    published: datetime | None = None
    if date not in (None, ""):
        published = parse_date(date)
        if published is None:
            meta["date_raw"] = date if isinstance(date, str | int | float) else str(date)
    url = url.strip() or None if url else None
    outlet = outlet.strip() or None if outlet else None
    return Document(
        source=source,
        kind=kind,
        text=text,
        raw=raw,
        title=(title or "").strip(),
        url=url,
        outlet=outlet or outlet_from_url(url),
        published=published,
        byline=byline.strip() or None if byline else None,
        language=language_code(language),
        metadata=frozen(meta),
    )
