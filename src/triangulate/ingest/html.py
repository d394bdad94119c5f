"""HTML pages: main text and metadata through ``triangulate.extract`` (trafilatura).

The page is parsed once, by the extractor. lxml is lenient, so a malformed page is only
rejected when no article text could be extracted from it. No network access, ever: links,
canonical URLs and images are never fetched.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import lxml.etree

from triangulate.config import Config
from triangulate.errors import ParseError
from triangulate.ingest.decode import Decoded
from triangulate.ingest.fields import make_document
from triangulate.model import Document, InputKind, Rejected

if TYPE_CHECKING:
    from triangulate.extract import Extracted


def extract(source: str, html: str, url: str | None = None) -> Extracted:
    """Run the extractor; raise ``ParseError`` naming the page when it finds no text.

    ``triangulate.extract`` (trafilatura, ~0.3 s of CPU to import) is imported on the first
    page, so a run over text files never pays for it.
    """
    from triangulate.extract import extract_html

    try:
        found = extract_html(html, url)
    except (ValueError, LookupError, lxml.etree.LxmlError) as exc:
        raise ParseError(
            source, f"malformed HTML: the parser failed ({type(exc).__name__}: {exc})"
        ) from None
    if not found.text.strip():
        tags = html.count("<")
        raise ParseError(
            source,
            f"malformed or empty HTML: no article text could be extracted "
            f"({len(html):,} characters, {tags:,} tags)",
        )
    return found


def document_from(
    source: str,
    kind: InputKind,
    found: Extracted,
    raw: str,
    metadata: Mapping[str, Any],
    overrides: Mapping[str, Any] | None = None,
) -> Document:
    """A Document from extracted fields; ``overrides`` (e.g. a JSONL record's) win."""
    given = dict(overrides or {})
    url = given.get("url") or found.url
    return make_document(
        source=source,
        kind=kind,
        text=found.text,
        raw=raw,
        title=given.get("title") or found.title,
        url=url,
        outlet=given.get("outlet") or found.sitename,
        date=given.get("date") or found.date,
        byline=given.get("byline") or found.author,
        language=given.get("language") or found.language,
        metadata=metadata,
    )


def read(item: Decoded, config: Config) -> Iterator[Document | Rejected]:
    found = extract(item.source, item.text)
    yield document_from(item.source, "html", found, item.text, item.metadata)
