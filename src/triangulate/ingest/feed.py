"""RSS and Atom feed files: one Document per item, named ``path#item-N``.

Parsed safely, in two steps:

1. ``defusedxml`` parses the bytes with DTDs forbidden: any DOCTYPE (and so any entity
   declaration, internal or external: billion laughs, XXE) rejects the whole file, and a
   document that is not well-formed XML is rejected as "not a feed". Nothing is fetched.
2. Only then does ``feedparser`` read the (now known-safe) bytes from memory for the items:
   title, link, published/updated, author, and the text of ``content:encoded`` / Atom
   ``content``, else the summary / description. HTML in an item becomes text with one
   paragraph per block (``markup.fragment_text``).

The outlet is the feed's title (else its link's domain, else the item link's domain).
"""

from __future__ import annotations

import calendar
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

import defusedxml
import defusedxml.ElementTree as SafeET
import feedparser

from triangulate.config import Config
from triangulate.errors import ParseError
from triangulate.ingest.dates import parse_date
from triangulate.ingest.decode import Decoded
from triangulate.ingest.fields import as_text, make_document, outlet_from_url
from triangulate.ingest.markup import fragment_text
from triangulate.model import Document, Rejected

FEED_ROOTS = {"rss": "RSS", "feed": "Atom", "RDF": "RSS 1.0 (RDF)"}
ITEM_TAGS = frozenset({"item", "entry"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


_EXTERNAL_ENTITY = re.compile(rb"<!ENTITY[^>]*\b(?:SYSTEM|PUBLIC)\b")


def _doctype_risk(data: bytes) -> str:
    if _EXTERNAL_ENTITY.search(data):
        return "declares an external entity (XXE); DOCTYPE declarations are not accepted in feeds"
    if b"<!ENTITY" in data:
        return (
            "declares entities (entity expansion, e.g. billion laughs); "
            "DOCTYPE declarations are not accepted in feeds"
        )
    return "is a DOCTYPE declaration; these are not accepted in feeds (they can declare entities)"


def parse_safely(source: str, data: bytes) -> ET.Element:
    """The XML tree of a feed file, or ``ParseError`` for unsafe or malformed XML."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DTDForbidden as exc:
        raise ParseError(
            source, f"unsafe XML: <!DOCTYPE {exc.name}> {_doctype_risk(data)}"
        ) from None
    except defusedxml.EntitiesForbidden as exc:
        raise ParseError(
            source, f"unsafe XML: entity declaration <!ENTITY {exc.name}> is not accepted"
        ) from None
    except defusedxml.ExternalReferenceForbidden as exc:
        raise ParseError(
            source, f"unsafe XML: external reference {exc.sysid or exc.pubid!r} is not accepted"
        ) from None
    except ET.ParseError as exc:
        raise ParseError(source, f"not a feed (not well-formed XML: {exc})") from None
    if not isinstance(root.tag, str) or _local(root.tag) not in FEED_ROOTS:
        raise ParseError(
            source,
            f"not a feed (root element is <{_local(str(root.tag))}>, "
            "expected <rss>, <feed> or <rdf:RDF>)",
        )
    return root


def _text_of(detail: Mapping[str, Any] | None) -> str:
    if not detail:
        return ""
    value = str(detail.get("value") or "")
    if str(detail.get("type") or "").lower() in _HTML_TYPES:
        return fragment_text(value)
    return value.strip()


def _item_text(entry: Mapping[str, Any]) -> tuple[str, str]:
    """The item's body and which element it came from."""
    contents = entry.get("content") or []
    texts = [t for t in (_text_of(c) for c in contents) if t]
    if texts:
        return max(texts, key=len), "content"
    summary = _text_of(entry.get("summary_detail")) or fragment_text(entry.get("summary") or "")
    return summary, "summary"


def _item_date(entry: Mapping[str, Any]) -> tuple[Any, datetime | None]:
    fields = dict(entry)  # plain dict: no feedparser fallbacks (and their warnings)
    raw = fields.get("published") or fields.get("updated") or fields.get("created")
    parsed = parse_date(raw) if raw else None
    if parsed is None:
        stamp = fields.get("published_parsed") or fields.get("updated_parsed")
        if stamp is not None:
            parsed = datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC)
    return raw, parsed


_ITEM_SPAN = re.compile(
    r"<(?:[\w.-]+:)?(item|entry)\b[^>]*?(?:/>|>.*?</(?:[\w.-]+:)?\1\s*>)", re.DOTALL
)


def _raw_items(text: str, root: ET.Element, entries: list[Any]) -> list[str]:
    """Each item's XML: as written in the file when the item elements can be found in the
    text one for one, else re-serialised from the parsed tree (else the parsed fields)."""
    spans = [m.group(0) for m in _ITEM_SPAN.finditer(text)]
    if len(spans) == len(entries):
        return spans
    elements = [el for el in root.iter() if isinstance(el.tag, str) and _local(el.tag) in ITEM_TAGS]
    if len(elements) == len(entries):
        return [ET.tostring(el, encoding="unicode") for el in elements]
    return [json.dumps(dict(e), ensure_ascii=False, default=str, sort_keys=True) for e in entries]


_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])([^"']*)""")


def xml_bytes(item: Decoded) -> bytes:
    """The document as UTF-8 bytes, its XML declaration saying so: the XML parsers then
    read the text exactly as the decode step decided (declared, guessed or repaired)."""
    if item.encoding == "utf-8" and not _XML_ENCODING.match(item.text):
        return item.data
    return _XML_ENCODING.sub(r"\1utf-8", item.text, count=1).encode("utf-8")


def read(item: Decoded, config: Config) -> Iterator[Document | Rejected]:
    data = xml_bytes(item)
    root = parse_safely(item.source, data)
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    entries = list(parsed.entries)
    if not entries:
        raise ParseError(item.source, f"feed has no items ({FEED_ROOTS[_local(root.tag)]} feed)")
    channel = parsed.feed
    feed_title = _text_of(channel.get("title_detail")) or str(channel.get("title") or "").strip()
    feed_link = str(channel.get("link") or "") or None
    feed_language = channel.get("language")
    raws = _raw_items(item.text, root, entries)
    for n, (entry, raw) in enumerate(zip(entries, raws, strict=True), 1):
        source = f"{item.source}#item-{n}"
        text, came_from = _item_text(entry)
        if not text.strip():
            yield Rejected(source, "ingest", "feed item has no text (no content or summary)")
            continue
        date_raw, published = _item_date(entry)
        link = str(entry.get("link") or "") or None
        meta: dict[str, Any] = dict(item.metadata)
        meta.update(feed=item.source, feed_title=feed_title or None, text_from=came_from)
        if entry.get("id"):
            meta["guid"] = str(entry["id"])
        tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
        if tags:
            meta["tags"] = tags
        if date_raw and published is None:
            meta["date_raw"] = date_raw
        yield make_document(
            source=source,
            kind="feed",
            text=text,
            raw=raw,
            title=_text_of(entry.get("title_detail")) or str(entry.get("title") or ""),
            url=link,
            outlet=feed_title or outlet_from_url(feed_link) or outlet_from_url(link),
            date=published,
            byline=as_text(entry.get("author")),
            language=as_text(entry.get("language") or feed_language),
            metadata=meta,
        )
