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
from bisect import bisect_right
from dataclasses import dataclass

from triangulate.model import Article
from triangulate.quotes import lexicon as lx
from triangulate.quotes.content import ContentFinder
from triangulate.quotes.scan import DAYS, AttributionKind, Raw
from triangulate.quotes.spans import Span, strip_span
from triangulate.quotes.verbless import VerblessFinder

__all__ = ["Attribution", "AttributionKind", "extract_attributions"]


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


def extract_attributions(article: Article) -> list[Attribution]:
    """Every attribution found in ``article``, in text order."""
    return _Extractor(article).run()


class _Extractor(ContentFinder, VerblessFinder):
    """All finders over one article; ``run`` checks, orders and numbers what they found."""

    # ---- main ----------------------------------------------------------------------
    def run(self) -> list[Attribution]:
        self._signatures()
        self._cue_verbs()
        self._according()
        self._colon_quotes()
        self._colon_lines()
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

    def _cue_verbs(self) -> None:
        for ti, tok in enumerate(self.tokens):
            word = tok.lower
            if word not in lx.CUE_VERBS or self.in_quote(tok.start) is not None:
                continue
            if tok.is_cap and not (word in lx.SPEECH_VERBS and self._title_case_line(tok.start)):
                continue  # a capitalised cue only in a headline ("Trump Says Wall Will Rise")
            raw = self._attribution_at(ti)
            if raw is not None:
                self.found.append(raw)

    def _title_case_line(self, pos: int) -> bool:
        """The line holding ``pos`` is a title-case headline (4 to 20 words, most capitalised)."""
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        words = self.text[start : end if end != -1 else len(self.text)].split()
        if not 4 <= len(words) <= 20:
            return False
        return sum(1 for w in words if w[:1].isupper()) >= 0.8 * len(words)

    def _attribution_at(self, ti: int) -> Raw | None:
        toks = self.tokens
        cue_tok = toks[ti]
        word = cue_tok.lower
        s_start, s_end = self.sentence_bounds(cue_tok.start)
        nxt_tok = toks[ti + 1] if ti + 1 < len(toks) else None
        if (
            nxt_tok is not None
            and nxt_tok.lower == "to"
            and (word in _ADD or (word.endswith("s") and word not in ("says", "tells")))
            and word not in _TO_VERBS
        ):
            return None  # "added to the hope", "former Soviet states to join": not speech
        if word == "saying" and ti > 0 and toks[ti - 1].lower == "as":
            return self._quoted_as_saying(ti, s_start, s_end)
        if word in _QUOTING and any(
            t.lower == "as" and n + 1 < 16 and toks[ti + n + 2].lower == "saying"
            for n, t in enumerate(toks[ti + 1 : min(ti + 16, len(toks) - 1)])
        ):
            return None  # "Interfax cited the command as saying ...": the command speaks
        if word in _CITE and not self._cites_a_speaker(ti + 1, s_end):
            return None  # "citing information available to them": a reason, not a source
        ci = self._cue_start(ti, s_start)
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
                toks[si - 1].text in DAYS
                or toks[si - 1].lower in ("week", "month", "year", "night")
            )
        ):
            si -= 2
        elif si - 1 >= 0 and toks[si - 1].text in DAYS:
            si -= 1
        source = self._np_before(si, s_start)
        if source is None and si < ci and si - 1 >= 0 and toks[si - 1].lower in _RELEASED:
            # "A new poll released Saturday found ...": the participle and day are the source's
            head = self._np_before(si - 1, s_start)
            if head is not None:
                source = Span(head.start, toks[ci - 1].end)
        inverted = False
        if source is None and word.endswith("ing") and ci > 0 and toks[ci - 1].lower in ("by", ","):
            # "..., Stoltenberg told ..., adding that": the speaker of the sentence's cue
            source = self._earlier_source(s_start, cue.start) or self._sentence_subject(s_start, ci)
        if source is None and ci > 0 and toks[ci - 1].lower == "but":
            # "He welcomed ... but warned that ...": the subject of the first verb
            source = self._earlier_source(s_start, cue.start) or self._sentence_subject(
                s_start, ci - 1
            )
        if (
            source is not None
            and ci == ti
            and _base_form(word)
            and self.text[source.start : source.end].split()[0].lower() in _SINGULAR_DETS
        ):
            return None  # "an incredibly unusual claim": no agreement, a noun
        if source is not None and (
            self.text[source.start : source.end].split()[0].lower() in _CLAUSE_OPENERS
        ):
            return None  # "Asked about the inspection report, Brady said ...": no speaker
        if (
            source is not None
            and ci == ti
            and word in ("called", "named", "dubbed")
            and ti + 1 < len(toks)
            and toks[ti + 1].is_cap
            and self.text[source.start : source.end].split()[0].lower() in _SINGULAR_DETS
        ):
            return None  # "a company called Sansun USA": a name given, not a statement
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
            return Raw(cue.start, Span(s_start, s_end), source, cue, chain, "direct")
        if nxt is not None:
            chain = self._chain_from(nxt)
            return Raw(cue.start, Span(s_start, s_end), source, cue, chain, "direct")
        if word in _QUOTE_ONLY:
            return None  # "continued its diplomatic blitz": a cue only next to a quote
        free = word in lx.FREE_VERBS or (word in _TO_VERBS and toks[ti + 1].lower == "to")
        ends = not inverted and self.text[cue.end : s_end].strip() in ("", ".")
        if word in lx.BELIEF_VERBS and word not in lx.SPEECH_VERBS:
            # "thinks that ...", "thinks he has ...", "hopes to ...", "..., records show."
            free = self._bare_clause_after(ti, s_end)
            nxt_word = toks[ti + 1].lower if ti + 1 < len(toks) else ""
            if nxt_word != "that" and not free and not ends:
                return None
        # ... or reported speech after the cue ...
        if not inverted and self.text[cue.end : cue.end + 1] not in (",", "."):
            content = self._reported_after(ti, s_end, free=free)
            if content is not None:
                return Raw(cue.start, Span(s_start, s_end), source, cue, (content,), "reported")
        # ... or a clause before the speaker ("The bridge was inspected, the authority said.")
        rest = self.text[after:s_end].strip()
        if word in lx.ADDRESSEE_VERBS and re.fullmatch(
            r"(?:[A-Z][\w.’'-]*\s*|reporters\s*|journalists\s*)+\.?", rest
        ):
            rest = ""
        if rest[:1] not in (",", ".") and _trailing_adverbial(rest):
            rest = ""  # "..., the airline said Thursday.", "..., he said in an interview."
        if (free or ends) and (rest in ("", ".") or inverted or rest[:1] in ",."):
            # "Nor, he said, did he say ...": the sentence goes on after the cue
            tail = (
                self._tail_after_comma(after, s_end) if rest[:1] == "," and not inverted else None
            )
            start = source.start if not inverted else cue.start
            content = self._clause_before(start, s_start, short=tail is not None)
            if content is None and tail is not None and self.text[s_start : source.start].strip():
                tail = None  # only "Trump said, the ..." opening its sentence takes the tail alone
            if content is not None or tail is not None:
                parts = tuple(p for p in (content, tail) if p is not None)
                return Raw(cue.start, Span(s_start, s_end), source, cue, parts, "reported")
            if rest in ("", ".") and not inverted and not self.text[s_start : source.start].strip():
                # "Smith stated." alone: the sentence before it in the paragraph
                before = self._sentence_before(s_start)
                if before is not None:
                    return Raw(cue.start, Span(s_start, s_end), source, cue, (before,), "reported")
        return None

    def _tail_after_comma(self, after: int, s_end: int) -> Span | None:
        """The rest of the sentence after ``, he said,`` (three words or more, not opening
        with a conjunction: ``a claim Russia denied, and threatened ...`` is not content)."""
        tail = strip_span(self.text, Span(after + 1, s_end), trailing=".")
        if tail is None:
            return None
        words = self.text[tail.start : tail.end].split()
        if len(words) < 3 or words[0].lower() in lx.CLAUSE_OPENERS:
            return None
        return tail

    def _cue_start(self, ti: int, s_start: int) -> int:
        """First token of the cue span of verb ``ti``: auxiliaries, negation and adverbs
        before it belong to it (``has also said``, ``did not say``, ``is telling``, ``has
        long maintained``), and so does a verb it completes (``continued to complain``)."""
        toks = self.tokens
        ing = toks[ti].lower.endswith("ing")
        ci = ti
        while ci - 1 >= 0 and toks[ci - 1].start >= s_start:
            prev = toks[ci - 1].lower.replace("\u2019", "'")
            if (
                prev in lx.AUXILIARIES
                or prev in _DO_MODAL_NOT
                or prev in _CUE_ADVERBS
                or (ing and prev in _BE_FORMS)
                or (prev.endswith("ly") and not toks[ci - 1].is_cap and len(prev) > 4)
            ):
                ci -= 1
            elif prev == "to" and ci - 2 >= 0 and toks[ci - 2].lower in _CATENATIVES:
                ci -= 2  # "continued to complain", "was not willing to say"
                ing = toks[ci].lower.endswith("ing")
            else:
                break
        return ci

    def _bare_clause_after(self, ti: int, s_end: int) -> bool:
        """A belief verb followed by a clause without ``that`` (``think he has``, ``hope to``)."""
        toks = self.tokens
        if ti + 2 >= len(toks) or toks[ti + 1].start >= s_end:
            return False
        nxt, word = toks[ti + 1], toks[ti].lower
        if nxt.text in DAYS:
            return False  # "there was some hope Tuesday in ...": a noun and a day
        if nxt.lower == "to":
            return word in _TO_VERBS
        if word in _SHOW_FIND:
            # "the poll shows Clinton ahead", "a study found the nominee garnered ...": the
            # object is the content (not "showed up", "found himself")
            return nxt.lower not in _PARTICLES and (
                nxt.is_cap or nxt.text[0].isdigit() or nxt.lower in _OPENING_DETS
            )
        if word not in _THINK:
            return False
        return nxt.lower in _SUBJECT_PRONOUNS or (
            (nxt.is_cap or nxt.lower in ("the", "his", "her", "their", "its"))
            and toks[ti + 2].text not in (".", ",", ";", ":")
        )

    def _cites_a_speaker(self, k: int, s_end: int) -> bool:
        """The object of ``cite`` (after a determiner) is a name or a speaker noun."""
        toks = self.tokens
        while k < len(toks) and toks[k].start < s_end and toks[k].lower in _DETERMINERS:
            k += 1
        if k >= len(toks) or toks[k].start >= s_end:
            return False
        return toks[k].is_cap or toks[k].lower in lx.SPEAKER_WORDS

    def _sentence_before(self, s_start: int) -> Span | None:
        """The sentence before ``s_start`` in its paragraph, without quotation marks."""
        i = bisect_right(self.sent_starts, s_start - 1) - 1
        if i < 0:
            return None
        start, end = self.sent_bounds[i]
        if "\n\n" in self.text[start:s_start] or end > s_start:
            return None
        if any(r.content and r.sentence_span.start == start for r in self.found):
            return None
        span = strip_span(self.text, Span(start, min(end, s_start)), trailing="")
        while span is not None and self.text[span.start] in _MARK_CHARS:
            span = strip_span(self.text, Span(span.start + 1, span.end))
        while span is not None and self.text[span.end - 1] in _MARK_CHARS:
            span = strip_span(self.text, Span(span.start, span.end - 1))
        if span is None or len(self.text[span.start : span.end].split()) < 4:
            return None
        return span

    def _quoted_as_saying(self, ti: int, s_start: int, s_end: int) -> Raw | None:
        """``X was quoted as saying (that) ...`` and ``Y cited X as saying (that) ...``."""
        toks = self.tokens
        k = ti - 2
        source: Span | None = None
        if k >= 0 and toks[k].lower in _QUOTING and toks[k].start >= s_start:
            aux = k
            while aux - 1 >= 0 and toks[aux - 1].lower in _PASSIVE_AUX:
                aux -= 1
            if aux < k:  # passive: the speaker is the subject
                source = self._np_before(aux, s_start)
                cue = Span(toks[aux].start, toks[ti].end)
        if source is None:
            # active: the speaker is the object of "cited" / "quoted"
            verb = next(
                (
                    m
                    for m in range(ti - 2, max(ti - 16, -1), -1)
                    if toks[m].start >= s_start and toks[m].lower in _QUOTING
                ),
                None,
            )
            if verb is None:
                return None
            end = ti - 1
            while end - 1 > verb and toks[end - 1].text == ",":
                end -= 1
            stop = next((m for m in range(verb + 1, end) if toks[m].text == ","), end)
            if stop == verb + 1:
                return None
            source = Span(toks[verb + 1].start, toks[stop - 1].end)
            cue = Span(toks[ti - 1].start, toks[ti].end)
        if source is None:
            return None
        content = self._reported_after(ti, s_end, free=True)
        if content is None:
            return None
        return Raw(cue.start, Span(s_start, s_end), source, cue, (content,), "reported")


#: Belief verbs whose clause may follow without "that" ("thinks he has", "fear the deal").
_THINK = frozenset(
    _words(
        """think thinks thought believe believes believed fear fears feared hope hopes
        hoped worry worries worried doubt doubts doubted reckon reckons suspect suspects
        suspected expect expects"""
    )
)
#: Participles between a document and its day ("a poll released Saturday found").
_RELEASED = frozenset(_words("released published conducted issued taken posted"))
#: Verbs of intention whose to-infinitive is the content ("hopes to win", "vowed to fight").
_TO_VERBS = frozenset(
    _words(
        """hope hopes hoped hoping vow vows vowed vowing pledge pledges pledged pledging
        promise promises promised promising threaten threatens threatened threatening
        want wants wanted seek seeks sought"""
    )
)
#: Evidence verbs whose object is the content ("polls show Clinton ahead").
_SHOW_FIND = frozenset(_words("show shows showed showing find finds found"))
_PARTICLES = frozenset(
    _words("up out off on in himself herself themselves itself myself ourselves it him her them")
)
_OPENING_DETS = frozenset(_words("the a an his her their its our no little more most both only"))
_SUBJECT_PRONOUNS = frozenset(_words("he she it they we i you there"))
#: Do-support, modals and negation before a cue verb belong to the cue ("did not say"); not
#: "may"/"might" ("You may recall that ..." is the writer speaking).
_DO_MODAL_NOT = frozenset(
    _words(
        """do does did not never n't don't doesn't didn't can could must should
        shall cannot can't couldn't won't wouldn't shouldn't hasn't haven't hadn't"""
    )
)
#: Adverbs (not in -ly) inside a cue ("has long maintained", "still say", "only hinted").
_CUE_ADVERBS = frozenset(_words("long still only just already now ever first never"))
#: Verbs that take a cue verb as their complement ("continued to complain").
_CATENATIVES = frozenset(
    _words(
        """continue continues continued continuing began begin begins went go goes going
        want wants wanted tried try tries trying refused refuse refuses declined decline
        declines willing able seemed seems appeared appears used decided decides hastened
        rushed moved sought seeks"""
    )
)
#: Forms of "be" that make a progressive with an -ing cue ("is telling", "has been saying").
_BE_FORMS = frozenset(_words("is are was were am be been isn't aren't wasn't weren't"))
_DETERMINERS = frozenset(_words("""the a an his her its their our my your this these those"""))
#: Forms of "add" that are not speech before "to" ("added to the hope").
_ADD = frozenset(_words("add adds added adding"))
#: Verbs that are cues only next to a quote ("'...,' he continued").
_QUOTE_ONLY = frozenset(_words("continue continues continued continuing"))
_SINGULAR_DETS = frozenset(_words("a an one another each every"))
#: Participles that open a clause before the subject ("Asked about ..., Brady said"):
#: a phrase they start is never the speaker.
_CLAUSE_OPENERS = frozenset(
    _words("asked speaking responding pressed questioned interviewed writing talking reacting")
)
_CITE = frozenset(_words("citing"))
_QUOTING = frozenset(_words("quoted cited reported heard"))
_PASSIVE_AUX = frozenset(_words("was were is are be been being has have had"))
_MARK_CHARS = "\u201c\u201d\"\u00ab\u00bb\u201e' "
_IRREGULAR_PAST = frozenset(
    _words("said told wrote thought held read put forecast found spoke swore sworn written")
)


def _base_form(word: str) -> bool:
    """A verb form that needs a plural subject or an auxiliary (``claim``, not ``claims``)."""
    return not word.endswith(("s", "ed", "ing")) and word not in _IRREGULAR_PAST


_ADVERBIAL = re.compile(
    r"(?:(?:on|in|at|during|late|early|last|this|earlier|later)\s+)?"
    r"(?:[A-Z][a-z]+day|yesterday|today|tonight|week|month|year|night|morning|afternoon|evening"
    r"|an?\s+(?:statement|interview|speech|email|e-mail|post|tweet|video|letter|release)\b[^,;:]*"
    r"|[a-z]+ly)\s*\.?",
)


def _trailing_adverbial(rest: str) -> bool:
    """``rest`` (the sentence after the cue) is only a time or channel adverbial."""
    return bool(rest) and len(rest.split()) <= 8 and _ADVERBIAL.fullmatch(rest) is not None
