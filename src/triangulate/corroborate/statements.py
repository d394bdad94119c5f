"""What a statement says: its clauses, content words, figures, names and polarity.

The candidate statements of a story are the clauses of its English sentences; each is
described by the words, figures and names that decide whether two statements can be
the same assertion (see ``triangulate.corroborate``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from triangulate.model import Article
from triangulate.thin_imports import english_stop_words

#: Fewer content words than this and a statement is not a candidate fact.
MIN_WORDS = 4
#: Relative tolerance for two figures to count as the same value.
NUMBER_TOLERANCE = 0.10
#: A plainly negated statement contradicts another only when their content words differ
#: by at most this many words ("the bridge was not inspected" / "the bridge was inspected").
NEGATED_DIFF = 2

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*")
_NUM_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "twenty-one": 21,
}  # fmt: skip
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|neither|nor|without|denied|denies|deny|false|"
    r"untrue)\b|n[’']t\b",
    re.IGNORECASE,
)
DOUBT = re.compile(
    r"\b(?:no (?:sign|evidence|indication|proof)s?|sceptic\w*|skeptic\w*|doubt\w*|"
    r"dismiss\w*|yet to see|not (?:seen|yet seen)|disput\w*|rejected|cast doubt|"
    r"unconfirmed|not confirmed|no (?:\w+ )?(?:\w+ )?confirmation|must be confirmed|"
    r"(?:have|has|had) (?:still )?not seen)\b",
    re.IGNORECASE,
)
CUE = re.compile(
    r"\b(?:says?|said|saying|claim(?:s|ed)?|stated?|states|told|tells|insist(?:s|ed)?|"
    r"announc(?:es|ed)|confirm(?:s|ed)|report(?:s|ed)|warn(?:s|ed)|add(?:s|ed)|"
    r"promis(?:es|ed)|according to|believes?|thinks?|has seen|have seen|had seen)\b",
    re.IGNORECASE,
)
_CALENDAR = frozenset(
    re.findall(
        r"\w+",
        "monday tuesday wednesday thursday friday saturday sunday january february march "
        "april may june july august september october november december",
    )
)
_NAME = re.compile(r"\b[A-Z][a-zA-Z’'\-]+(?:\s+[A-Z][a-zA-Z’'\-]+)*")


def _stopwords() -> frozenset[str]:
    return english_stop_words() | {"s", "t", "said", "says", "mr", "ms", "mrs"}


STOP = _stopwords()


def _stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    for suf in ("'s", "ing", "ed", "es", "s", "ly"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            w = w[: -len(suf)]
            break
    return w[:7]


def content_words(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text) if w.lower() not in STOP and not w[0].isdigit()]


_HEDGE_BEFORE = re.compile(
    r"\b(?P<h>more than|over|at least|about|around|roughly|nearly|almost|some|up to|"
    r"fewer than|less than|under|approximately)\s+$",
    re.IGNORECASE,
)


def _figure_spans(text: str) -> Iterator[tuple[int, float, float]]:
    """(end offset, low, high) of each figure in ``text``, its hedge turned into an interval."""
    for m in _WORD.finditer(text):
        low = m.group().lower().rstrip(".,")
        if low[:1].isdigit():
            try:
                v = float(low.replace(",", ""))
            except ValueError:
                continue
        elif low in _NUM_WORDS and low != "one":
            v = float(_NUM_WORDS[low])
        else:
            continue
        if 1900 <= v <= 2100 and v == int(v):
            continue
        hedge = _HEDGE_BEFORE.search(text[max(0, m.start() - 20) : m.start()])
        h = hedge.group("h").lower() if hedge else ""
        end = m.start() + len(m.group().rstrip(".,"))
        if h in {"more than", "over", "at least"}:
            yield end, v, float("inf")
        elif h in {"up to", "fewer than", "less than", "under"}:
            yield end, 0.0, v
        elif h:
            yield end, v * (1 - NUMBER_TOLERANCE), v * (1 + NUMBER_TOLERANCE)
        else:
            yield end, v, v


def number_intervals(text: str) -> frozenset[tuple[float, float]]:
    """The figures of ``text`` as the intervals their hedges imply (years left out).

    "more than 40" -> [40, inf); "about 50" / "nearly 60" -> ±10 %; "up to 110" -> [0, 110].
    """
    return frozenset((low, high) for _, low, high in _figure_spans(text))


def numbers_in(text: str) -> frozenset[float]:
    """Numeric values written in ``text`` (digits and number words), years left out."""
    return frozenset(low if low == high or high == float("inf") else high if low == 0 else
                     round((low + high) / 2, 6) for low, high in number_intervals(text))  # fmt: skip


def names_in(text: str) -> frozenset[str]:
    """Capitalised words not opening the statement, lower-cased (a rough proper-noun set)."""
    out: set[str] = set()
    for m in _NAME.finditer(text):
        if m.start() == 0 or text[: m.start()].rstrip().endswith(("“", '"', ".", ":")):
            words = m.group().split()[1:]
        else:
            words = m.group().split()
        out.update(w.lower().strip("’'") for w in words if w.lower() not in STOP | _CALENDAR)
    return frozenset(out)


def polarity(text: str) -> int:
    """-1 when the statement is negated or doubted (odd number of negators), else +1."""
    doubts = len(DOUBT.findall(text))
    n = len(_NEGATION.findall(DOUBT.sub(" ", text))) + doubts
    return -1 if n % 2 else 1


@dataclass(frozen=True)
class Unit:
    article: int
    sentence: int
    start: int
    end: int
    text: str
    sentence_text: str


#: Where a sentence holding two assertions is cut: "; ", ", and" / ", but" / ", while"
#: before a new clause, and before an adverbial clause that states an event of its own
#: ("... fell into the harbour as Storm Orla drove gusts of 110 km/h", "... is cooperating
#: after a section of the bridge fell"). Both sides must keep ``MIN_WORDS`` content words.
_CLAUSE_CUT = re.compile(
    r"(?<=;)\s+|,\s+(?=(?:and|but|while|whereas)\s+(?!then\b)[a-z\d])"
    r"|,?\s+(?=(?:after|when|because|although|though)\s+[a-z\d])"
    r"|,?\s+(?=as\s+(?:(?:a|an|the|its|his|her|their|some)\b|[A-Z][a-z]+\s+[A-Z]))"
)


def negated_pair(a: str, b: str) -> bool:
    """One statement is the other with a negation: the content words barely differ."""
    wa, wb = set(content_words(a)), set(content_words(b))
    return len(wa ^ wb) <= NEGATED_DIFF and len(wa & wb) >= MIN_WORDS


def _weight(text: str) -> int:
    """Content words and figures in ``text``: what a clause needs to stand alone."""
    return len(content_words(text)) + len(numbers_in(text))


def _clauses(text: str) -> list[tuple[int, str]]:
    """(offset, clause) pieces of a sentence; pieces too short to stand alone stay joined."""
    cuts = [0] + [m.end() for m in _CLAUSE_CUT.finditer(text)] + [len(text)]
    pieces: list[tuple[int, str]] = []
    for a, b in pairwise(cuts):
        part = text[a:b]
        if pieces and (_weight(part) < MIN_WORDS or _weight(pieces[-1][1]) < MIN_WORDS):
            start, prev = pieces.pop()
            pieces.append((start, prev + part))
        else:
            pieces.append((a, part))
    return pieces


#: The signature line under an embedded post ("— Ruth Calloway (@MayorCalloway) March 3,
#: 2025"): it says who posted, not what happened, so it is no statement.
SIGNATURE = re.compile(r"\s*[—–-]+\s*[^()\n]{1,80}\(@\w+\)")


def statement_units(article: Article, index: int = 0) -> list[Unit]:
    """The candidate statements of one article: sentences, split at semicolons."""
    units: list[Unit] = []
    for s in article.sentences:
        if s.language != "en" or SIGNATURE.match(s.text):
            continue
        for start, part in _clauses(s.text):
            clean = part.rstrip().rstrip(";,")
            if _weight(clean) < MIN_WORDS:
                continue
            end = s.start + start + len(clean)
            units.append(Unit(index, s.index, s.start + start, end, clean, s.text))
    return units


#: Words after a figure that say what it counts or measures ("60 metres", "a 60-metre
#: section", "12 people"); figures followed by different words are not comparable.
_UNIT_AFTER = re.compile(r"\A(?:-|\s+)(?:of\s+)?([A-Za-z][A-Za-z/]*)")


def unit_figures(text: str) -> frozenset[tuple[str, float, float]]:
    """The figures of ``text`` as (unit, low, high): the word after the figure, stemmed."""
    out: set[tuple[str, float, float]] = set()
    spans = list(_figure_spans(text))
    for end, low, high in spans:
        m = _UNIT_AFTER.match(text[end : end + 40])
        unit = _stem(m.group(1)) if m and m.group(1).lower() not in STOP else ""
        out.add((unit, low, high))
    return frozenset(out)


def numbers_agree(
    a: frozenset[tuple[str, float, float]], b: frozenset[tuple[str, float, float]]
) -> bool:
    """False only when the two share a unit and no figure of that unit fits the other's.

    "12 people" and "21 people" disagree; "four days" and "60 metres" measure different
    things and say nothing against each other.
    """
    if not a or not b:
        return True
    tol = NUMBER_TOLERANCE
    units = {u for u, _, _ in a} & {u for u, _, _ in b}
    for unit in units:
        xa = [(lo, hi) for u, lo, hi in a if u == unit]
        xb = [(lo, hi) for u, lo, hi in b if u == unit]
        if not any(
            lo1 <= hi2 * (1 + tol) and lo2 <= hi1 * (1 + tol) for lo1, hi1 in xa for lo2, hi2 in xb
        ):
            return False
    return True
