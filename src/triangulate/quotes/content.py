"""Content spans: the quote or the reported clause an attribution's cue introduces.

``ContentFinder`` finds, around a cue, a quote right after it (``: "..."``, ``told the
chamber: "..."``, a label verb's quoted object), a quote right before the speaker with the
quotes that continue it over sentences and paragraphs, reported speech after the cue
(``said (in a statement) (that) ...``, ending where the clause or the next attribution
starts) and the clause before the speaker (``The bridge was inspected, the authority said.``).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from triangulate.quotes import lexicon as lx
from triangulate.quotes.phrases import PREPS
from triangulate.quotes.scan import DAYS, ArticleScan
from triangulate.quotes.spans import Quote, Span, Token, strip_span


class ContentFinder(ArticleScan):
    """Content-span rules over an ``ArticleScan`` (see module doc)."""

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
                # "Cruz continued:" ending its paragraph, the quote opening the next one
                if gap.strip() == ":" and q.open not in self.used_quotes:
                    return q
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
        if gap.strip() == "" and self._ends_earlier_sentence(best):
            return None  # 'roots in Indiana "dear to my heart." He said he ...'
        return best

    def _ends_earlier_sentence(self, q: Quote) -> bool:
        """A partial quote closed by a full stop ends the sentence it was quoted in: the
        words after it (``He said ...``) start a new one, whose content it is not."""
        if self.text[q.inner.end - 1 : q.inner.end] != ".":
            return False
        para_start = self.text.rfind("\n", 0, q.open) + 1
        before = self.text[para_start : q.open].rstrip()
        # not when the quote opens its sentence, or follows a colon or a comma
        return bool(before) and before[-1] not in ".?!:,\u201d\"'"

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
            next_sentence = q.open >= cur_end and not self.text[cur_end : q.open].strip(' \u201c"')
            if "\n" in gap or (len(gap) > 80 and not next_sentence):
                break  # (the rest of the cue's sentence may be long: "said on Thursday ...")
            # a cue word in the rest of the attribution's own sentence ("..., referring to",
            # "who declined to be named") does not end the chain; one after it does
            cue_from = max(pos, cur_end) if next_sentence else pos
            if self._has_cue(cue_from, q.open) or self._attributed_after(q):
                break  # ('"B," he added': B is the next attribution's)
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

    def _attributed_after(self, q: Quote) -> bool:
        """The quote is followed by its own attribution (``"...," he added.``)."""
        toks = self.tokens_between(q.close_end, min(len(self.text), q.close_end + 80))
        if toks and toks[0].text == ",":
            toks = toks[1:]
        for t in toks[:6]:
            if t.text in (".", "\u201c", '"', "?", "!", ";"):
                return False
            if "\n" in self.text[q.close_end : t.start]:
                return False
            if t.lower in lx.SPEECH_VERBS and not t.is_cap:
                return True
        return False

    def _has_cue_after(self, q: Quote) -> bool:
        gap_end = min(len(self.text), q.close_end + 60)
        return self._has_cue(q.close_end, gap_end)

    def _reported_after(self, ti: int, s_end: int, *, free: bool) -> Span | None:
        toks = self.tokens
        j = ti + 1
        addressed = toks[ti].lower in lx.ADDRESSEE_VERBS
        if addressed:
            k = j
            while (
                k < len(toks)
                and toks[k].start < s_end
                and (toks[k].lower in lx.ADDRESSEE_WORDS or toks[k].is_cap or toks[k].text == "-")
            ):
                k += 1
                if k - j > 6:
                    break
            that_at = self._that_ahead(j, s_end)
            if that_at is not None:
                k = that_at  # "told a Senate committee hearing on Thursday that ..."
            elif (k == j or toks[j].lower in ("a", "an")) and not (
                k == j and j < len(toks) and toks[j].lower in ("of", "against", "about")
            ):
                return None  # ("warned of the risk ..." is content without an addressee)
            if not (k < len(toks) and toks[k].lower == "to"):
                j = k  # "told reporters that ...": the addressee is not content
            # "urged the department to ...": the object belongs to the content
        j = self._skip_day(j, s_end)
        if (
            j + 1 < len(toks)
            and toks[j].lower in ("that", "this", "it")
            and toks[j + 1].text in (",", ".", ";")
        ):
            return None  # "echoed that, telling ...": a pronoun object, no clause
        # "said (privately / in a statement / on Tuesday) that ..."
        window = [t for t in toks[j : j + 8] if t.start < s_end]
        that_at = next((n for n, t in enumerate(window) if t.lower == "that"), None)
        if (
            that_at is not None
            and all(t.text not in (",", ".", ";", ":", "\u201c", '"') for t in window[:that_at])
            and (that_at == 0 or addressed or _adverbial(window[0]))
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
        while end > pos and self.text[end - 1] in " \u201c\u00ab\u201e":
            end -= 1  # an opening mark of the next quote left at the sentence end
        q = self.in_quote(end - 1) if end > pos else None
        if (
            q is not None
            and q.open >= pos
            and q.close_end > end
            and "\n" not in self.text[end : q.close_end]
        ):
            end = q.close_end  # a partial quote that runs on past the sentence end
        trailing = ".-\u2014\u2013"
        if re.search(r"\b(?:[A-Z]\.){2,}\s*$", self.text[pos:end]):
            trailing = "-\u2014\u2013"  # "... to the U.S.": the dot belongs to the word
        span = strip_span(self.text, Span(pos, end), trailing=trailing)
        if span is None or len(self.text[span.start : span.end].split()) < 3:
            return None
        return span

    def _that_ahead(self, j: int, s_end: int) -> int | None:
        """Index of a ``that`` within 12 words after token ``j``, with no punctuation, no
        conjunction and no other cue verb between (``warned of X and indicated that``)."""
        toks = self.tokens
        for k in range(j, min(j + 12, len(toks))):
            if toks[k].start >= s_end or not toks[k].text[:1].isalnum():
                return None
            if toks[k].lower in ("and", "but", "or") or toks[k].lower in lx.CUE_VERBS:
                return None
            if toks[k].lower == "that":
                return k
        return None

    def _skip_day(self, j: int, s_end: int) -> int:
        """After ``said``: skip ``Tuesday`` / ``on Tuesday (morning)`` unless it is the subject.

        ``Russia said Tuesday it was ...`` (skipped) but ``said Wednesday would be ...``
        (the day is what the clause is about).
        """
        toks = self.tokens
        k = j
        if k + 1 < len(toks) and toks[k].lower == "on" and toks[k + 1].text in DAYS:
            k += 2
        elif k < len(toks) and toks[k].text in DAYS:
            k += 1
        else:
            return j
        if k < len(toks) and toks[k].lower in ("morning", "afternoon", "evening", "night"):
            k += 1
        if k >= len(toks) or toks[k].start >= s_end or toks[k].lower in _VERB_AFTER_SUBJECT:
            return j
        return k

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
                        # "... and the UK's PM said ...": a new speaker starts a new clause
                        first = bisect_left(self.token_starts, between[0].start)
                        last = bisect_left(self.token_starts, between[-1].start)
                        if n - (len(back) - m) > 0 and self._segment_np(first, last):
                            return b.start
                        break
                    if any(x.lower in ("that", "which", "who") for x in between):
                        break
                    return b.start if n - (len(back) - m) > 0 else None
                if b.text in (".", ";", ":", "\u201c", '"'):
                    break
        return None

    def _clause_before(
        self, speaker_start: int, s_start: int, *, short: bool = False
    ) -> Span | None:
        """The clause before ``, the authority said``; with ``short`` (the sentence goes on
        after the cue: ``Her countrymen, she said, should ...``) one word is enough, unless
        it opens an adverbial (``In 2008, Trump said, ...``)."""
        gap = self.text[s_start:speaker_start]
        stripped = gap.rstrip()
        if not stripped.endswith(","):
            return None
        span = strip_span(self.text, Span(s_start, s_start + len(stripped) - 1))
        if span is None:
            return None
        words = self.text[span.start : span.end].split()
        if short and words[0].lower() not in PREPS and words[0] not in DAYS:
            return span
        if len(words) < 3 and not re.fullmatch(
            r"[A-Z][\w’'-]*[.!?]?", self.text[span.start : span.end]
        ):
            return None
        return span

    # ---- "according to X" ------------------------------------------------------------------


#: Where a reported clause ends before the sentence does ("..., but conceded that ...").
_CLAUSE_END = re.compile(
    r",?\s+but\s(?!that\b)|,\s+(?:adding|noting|saying|while|although|though|whereas|citing)\b|;\s|\s+[—–]\s+and\s"
)


def _para_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n\n", 0, pos)
    start = 0 if start == -1 else start + 2
    end = text.find("\n\n", pos)
    return start, len(text) if end == -1 else end


def _words(text: str) -> list[str]:
    """Words of a whitespace-separated list (keeps long word lists compact)."""
    return text.split()


#: Words after a day that make the day the subject of the reported clause.
_VERB_AFTER_SUBJECT = frozenset(
    _words("would will was is could can may might has had should must did does be")
)
#: Words that open an adverbial between a cue and ``that`` ("said on Tuesday that").
_ADVERB_WORDS = frozenset(
    _words("""again also repeatedly last this earlier later yesterday today tonight then now
    once twice previously recently""")
)


def _adverbial(tok: Token) -> bool:
    """``tok`` opens an adverbial (``in a statement``, ``privately``, ``Tuesday``), not an object."""
    return (
        tok.lower in PREPS
        or tok.lower in _ADVERB_WORDS
        or tok.text in DAYS
        or (tok.lower.endswith("ly") and len(tok.lower) > 4)
    )
