"""Attributions in one article: who said what, with character offsets.

``extract_attributions(article)`` finds

- direct quotes in any quotation-mark style (curly, straight, guillemets, „low-high“),
  quotes running over several sentences or paragraphs, and quotes whose marks scraping
  broke (an opening mark used as a closer, a closer with no opener, a mark never closed);
- attributions around them: ``"...," Webb said``, ``said Lena Morrow, who ...``,
  ``Calloway told the chamber: "..."``, and a quote continued after its attribution
  (``"A," she said. "B."``: one attribution, two content spans);
- reported speech (``Stoltenberg said there were grounds for ...``), with any partial
  quotes inside it kept as ``quoted`` sub-spans;
- attributions without a verb: ``According to Interfax, ...``, ``..., according to X``,
  and the signature line of an embedded post (``— Name (@handle) March 3, 2025``), which
  attributes the paragraphs above it.

Offsets index ``article.text``. ``content`` spans follow the reader's convention: the
words inside the marks (no marks, no final comma that stands for a full stop) for direct
quotes, the reported clause without ``that`` and without the final full stop otherwise.
``eval.quotes`` maps them to PolNeAR's convention (marks and ``that`` included).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
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
    strip_span,
    tokenize,
)

AttributionKind = Literal["direct", "reported", "mixed", "according_to", "signature"]


def _words(text: str) -> list[str]:
    """Words of a whitespace-separated list (keeps long word lists compact)."""
    return text.split()


@dataclass(frozen=True)
class Attribution:
    """One statement attributed to a speaker in one article.

    ``source`` is the speaker mention (``None`` when the text names nobody, e.g. a quote
    with no attribution near it); ``cue`` the words that attribute (``said``, ``according
    to``, the ``—`` of a signature line); ``content`` one or more spans of what was said;
    ``quoted`` the parts of ``content`` inside quotation marks; ``direct`` is true when the
    content is presented as the speaker's own words (wholly or partly quoted).
    """

    article_id: str
    index: int
    source: Span | None
    cue: Span | None
    content: tuple[Span, ...]
    direct: bool
    kind: AttributionKind
    sentence: int
    quoted: tuple[Span, ...] = ()

    def text_of(self, text: str) -> str:
        """The content as one string (parts joined by ' … ')."""
        return " … ".join(text[s.start : s.end] for s in self.content)

    def source_text(self, text: str) -> str:
        return "" if self.source is None else text[self.source.start : self.source.end]

    def cue_text(self, text: str) -> str:
        return "" if self.cue is None else text[self.cue.start : self.cue.end]


_SIGNATURE = re.compile(
    r"^[—–-]{1,2}\s*(?P<name>[^\n(@]{2,80}?)\s*\((?P<handle>@\w{1,30})\)\s*(?P<date>[^\n]{0,40})$"
)
_ACCORDING = re.compile(r"\b(?:according to|citing|quoting)\b", re.IGNORECASE)


def extract_attributions(article: Article) -> list[Attribution]:
    """Every attribution found in ``article``, in text order."""
    return _Extractor(article).run()


class _Extractor(SpeakerPhrases):
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
        self.found: list[_Raw] = []
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

    # ---- main ----------------------------------------------------------------------
    def run(self) -> list[Attribution]:
        self._signatures()
        self._cue_verbs()
        self._according()
        self._colon_quotes()
        self._orphan_quotes()
        raws = sorted(self.found, key=lambda r: (r.anchor, r.content[0].start if r.content else 0))
        out: list[Attribution] = []
        seen: set[tuple[int, int]] = set()
        for r in raws:
            content = tuple(s for s in (strip_span(self.text, c) for c in r.content) if s)
            if not content:
                continue
            key = (content[0].start, content[-1].end)
            if key in seen:
                continue
            seen.add(key)
            quoted = tuple(
                q.inner for q in self.quotes if any(c.contains(q.inner) for c in content)
            )
            direct = r.kind in ("direct", "signature") or bool(quoted)
            kind: AttributionKind = r.kind
            if r.kind == "reported" and quoted:
                kind = "mixed"
            out.append(
                Attribution(
                    article_id=self.article.id,
                    index=len(out),
                    source=r.source,
                    cue=r.cue,
                    content=content,
                    direct=direct,
                    kind=kind,
                    sentence=self.sentence_of(r.anchor),
                    quoted=quoted,
                )
            )
        return out

    # ---- signature lines of embedded posts ------------------------------------------
    def _signatures(self) -> None:
        paras = self.paras
        for i, (ps, pe) in enumerate(paras):
            m = _SIGNATURE.match(self.text[ps:pe].strip())
            if not m or i == 0:
                continue
            offset = ps + (len(self.text[ps:pe]) - len(self.text[ps:pe].lstrip()))
            name = Span(offset + m.start("name"), offset + m.end("handle") + 1)
            cue = Span(offset, offset + m.start("name"))
            cue = Span(cue.start, cue.start + len(self.text[cue.start : cue.end].rstrip()))
            body = paras[i - 1]
            self.found.append(_Raw(body[0], Span(*body), name, cue, (Span(*body),), "signature"))
            for q in self.quotes:
                if body[0] <= q.open < body[1]:
                    self.used_quotes.add(q.open)

    # ---- verb cues -------------------------------------------------------------------
    def _cue_verbs(self) -> None:
        for ti, tok in enumerate(self.tokens):
            word = tok.lower
            if word not in lx.CUE_VERBS or tok.is_cap or self.in_quote(tok.start) is not None:
                continue
            raw = self._attribution_at(ti)
            if raw is not None:
                self.found.append(raw)

    def _attribution_at(self, ti: int) -> _Raw | None:
        toks = self.tokens
        cue_tok = toks[ti]
        word = cue_tok.lower
        s_start, s_end = self.sentence_bounds(cue_tok.start)
        # cue span: auxiliaries before the verb belong to it ("has also said")
        ci = ti
        while (
            ci - 1 >= 0
            and toks[ci - 1].start >= s_start
            and (
                toks[ci - 1].lower in lx.AUXILIARIES
                or (
                    toks[ci - 1].lower.endswith("ly")
                    and not toks[ci - 1].is_cap
                    and len(toks[ci - 1].lower) > 4
                )
            )
        ):
            ci -= 1
        if (
            ci > 0
            and (
                toks[ci - 1].text.endswith(("'s", "’s", "s'", "s’"))
                or toks[ci - 1].lower in _DETERMINERS
            )
            and toks[ci - 1].start >= s_start
        ):
            return None  # a noun ("Russia's claim", "the report"), not a verb
        cue = Span(toks[ci].start, cue_tok.end)
        si = ci
        if (
            si - 2 >= 0
            and toks[si - 2].lower in ("on", "last", "this", "late", "early")
            and (
                toks[si - 1].text in _DAYS
                or toks[si - 1].lower in ("week", "month", "year", "night")
            )
        ):
            si -= 2
        elif si - 1 >= 0 and toks[si - 1].text in _DAYS:
            si -= 1
        source = self._np_before(si, s_start)
        inverted = False
        if source is None and word.endswith("ing") and ci > 0 and toks[ci - 1].lower in ("by", ","):
            source = self._sentence_subject(s_start, ci)
        if source is None and (
            ci > 0
            and (
                toks[ci - 1].text in (",", "\u201d", '"', "'", "\u00bb")
                or self._after_quote(cue.start)
            )
        ):
            source = self._np_after(ti + 1, s_end)
            inverted = source is not None
        if source is None:
            return None
        after = source.end if inverted else cue.end
        # content: a quote right after the cue (": "...", ', "...') ...
        nxt = self._quote_after(after, ti)
        prev = self._quote_before(source.start if not inverted else cue.start)
        if prev is not None:
            chain = self._chain_back(prev) + self._chain_forward_after(after, prev)
            return _Raw(cue.start, Span(s_start, s_end), source, cue, chain, "direct")
        if nxt is not None:
            chain = self._chain_from(nxt)
            return _Raw(cue.start, Span(s_start, s_end), source, cue, chain, "direct")
        if word in lx.BELIEF_VERBS and word not in lx.SPEECH_VERBS:
            nxt_word = toks[ti + 1].lower if ti + 1 < len(toks) else ""
            if nxt_word != "that":
                return None
        # ... or reported speech after the cue ...
        if not inverted and self.text[cue.end : cue.end + 1] not in (",", "."):
            content = self._reported_after(ti, s_end, free=word in lx.FREE_VERBS)
            if content is not None:
                return _Raw(cue.start, Span(s_start, s_end), source, cue, (content,), "reported")
        # ... or a clause before the speaker ("The bridge was inspected, the authority said.")
        rest = self.text[after:s_end].strip()
        if word in lx.ADDRESSEE_VERBS and re.fullmatch(
            r"(?:[A-Z][\w.’'-]*\s*|reporters\s*|journalists\s*)+\.?", rest
        ):
            rest = ""
        if word in lx.FREE_VERBS and (rest in ("", ".") or inverted or rest[:1] in ",."):
            content = self._clause_before(source.start if not inverted else cue.start, s_start)
            if content is not None:
                parts: tuple[Span, ...] = (content,)
                if rest[:1] == "," and not inverted:
                    # "Nor, he said, did he say ...": the sentence goes on after the cue
                    tail = strip_span(self.text, Span(after + 1, s_end), trailing=".")
                    if tail is not None and len(self.text[tail.start : tail.end].split()) >= 3:
                        parts = (content, tail)
                return _Raw(cue.start, Span(s_start, s_end), source, cue, parts, "reported")
        return None

    # ---- content -----------------------------------------------------------------------
    def _after_quote(self, pos: int) -> bool:
        q = self._quote_before(pos)
        return q is not None

    def _quote_after(self, pos: int, ti: int) -> Quote | None:
        """A quote that starts right after ``pos`` (allowing ':' ',' and an addressee)."""
        word = self.tokens[ti].lower
        gap_limit = 60 if word in lx.ADDRESSEE_VERBS else 4
        for q in self.quotes:
            if q.open < pos:
                continue
            gap = self.text[pos : q.open]
            if "\n" in gap:
                return None
            stripped = gap.strip()
            label = (
                word in lx.LABEL_VERBS
                and len(stripped.split()) <= 5
                and not any(c in stripped for c in ".,;:")
            )
            if (
                stripped in ("", ":", ",")
                or label
                or (len(gap) <= gap_limit and stripped.endswith(":") and '"' not in gap)
            ):
                return q if q.open not in self.used_quotes else None
            return None
        return None

    def _quote_before(self, pos: int) -> Quote | None:
        """A quote that ends right before ``pos`` (", " or nothing between)."""
        best = None
        for q in self.quotes:
            if q.close_end <= pos:
                best = q
            else:
                break
        if best is None or best.open in self.used_quotes:
            return None
        gap = self.text[best.close_end : pos]
        if "\n" in gap or gap.strip() not in ("", ","):
            return None
        return best

    def _chain_from(self, q: Quote) -> tuple[Span, ...]:
        """The quote and the quotes that continue it in the same paragraph."""
        self.used_quotes.add(q.open)
        spans = [q.inner]
        cur = q
        while True:
            nxt = self._next_continuation(cur)
            if nxt is None:
                break
            self.used_quotes.add(nxt.open)
            spans.append(nxt.inner)
            cur = nxt
        return tuple(spans)

    def _next_continuation(self, q: Quote) -> Quote | None:
        after = [x for x in self.quotes if x.open >= q.close_end]
        if not after:
            return None
        nxt = after[0]
        gap = self.text[q.close_end : nxt.open]
        if nxt.open in self.used_quotes:
            return None
        if gap.strip() == "" and "\n\n" in gap and not q.closed:
            return nxt  # a quote running over paragraphs
        if "\n" in gap:
            return None
        return None if gap.strip() not in ("", ".") else nxt

    def _chain_back(self, q: Quote) -> tuple[Span, ...]:
        spans = [q.inner]
        self.used_quotes.add(q.open)
        cur = q
        while True:
            before = [x for x in self.quotes if x.close_end <= cur.open]
            if not before:
                break
            prev = before[-1]
            gap = self.text[prev.close_end : cur.open]
            if prev.open in self.used_quotes:
                break
            if gap.strip() == "" and "\n\n" in gap and not prev.closed:
                spans.insert(0, prev.inner)
                self.used_quotes.add(prev.open)
                cur = prev
                continue
            break
        return tuple(spans)

    def _chain_forward_after(self, pos: int, prev: Quote) -> tuple[Span, ...]:
        """'"A," she said. "B."' — quotes after the attribution that continue it."""
        _, p_end = _para_of(self.text, pos)
        _, s_end = self.sentence_bounds(pos)
        spans: list[Span] = []
        cur_end = s_end
        for q in self.quotes:
            if q.open < pos or q.open in self.used_quotes or q.open >= p_end:
                continue
            gap = self.text[pos : q.open]
            # only a quote that starts the next sentence, with no other cue in between
            short_adverbial = re.fullmatch(r"\s*(?:[\w’'-]+\s+){0,4}[\w’'-]+,\s*", gap)
            if (
                q.open < cur_end
                and gap.strip(' \u201c\u201d"') not in (".", ",", "")
                and not short_adverbial
            ):
                break
            if "\n" in gap or len(gap) > 80:
                break
            if self._has_cue(pos, q.open):
                break
            self.used_quotes.add(q.open)
            spans.append(q.inner)
            pos = q.close_end
            _, cur_end = self.sentence_bounds(q.open)
            if self._has_cue_after(q):
                break
        return tuple(spans)

    def _has_cue(self, start: int, end: int) -> bool:
        return any(
            t.lower in lx.CUE_VERBS and start <= t.start < end
            for t in self.tokens_between(start, end)
        )

    def _has_cue_after(self, q: Quote) -> bool:
        gap_end = min(len(self.text), q.close_end + 60)
        return self._has_cue(q.close_end, gap_end)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        return self.tokens[
            bisect_left(self.token_starts, start) : bisect_left(self.token_starts, end)
        ]

    def _reported_after(self, ti: int, s_end: int, *, free: bool) -> Span | None:
        toks = self.tokens
        j = ti + 1
        if toks[ti].lower in lx.ADDRESSEE_VERBS:
            k = j
            while (
                k < len(toks)
                and toks[k].start < s_end
                and (toks[k].lower in lx.ADDRESSEE_WORDS or toks[k].is_cap or toks[k].text == "-")
            ):
                k += 1
                if k - j > 6:
                    break
            if (k == j or toks[j].lower in ("a", "an")) and not (
                j < len(toks) and toks[j].lower == "that"
            ):
                return None
            if not (k < len(toks) and toks[k].lower == "to"):
                j = k  # "told reporters that ...": the addressee is not content
            # "urged the department to ...": the object belongs to the content
        # "said (privately / in a statement / on Tuesday) that ..."
        window = [t for t in toks[j : j + 8] if t.start < s_end]
        that_at = next((n for n, t in enumerate(window) if t.lower == "that"), None)
        if that_at is not None and all(
            t.text not in (",", ".", ";", ":", "\u201c", '"') for t in window[:that_at]
        ):
            pos = window[that_at].end
        elif not free:
            return None
        else:
            if j >= len(toks) or toks[j].start >= s_end:
                return None
            pos = toks[j].start
        rest = self.text[pos:s_end]
        pos += len(rest) - len(rest.lstrip(" ,:"))
        end = s_end
        for cut in _CLAUSE_END.finditer(self.text, pos, s_end):
            if self.in_quote(cut.start()) is None:
                end = cut.start()
                break
        nested = self._next_cue_clause(pos, end)
        if nested is not None:
            end = nested
        span = strip_span(self.text, Span(pos, end), trailing=".-\u2014\u2013")
        if span is None or len(self.text[span.start : span.end].split()) < 3:
            return None
        return span

    def _next_cue_clause(self, start: int, end: int) -> int | None:
        """Where a reported clause gives way to another attribution.

        ``..., Tanden wrote that ...``, ``... and says it ...``, ``..., recently telling``:
        the position of the comma or ``and`` before the next cue verb, or ``None``.
        """
        toks = self.tokens_between(start, end)
        for n, t in enumerate(toks):
            if t.lower not in lx.SPEECH_VERBS or t.is_cap or self.in_quote(t.start) is not None:
                continue
            back = toks[max(0, n - 5) : n]
            for m in range(len(back) - 1, -1, -1):
                b = back[m]
                if b.text == "," or b.lower == "and":
                    between = back[m + 1 :]
                    if (
                        b.lower == "and"
                        and between
                        and not all(
                            x.lower in lx.AUXILIARIES or x.lower.endswith("ly") for x in between
                        )
                    ):
                        break
                    if any(x.lower in ("that", "which", "who") for x in between):
                        break
                    return b.start if n - (len(back) - m) > 0 else None
                if b.text in (".", ";", ":", "\u201c", '"'):
                    break
        return None

    def _clause_before(self, speaker_start: int, s_start: int) -> Span | None:
        gap = self.text[s_start:speaker_start]
        stripped = gap.rstrip()
        if not stripped.endswith(","):
            return None
        span = strip_span(self.text, Span(s_start, s_start + len(stripped) - 1))
        if span is None:
            return None
        if len(self.text[span.start : span.end].split()) < 3 and not re.fullmatch(
            r"[A-Z][\w’'-]*[.!?]?", self.text[span.start : span.end]
        ):
            return None
        return span

    # ---- "according to X" ------------------------------------------------------------------
    def _according(self) -> None:
        for m in _ACCORDING.finditer(self.text):
            if self.in_quote(m.start()) is not None:
                continue
            s_start, s_end = self.sentence_bounds(m.start())
            cue = Span(m.start(), m.end())
            ti = next((i for i, t in enumerate(self.tokens) if t.start >= m.end()), None)
            if ti is None:
                continue
            src = self._np_after(ti, s_end, until_comma=True)
            if src is None:
                continue
            before = self.text[s_start : m.start()].strip()
            if before == "" or before.lower() in ("but", "and"):
                rest_start = src.end
                rest = self.text[rest_start:s_end]
                lead = len(rest) - len(rest.lstrip(" ,"))
                content = strip_span(self.text, Span(rest_start + lead, s_end), trailing=".")
            else:
                content = strip_span(self.text, Span(s_start, m.start()), trailing=",")
                src = strip_span(self.text, Span(src.start, min(src.end, s_end)), trailing=".")
            if content is None or src is None:
                continue
            self.found.append(
                _Raw(cue.start, Span(s_start, s_end), src, cue, (content,), "according_to")
            )

    # ---- "Name: \"...\"" --------------------------------------------------------------------
    def _colon_quotes(self) -> None:
        """A quote introduced by a name and a colon, with no verb (``Donald Trump: "..."``)."""
        for q in self.quotes:
            if q.open in self.used_quotes:
                continue
            ti = bisect_left(self.token_starts, q.open) - 1
            if ti < 1 or self.tokens[ti].text != ":":
                continue
            if self.text[self.tokens[ti].end : q.open].strip():
                continue
            s_start, s_end = self.sentence_bounds(self.tokens[ti].start)
            head = self._walk_np(ti - 1, s_start)
            if head is None or not any(t.is_cap for t in self.tokens[head:ti]):
                continue
            if any(t.lower in lx.CUE_VERBS for t in self.tokens[head:ti]):
                continue
            source = Span(self.tokens[head].start, self.tokens[ti - 1].end)
            cue = Span(self.tokens[ti].start, self.tokens[ti].end)
            self.used_quotes.add(q.open)
            self.found.append(
                _Raw(cue.start, Span(s_start, s_end), source, cue, (q.inner,), "direct")
            )

    # ---- quotes nobody attributed yet ------------------------------------------------------
    def _orphan_quotes(self) -> None:
        """A paragraph that is one quote continues the speaker of the paragraph before it."""
        paras = self.paras
        by_para: dict[int, _Raw] = {}
        for r in sorted(self.found, key=lambda r: r.anchor):
            for i, (ps, pe) in enumerate(paras):
                if ps <= r.anchor < pe:
                    by_para[i] = r
        for q in self.quotes:
            if q.open in self.used_quotes:
                continue
            pi = next((i for i, (ps, pe) in enumerate(paras) if ps <= q.open < pe), None)
            if pi is None or pi == 0:
                continue
            ps, pe = paras[pi]
            if (
                self.text[ps : q.open].strip(' \u201d\u201c"') != ""
                or len(self.text[q.inner.start : q.inner.end].split()) < 4
            ):
                continue
            prev = by_para.get(pi - 1)
            if prev is None or prev.source is None:
                continue
            self.used_quotes.add(q.open)
            if prev.kind == "direct" and prev.cue is not None:
                # the quote goes on in the next paragraph: one statement, one more span
                longer = replace(prev, content=(*prev.content, q.inner))
                self.found[self.found.index(prev)] = longer
                by_para[pi] = longer
                continue
            orphan = _Raw(q.open, Span(ps, pe), prev.source, None, (q.inner,), "direct")
            self.found.append(orphan)
            by_para[pi] = orphan


#: Where a reported clause ends before the sentence does ("..., but conceded that ...").
_CLAUSE_END = re.compile(
    r",?\s+but\s(?!that\b)|,\s+(?:adding|noting|saying|while|although|though|whereas|citing)\b|;\s|\s+[—–]\s+and\s"
)
_DETERMINERS = frozenset(_words("""the a an his her its their our my your this these those"""))
_DAYS = frozenset(
    _words("""Monday Tuesday Wednesday Thursday Friday Saturday Sunday Sunday's Monday's""")
)


@dataclass(frozen=True)
class _Raw:
    anchor: int
    sentence_span: Span
    source: Span | None
    cue: Span | None
    content: tuple[Span, ...]
    kind: AttributionKind


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


def _para_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, pos)
    start = 0 if start == -1 else start + 2
    end = text.find("\n\n", pos)
    return start, len(text) if end == -1 else end
