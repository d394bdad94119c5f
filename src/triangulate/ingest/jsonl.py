"""JSON Lines: one article per line, field names in ``fields.FIELDS``.

Each record is its own item, named ``path:LINE``. A broken line, a line that is not a JSON
object, a line over ``Config.max_jsonl_line_bytes`` or a record without text is rejected
with its line number, and the other lines go on. A record with no text but raw HTML
(``html`` / ``raw_html``) is extracted like an HTML page; a text field that is itself HTML
(block tags such as <p>, as CMS exports write it) is rendered to paragraphs.

A file that is one JSON document instead (an object, or an array of objects, perhaps
pretty-printed) is accepted too when its first line is not a record: its records are named
``path`` or ``path#record-N``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

from triangulate.config import Config
from triangulate.errors import InputError, ParseError
from triangulate.ingest import html
from triangulate.ingest.decode import Decoded
from triangulate.ingest.fields import FIELDS, HTML_FIELDS, as_text, make_document, pick
from triangulate.ingest.markup import fragment_text
from triangulate.ingest.sniff import first_nonblank_line
from triangulate.model import Document, Rejected

#: Block-level tags in a record's text that make it HTML to render (not plain text).
MIN_BLOCK_TAGS = 2
_BLOCK_TAG = re.compile(r"<(?:p|div|br|li|h[1-6]|blockquote)\b[^<>]*>", re.IGNORECASE)
_JSON_TYPES = {dict: "object", list: "array", str: "string", int: "number", float: "number"}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _body(source: str, key: str, value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(v for v in value if v.strip())  # a list of paragraphs
    raise ParseError(source, f"field {key!r} is a JSON {_type_name(value)}, expected a string")


def record_document(
    source: str, record: Mapping[str, Any], raw: str, metadata: Mapping[str, Any]
) -> Document:
    """A Document from one parsed record, or ``ParseError`` naming what is missing."""
    used: set[str] = set()
    found: dict[str, Any] = {}
    for name in FIELDS:
        key, value = pick(record, name)
        if key is not None:
            used.add(key)
            found[name] = value
    meta = dict(metadata)
    meta.update({k: v for k, v in record.items() if k not in used})
    if "id" in found:
        meta["id"] = found["id"]
    fields = {
        "url": as_text(found.get("url")),
        "title": as_text(found.get("title")),
        "outlet": as_text(found.get("outlet")),
        "date": found.get("date"),
        "byline": as_text(found.get("byline")),
        "language": as_text(found.get("language")),
    }
    text_key = next((k for k in used if k.lower() in FIELDS["text"]), "text")
    text = _body(source, text_key, found["text"]) if "text" in found else ""
    if len(_BLOCK_TAG.findall(text, 0, 20_000)) >= MIN_BLOCK_TAGS:
        text = fragment_text(text)  # a CMS export's HTML body: render it as paragraphs
        meta["text_from_html"] = True
    if not text.strip():
        lowered = {k.lower(): k for k in record}
        html_key = next((lowered[h] for h in HTML_FIELDS if record.get(lowered.get(h, ""))), None)
        if html_key is not None and isinstance(record[html_key], str):
            meta.pop(html_key, None)
            extracted = html.extract(source, record[html_key], fields["url"])
            return html.document_from(source, "html", extracted, raw, meta, fields)
        names = ", ".join(FIELDS["text"])
        raise ParseError(source, f"record has no text (fields {names} are missing or empty)")
    return make_document(source=source, kind="jsonl", text=text, raw=raw, metadata=meta, **fields)


def _invalid(exc: json.JSONDecodeError) -> str:
    return f"invalid JSON ({exc.msg} at column {exc.colno})"


def _line_item(
    source: str, line: str, config: Config, metadata: Mapping[str, Any]
) -> Document | Rejected:
    """One line's Document or Rejected (never raises ``InputError``)."""
    try:
        size = len(line) if len(line) * 4 <= config.max_jsonl_line_bytes else len(line.encode())
        if size > config.max_jsonl_line_bytes:
            raise ParseError(
                source,
                f"line is {size:,} bytes, over the limit of {config.max_jsonl_line_bytes:,} "
                "(Config.max_jsonl_line_bytes)",
            )
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ParseError(source, _invalid(exc)) from None
        except RecursionError:
            raise ParseError(source, "invalid JSON (nested too deeply)") from None
        if not isinstance(record, dict):
            raise ParseError(source, f"not a JSON object (got a JSON {_type_name(record)})")
        return record_document(source, record, line, metadata)
    except InputError as exc:
        return Rejected(exc.source, "ingest", exc.reason)


def read_lines(
    name: str, lines: Iterable[tuple[int, str]], config: Config, metadata: Mapping[str, Any]
) -> Iterator[Document | Rejected]:
    """Records from numbered lines; blank lines are skipped."""
    for number, line in lines:
        if line.strip():
            yield _line_item(f"{name}:{number}", line.strip(), config, metadata)


def _whole_document(item: Decoded) -> Any:
    """The file parsed as one JSON document, or ``None`` if it is not one."""
    stripped = item.text.strip()
    if stripped[:1] not in ("{", "["):
        return None
    try:
        return json.loads(stripped)
    except (json.JSONDecodeError, RecursionError):
        return None


def _read_whole(item: Decoded, value: Any) -> Iterator[Document | Rejected]:
    meta = dict(item.metadata)
    if isinstance(value, dict):
        records: list[tuple[str, Any]] = [(item.source, value)]
    else:
        records = [(f"{item.source}#record-{n}", r) for n, r in enumerate(value, 1)]
    if not records:
        raise ParseError(item.source, "JSON array with no records")
    for source, record in records:
        if not isinstance(record, dict):
            yield Rejected(source, "ingest", f"not a JSON object (got a JSON {_type_name(record)})")
            continue
        try:
            yield record_document(source, record, json.dumps(record, ensure_ascii=False), meta)
        except InputError as exc:
            yield Rejected(exc.source, "ingest", exc.reason)


def read(item: Decoded, config: Config) -> Iterator[Document | Rejected]:
    first = first_nonblank_line(item.text)
    first_ok = False
    if first.startswith("{"):
        try:
            first_ok = isinstance(json.loads(first), dict)
        except (json.JSONDecodeError, RecursionError):
            first_ok = False
    if not first_ok:
        whole = _whole_document(item)
        if whole is not None:
            yield from _read_whole(item, whole)
            return
    lines = ((n, line) for n, line in enumerate(item.text.split("\n"), 1))
    yield from read_lines(item.source, lines, config, item.metadata)


def _stream_lines(
    name: str, stream: IO[bytes], config: Config
) -> Iterator[tuple[int, str] | Rejected]:
    limit = config.max_jsonl_line_bytes
    number = 0
    while True:
        raw = stream.readline(limit + 2)
        if not raw:
            return
        number += 1
        if len(raw) > limit + 1 or (len(raw) == limit + 1 and not raw.endswith(b"\n")):
            size = len(raw)
            while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
                raw = stream.readline(1024 * 1024)
                size += len(raw)
            size -= len(raw) - len(raw.rstrip(b"\r\n"))  # the newline is not counted
            yield Rejected(
                f"{name}:{number}",
                "ingest",
                f"line is {size:,} bytes, over the limit of {limit:,} "
                "(Config.max_jsonl_line_bytes)",
            )
            continue
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Rejected(
                f"{name}:{number}",
                "ingest",
                f"not UTF-8 (invalid byte 0x{raw[exc.start]:02X} at column {exc.start + 1})",
            )


def read_stream(name: str, stream: IO[bytes], config: Config) -> Iterator[Document | Rejected]:
    """JSON Lines from a byte stream (stdin), read line by line: never all in memory."""
    meta = {"encoding": "utf-8"}
    seen = False
    for entry in _stream_lines(name, stream, config):
        if isinstance(entry, Rejected):
            seen = True
            yield entry
            continue
        number, line = entry
        first = line.strip()
        if not seen and first and not first.startswith("{"):
            # Not JSON Lines at all (a text article piped in?): one message, not one per line.
            yield Rejected(
                name,
                "ingest",
                f"not JSON Lines: line {number} does not start with '{{' "
                "(- reads JSON Lines, one article object per line)",
            )
            return
        seen = seen or bool(first)
        yield from read_lines(name, [entry], config, meta)
    if not seen:
        yield Rejected(name, "ingest", "empty input (no JSON lines)")
