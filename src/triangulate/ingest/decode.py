"""From bytes to text: the checks every input goes through before a reader sees it.

    check_size    over Config.max_input_bytes -> rejected (callers check stat() first)
    check_empty   no bytes, or only whitespace
    check_binary  a known binary signature, or too many NUL/control bytes in the first 8 KiB
    decode        UTF-8 (with or without BOM), UTF-16/32 with a BOM, the charset an HTML
                  <meta> or the XML declaration names, UTF-8 with a few bytes in a
                  single-byte encoding ("mixed"), else charset-normalizer's best guess;
                  undecodable input is rejected saying so

The encoding used is returned with the text so the readers can record it in metadata.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from triangulate.config import Config
from triangulate.errors import UnreadableInputError

#: Bytes examined by the binary check.
SNIFF_BYTES = 8 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable (ELF)"),
)

# Control bytes that do not occur in text: everything below 0x20 except \t \n \v \f \r
# and ESC (some terminals' colour codes end up in scraped text), plus DEL.
_CONTROL = bytes(sorted(set(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B})) + b"\x7f"
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


@dataclass(frozen=True)
class Decoded:
    """One input's bytes and their text, with how they were decoded."""

    source: str
    data: bytes
    text: str
    encoding: str
    #: set when the bytes were not plain UTF-8: what was done instead
    note: str | None = None

    @property
    def metadata(self) -> dict[str, str]:
        meta = {"encoding": self.encoding}
        if self.note:
            meta["encoding_note"] = self.note
        return meta


def check_size(source: str, size: int, config: Config) -> None:
    if size > config.max_input_bytes:
        raise UnreadableInputError(
            source,
            f"file is {size:,} bytes, over the limit of {config.max_input_bytes:,} "
            "(Config.max_input_bytes); not read",
        )


def check_empty(source: str, data: bytes) -> None:
    if not data:
        raise UnreadableInputError(source, "empty file (0 bytes)")
    if not data.strip() or not data.lstrip(codecs.BOM_UTF8).strip():
        raise UnreadableInputError(source, f"empty file (only {len(data)} bytes of whitespace)")


def _bom(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def check_binary(source: str, data: bytes, config: Config) -> None:
    """Reject known binary formats and data with too many control bytes."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnreadableInputError(source, f"binary file ({what}), not text")
    if _bom(data) in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        return  # NUL bytes are expected; the decoded text is checked instead
    head = data[:SNIFF_BYTES]
    controls = len(head) - len(head.translate(None, _CONTROL))
    ratio = controls / len(head)
    if ratio > config.binary_control_ratio:
        raise UnreadableInputError(
            source,
            f"binary file ({ratio:.0%} NUL/control bytes in the first {len(head):,} bytes, "
            f"over {config.binary_control_ratio:.0%}: Config.binary_control_ratio)",
        )


def _check_decoded_controls(source: str, text: str, encoding: str, config: Config) -> None:
    head = text[:SNIFF_BYTES]
    if not head:
        return
    ratio = len(_CONTROL_CHARS.findall(head)) / len(head)
    if ratio > config.binary_control_ratio:
        raise UnreadableInputError(
            source,
            f"binary file ({ratio:.0%} control characters after decoding as {encoding}, "
            f"over {config.binary_control_ratio:.0%}: Config.binary_control_ratio)",
        )


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _cp1252_byte(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81 0x8D 0x8F 0x90 0x9D are unassigned in cp1252
        return bytes([b]).decode("latin-1")


def _repair_mixed(escaped: str) -> str:
    """Replace surrogate-escaped bytes (invalid UTF-8) by their cp1252 reading."""
    return _ESCAPED.sub(lambda m: _cp1252_byte(ord(m.group()) - 0xDC00), escaped)


_ESCAPED = re.compile("[\udc80-\udcff]")
_DECODED_NON_ASCII = re.compile("[\x80-\udc7f\udd00-\U0010ffff]")


_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})"""
    rb"""|^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})["']""",
    re.IGNORECASE,
)
# What browsers read these labels as (WHATWG Encoding Standard).
_WEB_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}


def declared_encoding(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or the XML declaration names, if Python knows it and
    it is not a UTF variant (those were tried already)."""
    m = _DECLARED.search(data, 0, 4096)
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name.startswith(("utf-", "utf_")):
        return None
    return _WEB_ALIASES.get(name, name)


def decode(source: str, data: bytes, config: Config) -> Decoded:
    """Decode an input's bytes, or raise ``UnreadableInputError`` saying why not."""
    bom = _bom(data)
    if bom is not None:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as exc:
            raise UnreadableInputError(
                source,
                f"cannot decode: starts with a {bom.upper()} byte-order mark but byte "
                f"{exc.start:,} is invalid in {bom.upper()}",
            ) from None
        if text.startswith("\ufeff"):  # utf-16/32 codecs with explicit endianness keep it
            text = text[1:]
        _check_decoded_controls(source, text, bom, config)
        return Decoded(source, data, text, bom)
    try:
        return Decoded(source, data, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    where = f"byte 0x{data[first_bad]:02X} at line {_line_of(data, first_bad)}"
    declared = declared_encoding(data)
    if declared is not None:
        try:
            text = data.decode(declared)
        except UnicodeDecodeError:
            pass  # the declaration is wrong: fall through to the other ways
        else:
            _check_decoded_controls(source, text, declared, config)
            note = f"not UTF-8 (invalid {where}); decoded as {declared}, declared in the document"
            return Decoded(source, data, text, declared, note)
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(escaped))
    non_ascii_ok = len(_DECODED_NON_ASCII.findall(escaped))
    if non_ascii_ok and bad <= non_ascii_ok:
        # Valid multi-byte UTF-8 next to stray single bytes: a file pasted together from
        # two encodings. Read the stray bytes as cp1252, the usual other half.
        text = _repair_mixed(escaped)
        note = (
            f"mixed encodings: UTF-8 with {bad:,} invalid byte(s) (first: {where}) read as cp1252"
        )
        _check_decoded_controls(source, text, "utf-8+cp1252", config)
        return Decoded(source, data, text, "utf-8+cp1252", note)
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    best = matches[0] if matches else None
    for match in matches:
        # Several code pages often decode short text equally well; among the tied best,
        # take cp1252, the web's usual legacy encoding (and what "latin-1" means there).
        tied = best is not None and (match.chaos, match.coherence) == (best.chaos, best.coherence)
        if tied and "cp1252" in match.could_be_from_charset:
            best = match
            break
    if best is None:
        raise UnreadableInputError(
            source,
            f"cannot decode: not UTF-8 (invalid {where}) and no other text encoding fits",
        )
    encoding = str(best.encoding)
    text = str(best)
    _check_decoded_controls(source, text, encoding, config)
    note = f"not UTF-8 (invalid {where}); decoded as {encoding} (charset-normalizer's best guess)"
    return Decoded(source, data, text, encoding, note)


def to_text(source: str, data: bytes, config: Config) -> Decoded:
    """All checks, then decode: the one entry point the readers rely on."""
    check_size(source, len(data), config)
    check_empty(source, data)
    check_binary(source, data, config)
    decoded = decode(source, data, config)
    if not decoded.text.strip():
        raise UnreadableInputError(
            source, f"empty file (only whitespace after decoding as {decoded.encoding})"
        )
    return decoded
