"""Plain-text articles as scraped.

    Url: https://example.org/news/1        <- optional header block: `Key: value` lines at
    Outlet: Example News                      the very top, ended by a blank line, with at
    Date: 2022-02-15T10:00:00+00:00           least one known key (fields.FIELDS); unknown
                                              keys go to metadata
    Harbour bridge closes after crash      <- headline: the first non-empty line
                                              (or the header's Title)
    The body, everything after it ...      <- Document.text, passed on unchanged

The header block may also come right after the headline (``Headline`` / ``Url: ...`` /
``Date: ...`` / blank line / body), as some scrapers write it.

Without a header (or a URL in it) a closing ``Original url: <https://...>`` line, as some
scrapers write, gives the URL; the outlet is then the URL's domain. The body is not cleaned
here: that is the next stage's job. A file with a single line has no headline: the line is
the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from triangulate.config import Config
from triangulate.errors import ParseError
from triangulate.ingest.decode import Decoded
from triangulate.ingest.fields import FIELDS, as_text, make_document
from triangulate.model import Document, Rejected

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9 _-]{0,39}):[ \t]*(.*?)\s*$")
_HEADER_FIELDS = ("url", "outlet", "title", "date", "byline", "language", "id")
_KNOWN = {alias.lower(): name for name in _HEADER_FIELDS for alias in FIELDS[name]}
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
_ORIGINAL_URL = re.compile(r"^\s*original\s+url\s*:\s*(.*?)\s*$", re.IGNORECASE)
_URL = re.compile(r"^<?(https?://[^\s<>]+)>?$")
#: Non-empty lines at the end searched for an ``Original url:`` trailer.
TRAILER_LINES = 6


def parse_header(lines: list[str], i: int = 0) -> tuple[dict[str, str], int]:
    """The fields of a header block starting at line ``i`` (after any blank lines) and
    the index of the first line after it; ``({}, i)`` when there is no header block.
    """
    while i < len(lines) and not lines[i].strip():
        i += 1
    start = i
    fields: dict[str, str] = {}
    while i < len(lines) and lines[i].strip():
        m = _HEADER_LINE.match(lines[i])
        if not m:
            return {}, start
        fields.setdefault(m.group(1).strip().lower(), m.group(2))
        i += 1
    if i >= len(lines) or not any(k in _KNOWN for k in fields):
        return {}, start  # not ended by a blank line, or no known key: not a header
    return fields, i


def _original_url(lines: list[str]) -> str | None:
    tail = [ln for ln in lines[-4 * TRAILER_LINES :] if ln.strip()][-TRAILER_LINES:]
    for n, line in enumerate(tail):
        m = _ORIGINAL_URL.match(line)
        if not m:
            continue
        value = m.group(1) or (tail[n + 1].strip() if n + 1 < len(tail) else "")
        url = _URL.match(value)
        if url:
            return url.group(1)
    return None


def read(item: Decoded, config: Config) -> Iterator[Document | Rejected]:
    text = item.text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in item.text else item.text
    lines = text.split("\n")
    header, after = parse_header(lines)
    headline: str | None = None
    if not header:  # the header may also follow the headline
        first_line = next((n for n, line in enumerate(lines) if line.strip()), len(lines))
        header, after = parse_header(lines, first_line + 1)
        if header:
            headline = lines[first_line]
        else:
            after = 0
    known: dict[str, str] = {}
    meta: dict[str, Any] = dict(item.metadata)
    for key, value in header.items():
        name = _KNOWN.get(key)
        if name is not None and name not in known and value:
            known[name] = value
        else:
            meta[key.replace(" ", "_").replace("-", "_")] = value
    rest = _LEADING_BLANK_LINES.sub("", "\n".join(lines[after:]))
    first, _, body = rest.partition("\n")
    body = _LEADING_BLANK_LINES.sub("", body)
    title = known.get("title")
    if headline is not None:
        title, body = title or headline, rest
    elif title:
        if first.strip().casefold() != title.strip().casefold():
            body = rest  # the header's title is the headline; the body starts at once
    elif body.strip():
        title = first
    else:
        title, body = "", rest  # one line only: no headline
    if not body.strip():
        raise ParseError(item.source, "no body text after the header and headline")
    url = known.get("url")
    if url is None:
        url = _original_url(lines)
        if url is not None:
            meta["url_from"] = "Original url line"
    yield make_document(
        source=item.source,
        kind="text",
        text=body,
        raw=item.text,
        title=title,
        url=url,
        outlet=as_text(known.get("outlet")),
        date=known.get("date"),
        byline=known.get("byline"),
        language=known.get("language"),
        metadata=meta | ({"id": known["id"]} if "id" in known else {}),
    )
