"""Character spans, tokens and quotation marks — the ground the attribution rules stand on.

``find_quotes(text)`` pairs quotation marks paragraph by paragraph and survives what
scraping does to them: an opening mark used as a closer (``stated.“ No one``), a closing
mark with no opener (the quote then starts where the last one ended), a mark never
closed (the quote runs to the end of its paragraph, which is also how a quote running
over several paragraphs is written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True, order=True)
class Span:
    """Characters ``start`` to ``end`` (exclusive) of an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start


class Token(NamedTuple):
    start: int
    end: int
    text: str
    lower: str
    is_cap: bool


_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž0-9]+(?:[.’'\-&][A-Za-zÀ-ÖØ-öø-ÿĀ-ž0-9]+)*\.?|\S")
_ABBREV_END = re.compile(
    r"^(?:[A-Z]\.)+$|^(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Prof|Jr|Sr)\.$"
)


def tokenize(text: str) -> list[Token]:
    """Words (with inner apostrophes, hyphens, abbreviation dots) and single symbols."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        start, end = m.start(), m.end()
        if word.endswith(".") and len(word) > 1 and not _ABBREV_END.match(word):
            word = word[:-1]
            end -= 1
            out.append(_tok(start, end, word))
            out.append(_tok(end, end + 1, "."))
            continue
        out.append(_tok(start, end, word))
    return out


def _tok(start: int, end: int, word: str) -> Token:
    lower = word.lower()
    for suffix in ("'s", "’s"):
        if lower.endswith(suffix) and len(lower) > 2:
            lower = lower[: -len(suffix)]
    return Token(start, end, word, lower, word[:1].isupper())


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blocks separated by blank lines, or by single newlines."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        if m.group().strip():
            out.append((m.start(), m.end()))
    return out


def strip_span(text: str, span: Span, trailing: str = "") -> Span | None:
    """``span`` without surrounding spaces, and without one final mark from ``trailing``."""
    s, e = span.start, span.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if trailing and e > s and text[e - 1] in trailing:
        e -= 1
        while e > s and text[e - 1].isspace():
            e -= 1
    return Span(s, e) if e > s else None


_MARK = re.compile("``|''|[\"\u201c\u201d\u00ab\u00bb\u201e]")
OPENERS = "\u201c\u00ab\u201e"  # “ « „
CLOSERS = "\u201d\u00bb"  # ” »
STRAIGHT = '"'


@dataclass(frozen=True)
class Quote:
    """A quotation: ``open``/``close_end`` include the marks, ``inner`` the words.

    ``inner`` leaves out a final comma that stands for a full stop (``"We will," she
    said``) but keeps a final ``.``, ``?`` or ``!``. ``closed`` is false when no closing
    mark was found before the end of the paragraph.
    """

    open: int
    close_end: int
    inner: Span
    closed: bool


def _inner(text: str, start: int, end: int) -> Span | None:
    span = strip_span(text, Span(start, end), trailing=",")
    return span


def find_quotes(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Quotations in ``text``, in order, with broken marks repaired (see module doc)."""
    out: list[Quote] = []
    for ps, pe in paragraphs if paragraphs is not None else paragraph_bounds(text):
        out.extend(_paragraph_quotes(text, ps, pe))
    return out


def _paragraph_quotes(text: str, ps: int, pe: int) -> list[Quote]:
    out: list[Quote] = []
    open_at: int | None = None
    open_w = 1
    last_end = ps
    for m in _MARK.finditer(text, ps, pe):
        i = m.start()
        ch = text[i]
        w = 1
        pair = text[i : i + 2]
        if pair == "``":
            ch, w = "\u201c", 2  # TeX/PTB-style opener
        elif pair == "''" and text[i + 2 : i + 3] != "'":
            ch, w = STRAIGHT, 2  # two apostrophes used as a double quotation mark
        nxt = text[i + w] if i + w < pe else " "
        prv = text[i - 1] if i > ps else " "
        is_open = ch in OPENERS or (ch == STRAIGHT and open_at is None and not nxt.isspace())
        is_close = ch in CLOSERS or (ch == STRAIGHT and open_at is not None)
        if ch == STRAIGHT and open_at is None and nxt.isspace() and not prv.isspace():
            is_close = True  # a straight closer with no opener
        if (
            ch == "\u201c"
            and w == 1
            and open_at is not None
            and nxt.isspace()
            and not prv.isspace()
        ):
            is_open, is_close = False, True  # “ used as a closer by a broken scrape
        if is_close and not is_open:
            start = open_at + open_w if open_at is not None else last_end
            if open_at is None:
                # a closer with no opener: the quote starts where the previous one ended
                while start < i and text[start] in " ,.'" + CLOSERS:
                    start += 1
            span = _inner(text, start, i)
            if span is not None:
                out.append(Quote(open_at if open_at is not None else start, i + w, span, True))
            open_at = None
            last_end = i + w
        elif is_open:
            if open_at is not None:
                # an opener while one is open: the first was never closed
                span = _inner(text, open_at + open_w, i)
                if span is not None:
                    out.append(Quote(open_at, i, span, False))
            open_at = i
            open_w = w
    if open_at is not None:
        span = _inner(text, open_at + open_w, pe)
        if span is not None:
            out.append(Quote(open_at, pe, span, False))
    return out
