"""The ground every attribution rule stands on: one article's tokens, quotes, sentences.

``ArticleScan`` holds what the finders share (tokens, paragraphs, quotation marks with
broken ones repaired, sentence bounds, the attributions found so far) and ``Raw`` is an
attribution before it is checked and numbered by ``extract.extract_attributions``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Literal

from triangulate.model import Article
from triangulate.quotes import lexicon as lx
from triangulate.quotes.phrases import SpeakerPhrases
from triangulate.quotes.spans import (
    Quote,
    Span,
    Token,
    find_quotes,
    paragraph_bounds,
    tokenize,
)


def _words(text: str) -> list[str]:
    """Words of a whitespace-separated list (keeps long word lists compact)."""
    return text.split()


#: Day names (a day between speaker and cue, or after the cue, is not part of either).
DAYS = frozenset(
    _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday Sunday's Monday's")
)

AttributionKind = Literal["direct", "reported", "mixed", "according_to", "signature"]


@dataclass(frozen=True)
class Raw:
    """An attribution as a finder proposes it (``anchor``: where it is ordered)."""

    anchor: int
    sentence_span: Span
    source: Span | None
    cue: Span | None
    content: tuple[Span, ...]
    kind: AttributionKind


class ArticleScan(SpeakerPhrases):
    """Tokens, quotes and sentences of one article, and the attributions found so far."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.tokens = tokenize(self.text)
        self.token_starts = [t.start for t in self.tokens]
        self.paras = paragraph_bounds(self.text)
        self.quotes = _split_inner_attributions(self.text, find_quotes(self.text, self.paras))
        self.quote_opens = [q.open for q in self.quotes]
        self.sent_bounds = [(s.start, s.end) for s in article.sentences] or [(0, len(self.text))]
        self.sent_starts = [b[0] for b in self.sent_bounds]
        self.found: list[Raw] = []
        self.used_quotes: set[int] = set()

    # ---- helpers -----------------------------------------------------------------
    def sentence_of(self, pos: int) -> int:
        lo, hi = 0, len(self.sent_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sent_starts[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return self.article.sentences[lo].index if self.article.sentences else 0

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.sent_starts, pos) - 1
        return self.sent_bounds[max(i, 0)]

    def in_quote(self, pos: int) -> Quote | None:
        i = bisect_right(self.quote_opens, pos) - 1
        if i >= 0 and self.quotes[i].open <= pos < self.quotes[i].close_end:
            return self.quotes[i]
        return None

    def _earlier_source(self, start: int, end: int) -> Span | None:
        """The speaker of the latest attribution found between ``start`` and ``end``."""
        for r in reversed(self.found):
            if r.source is not None and start <= r.anchor < end:
                return r.source
        return None

    def tokens_between(self, start: int, end: int) -> list[Token]:
        return self.tokens[
            bisect_left(self.token_starts, start) : bisect_left(self.token_starts, end)
        ]


_INNER_CUE = re.compile(
    r",\s+(?P<src>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*|he|she|they)\s+(?P<cue>[a-z]+)\s*[.,]?\s*[\u201c\u201d\x22]?\s*$"
)


def _split_inner_attributions(text: str, quotes: list[Quote]) -> list[Quote]:
    """Give back the attribution a broken mark pulled inside a quote.

    ``“... in the water, Haskins stated.“ No one ...”``: the quote is cut before
    ``, Haskins stated`` so that the attribution is read as text outside the marks.
    """
    out: list[Quote] = []
    for q in quotes:
        inner = text[q.inner.start : q.close_end]
        m = _INNER_CUE.search(inner)
        if m and m.group("cue") in lx.SPEECH_VERBS and len(inner[: m.start()].split()) >= 3:
            end = q.inner.start + m.start()
            out.append(Quote(q.open, end, Span(q.inner.start, end), True))
        else:
            out.append(q)
    return out
