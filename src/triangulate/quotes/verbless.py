"""Attributions without a reporting verb.

``According to X, ...`` / ``..., according to X`` (also ``citing``, ``quoting``); the
signature line of an embedded post (``— Name (@handle) date``), which attributes the
paragraph above it; ``Name: "..."``; and a paragraph that is only a quote, which continues
the speaker of the paragraph before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from triangulate.entities import ORG_WORDS
from triangulate.quotes import lexicon as lx
from triangulate.quotes.phrases import PREPS
from triangulate.quotes.scan import ArticleScan, AttributionKind, Raw
from triangulate.quotes.spans import Span, strip_span

_SIGNATURE = re.compile(
    r"^[—–-]{1,2}\s*(?P<name>[^\n(@]{2,80}?)\s*\((?P<handle>@\w{1,30})\)\s*(?P<date>[^\n]{0,40})$"
)
#: ``in line with`` only as synonym-spinning writes ``according to`` (``..., in line with
#: the fire service``): after a comma, before a speaker noun; see ``_names_a_speaker``.
_ACCORDING = re.compile(r"\b(?:according to|citing|quoting|in line with)\b", re.IGNORECASE)


_COLON_LINE = re.compile(
    r"(?m)^(?P<name>(?:[A-Z][\w’'.&-]*\s){0,3}[A-Z][\w’'.&-]*):[ \t]+(?P<rest>\S[^\n]*)$"
)
#: First words of a "Label: ..." line that is not an attribution.
_LABELS = frozenset(
    [
        "update",
        "updated",
        "note",
        "editor",
        "photo",
        "photos",
        "video",
        "watch",
        "read",
        "related",
        "source",
        "sources",
        "correction",
        "disclosure",
        "advertisement",
        "caption",
        "credit",
        "image",
        "listen",
        "subscribe",
        "share",
        "follow",
        "email",
        "tags",
        "topics",
        "filed",
        "posted",
        "published",
        "by",
        "q",
        "a",
        "question",
        "answer",
        "breaking",
        "exclusive",
        "live",
        "opinion",
        "analysis",
        "review",
        "warning",
        "spoiler",
        "summary",
        "transcript",
        "chart",
        "graphic",
        "map",
        "table",
        "figure",
        "date",
        "time",
        "location",
        "where",
        "when",
        "what",
        "why",
        "how",
        "who",
        "tl",
        "dr",
        "ps",
    ]
)


#: Words that open a quantified phrase, not a named source ("most recent inspection").
_QUANTIFIERS = frozenset(["most", "more", "many", "some", "several", "all", "few", "much"])


class VerblessFinder(ArticleScan):
    """Finders for attributions that have no cue verb (see module doc)."""

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
            self.found.append(Raw(body[0], Span(*body), name, cue, (Span(*body),), "signature"))
            for q in self.quotes:
                if body[0] <= q.open < body[1]:
                    self.used_quotes.add(q.open)

    # ---- verb cues -------------------------------------------------------------------

    def _according(self) -> None:
        for m in _ACCORDING.finditer(self.text):
            if self.in_quote(m.start()) is not None:
                continue
            s_start, s_end = self.sentence_bounds(m.start())
            cue = Span(m.start(), m.end())
            ti = bisect_left(self.token_starts, m.end())
            if ti >= len(self.tokens):
                continue
            word = m.group().lower()
            # after "according to" any phrase is the source ("according to exit polls")
            loose = word == "according to" and self.tokens[ti].text.isalnum()
            src = self._np_after(ti, s_end, until_comma=True, any_head=loose)
            if src is None:
                continue
            before = self.text[s_start : m.start()].strip()
            if (
                word == "according to"
                and self.text[src.start : src.end].split()[0].lower() in _QUANTIFIERS
                and not self._names_a_speaker(src, strict=False)
            ):
                continue  # "according to most recent inspection": not a speaker
            if word != "according to" and not self._names_a_speaker(
                src, strict=word == "in line with"
            ):
                continue  # "citing the right of all nations ...": a reason, not a source
            if word == "in line with" and not before.endswith(","):
                continue
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
                Raw(cue.start, Span(s_start, s_end), src, cue, (content,), "according_to")
            )

    def _names_a_speaker(self, src: Span, *, strict: bool) -> bool:
        """The phrase's head (before any ``of``/``to``) is a name or a speaker noun.

        ``strict``: a speaker or institution noun, not just a capitalised word.
        """
        words = self.text[src.start : src.end].split()
        head_words = []
        for w in words:
            if w.lower() in PREPS:
                break
            head_words.append(w)
        if not head_words:
            return False
        head = head_words[-1].strip(".,").lower()
        if head.endswith(("'s", "’s")):
            return False
        nouns = lx.SPEAKER_WORDS | ORG_WORDS
        if strict:
            return head in nouns and head not in ("the", "a", "an")
        return head_words[-1][:1].isupper() or head in nouns

    # ---- "Name: statement" lines (headlines, transcripts) --------------------------------
    def _colon_lines(self) -> None:
        """A line that opens with a short name and a colon (``Kremlin: Troops Are Leaving``).

        The name is one to four capitalised words that are not a label (``Update``,
        ``Photo``, ``Editor's note``); the content is the rest of the line.
        """
        for m in _COLON_LINE.finditer(self.text):
            name = m.group("name")
            if any(w.lower().strip(".’'") in _LABELS for w in name.split()):
                continue
            if self.in_quote(m.start("name")) is not None:
                continue
            rest = strip_span(self.text, Span(m.start("rest"), m.end("rest")))
            if rest is None or len(self.text[rest.start : rest.end].split()) < 3:
                continue
            if any(r.cue is not None and r.cue.overlaps(rest) for r in self.found):
                continue  # the line has its own attribution ("Trump: ..., he said")
            quote = next((q for q in self.quotes if q.open == rest.start), None)
            content = rest
            kind: AttributionKind = "reported"
            if quote is not None and quote.close_end >= rest.end - 1:
                if quote.open in self.used_quotes:
                    continue
                self.used_quotes.add(quote.open)
                content, kind = quote.inner, "direct"
            s_start, s_end = self.sentence_bounds(m.start("name"))
            source = Span(m.start("name"), m.end("name"))
            cue = Span(m.end("name"), m.end("name") + 1)
            self.found.append(Raw(cue.start, Span(s_start, s_end), source, cue, (content,), kind))

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
                Raw(cue.start, Span(s_start, s_end), source, cue, (q.inner,), "direct")
            )

    # ---- quotes nobody attributed yet ------------------------------------------------------
    def _orphan_quotes(self) -> None:
        """A paragraph that is one quote continues the speaker of the paragraph before it."""
        paras = self.paras
        by_para: dict[int, Raw] = {}
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
            if prev.kind in ("direct", "reported") and prev.cue is not None:
                # the statement goes on in a quoted paragraph: one statement, one more span
                longer = replace(prev, content=(*prev.content, q.inner))
                self.found[self.found.index(prev)] = longer
                by_para[pi] = longer
                continue
            orphan = Raw(q.open, Span(ps, pe), prev.source, None, (q.inner,), "direct")
            self.found.append(orphan)
            by_para[pi] = orphan
