"""Numbers as news writes them: find a number in text and say what value it stands for.

    find_numbers(text)  -> list[NumberSpan]   every number expression, left to right
    parse_number(text)  -> NumberSpan | None  one expression that must cover ``text``

A ``NumberSpan`` keeps its character offsets and the value it denotes: a single value, or
a range ``low``-``high`` for vague plurals ("tens of thousands" = 10,000-100,000,
"dozens" = 12-120, "hundreds" = 100-1,000: the plural of a power names one to ten times it).

Handled: digits with commas, including Indian grouping (``1,00,000`` = 100,000),
decimals, signs (``minus-130``, ``-5``), suffix multipliers (``25k``, ``4.3M``, ``$1.7bn``,
``35m``), scale words (``3.2 million``, ``two lakh``, ``1 crore``), number words
(``twenty-five``, ``three thousand``, ``a hundred``), ``a dozen``, fractions (``a third``,
``two-thirds``, ``half``, ``3/4``) and multiples (``sixfold``, ``twice``).

No tagger and no model: compiled regular expressions and a small vocabulary, so that it
runs at many thousands of sentences per second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALE_WORDS: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "lakh": 1e5, "lakhs": 1e5, "million": 1e6,
    "crore": 1e7, "crores": 1e7, "billion": 1e9, "trillion": 1e12,
}  # fmt: skip
#: letter multipliers glued to digits: 25k, 4.3M, 1.7bn, 35m, 8 B, 2.8bn
SUFFIX_SCALES: dict[str, float] = {
    "k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9,
    "B": 1e9, "bln": 1e9, "tn": 1e12, "tr": 1e12, "T": 1e12,
}  # fmt: skip
FRACTION_WORDS: dict[str, float] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}  # fmt: skip
#: vague plurals: "thousands (of)" = 1,000-10,000
VAGUE_PLURALS: dict[str, float] = {
    "dozens": 12, "scores": 20, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6,
    "billions": 1e9, "trillions": 1e12, "lakhs": 1e5, "crores": 1e7,
}  # fmt: skip
MULTIPLES: dict[str, float] = {"twice": 2, "double": 2, "thrice": 3, "triple": 3}

_WORD_NUM = "|".join(sorted([*UNITS_WORDS, *TENS_WORDS], key=len, reverse=True))
_SCALE = "hundred|thousand|lakhs?|million|crores?|billion|trillion"
_FRAC = "|".join(sorted(FRACTION_WORDS, key=len, reverse=True))

# one number written with words: "twenty-five", "three hundred and twelve", "a dozen"
_WORDS_RE = (
    rf"(?:(?:{_WORD_NUM})(?:[- ](?:{_WORD_NUM}))?"
    rf"(?:[ -](?:{_SCALE})(?:(?:[ ]and)?[ ](?:{_WORD_NUM})(?:[- ](?:{_WORD_NUM}))?)?)*"
    rf"|an?[ ](?:{_SCALE}|dozen)(?=\b))"
)
# digits: Indian or Western grouping, decimals, optional sign
#: currency codes that may be glued to the digits they precede (USD10m, RM23.50, INR1)
_GLUED = ("USD", "US$", "$US", "INR", "RM", "PS", "Rs", "EUR", "GBP", "CHF", "Rp", "HK$", "Y=")
_GLUED_RE = "|".join(f"(?<={re.escape(code)})" for code in _GLUED)
_DIGITS_RE = (
    r"(?:(?:(?<![\w.])|" + _GLUED_RE + r")(?:(?<!\w)[-−–](?=\d))?"
    r"(?:\d{1,3}(?:,\d{2,3})+(?!\d)|\d+)(?:\.\d+)?|(?<![\w.])\.\d+)"
)
_SUFFIX_RE = r"(?-i:(?:[ ]?(?:bn|mn|mln|bln|tn|B)|[kKmMbT])(?![A-Za-z]))"

_NUMBER = re.compile(
    rf"""
    (?P<vague>(?i:\b(?:tens|hundreds)\ of\ (?:thousands|millions|billions)\b
       |\b(?:dozens|scores|hundreds|thousands|millions|billions|trillions)\b))
    |(?P<frac>\b(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine)[- ])?(?:{_FRAC})\b)
    |(?P<mult>\b(?:{_WORD_NUM}|\d+(?:\.\d+)?)-?fold\b|\b(?:twice|thrice)\b)
    |(?P<slash>(?<![\w/])\d{{1,2}}/\d{{1,2}}(?![\w/]))
    |(?P<sci>(?<![\w.])\d+(?:\.\d+)?\s?[×x]\s?10\s?(?:\^|\*\*)?[-−]?\d+)
    |(?P<ordinal>(?<![\w.])\d+(?:st|nd|rd|th)\b)
    |(?P<digits>{_DIGITS_RE})
        (?:(?P<suffix>{_SUFFIX_RE})|(?P<scale>[ -](?:{_SCALE})\b(?:[ -](?:{_SCALE})\b)?))?
    |(?P<words>\b(?i:{_WORDS_RE})\b)
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberSpan:
    """A number expression at ``text[start:end]``: ``low`` == ``high`` for one value.

    ``kind`` is ``digits``, ``words``, ``fraction`` (value is the ratio, 0.25 for a
    quarter), ``vague`` (a plural like "thousands", low-high), ``multiple`` (sixfold),
    ``slash`` (3/4, which may also be a date: the caller decides) or ``ordinal`` (16th).
    """

    start: int
    end: int
    text: str
    low: float
    high: float
    kind: str

    @property
    def value(self) -> float:
        return self.low

    @property
    def is_range(self) -> bool:
        return self.low != self.high


def _digits_value(raw: str) -> float:
    """``1,00,000`` -> 100000.0; ``-5`` and ``−5`` -> -5.0; ``.5`` -> 0.5."""
    cleaned = raw.replace(",", "").replace("−", "-").replace("–", "-")
    return float(cleaned)


def words_value(text: str) -> float | None:
    """Value of a number written in words: "three hundred and twelve" -> 312."""
    tokens = re.split(r"[\s-]+", text.lower().strip())
    total = 0.0
    current = 0.0
    seen = False
    for tok in tokens:
        if tok in ("and", ""):
            continue
        if tok in ("a", "an"):
            current = max(current, 1.0)
            seen = True
        elif tok in UNITS_WORDS:
            current += UNITS_WORDS[tok]
            seen = True
        elif tok in TENS_WORDS:
            current += TENS_WORDS[tok]
            seen = True
        elif tok == "dozen":
            current = max(current, 1.0) * 12
            seen = True
        elif tok in SCALE_WORDS:
            scale = SCALE_WORDS[tok]
            if scale == 100:
                current = max(current, 1.0) * 100
            else:
                total += max(current, 1.0) * scale
                current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def _scale_value(scale_text: str) -> float:
    value = 1.0
    for word in re.split(r"[\s-]+", scale_text.strip().lower()):
        if word:
            value *= SCALE_WORDS[word]
    return value


def _span_from_match(m: re.Match[str]) -> NumberSpan | None:
    text = m.group(0)
    start, end = m.start(), m.end()
    if m.group("vague"):
        words = text.lower().split()
        if len(words) == 3:  # tens of thousands / hundreds of millions
            base = VAGUE_PLURALS[words[2]] * (10 if words[0] == "tens" else 100)
        else:
            base = VAGUE_PLURALS[words[0]]
        return NumberSpan(start, end, text, base, base * 10, "vague")
    if m.group("frac"):
        parts = re.split(r"[- ]", text.lower())
        denominator = FRACTION_WORDS[parts[-1]]
        if len(parts) == 1:
            if parts[0] not in ("half", "halves"):
                return None  # a bare "third"/"quarter" is an ordinal or a district
            numerator = 1.0
        else:
            numerator = 1.0 if parts[0] in ("a", "an") else float(UNITS_WORDS[parts[0]])
        if numerator >= denominator and denominator != 2:
            return None
        value = numerator / denominator
        return NumberSpan(start, end, text, value, value, "fraction")
    if m.group("mult"):
        lowered = text.lower()
        if lowered in MULTIPLES:
            value = MULTIPLES[lowered]
        else:
            head = lowered.replace("-fold", "").replace("fold", "")
            value = (
                float(head)
                if head[0].isdigit()
                else float(UNITS_WORDS.get(head) or TENS_WORDS[head])
            )
        return NumberSpan(start, end, text, value, value, "multiple")
    if m.group("slash"):
        num, den = text.split("/")
        if int(den) == 0:
            return None
        value = int(num) / int(den)
        return NumberSpan(start, end, text, value, value, "slash")
    if m.group("sci"):
        mantissa, _, exponent = re.split(r"\s?[×x]\s?", text, maxsplit=1)[0], "", text
        exp = re.search(r"10\s?(?:\^|\*\*)?([-−]?\d+)$", exponent)
        if exp is None:
            return None
        value = float(mantissa) * 10 ** int(exp.group(1).replace("−", "-"))
        return NumberSpan(start, end, text, value, value, "digits")
    if m.group("ordinal"):
        value = float(text[:-2])
        return NumberSpan(start, end, text, value, value, "ordinal")
    if m.group("digits") is not None:
        value = _digits_value(m.group("digits"))
        if m.group("suffix"):
            value *= SUFFIX_SCALES[m.group("suffix").strip()]
        elif m.group("scale"):
            value *= _scale_value(m.group("scale"))
        return NumberSpan(start, end, text, value, value, "digits")
    written = m.group("words")
    if written:
        parsed = words_value(written)
        if parsed is None:
            return None
        return NumberSpan(start, end, text, parsed, parsed, "words")
    return None


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number expression in ``text``, left to right, non-overlapping."""
    found = []
    for m in _NUMBER.finditer(text):
        span = _span_from_match(m)
        if span is not None:
            found.append(span)
    return found


def parse_number(text: str) -> NumberSpan | None:
    """The value of ``text`` when the whole of it is one number expression, else None.

    >>> parse_number("1,00,000").value
    100000.0
    >>> parse_number("tens of thousands").high
    100000.0
    """
    stripped = text.strip()
    m = _NUMBER.fullmatch(stripped)
    if m is None:
        return None
    return _span_from_match(m)
