"""Publication dates from the strings (or numbers) inputs carry.

Tried in order: ISO 8601 (``datetime.fromisoformat``), RFC 2822 (RSS ``pubDate``), then
``dateparser`` restricted to absolute dates in a fixed list of languages, with day, month
and year all required, so a missing part is never filled in from today's date and
"yesterday" or "3 hours ago" are not guessed at. A date with a zone (or offset) comes back
timezone-aware, one without comes back naive. Anything else is ``None``: the readers then
keep the raw string in ``metadata['date_raw']``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache

#: Languages dateparser tries for month and weekday names (a fixed list: deterministic,
#: and fast; dateparser's autodetection over all languages takes seconds per string).
DATE_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl")

_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],
}
_LABEL = re.compile(
    r"^(?:(?:last\s+)?(?:updated|published|posted|modified|date)(?:\s+on)?\s*:?\s*)",
    re.IGNORECASE,
)
# RFC 2822 strictly (email.utils alone is lenient: it reads "March 4, 2025 7:05 pm" as 7:05).
_RFC2822 = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s+(?:[+-]\d{4}|[A-Za-z]{1,5}))?$"
)
# Epoch seconds between 1990 and 2100: older or later numbers are not publication dates.
_EPOCH_MIN, _EPOCH_MAX = 631_152_000, 4_102_444_800


def _from_epoch(value: float) -> datetime | None:
    if value > _EPOCH_MAX * 1000 or value < 0:
        return None
    if value > _EPOCH_MAX:  # milliseconds
        value /= 1000
    if not _EPOCH_MIN <= value <= _EPOCH_MAX:
        return None
    return datetime.fromtimestamp(value, tz=UTC)


@lru_cache(maxsize=4096)
def _parse_text(raw: str) -> datetime | None:
    text = _LABEL.sub("", raw.strip()).strip()
    if not text:
        return None
    try:
        iso = text[:-1] + "+00:00" if text.endswith(("z", "Z")) else text
        return datetime.fromisoformat(iso)
    except ValueError:
        pass
    if _RFC2822.match(text):
        try:
            return parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            pass
    if not any(ch.isdigit() for ch in text):
        return None  # no day or year: nothing dateparser may accept
    import dateparser

    return dateparser.parse(text, languages=list(DATE_LANGUAGES), settings=_SETTINGS)


def parse_date(value: object) -> datetime | None:
    """A datetime from a date string or epoch number, or ``None`` if it is not one."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if not isinstance(value, str) or len(value) > 200:
        return None
    return _parse_text(value)
