"""Speaker phrases around a cue: who is named before or after the reporting verb.

A mixin for the extractor: it reads ``self.tokens`` and ``self.text`` and finds the words
that name the speaker — a name with its title, a nominal phrase (``a senior U.S. defense
official``, ``67 percent of voters``), an apposition (``Marcus Webb, chief of ...,``), a
relative clause (``An engineer who worked on ..., and who asked not to be named,``), a
short parenthesis after a name (``Rep. Ann Lee (D-Ore.)``), or a pronoun.
"""

from __future__ import annotations

import re

from triangulate.entities import place_names
from triangulate.quotes import lexicon as lx
from triangulate.quotes.spans import Span, Token, strip_span


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that cannot end a speaker phrase ("the third named storm").
NOT_HEADS = _words(
    "the a an his her its their our first second third fourth fifth last next other same new old"
)
PREPS = _words("in on at for with by from after before during about into of to")
#: Words that cannot be part of a person's name before an apposition.
NAME_STOP = _words(
    "on in at monday tuesday wednesday thursday friday saturday sunday january february "
    "march april may june july august september october november december the"
)
NUMBERS = _words("one two three four five six seven eight nine ten dozen")
#: Adverbs set off by commas between a speaker and the cue ("Trump, however, said").
DISCOURSE_ADVERBS = _words(
    "however though meanwhile too instead also then still now moreover furthermore "
    "nonetheless nevertheless therefore thus likewise similarly indeed"
)
#: Auxiliaries and reporting verbs: a phrase holding one is a clause, not a speaker.
VERBISH = _words(
    "is are was were be been being has have had do does did will would can could should "
    "may might must shall said says told"
)


class SpeakerPhrases:
    """Speaker-phrase finding over ``tokens`` of ``text`` (see module doc)."""

    text: str
    tokens: list[Token]

    def _earlier_source(self, start: int, end: int) -> Span | None:
        raise NotImplementedError

    # ---- speaker phrases ---------------------------------------------------------------
    def _boundary_before(self, ci: int, s_start: int) -> int:
        """Index of the first token after the last clause boundary before token ``ci``."""
        toks = self.tokens
        j = ci - 1
        while j >= 0 and toks[j].start >= s_start:
            if toks[j].text in (
                ",",
                ";",
                ":",
                "\u201d",
                '"',
                "\u00bb",
                "(",
                ")",
                "\u2014",
                "\u2013",
            ):
                return j + 1
            j -= 1
        return j + 1

    def _segment_np(self, first: int, last: int) -> bool:
        """Tokens ``first..last`` read as one speaker phrase (relative clauses allowed)."""
        toks = self.tokens
        if last < first or last - first > 18:
            return False
        head = toks[first]
        tail_noun = toks[last].lower in lx.SPEAKER_WORDS and last - first <= 4
        if not (
            head.is_cap or head.lower in lx.SPEAKER_WORDS or (tail_noun and head.text.isalpha())
        ):
            return False
        if head.lower in ("it", "there", "this", "that", "these", "those", "one"):
            return False
        end_tok = toks[last]
        if end_tok.lower in NOT_HEADS:
            return False
        if (
            last - first >= 2
            and head.lower in ("a", "an")
            and not toks[first + 1].is_cap
            and toks[first + 1].lower not in lx.SPEAKER_WORDS
            and toks[first + 2].is_cap
        ):
            return False  # "a claim Russia (denied)": a noun and a relative clause's subject
        relative = False
        for n, t in enumerate(toks[first : last + 1]):
            if t.lower in ("who", "that", "which", "whose"):
                before = toks[first + n - 1] if n > 0 else None
                if before is None or not (before.is_cap or before.lower in lx.SPEAKER_WORDS):
                    return False  # "seeks assurances that ...": not a speaker's relative clause
                relative = True
                continue
            if relative:
                continue
            if t.lower in ("and", "or", "&") and t is not toks[first]:
                continue
            if t.lower in VERBISH or t.lower in lx.CLAUSE_OPENERS or t.lower in lx.PRONOUNS:
                return False
            if (
                not t.is_cap
                and t.lower.endswith("ed")
                and len(t.lower) > 4
                and t.lower not in lx.SPEAKER_WORDS
            ):
                return False
            if t.text in (".", "?", "!", "\u201c", "\u201d", '"'):
                return False
        return True

    def _sentence_subject(self, s_start: int, ci: int) -> Span | None:
        """The subject that opens the sentence ("He cautioned ..., by adding that")."""
        toks = self.tokens
        first = next((k for k in range(ci) if toks[k].start >= s_start), None)
        if first is None:
            return None
        while first < ci and toks[first].lower in lx.CLAUSE_OPENERS:
            first += 1  # "But Moscow ...", "Still, ..."
        if first < ci and toks[first].text == ",":
            first += 1
        # a short opening adverbial: "In total, ...", "On Tuesday, ..."
        comma = next((k for k in range(first, min(ci, first + 5)) if toks[k].text == ","), None)
        if comma is not None and (toks[first].lower in PREPS or comma - first == 1):
            first = comma + 1
        if first >= ci or toks[first].lower in PREPS:
            return None
        if toks[first].lower in lx.PRONOUNS and toks[first].lower != "who":
            return Span(toks[first].start, toks[first].end)
        k = first
        while (
            k + 1 < ci
            and (toks[k + 1].is_cap or toks[k + 1].lower in lx.SPEAKER_WORDS)
            and toks[k + 1].lower not in VERBISH
        ):
            k += 1
        # "Ukrainian security and defense council chief Oleksiy Danilov downplayed ...":
        # a title with lower-case words, ending in a name the verb follows
        m = k + 1
        while (
            toks[first].is_cap
            and m + 1 < min(ci, first + 12)
            and toks[m].text.isalpha()
            and toks[m].lower not in VERBISH
        ):
            if toks[m].is_cap and toks[m - 1].is_cap and not toks[m + 1].is_cap:
                k = m
                break
            m += 1
        if not (toks[first].is_cap or toks[first].lower in lx.SPEAKER_WORDS) or k - first > 10:
            return None
        if toks[k].lower in NOT_HEADS:
            return None
        return Span(toks[first].start, toks[k].end)

    def _np_before(self, ci: int, s_start: int) -> Span | None:
        """The speaker phrase that ends just before token ``ci`` (the cue), or None."""
        toks = self.tokens
        i = ci - 1
        if i < 0 or toks[i].start < s_start:
            return None
        if toks[i].lower in lx.PRONOUNS:
            return Span(toks[i].start, toks[i].end)
        if toks[i].text == ",":
            return self._apposition_before(i, s_start)
        if toks[i].lower == "and":
            # "X called it ... and said ...", "He supported Y and said ...": the subject of
            # the first verb
            return self._earlier_source(s_start, toks[i].start) or self._sentence_subject(
                s_start, i
            )
        start = self._walk_np(i, s_start)
        boundary = self._boundary_before(ci, s_start)
        while boundary <= i and (
            toks[boundary].lower in lx.CLAUSE_OPENERS or toks[boundary].lower == "with"
        ):
            boundary += 1
        if (start is None or start > boundary) and self._segment_np(boundary, i):
            start = boundary
        if start is None:
            return None
        start = self._name_before_role(start, s_start)
        return Span(toks[start].start, toks[i].end)

    def _name_before_role(self, start: int, s_start: int) -> int:
        """``Dmitry Peskov, a Kremlin spokesperson mocked``: a role whose closing comma is
        missing keeps the name before it (two or more capitalised words, not a day)."""
        toks = self.tokens
        if toks[start].lower not in ("a", "an", "the") or start < 3 or toks[start - 1].text != ",":
            return start
        k = start - 2
        first = k
        while first - 1 >= 0 and toks[first - 1].start >= s_start and toks[first - 1].is_cap:
            first -= 1
        names = toks[first : k + 1]
        if (
            toks[k].start < s_start
            or not toks[k].is_cap
            or len(names) < 2
            or len(names) > 4
            or any(t.lower in NAME_STOP for t in names)
        ):
            return start
        if first - 1 >= 0 and toks[first - 1].start >= s_start and toks[first - 1].text != ",":
            return start  # the name must open the sentence or follow a comma
        return first

    def _apposition_before(self, i: int, s_start: int) -> Span | None:
        """ "Name, apposition, said" — the name and its apposition, without the last comma."""
        toks = self.tokens
        j = i - 1
        while j >= 0 and toks[j].start >= s_start and (toks[j].text != "," or self._place_comma(j)):
            if toks[j].text in ("\u201d", '"', ";", ":", "\u201c"):
                return None
            j -= 1
        if j < 0 or toks[j].start < s_start or i - j > 30:
            # "An engineer who ..., said": the sentence start up to the comma
            first = j + 1
            if self._segment_np(first, i - 1):
                return Span(toks[first].start, toks[i - 1].end)
            return None
        head = self._walk_np(j - 1, s_start)
        boundary = self._boundary_before(j, s_start)
        while boundary < j and toks[boundary].lower in lx.CLAUSE_OPENERS:
            boundary += 1
        if (head is None or head > boundary) and self._segment_np(boundary, j - 1):
            head = boundary
        if head is None:
            return None
        appo = toks[j + 1] if j + 1 < i else None
        if appo is None:
            return None
        if appo.lower in DISCOURSE_ADVERBS and i - j <= 3:
            # "Proponents of the bill, however, say": a discourse adverb, not an apposition
            return Span(toks[head].start, toks[j - 1].end)
        if appo.lower in lx.CLAUSE_OPENERS and not (
            appo.lower == "and" and j + 2 < i and toks[j + 2].lower in ("who", "whose")
        ):
            return None
        if appo.lower in PREPS or (
            appo.lower.endswith("ing") and appo.lower not in lx.SPEAKER_WORDS and not appo.is_cap
        ):
            # "Clinton, speaking in Ohio, said", "The government, for instance, said":
            # a parenthesis, not an apposition naming the speaker
            return Span(toks[head].start, toks[j - 1].end)
        return Span(toks[head].start, toks[i - 1].end)

    def _walk_np(self, i: int, s_start: int) -> int | None:
        """Index of the first token of a noun phrase ending at token ``i``, or None."""
        toks = self.tokens
        if i < 0 or toks[i].start < s_start:
            return None
        if toks[i].text == ")":
            # "Rep. Jim McDermott (D-Wash.)": a short parenthesis after a name
            k = i - 1
            while k >= 0 and i - k <= 8 and toks[k].text != "(":
                k -= 1
            if k - 1 < 0 or toks[k].text != "(" or not toks[k - 1].is_cap:
                return None
            head = self._walk_np(k - 1, s_start)
            return head
        last = toks[i]
        if not (last.is_cap or last.lower in lx.SPEAKER_WORDS or last.text[:1].isdigit()):
            return None
        if last.lower in lx.CLAUSE_OPENERS or last.lower in NOT_HEADS or last.lower in PREPS:
            return None
        j = i
        while j - 1 >= 0 and toks[j - 1].start >= s_start:
            t = toks[j - 1]
            if (
                (t.is_cap and t.lower not in lx.CLAUSE_OPENERS)
                or t.lower in lx.SPEAKER_WORDS
                or t.text[:1].isdigit()
            ) or (
                t.lower in ("of", "in")
                and j - 2 >= 0
                and (
                    toks[j - 2].lower
                    in ("percent", "majority", "most", "many", "half", "third", "some")
                    or toks[j - 2].text[:1].isdigit()
                    or toks[j - 2].lower in NUMBERS
                )
            ):
                j -= 1
            elif t.lower in ("of", "for", "and", "at", "to", "&", "on", "-") and j - 2 >= 0:
                # keep "Ministry of Defense", "Fire and Rescue" when capitals follow
                if toks[j].is_cap and (toks[j - 2].is_cap or toks[j - 2].lower in lx.SPEAKER_WORDS):
                    j -= 1
                else:
                    break
            elif (
                t.text.isalpha()
                and t.lower not in VERBISH
                and t.lower not in PREPS
                and (of := self._quantity_of(j - 1, s_start)) is not None
            ):
                j = of  # "52 percent of registered voters": adjectives after the "of"
            else:
                break
        while j <= i and toks[j].lower in lx.CLAUSE_OPENERS:
            j += 1
        if j > i:
            return None
        return j

    def _place_comma(self, j: int) -> bool:
        """The comma of ``Sumter, South Carolina``: a place, a comma, a region or country."""
        toks = self.tokens
        if j < 1 or j + 1 >= len(toks) or not toks[j - 1].is_cap or not toks[j + 1].is_cap:
            return False
        words = []
        for t in toks[j + 1 : j + 4]:
            if not t.is_cap:
                break
            words.append(t.text)
            if " ".join(words).lower() in place_names():
                return True
        return False

    def _quantity_of(self, k: int, s_start: int) -> int | None:
        """Index of the ``of`` of ``N percent of`` up to two words left of token ``k``."""
        toks = self.tokens
        for m in range(k - 1, max(k - 3, -1), -1):
            if m < 1 or toks[m].start < s_start:
                return None
            if toks[m].lower == "of":
                before = toks[m - 1]
                if (
                    before.lower in ("percent", "majority", "most", "many", "half", "third")
                    or before.text[:1].isdigit()
                    or before.lower in NUMBERS
                ):
                    return m
                return None
            if not toks[m].text.isalpha() or toks[m].lower in VERBISH:
                return None
        return None

    def _np_after(
        self, ti: int, s_end: int, *, until_comma: bool = False, any_head: bool = False
    ) -> Span | None:
        """The speaker phrase after an inverted cue ("said Lena Morrow, who ...").

        ``until_comma``: every word up to the next comma or sentence end (at most 15);
        ``any_head``: the phrase may open with any word (``according to exit polls``).
        """
        toks = self.tokens
        if ti >= len(toks) or toks[ti].start >= s_end:
            return None
        first = toks[ti]
        ok_end = (",", ".", ":", ";", "\u201c", '"', "?", "!")
        if first.lower in lx.PRONOUNS and first.lower != "who":
            nxt = toks[ti + 1].text if ti + 1 < len(toks) else "."
            return Span(first.start, first.end) if nxt in ok_end else None
        if not (first.is_cap or first.lower in lx.SPEAKER_WORDS or any_head):
            return None
        if until_comma:
            k = ti
            while (
                k + 1 < len(toks) and toks[k + 1].start < s_end and toks[k + 1].text not in ok_end
            ):
                k += 1
                if k - ti > 14:
                    return None
            return strip_span(self.text, Span(first.start, toks[k].end))
        j = ti
        while j + 1 < len(toks) and toks[j + 1].start < s_end:
            t = toks[j + 1]
            if (
                t.is_cap
                or t.lower in lx.SPEAKER_WORDS
                or t.text[:1].isdigit()
                or (
                    t.lower in ("of", "for", "and", "at")
                    and j + 2 < len(toks)
                    and toks[j + 2].is_cap
                )
            ):
                j += 1
            else:
                break
        if j + 1 < len(toks) and toks[j + 1].text == "(":
            # "said Rep. Bobby Scott (D-Va.)": a short parenthesis after the name
            close = next(
                (k for k in range(j + 2, min(j + 10, len(toks))) if toks[k].text == ")"), None
            )
            if close is not None:
                j = close
        if j + 1 < len(toks) and toks[j + 1].start < s_end and toks[j + 1].text not in ok_end:
            # a looser phrase: "said a longtime adviser to both Clintons, ..."
            k = j
            while (
                k + 1 < len(toks) and toks[k + 1].start < s_end and toks[k + 1].text not in ok_end
            ):
                k += 1
                t = toks[k]
                if t.lower in VERBISH or t.lower in lx.CLAUSE_OPENERS or t.lower in lx.PRONOUNS:
                    return None
                if k - ti > 12:
                    return None
            if toks[k].lower in NOT_HEADS or toks[k].lower in PREPS:
                return None
            j = k
        end = toks[j].end
        # an apposition up to the end of the sentence or the next quote
        if j + 1 < len(toks) and toks[j + 1].text == "," and toks[j + 1].start < s_end:
            k = j + 2
            while (
                k < len(toks)
                and toks[k].start < s_end
                and toks[k].text not in ("\u201c", '"', "\u201d", ":", ";")
            ):
                k += 1
            tail = strip_span(self.text, Span(toks[j + 1].end, toks[k - 1].end), trailing=".,")
            first_appo = toks[j + 2].lower if j + 2 < len(toks) else ""
            clause = first_appo in ("who", "which", "whose", "adding", "noting", "referring") or (
                first_appo.endswith("ing") and first_appo not in lx.SPEAKER_WORDS
            )
            if tail is not None and k - j < 40 and not clause:
                end = tail.end
        if re.search(r"(?:\b[A-Z]\.|\b(?:Jr|Sr|Inc|Co|Ltd|Corp)\.)$", self.text[first.start : end]):
            return strip_span(self.text, Span(first.start, end), trailing=",")  # "Jr.", "C.I.O."
        return strip_span(self.text, Span(first.start, end), trailing=".,")
