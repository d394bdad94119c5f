"""Quantities in news text: value, unit, what is counted, the hedge, scope, time, who says so.

    quantities_in(text)            -> list[Quantity]   one sentence (offsets into ``text``)
    extract_quantities(article)    -> list[Quantity]   every sentence, offsets into article.text

A ``Quantity`` carries the number as written (``value``, and ``value_to`` for a range
written "15 to 22"), the normalised ``unit`` ("" when there is none), the ``counted``
thing ("people injured", "wind"), the hedge as a CQE change class (``=``, ``~``, ``>``,
``<``, ``up``, ``down``) and as an ``Interval`` the value may lie in, a ``scope`` ("Belarus"),
the ``time`` it holds for (ISO date of a date mention in the same sentence, when given),
and ``asserted_by`` (a quoted speaker, or the outlet).

Rules, all general English news conventions (see docs/claims.md):

- years, dates, clock times, ordinals, and numbers that are part of a name ("Game 6",
  "S&P 500", "iPhone 11", "COVID-19") are not quantities;
- a hedge before the number sets the interval: about/around/roughly/some -> ±10 %,
  nearly/almost -> [0.9 v, v], more than/over/well over -> (v, inf), at least -> [v, inf),
  up to/as many as/within -> [0, v], less than/under/below -> [0, v);
- a change verb right before the number ("rose 3%", "fell by 190 points", "down 2.3%")
  makes the figure a change ``up``/``down``; "to X" after it is the new level (``=``);
- a range "15 to 22", "15-22", "between 15 and 22", "from 15 to 22" is one quantity.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from triangulate.claims import attribution
from triangulate.claims.numbers import NumberSpan, find_numbers
from triangulate.claims.units import (
    is_plural,
    match_currency_before,
    match_unit_after,
    normalise_unit,
    singular,
)
from triangulate.model import Article

Change = str  # one of "=", "~", ">", "<", "up", "down"
SpeakerFor = Callable[[Article, int], "str | None"]


@dataclass(frozen=True)
class Interval:
    """The values a figure admits; ``None`` is unbounded on that side."""

    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True

    def overlaps(self, other: Interval) -> bool:
        """True when some value lies in both intervals."""
        lo, lo_inc = _max_bound(self, other)
        hi, hi_inc = _min_bound(self, other)
        if lo is None or hi is None:
            return True
        if lo < hi:
            return True
        return lo == hi and lo_inc and hi_inc

    def __str__(self) -> str:
        left = "[" if self.low_inclusive else "("
        right = "]" if self.high_inclusive else ")"
        lo = "-inf" if self.low is None else _fmt(self.low)
        hi = "inf" if self.high is None else _fmt(self.high)
        return f"{left}{lo}, {hi}{right}"


def _max_bound(a: Interval, b: Interval) -> tuple[float | None, bool]:
    if a.low is None:
        return b.low, b.low_inclusive
    if b.low is None or a.low > b.low:
        return a.low, a.low_inclusive
    if b.low > a.low:
        return b.low, b.low_inclusive
    return a.low, a.low_inclusive and b.low_inclusive


def _min_bound(a: Interval, b: Interval) -> tuple[float | None, bool]:
    if a.high is None:
        return b.high, b.high_inclusive
    if b.high is None or a.high < b.high:
        return a.high, a.high_inclusive
    if b.high < a.high:
        return b.high, b.high_inclusive
    return a.high, a.high_inclusive and b.high_inclusive


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.4g}"


@dataclass(frozen=True)
class Quantity:
    """One figure an article states. ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    counted: str
    change: Change
    qualifier: str
    interval: Interval
    kind: str = "count"
    value_to: float | None = None
    unit_text: str = ""
    scope: str | None = None
    time: str | None = None
    asserted_by: str = "outlet"
    sentence: int = -1
    article_id: str = ""

    @property
    def is_range(self) -> bool:
        return self.value_to is not None


# --------------------------------------------------------------------------- vocabulary

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_MONTH_BEFORE = re.compile(_MONTH + r"\.?,?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?$")
_MONTH_AFTER = re.compile(r"^(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTH + r"\b")
_TIME_AFTER = re.compile(
    r"^(?::\d\d|\.\d\d\s?[ap]\.?m\b|\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|EDT\b|EST\b|BST\b|CET\b"
    r"|UTC\b|ET\b|PT\b|hrs\b|h\d\d))",
    re.IGNORECASE,
)
_TIME_BEFORE = re.compile(r"\d:$")
_NAME_BEFORE = re.compile(r"(?:^|[\s(\"“])([A-Za-z&/.]*[A-Z][\w&/.]*)[ -]$")
_NUMBER_SIGN_BEFORE = re.compile(r"(?:No\.|#|number|Nos\.)\s?$", re.IGNORECASE)
_MINUS_BEFORE = re.compile(r"\bminus[\s-]?$", re.IGNORECASE)
_ONE_IDIOM_BEFORE = re.compile(
    r"\b(?:no|the|any|every|each|which|this|that|last|only|another)\s+$", re.IGNORECASE
)
_ONE_IDIOM_AFTER = re.compile(
    r"^\s+(?:another|day|time|way|thing|more|or\s+another|by\s+one)\b|^['’]s\b", re.IGNORECASE
)
_HALF_PERIOD_BEFORE = re.compile(
    r"\b(?:this|that|first|second|the|other|latter|former|next|last)\s+$", re.IGNORECASE
)

#: words before a figure that are not part of a name even when capitalised
_NOT_NAMES = {
    "About", "Around", "Nearly", "Almost", "Some", "More", "Over", "Just", "Only", "All",
    "At", "By", "In", "On", "With", "From", "To", "Of", "And", "The", "Roughly", "Up",
    "Down", "Under", "Another", "Approximately", "Than", "Least", "Most", "Fewer", "Less",
    "Exactly", "Precisely", "Those", "These", "Its", "Their", "His", "Her", "Our",
    "Still", "Between", "Among", "For", "Estimated", "An", "A",
    "Perhaps", "Maybe", "When", "After", "Before", "Since",
    "During", "Then", "If", "But", "Yet", "While", "As", "So", "Now", "Even",
    "Below", "Above", "Within", "Until", "Till", "Additional", "Every", "Each",
    "Nobody", "Top", "Total", "Hundreds", "Thousands", "Millions", "Dozens",
    "US", "U.S.", "HK", "USD", "RM", "INR", "Rs", "EUR", "GBP", "PS", "Y", "CHF", "I", "We",
    "They", "He", "She", "It", "You", "There", "Here", "Sunday", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Had", "Has", "Have", "Was", "Were",
}  # fmt: skip

_QUALIFIERS: tuple[tuple[str, str, str], ...] = (
    # (pattern ending right before the number, qualifier, change)
    (r"(?:well|far|comfortably|just|slightly|much)\s+(?:over|above|more\s+than|in\s+excess\s+of)", "more than", ">"),
    (r"more\s+than|over\s+than|over|above|in\s+excess\s+of|exceeding|upwards\s+of|greater\s+than|north\s+of|beyond", "more than", ">"),
    (r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of|not\s+less\s+than", "at least", ">"),
    (r"(?:just|slightly)\s+(?:under|below|short\s+of|less\s+than)", "less than", "<"),
    (r"less\s+than|fewer\s+than|under|below|lower\s+than|sub-?|short\s+of", "less than", "<"),
    (r"up\s+to|as\s+many\s+as|as\s+much\s+as|as\s+high\s+as|at\s+most|no\s+more\s+than|a\s+maximum\s+of|within|maximum\s+of|not\s+more\s+than", "up to", "<"),
    (r"nearly|almost|virtually|close\s+to|just\s+shy\s+of|approaching", "nearly", "~"),
    (r"about|around|approximately|approx\.?|roughly|some|circa|ca\.|an\s+estimated|estimated|~|around\s+about|in\s+the\s+region\s+of|of\s+about|of\s+around|maybe|perhaps|reportedly|averaged|averaging|averages", "about", "~"),
)  # fmt: skip
_QUALIFIER_RES = tuple(
    (
        re.compile(r"(?:^|(?<=[\s(\"“-]))(?:" + p + r")\s*(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE),
        q,
        c,
    )
    for p, q, c in _QUALIFIERS
)
_QUALIFIER_WORDS = re.compile(
    r"(?:\b(?:well|far|just|slightly|more|than|over|above|at|least|most|less|fewer|under|below|"
    r"up|to|as|many|much|nearly|almost|about|around|approximately|roughly|some|an|estimated|"
    r"by|a|the|exactly|only|another|further|additional)\s+)*$",
    re.IGNORECASE,
)

_UP_VERBS = (
    "rose|rises|rise|risen|rising|up|gained|gains|gain|gaining|climbed|climbs|climb|climbing|"
    "jumped|jumps|jump|jumping|surged|surges|surge|surging|soared|soars|soar|increased|increases|"
    "increase|increasing|grew|grows|grow|growing|added|adds|advanced|advances|rallied|rallies|"
    "boosted|boost|spiked|higher|edged\\s+up|ticked\\s+up|inched\\s+up|went\\s+up|is\\s+up|was\\s+up|"
    "were\\s+up|are\\s+up|climbing|popped|rebounded|widened|expanded"
)
_DOWN_VERBS = (
    "fell|falls|fall|fallen|falling|dropped|drops|drop|dropping|down|lost|loses|lose|losing|"
    "slid|slides|slide|sliding|slipped|slips|declined|declines|decline|declining|plunged|plunges|"
    "plunge|plummeted|plummets|tumbled|tumbles|sank|sinks|sunk|shed|sheds|eased|eases|decreased|"
    "decreases|decrease|shrank|shrunk|shrinks|lower|dipped|dips|dip|retreated|slumped|slumps|"
    "dived|dove|sagged|weakened|edged\\s+down|ticked\\s+down|inched\\s+down|went\\s+down|"
    "narrowed|contracted|crashed|cratered|skidded|shed"
)
_VERB_TAIL = (
    r"(?:\s+(?:by|to))?(?:\s+(?:about|around|roughly|some|nearly|almost|just|a\s+further|another|"
    r"an\s+additional|as\s+much\s+as|more\s+than|over|only))?\s*$"
)
_PHRASAL_UP = (
    "gave|give|gives|given|giving|picked|pick|made|make|makes|set|sets|ended|end|ends|took|take|"
    "takes|signed|sign|came|come|comes|coming|turned|turn|showed|show|shows|backed|back|"
    "built|build|step|stepped|opened|open|put|puts|sum|summed|tot|totted|shored|shore"
)
_UP_RE = re.compile(
    r"\b(?<!\w\s)(?:"
    + _UP_VERBS
    + r")"
    + _VERB_TAIL
    + r"|(?<!\w)(?:"
    + _UP_VERBS
    + r")"
    + _VERB_TAIL,
    re.IGNORECASE,
)
_PHRASAL_UP_RE = re.compile(r"\b(?:" + _PHRASAL_UP + r")\s+up" + _VERB_TAIL, re.IGNORECASE)
_DOWN_RE = re.compile(r"\b(?:" + _DOWN_VERBS + r")" + _VERB_TAIL, re.IGNORECASE)

_FOLLOWS_FIGURE = re.compile(r"^\s*(?:\(|/|,?\s+or\s+)\s*(?:about\s+|some\s+)?[$€£¥]?\s*$")
_RANGE_CONNECTOR = re.compile(r"\s*(?:-to-|-|–|—|to-|to|and|through|or)\s*", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\b(?:from|between)\s+(?:about\s+|around\s+)?$", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:about\s+|around\s+)?$", re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s+$", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"[A-Z][a-z'’-]+,\s+$")
_AGE_AFTER = re.compile(r"^\s*(?:,|\)|$)")
_DECADE_AFTER = re.compile(r"^['’]?s\b")
_PER_AFTER = re.compile(
    r"^\s*(?:per|a|an|/|each)\s*(day|week|month|year|annum|hour|minute|second|share|gallon|"
    r"barrel|litre|liter|gram|kilogram|kg|ounce|tonne|ton|person|capita|head|game|night|"
    r"square\s+foot|square\s+metre|century|decade|mmBTU|kWh|unit|mile|km)\b"
    r"(?!\s+(?:earlier|ago|later|before|after|previously|prior))",
    re.IGNORECASE,
)
_OF_AFTER = re.compile(
    r"\s+of\s+(?:the\s+|those\s+|these\s+|its\s+|their\s+|his\s+|her\s+|our\s+|my\s+|your\s+|"
    r"them\b|us\b|all\s+|which\b)?",
    re.IGNORECASE,
)
_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'’-]*)")
_OF_COMPLEMENT = re.compile(r"\s+of\s+([a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)")

STOPWORDS = frozenset(
    ["the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "or", "but", "that", "which", "who", "whom", "whose", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can", "could", "may", "might", "should", "than", "as", "per", "this", "these", "those", "it", "its", "their", "his", "her", "our", "your", "my", "we", "they", "he", "she", "you", "i", "there", "here", "not", "no", "so", "if", "when", "while", "since", "after", "before", "during", "over", "under", "about", "into", "onto", "up", "down", "out", "off", "more", "less", "each", "every", "all", "some", "any", "still", "just", "only", "also", "even", "already", "ago", "later", "earlier", "apiece", "behind", "across", "through", "around", "near", "between", "among", "against", "toward", "towards", "within", "without", "upon", "via", "including", "include", "includes", "like", "such", "both", "either", "neither", "another", "other's", "than", "then", "now", "again", "too", "very", "much", "many", "most", "few", "fewer", "least", "said", "says", "say", "told", "according", "where", "what", "how", "why", "whether", "once", "ahead", "away", "back", "per", "worth", "long", "wide", "high", "deep", "tall", "old"]
)  # fmt: skip
_COLLECTIVE = {"people", "staff", "personnel", "police", "cattle", "aircraft", "troops",
               "crew", "fish", "sheep", "deer", "livestock", "military", "population"}  # fmt: skip
_SUPERLATIVES = {"best": "good", "worst": "bad", "biggest": "big", "largest": "large",
                 "hottest": "hot", "latest": "late", "earliest": "early", "highest": "high",
                 "lowest": "low", "greatest": "great", "closest": "close", "newest": "new",
                 "oldest": "old", "proudest": "proud", "fastest": "fast", "smallest": "small",
                 "longest": "long", "strongest": "strong", "richest": "rich"}  # fmt: skip
_AUX = {"were", "was", "are", "is", "have", "has", "had", "been", "be", "being", "reportedly",
        "also", "all", "still", "now", "later", "then", "who", "that", "got", "get",
        "left", "not", "either", "initially", "officially"}  # fmt: skip
#: event words that say what happened to what is counted; synonyms share one name
EVENTS: dict[str, str] = {
    "injured": "injured", "hurt": "injured", "wounded": "injured", "injuring": "injured",
    "injuries": "injured", "hospitalised": "hospitalised", "hospitalized": "hospitalised",
    "killed": "killed", "dead": "killed", "died": "killed", "deaths": "killed", "killing": "killed",
    "die": "killed", "fatalities": "killed", "evacuated": "evacuated", "evacuating": "evacuated",
    "rescued": "rescued", "missing": "missing", "arrested": "arrested", "detained": "arrested",
    "displaced": "displaced", "stranded": "stranded", "affected": "affected", "infected": "infected",
    "deployed": "deployed", "stationed": "deployed", "massed": "deployed", "gathered": "deployed",
    "surround": "deployed", "surrounding": "deployed", "remain": "deployed",
    "pulled": "rescued", "sacked": "laid off", "fired": "laid off", "cut": "cut",
}  # fmt: skip
_DEGREE = {"seriously": "seriously", "badly": "seriously", "critically": "critically",
           "severely": "seriously", "gravely": "seriously", "slightly": "slightly",
           "lightly": "slightly", "fatally": "killed"}  # fmt: skip
#: nouns that name the same counted thing
SYNONYMS: dict[str, str] = {
    "individual": "people", "person": "people", "persons": "people", "resident": "people",
    "gust": "wind", "winds": "wind", "wind": "wind", "windspeed": "wind",
    "soldier": "troop", "troops": "troop", "servicemen": "troop", "serviceman": "troop",
    "forces": "troop", "force": "troop", "service member": "troop",
}  # fmt: skip


def _norm_noun(word: str) -> str:
    w = word.lower().strip("'’")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    w = _SUPERLATIVES.get(w, w)
    if w not in _COLLECTIVE:
        w = singular(w)
    return w


# --------------------------------------------------------------------------- extraction


@dataclass
class _Draft:
    span: NumberSpan
    start: int
    end: int
    value: float
    value_to: float | None = None
    unit: str = ""
    unit_text: str = ""
    kind: str = "count"
    head: str = ""


def _is_skipped(
    text: str, span: NumberSpan, before: str, after: str, in_range: bool = False
) -> bool:
    """Numbers that are not quantities: years, dates, times, ordinals, names, codes."""
    if span.kind == "ordinal":
        return True
    if span.kind == "multiple" and span.text.lower() in ("twice", "thrice"):
        return True
    if span.kind == "slash":
        return True
    if _TIME_AFTER.match(after) or _TIME_BEFORE.search(before):
        return True
    if span.kind == "digits" and _MONTH_AFTER.match(after) and span.value <= 31:
        return True
    if _MONTH_BEFORE.search(before) and (span.value <= 31 or 1800 <= span.value <= 2100):
        return True
    if span.kind in ("digits",) and _DECADE_AFTER.match(after):
        return not (span.value >= 100 and math.log10(span.value).is_integer())
    if _is_year(span, before, after):
        return True
    if _NUMBER_SIGN_BEFORE.search(before):
        return True
    if span.kind in ("digits", "words"):
        m = _NAME_BEFORE.search(before)
        if (
            m
            and m.group(1).rstrip(".") not in _NOT_NAMES
            and match_currency_before(text, span.start) is None
        ):
            unit = match_unit_after(after, 0)
            if unit is None or unit[0] in ("point", "percentage"):
                return True
    if (
        span.kind == "words"
        and span.text.lower() == "one"
        and (_ONE_IDIOM_BEFORE.search(before) or _ONE_IDIOM_AFTER.match(after))
    ):
        return True
    if (
        span.kind in ("digits", "words")
        and re.match(r"-[A-Za-z]", after)
        and not after.startswith("-to-")
        and match_unit_after(after, 0) is None
    ):
        return True  # a compound modifier, not an amount: "six-speed gearbox", "V-6"
    if (
        span.kind == "fraction"
        and span.text.lower() == "half"
        and _HALF_PERIOD_BEFORE.search(before)
        and not re.match(r"\s+(?:of|the|a|an|its|their)\b", after)
    ):
        return True  # "this half", "the second half": a period, not a share
        return True
    if span.kind == "fraction" and re.match(
        r"^[- ](?:time|hour|way|century|decade|day)\b", after, re.I
    ):
        return span.text.lower() in ("half",) and after.startswith("-")
    # hyphenated codes: "TA-35", "F-16", "COVID-19" (a letter right before the hyphen)
    if not in_range and span.kind == "digits" and re.search(r"\d[-–]$", before):
        return True  # the second half of a score or code whose first half was not a figure
    return span.kind == "digits" and bool(re.search(r"[A-Z]\s?[-‐]$", before))


def _is_year(span: NumberSpan, before: str, after: str) -> bool:
    if span.kind != "digits" or "," in span.text or "." in span.text:
        return False
    if not (1500 <= span.value <= 2199 and len(span.text.strip()) == 4):
        return False
    if match_unit_after(after, 0) is not None and not re.match(r"^\s*(?:points?|pts)\b", after):
        unit = match_unit_after(after, 0)
        return unit is None or unit[0] in ("year",)  # "2019 year" is odd; "2000 km" is not a year
    nxt = _WORD.match(after)
    if nxt and (
        nxt.group(1).lower() in _COLLECTIVE
        or (is_plural(nxt.group(1)) and nxt.group(1)[0].islower())
    ):
        return False
    return not re.search(r"(?:\$|€|£|¥)\s?$", before)


def _noun_after(text: str, pos: int, value: float) -> tuple[str, int]:
    """The counted noun phrase after ``text[pos]`` ("Kia and Hyundai vehicles")."""
    words: list[str] = []
    end = pos
    cursor = pos
    found_head = False
    while len(words) < 5:
        m = _WORD.match(text, cursor)
        if m is None:
            break
        word = m.group(1)
        low = word.lower().strip("'’")
        if low == "and" and words:
            # "Kia and Hyundai vehicles", "digital and physical sales": one phrase
            cursor = m.end()
            continue
        if low in STOPWORDS:
            break
        if low.endswith(("'s", "’s")) and len(low) > 3:
            words.append(word)  # a possessive modifies the head that follows
            cursor = end = m.end()
            continue
        if low.endswith("ly") and len(low) > 4:
            break
        words.append(word)
        cursor = m.end()
        end = m.end()
        if low in _COLLECTIVE or (is_plural(word) and not word.isupper()):
            found_head = True
            break
    if not words:
        return "", pos
    if found_head:
        unit = normalise_unit(words[-1])
        if unit is not None and len(words) > 1:
            return unit, end  # "517 rushing yards", "50 previous years": a unit after all
        # "5,700 categories of products", "65 snaps of man coverage": the complement
        # without a determiner is part of what is counted
        m_comp = _OF_COMPLEMENT.match(text, end)
        if m_comp is not None:
            complement: list[str] = []
            for w in m_comp.group(1).split():
                if w.lower() in STOPWORDS or (complement and w.endswith(("ing", "ed"))):
                    break
                complement.append(w)
                if is_plural(w):
                    break
            if complement:
                words = words + complement
                end = m_comp.start(1) + len(" ".join(m_comp.group(1).split()[: len(complement)]))
        words = [w for w in words if not (w.lower().endswith("ed") and len(w) > 4)] or words
    if not found_head:
        if value != 1:
            return "", pos
        # a singular count ("one solution that ...") ends before a verb-like word
        while words and (words[-1].lower().endswith(("ed", "ing")) and len(words) > 1):
            words.pop()
        words = words[:3]
        end = pos + len(text[pos:end])
    return " ".join(_norm_noun(w) for w in words if w.lower() not in ("and", "of", "the")), end


def _unit_after_noun(text: str, pos: int) -> tuple[str, int]:
    """A "per day" / "a week" tail after a unit or noun: (" per day", end)."""
    m = _PER_AFTER.match(text[pos:])
    if m is None:
        return "", pos
    target = m.group(1).lower()
    if target == "annum":
        target = "year"
    norm = normalise_unit(target) or singular(target)
    return f" per {norm}", pos + m.end()


def _qualifier(before: str) -> tuple[str, Change]:
    for rx, qualifier, change in _QUALIFIER_RES:
        if rx.search(before):
            return qualifier, change
    return "exact", "="


def _verb_change(before: str) -> Change | None:
    if re.search(r"\bup\s+(?:to|from)\s*$", before, re.IGNORECASE):
        return None
    if re.search(r"\b(?:from)\s*$", before, re.IGNORECASE):
        return None
    if _UP_RE.search(before) and not _PHRASAL_UP_RE.search(before):
        return "up"
    if _DOWN_RE.search(before):
        return "down"
    return None


def interval_for(value: float, value_to: float | None, qualifier: str, kind: str) -> Interval:
    """The interval a figure admits, from its hedge (see the table in docs/claims.md)."""
    if value_to is not None:
        lo, hi = sorted((value, value_to))
        if qualifier == "about":
            return Interval(lo * 0.9, hi * 1.1)
        return Interval(lo, hi)
    v = value
    if kind == "vague":
        return Interval(v, None)
    if qualifier == "about":
        a, b = sorted((0.9 * v, 1.1 * v))
        return Interval(a, b)
    if qualifier == "nearly":
        a, b = sorted((0.9 * v, v))
        return Interval(a, b)
    if qualifier == "more than":
        return Interval(v, None, low_inclusive=False)
    if qualifier == "at least":
        return Interval(v, None)
    if qualifier == "up to":
        return Interval(0.0 if v >= 0 else None, v)
    if qualifier == "less than":
        return Interval(0.0 if v >= 0 else None, v, high_inclusive=False)
    return Interval(v, v)


def quantities_in(text: str) -> list[Quantity]:
    """Every quantity in one sentence; offsets are into ``text``."""
    spans = find_numbers(text)
    out: list[Quantity] = []
    i = 0
    last_head = ""
    while i < len(spans):
        span = spans[i]
        before = text[: span.start]
        after = text[span.end :]
        if _is_skipped(text, span, before, after):
            i += 1
            continue
        draft = _Draft(span, span.start, span.end, span.low, kind=_kind_of(span))
        if span.kind == "vague":
            draft.value, draft.value_to = span.low, span.high
        if _MINUS_BEFORE.search(before) and draft.value > 0:
            draft.value = -draft.value
        currency = match_currency_before(text, span.start)
        if currency is not None:
            draft.unit, draft.start, draft.kind = currency[0], currency[1], "money"
            draft.unit_text = text[currency[1] : span.start].strip()
        end = span.end
        if span.kind == "multiple":
            draft.unit, draft.unit_text = "count", "fold"
        unit = match_unit_after(text, end) if span.kind not in ("fraction", "multiple") else None
        if unit is not None and not (
            currency and unit[0] in ("penny", "cent", "point", "percentage")
        ):
            if not draft.unit or (
                unit[0] in ("dollar", "euro", "pound sterling") and draft.unit == unit[0]
            ):
                draft.unit, end, draft.unit_text = unit[0], unit[1], unit[2]
                draft.kind = _unit_kind(unit[0])
            elif draft.unit == "dollar" and unit[0] == "pound sterling":
                draft.unit, end = unit[0], unit[1]
        # ranges: "15 to 22 mph", "$62 and $68", "5-10W", "from 208 pounds to 193"
        end, consumed = _extend_range(text, spans, i, draft, before, end)
        per, per_end = _unit_after_noun(text, end)
        # age: "Maddon, 66," / "aged 35" / "35-year-old"
        if (
            not draft.unit
            and span.kind == "digits"
            and draft.value_to is None
            and 1 <= draft.value <= 120
            and float(draft.value).is_integer()
            and _AGE_BEFORE.search(before)
            and _AGE_AFTER.match(text[end:])
        ):
            draft.unit, draft.kind = "year of age", "age"
        if not draft.unit and re.search(r"\baged\s+(?:between\s+)?$", before, re.IGNORECASE):
            draft.unit, draft.kind = "year of age", "age"
        if not draft.unit and span.kind not in ("fraction",):
            m_of = _OF_AFTER.match(text, end) if span.kind in ("vague", "words", "digits") else None
            pos = (
                m_of.end()
                if m_of
                and (span.kind in ("vague", "words") or m_of.group(0).strip().lower() != "of")
                else end
            )
            if m_of and re.search(r"\b(?:them|us|which)\s*$", m_of.group(0), re.IGNORECASE):
                draft.head = last_head
            else:
                noun, noun_end = _noun_after(
                    text, pos, draft.value if draft.value_to is None else 2
                )
                if noun:
                    draft.unit, draft.head = noun, noun
                    draft.kind = "count"
                    per, per_end = _unit_after_noun(text, noun_end)
        if (
            span.kind == "words"
            and span.text.lower() == "one"
            and not draft.unit
            and not (draft.value_to is not None or _OF_AFTER.match(text, end))
        ):
            i += consumed
            continue  # "one" as a pronoun: "the same one across accounts"
        if span.kind == "fraction":
            m_of = _OF_AFTER.match(text, end)
            pos = m_of.end() if m_of else end
            if m_of is None and re.match(r"\s+(?:the|its|their)\s", text[end:]):
                pos = end + len(re.match(r"\s+(?:the|its|their)", text[end:]).group(0))  # type: ignore[union-attr]
            noun, _ = _noun_after(text, pos, 2)
            draft.unit = "% " + (noun or "-")
            draft.head = noun
        if per and draft.unit and not draft.unit.startswith("%"):
            draft.unit += per
            end = per_end
        if (
            not draft.unit
            and out
            and out[-1].unit == "point"
            and re.fullmatch(r"\s+(?:to|at)\s+", text[out[-1].end : draft.start])
        ):
            draft.unit, draft.kind = "point", "measure"  # "rose 64.06 points to 4,577.10"
        lead = _MINUS_BEFORE.sub("", text[: draft.start])
        qualifier, change = _qualifier(lead)
        verb = _verb_change(lead)
        if (
            out
            and qualifier == "exact"
            and verb is None
            and _FOLLOWS_FIGURE.search(text[out[-1].end : draft.start])
        ):
            # "more than 100 kilometres (60 miles)", "lost 190 points, or 0.6%": the
            # conversion or restatement of a figure carries that figure's hedge
            qualifier, change = out[-1].qualifier, out[-1].change
        if verb is not None and change not in (">", "<"):
            change = verb  # "rose about 1.5%" is a rise; "lost more than 60%" stays ">"
        if span.kind == "vague":
            qualifier = "vague"
        elif draft.value_to is not None and qualifier == "exact":
            qualifier = "range"
        quantity = Quantity(
            start=draft.start,
            end=max(end, span.end),
            text=text[draft.start : max(end, span.end)],
            value=draft.value,
            value_to=draft.value_to,
            unit=draft.unit,
            unit_text=draft.unit_text,
            counted=draft.head or _counted_unit_head(text, draft.start, end),
            change=change,
            qualifier=qualifier,
            interval=interval_for(draft.value, draft.value_to, qualifier, draft.kind),
            kind=draft.kind,
        )
        quantity = _with_event(text, quantity)
        if draft.head:
            last_head = quantity.counted
        out.append(quantity)
        i += consumed
    return out


def _extend_range(
    text: str, spans: list[NumberSpan], i: int, draft: _Draft, before: str, end: int
) -> tuple[int, int]:
    """Read "X to Y", "X-Y", "between X and Y" into ``draft``; (new end, spans used)."""
    span = spans[i]
    consumed = 1
    if i + 1 < len(spans) and span.kind in ("digits", "words"):
        nxt = spans[i + 1]
        conn = _RANGE_CONNECTOR.fullmatch(text[end : nxt.start]) or (
            _RANGE_CONNECTOR.fullmatch(text[end : _currency_start(text, nxt)])
        )
        pre = before[: len(before) - len(text[draft.start : span.start])]
        unit2 = match_unit_after(text, nxt.end)
        cur2 = match_currency_before(text, nxt.start)
        u2 = unit2[0] if unit2 else (cur2[0] if cur2 else "")
        if (
            conn
            and conn.group(0).strip().lower() == "or"
            and not draft.unit
            and u2
            and nxt.kind in ("digits", "words")
        ):
            # "three or four years", "8 or $9": the unit written once serves both
            draft.unit, draft.kind = u2, _unit_kind(u2)
        elif (
            conn
            and nxt.kind in ("digits", "words")
            and _range_allowed(conn.group(0), pre, draft, u2)
        ):
            nxt_after = text[nxt.end :]
            if not _is_skipped(text, nxt, text[: nxt.start], nxt_after, in_range=True) and (
                not draft.unit or not u2 or u2 == draft.unit
            ):
                v2 = nxt.low
                v1 = draft.value
                if (
                    nxt.text != str(nxt.low)
                    and span.kind == "digits"
                    and nxt.kind == "digits"
                    and re.search(r"[ -](?:million|billion|trillion|thousand)|[mbkMB]n?$", nxt.text)
                    and not re.search(
                        r"[ -](?:million|billion|trillion|thousand)|[mbkMB]n?$", span.text
                    )
                    and v1 < _raw_number(nxt.text)
                ):
                    v1 = v1 * (v2 / _raw_number(nxt.text))
                draft.value, draft.value_to = v1, (v2 if v2 != v1 else None)
                end = nxt.end
                if unit2 and not draft.unit:
                    draft.unit, end, draft.unit_text = unit2[0], unit2[1], unit2[2]
                    draft.kind = _unit_kind(unit2[0])
                elif unit2:
                    end = unit2[1]
                elif cur2 and not draft.unit:
                    draft.unit, draft.kind = cur2[0], "money"
                consumed = 2
    return end, consumed


def _raw_number(text: str) -> float:
    m = re.match(r"[-−]?[\d,]*\.?\d+", text)
    return float(m.group(0).replace(",", "").replace("−", "-")) if m else 1.0


def _currency_start(text: str, span: NumberSpan) -> int:
    cur = match_currency_before(text, span.start)
    return cur[1] if cur else span.start


def _range_allowed(connector: str, before: str, draft: _Draft, unit2: str) -> bool:
    """May "X <connector> Y" be read as one range? (Not "by 3% to 5%", "rose 3% to 40".)"""
    c = connector.strip().lower()
    if c == "or":
        return False
    if c == "and":
        return bool(_BETWEEN_BEFORE.search(before))
    if c in ("to", "to-", "through"):
        if _BY_BEFORE.search(before):
            return False
        if _FROM_BEFORE.search(before):
            return True
        if _verb_change(before) is not None:
            return False
        return not draft.unit or draft.kind == "money" or unit2 == draft.unit
    return True


def _kind_of(span: NumberSpan) -> str:
    return {"fraction": "fraction", "vague": "vague", "multiple": "multiple"}.get(
        span.kind, "count"
    )


def _unit_kind(unit: str) -> str:
    if unit in ("percentage", "percentage point", "basis point"):
        return "percent"
    if unit.endswith("of age"):
        return "age"
    if unit in ("dollar", "euro", "pound sterling", "cent", "penny") or " dollar" in unit:
        return "money"
    return "measure"


def _counted_unit_head(text: str, start: int, end: int) -> str:
    """What a measured figure is a measure of: the noun after a compound ("140-metre
    crossing"), else the nearest noun before it ("gusts of up to 110 km/h")."""
    m = (
        re.match(r"^(?:-[A-Za-z]+)*\s+([a-z][a-z-]+)", text[end:])
        if re.search(r"-\w+$", text[start:end])
        else None
    )
    if m and m.group(1) not in STOPWORDS:
        return _synonym(_norm_noun(m.group(1)))
    back = text[:start]
    back = _QUALIFIER_WORDS.sub("", back)
    tokens = re.findall(r"[A-Za-z][A-Za-z'’-]*|[,;:()\"“”]", back)[-8:]
    for tok in reversed(tokens):
        if tok in ',;:()"“”':
            break
        low = tok.lower()
        if tok[0].isupper() or low in STOPWORDS or low in ("of", "by", "to"):
            continue
        if _UP_RE.search(low + " ") or _DOWN_RE.search(low + " "):
            continue
        return _synonym(_norm_noun(tok))
    return ""


def _synonym(noun: str) -> str:
    return SYNONYMS.get(noun, noun)


def _with_event(text: str, q: Quantity) -> Quantity:
    """Add what happened to the counted thing ("people injured", "troop deployed")."""
    head = _synonym(q.counted)
    if q.kind not in ("count", "vague") or not head:
        return replace(q, counted=head)
    if " " in head:
        _base, _, event = head.partition(" ")
        if event in EVENTS.values():
            return q
    event = ""
    degree = ""
    tokens = re.findall(r"[A-Za-z][A-Za-z'’-]*|[,;:()\"“”.]", text[q.end :])[:8]
    for tok in tokens:
        low = tok.lower()
        if low in _DEGREE and not degree:
            degree = _DEGREE[low]
            continue
        if low in _AUX or low in ("of", "them", "were", "reported"):
            continue
        if low in EVENTS:
            event = EVENTS[low]
        break
    if not event:
        prev = re.findall(r"[A-Za-z][A-Za-z'’-]*", _QUALIFIER_WORDS.sub("", text[: q.start]))[-2:]
        for tok in reversed(prev):
            if tok.lower() in EVENTS:
                event = EVENTS[tok.lower()]
                break
    counted = " ".join(part for part in (head, event, degree) if part)
    return replace(q, counted=counted)


# --------------------------------------------------------------------------- articles

_SCOPE = re.compile(
    r"^[^,;:.\"“”()]{0,60}?\b(?:in|inside|near|around|along|across|on|at|outside|within)\s+"
    r"((?:the\s+)?(?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*)*)"
)


def scope_of(text: str, end: int) -> str | None:
    """A named place the figure holds for, from the words after it ("in Belarus")."""
    m = _SCOPE.match(text[end : end + 90])
    if m is None:
        return None
    name = re.sub(r"^the\s+", "", m.group(1))
    name = re.sub(r"['’]s$", "", name)
    if name in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        return None
    if re.fullmatch(_MONTH + r"\.?", name):
        return None
    return name


def extract_quantities(
    article: Article,
    speaker_for: SpeakerFor | None = None,
    times: dict[int, str] | None = None,
) -> list[Quantity]:
    """Every quantity in an article, with offsets into ``article.text``.

    ``speaker_for(article, offset)`` names the speaker a figure is attributed to (the
    quotes stage provides it); without it a small built-in attribution rule is used
    ("..., Webb said", "according to the fire service"). ``times`` maps a sentence index
    to the ISO date the sentence's figures hold for (from ``dates.extract_dates``).
    """
    outlet = article.outlet or "outlet"
    found: list[Quantity] = []
    for sentence in article.sentences:
        base = sentence.start
        for q in quantities_in(sentence.text):
            absolute = base + q.start
            speaker = speaker_for(article, absolute) if speaker_for else None
            if speaker is None and speaker_for is None:
                speaker = attribution.speaker_in(sentence.text)
            found.append(
                replace(
                    q,
                    start=absolute,
                    end=base + q.end,
                    sentence=sentence.index,
                    article_id=article.id,
                    scope=scope_of(sentence.text, q.end),
                    time=(times or {}).get(sentence.index),
                    asserted_by=speaker or outlet,
                )
            )
    return found
