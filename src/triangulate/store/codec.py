"""How values become SQLite values and back: metadata JSON, dates, SQL scripts.

Kept apart from ``sqlite.py`` so the store module stays about storing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from triangulate.errors import StoreError
from triangulate.model import Article


def metadata_json(article: Article) -> str:
    """The article's metadata as compact JSON text (refused if JSON cannot hold it)."""
    if not article.metadata:
        return "{}"
    plain = plain_json(article.metadata, "metadata", article.source)
    return json.dumps(plain, ensure_ascii=False, separators=(",", ":"))


_SCALARS = (str, bool, int, float)


def plain_json(value: Any, where: str, source: str) -> Any:
    """``value`` as plain JSON types, or a StoreError naming the offending part.

    Mappings become dicts and tuples lists (they come back as lists); keys must be
    strings, since JSON would silently turn ``1`` into ``"1"``.
    """
    if value is None or isinstance(value, _SCALARS):
        return value
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise StoreError(
                    f"{source}: {where} has a key that is not a string: {k!r} ({type(k).__name__})"
                )
            # a scalar as it is, without naming its place (only an error needs the name)
            scalar = v is None or isinstance(v, _SCALARS)
            out[k] = v if scalar else plain_json(v, f"{where}[{k!r}]", source)
        return out
    if isinstance(value, list | tuple):
        return [plain_json(v, f"{where}[{i}]", source) for i, v in enumerate(value)]
    raise StoreError(
        f"{source}: {where} is a {type(value).__name__}, which JSON cannot store "
        "(metadata must hold strings, numbers, booleans, None, lists and mappings)"
    )


def encode_datetime(value: datetime | None) -> tuple[str | None, str | None]:
    """ISO 8601 text (with the UTC offset when aware) and the IANA zone name if any."""
    if value is None:
        return None, None
    zone = value.tzinfo.key if isinstance(value.tzinfo, ZoneInfo) else None
    return value.isoformat(), zone


def decode_datetime(text: str | None, zone: str | None) -> datetime | None:
    if text is None:
        return None
    value = datetime.fromisoformat(text)
    if zone is None:
        return value
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return value  # the same instant with a fixed offset
    local = value.replace(tzinfo=tz)
    if local.utcoffset() != value.utcoffset():
        local = local.replace(fold=1)  # the second of two wall times (or a gap)
    return local


def split_statements(script: str) -> list[str]:
    """Split a SQL script into statements; SQLite's tokenizer decides where one ends."""
    statements: list[str] = []
    start = 0
    end = script.find(";")
    while end != -1:
        chunk = script[start : end + 1]
        if sqlite3.complete_statement(chunk):
            if not only_comments(chunk[:-1]):
                statements.append(chunk.strip())
            start = end + 1
        end = script.find(";", end + 1)
    rest = script[start:]
    if not only_comments(rest):
        if not sqlite3.complete_statement(rest + ";"):
            raise StoreError(f"incomplete SQL statement: {rest.strip()[:80]!r}")
        statements.append(rest.strip())
    return statements


def only_comments(text: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in text.splitlines())
