"""Date and time expressions, resolved against the article's publish date; a story timeline.

    dates_in(text, reference)     -> list[DateMention]   one sentence or passage
    extract_dates(article)        -> list[DateMention]   offsets into article.text

(The story timeline and the comparison of dates across articles are in ``timeline.py``.)

``resolved`` is ``YYYY`` (a year), ``YYYY-MM-DD`` (a day), or an interval ``start/end``
(``last week`` said on Tue 4 March 2025 = ``2025-02-24/2025-03-02``; weeks start on
Monday; ``early March`` = days 1-10, ``mid-March`` / ``the middle of March`` = 11-20,
``late March`` = 21 to the end; ``between 2022 and 2024`` = ``2022/2024``).

Rules (news conventions, see docs/claims.md):

- a weekday ("Tuesday", "on Monday evening", "Thursday's") is the publish day itself, or
  else the nearest such day before it; when the sentence speaks of the future ("will",
  "is due", "scheduled", "expected to", "plans") it is the next such day;
- a day of the month without a month ("on the 16th") is the nearest such day, in the
  future when the sentence speaks of the future; a month without a year likewise;
- ``N years later`` / ``N days earlier`` count from the previous dated mention;
- a clock time alone ("shortly before 7 p.m.") belongs to the last day mentioned before it;
- inside an embedded social post, closed by a line like ``— Name (@handle) March 3,
  2025``, relative words ("tonight", "till morning") resolve against the post's date.

Our own rules rather than dateparser: dateparser resolves "last week" to one day, has no
notion of tense, and costs about a millisecond per call; these rules give intervals and
run at tens of thousands of sentences per second. It is still used, when installed, for
absolute dates in forms the rules do not know.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from triangulate.model import Article

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTH_RE = (
    r"(?-i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR_RE = r"(?:1[89]\d\d|20\d\d|21\d\d)"
_WD_RE = r"(?-i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
_NUMWORD = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|a\s+few|"
    r"several|a\s+couple\s+of)"
)
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_TIME_RE = (
    r"(?:(?:shortly|just|soon)\s+(?:before|after)\s+|(?:at\s+)?(?:around|about|approximately)\s+"
    r"|before\s+|after\s+|by\s+|at\s+|until\s+|till\s+)?"
    r"(?:\d{1,2}(?:[:.]\d{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d{2}(?:\s?(?:GMT|UTC|CET|EST|EDT))?|noon|midnight)"
)

#: every pattern, tried in order at each position; the named group says which rule
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"\b(?P<iso>\d{4}-\d{2}-\d{2})\b"),
    (
        "between_years",
        r"\bbetween\s+(?P<by1>" + _YEAR_RE + r")\s+and\s+(?P<by2>" + _YEAR_RE + r")\b",
    ),
    (
        "mdy",
        r"\b(?:(?:on|since|by|until)\s+)?(?:" + _WD_RE + r",?\s+)?(?P<m1>" + _MONTH_RE
        + r")\s+(?P<d1>" + _DAY_RE + r")(?:,?\s+(?P<y1>" + _YEAR_RE + r"))?\b(?![:.]\d)",
    ),
    (
        "day_range",
        r"\b(?:(?:on|from|between)\s+)?(?P<dr1>" + _DAY_RE + r")\s*[-–]\s*(?P<dr2>" + _DAY_RE
        + r")\s+(?P<mr>" + _MONTH_RE + r")(?:,?\s+(?P<yr>" + _YEAR_RE + r"))?\b",
    ),
    (
        "dmy",
        r"\b(?:(?:on|since|by|until)\s+)?(?:(?:" + _WD_RE + r"),?\s+)?(?:the\s+)?(?P<d2>" + _DAY_RE
        + r")(?:\s+of)?\s+(?P<m2>" + _MONTH_RE + r")(?:,?\s+(?P<y2>" + _YEAR_RE + r"))?\b",
    ),
    (
        "part_month",
        r"\b(?:(?:in|by|until|from)\s+)?(?:the\s+)?(?P<part>early|mid|late|the\s+middle\s+of|the\s+end\s+of|"
        r"the\s+beginning\s+of|the\s+start\s+of|end\s+of|beginning\s+of|start\s+of|middle\s+of)"
        r"[\s-]+(?P<m3>" + _MONTH_RE + r")(?:\s+(?:of\s+)?(?P<y3>" + _YEAR_RE
        + r"|last\s+year|this\s+year|next\s+year))?\b",
    ),
    (
        "month_year",
        r"\b(?:(?:in|since|by|until|from|of)\s+)?(?P<m4>" + _MONTH_RE + r")(?:\s+(?:of\s+)?(?P<y4>"
        + _YEAR_RE + r"|last\s+year|this\s+year|next\s+year))\b",
    ),
    ("month", r"\b(?:in|since|by|until|from|during|this|last|next)\s+(?P<m5>" + _MONTH_RE + r")\b(?!\s+\d)"),
    (
        "relative_unit",
        r"\b(?P<rel>last|this|next|past|previous|coming|earlier\s+this|later\s+this)\s+"
        r"(?P<unit>week|month|year|weekend)\b",
    ),
    ("ago", r"\b(?P<n1>" + _NUMWORD + r")\s+(?P<u1>days?|weeks?|fortnights?|months?|years?)\s+ago\b"),
    (
        "later",
        r"\b(?P<n2>" + _NUMWORD + r")\s+(?P<u2>days?|weeks?|months?|years?)\s+"
        r"(?P<dir>later|earlier|after|before)\b(?!\s+(?:the|a|an|his|her|its|their)\b)",
    ),
    (
        "weekday",
        r"\b(?:(?:late|early)\s+(?:on\s+)?|(?:on|by|from|until|since|last|next|this|before|after)\s+)?"
        r"(?:(?:the\s+)?(?:morning|afternoon|evening|night)\s+of\s+)?(?P<wd>" + _WD_RE + r")(?:['’]s)?"
        + _PART + r"\b",
    ),
    (
        "day_only",
        r"\b(?:(?:on|by|from|until|since)\s+)?(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?"
        r"the\s+(?P<d6>" + _DAY_RE.replace("?(?:st", "(?:st") + r")\b(?!\s+(?:of\s+)?" + _MONTH_RE + r")",
    ),
    (
        "deictic",
        r"\b(?P<deictic>yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)|"
        r"(?:till|until)\s+(?:the\s+)?morning|overnight|(?:over|at|during|on)\s+the\s+weekend)\b"
        r"(?:\s+(?:morning|afternoon|evening|night))?",
    ),
    ("year", r"\b(?:(?:in|since|by|until|from|of|before|after)\s+)?(?P<y7>" + _YEAR_RE + r")\b(?![-%$]|\s?(?:percent|per\s+cent|people|km|miles))"),
)  # fmt: skip
_MASTER = re.compile("|".join(f"(?P<r_{name}>{rx})" for name, rx in _PATTERNS), re.IGNORECASE)
#: a cheap test every date expression passes (a digit, a month, day/week/month/year ...)
_HINT = re.compile(
    r"\d|(?i:day|week|month|year|night|morning|afternoon|evening|tomorrow|noon)"
    r"|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
)
_TIME_ONLY = re.compile(r"\b" + _TIME_RE, re.IGNORECASE)
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|is\s+due|are\s+due|due\s+to|scheduled|expected\s+to|plans?\s+to|"
    r"planned|is\s+to|are\s+to|going\s+to|set\s+to|would\s+(?:start|begin|resume|hold)|next|upcoming|"
    r"coming|(?:could|might|may|would)\s+(?!have\b)\w+|as\s+soon\s+as|postponed|delayed|adjourned)\b",
    re.IGNORECASE,
)
_POST_LINE = re.compile(
    r"[—–-]\s*[^()\n]{1,80}\(@\w+\)\s+(?P<m>" + _MONTH_RE + r")\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})"
)


def is_post_signature(sentence: str) -> bool:
    """Is the sentence the signature line of an embedded post ("— Name (@handle) March 3,
    2025")? It dates the post; it is not an event of its own."""
    return _POST_LINE.match(sentence.strip()) is not None


@dataclass(frozen=True)
class DateMention:
    """A date expression at ``text[start:end]`` and the date or interval it names."""

    start: int
    end: int
    text: str
    resolved: str
    first: date
    last: date
    time: str | None = None
    sentence: int = -1
    article_id: str = ""

    @property
    def is_day(self) -> bool:
        return self.first == self.last


def _month_number(token: str) -> int:
    key = token.lower().rstrip(".")[:3]
    for i, name in enumerate(MONTHS):
        if name.startswith(key):
            return i + 1
    raise ValueError(f"not a month: {token!r}")


def _day_number(token: str) -> int:
    return int(re.sub(r"(?:st|nd|rd|th)$", "", token, flags=re.IGNORECASE))


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _fmt(first: date, last: date) -> str:
    if first == last:
        return first.isoformat()
    if first.month == 1 and first.day == 1 and last.month == 12 and last.day == 31:
        return str(first.year) if first.year == last.year else f"{first.year}/{last.year}"
    return f"{first.isoformat()}/{last.isoformat()}"


#: how far ahead a future-tense sentence may reach for a date written without its year
#: or month ("scheduled to end on 20 February"); beyond it the nearest date wins
FUTURE_REACH_DAYS = 62


def _closest(candidates: list[date], ref: date, future: bool) -> date:
    """The candidate nearest ``ref``; the next one when ``future`` (within reach)."""
    if future:
        ahead = [c for c in candidates if ref <= c <= ref + timedelta(days=FUTURE_REACH_DAYS)]
        if ahead:
            return min(ahead)
    return min(candidates, key=lambda c: (abs((c - ref).days), c > ref))


def _year_word(token: str | None, ref: date) -> int | None:
    if token is None:
        return None
    t = token.lower().split()
    if t[0] == "last":
        return ref.year - 1
    if t[0] == "this":
        return ref.year
    if t[0] == "next":
        return ref.year + 1
    return int(token)


def _number(token: str) -> int:
    t = " ".join(token.lower().split())
    if t.isdigit():
        return int(t)
    if t in ("a few", "several"):
        return 3
    if t == "a couple of":
        return 2
    return _NUMBERS[t]


def _shift(anchor: date, n: int, unit: str, sign: int) -> tuple[date, date, bool]:
    """``anchor`` moved by n units; (first, last, year-granular)."""
    u = unit.lower().rstrip("s")
    if u == "fortnight":
        u, n = "day", 14 * n
    if u == "day":
        d = anchor + timedelta(days=sign * n)
        return d, d, False
    if u == "week":
        d = anchor + timedelta(days=sign * 7 * n)
        return d, d, False
    if u == "month":
        month0 = anchor.month - 1 + sign * n
        y, m = anchor.year + month0 // 12, month0 % 12 + 1
        d = date(y, m, min(anchor.day, _last_day(y, m)))
        return d, d, False
    y = anchor.year + sign * n
    return date(y, 1, 1), date(y, 12, 31), True


class _Resolver:
    """Resolves one match against a reference day, remembering the last dated mention."""

    def __init__(self, ref: date, future: bool, previous: tuple[date, date] | None) -> None:
        self.ref = ref
        self.future = future
        self.previous = previous

    def resolve(self, m: re.Match[str]) -> tuple[date, date] | None:
        rule = next(k[2:] for k, v in m.groupdict().items() if k.startswith("r_") and v is not None)
        g = m.groupdict()
        ref = self.ref
        if rule == "iso":
            d = date.fromisoformat(g["iso"])
            return d, d
        if rule == "between_years":
            return date(int(g["by1"]), 1, 1), date(int(g["by2"]), 12, 31)
        if rule in ("mdy", "dmy"):
            month = _month_number(g["m1"] or g["m2"])
            day = _day_number(g["d1"] or g["d2"])
            year_token = g["y1"] or g["y2"]
            if year_token:
                exact = _safe_date(int(year_token), month, day)
                return (exact, exact) if exact else None
            cands = [
                c
                for y in (ref.year - 1, ref.year, ref.year + 1)
                if (c := _safe_date(y, month, day))
            ]
            d = _closest(cands, ref, self.future)
            return d, d
        if rule == "part_month":
            month = _month_number(g["m3"])
            year = _year_word(g["y3"], ref)
            if year is None:
                year = _closest(
                    [date(y, month, 15) for y in (ref.year - 1, ref.year, ref.year + 1)],
                    ref,
                    self.future,
                ).year
            part = " ".join(g["part"].lower().split())
            end_day = _last_day(year, month)
            if part == "early" or "beginning" in part or "start" in part:
                return date(year, month, 1), date(year, month, 10)
            if part == "mid" or "middle" in part:
                return date(year, month, 11), date(year, month, 20)
            return date(year, month, 21), date(year, month, end_day)
        if rule in ("month_year", "month"):
            month = _month_number(g["m4"] or g["m5"])
            year = _year_word(g["y4"], ref)
            if year is None:
                lead = m.group(0).lower().split()[0]
                if lead == "last":
                    year = ref.year if month < ref.month else ref.year - 1
                elif lead == "next":
                    year = ref.year if month > ref.month else ref.year + 1
                elif lead == "this":
                    year = ref.year
                else:
                    mids = [date(y, month, 15) for y in (ref.year - 1, ref.year, ref.year + 1)]
                    year = ref.year if month == ref.month else _closest(mids, ref, self.future).year
            return date(year, month, 1), date(year, month, _last_day(year, month))
        if rule == "relative_unit":
            return _relative_unit(g["rel"], g["unit"], ref)
        if rule == "ago":
            first, last, _ = _shift(ref, _number(g["n1"]), g["u1"], -1)
            return first, last
        if rule == "later":
            if self.previous is None:
                return None
            sign = 1 if g["dir"].lower() in ("later", "after") else -1
            first, last, _ = _shift(self.previous[0], _number(g["n2"]), g["u2"], sign)
            return first, last
        if rule == "weekday":
            return _weekday(m.group(0), g["wd"], ref, self.future)
        if rule == "day_only":
            day = _day_number(g["d6"])
            cands = []
            for k in (-1, 0, 1):
                month0 = ref.month - 1 + k
                y, mo = ref.year + month0 // 12, month0 % 12 + 1
                if (c := _safe_date(y, mo, day)) is not None:
                    cands.append(c)
            d = _closest(cands, ref, self.future)
            return d, d
        if rule == "day_range":
            month = _month_number(g["mr"])
            d1, d2 = _day_number(g["dr1"]), _day_number(g["dr2"])
            if g["yr"]:
                year = int(g["yr"])
            else:
                mids = [date(y, month, 15) for y in (ref.year - 1, ref.year, ref.year + 1)]
                year = _closest(mids, ref, self.future).year
            first_day, last_day = _safe_date(year, month, d1), _safe_date(year, month, d2)
            if first_day is None or last_day is None or last_day < first_day:
                return None
            return first_day, last_day
        if rule == "deictic":
            word = " ".join(g["deictic"].lower().split())
            if word.endswith("weekend"):
                # the weekend just past, or the coming one when the clause looks ahead
                if self.future and ref.weekday() < 5:
                    sat = ref + timedelta(days=5 - ref.weekday())
                else:
                    sat = ref - timedelta(days=(ref.weekday() - 5) % 7)
                return sat, sat + timedelta(days=1)
            if word == "yesterday" or word == "last night":
                d = ref - timedelta(days=1)
            elif word == "tomorrow" or (
                word.endswith("morning") and word.startswith(("till", "until"))
            ):
                d = ref + timedelta(days=1)
            else:
                d = ref
            return d, d
        if rule == "year":
            y = int(g["y7"])
            return date(y, 1, 1), date(y, 12, 31)
        return None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _relative_unit(rel: str, unit: str, ref: date) -> tuple[date, date]:
    r = " ".join(rel.lower().split())
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "earlier this": 0,
            "later this": 0, "next": 1, "coming": 1}[r]  # fmt: skip
    u = unit.lower()
    if u in ("week", "weekend"):
        monday = ref - timedelta(days=ref.weekday()) + timedelta(days=7 * step)
        if u == "weekend":
            if step == 0 and ref.weekday() < 5 and r == "this":
                pass
            sat = monday + timedelta(days=5)
            if step == -1 and ref.weekday() >= 5:
                sat = ref - timedelta(days=ref.weekday() - 5)
                sat -= (
                    timedelta(days=7)
                    if r in ("last", "previous", "past") and ref.weekday() == 5
                    else timedelta(0)
                )
            return sat, sat + timedelta(days=1)
        return monday, monday + timedelta(days=6)
    if u == "month":
        month0 = ref.month - 1 + step
        y, m = ref.year + month0 // 12, month0 % 12 + 1
        return date(y, m, 1), date(y, m, _last_day(y, m))
    y = ref.year + step
    return date(y, 1, 1), date(y, 12, 31)


def _weekday(phrase: str, name: str, ref: date, future: bool) -> tuple[date, date]:
    target = WEEKDAYS.index(name.lower())
    lead = phrase.lower().split()[0]
    back = (ref.weekday() - target) % 7
    ahead = (target - ref.weekday()) % 7
    if lead == "last":
        d = ref - timedelta(days=back or 7)
    elif lead == "next":
        d = ref + timedelta(days=ahead or 7)
    elif lead == "this":
        d = ref - timedelta(days=ref.weekday()) + timedelta(days=target)
    elif back == 0:
        d = ref
    elif future or (lead in ("until", "by") and ahead <= 6 and future):
        d = ref + timedelta(days=ahead)
    else:
        d = ref - timedelta(days=back)
    return d, d


def _clock(text: str) -> str | None:
    """ "shortly before 7 p.m." -> "before 19:00"; "at 6:52 p.m." -> "18:52"."""
    m = re.search(
        r"(?P<q>shortly\s+before|just\s+before|before|shortly\s+after|just\s+after|after|around|about|"
        r"approximately|by|until|till)?\s*(?:at\s+)?(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s?(?P<ap>a\.m\.|p\.m\.|am|pm)?",
        text,
        re.IGNORECASE,
    )
    if m is None:
        low = text.lower()
        if "noon" in low:
            return "12:00"
        if "midnight" in low:
            return "00:00"
        return None
    hour = int(m.group("h"))
    minute = int(m.group("mi") or 0)
    ap = (m.group("ap") or "").lower().replace(".", "")
    if ap == "pm" and hour < 12:
        hour += 12
    if ap == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    clock = f"{hour:02d}:{minute:02d}"
    q = (m.group("q") or "").lower()
    if "before" in q or q in ("by", "until", "till"):
        return f"before {clock}"
    if "after" in q:
        return f"after {clock}"
    if q in ("around", "about", "approximately"):
        return f"about {clock}"
    return clock


def dates_in(
    text: str, reference: date, history: list[DateMention] | None = None
) -> list[DateMention]:
    """Date expressions in ``text`` (a sentence), resolved against ``reference``.

    ``history`` holds the mentions of earlier sentences of the same article (for
    "three years later" and for clock times with no day beside them).
    """
    if not _HINT.search(text):
        return []
    earlier = list(history or [])
    resolver = _Resolver(reference, False, _span_of(earlier[-1]) if earlier else None)
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for m in _MASTER.finditer(text):
        # the future counts when it is spoken of before the date, in the same clause
        lead = text[max(0, m.start() - 90) : m.start()]
        lead = re.split(r"[.;:“”\"]", lead)[-1]
        resolver.future = bool(_FUTURE.search(lead))
        got = resolver.resolve(m)
        if got is None:
            continue
        first, last = got
        start, end = _trim(m)
        clock_match = _TIME_ONLY.search(text, max(0, start - 30), min(len(text), end + 30))
        clock = _clock(clock_match.group(0)) if clock_match else None
        mention = DateMention(start, end, text[start:end], _fmt(first, last), first, last, clock)
        out.append(mention)
        taken.append((start, end))
        resolver.previous = (first, last)
    # a clock time with no day beside it belongs to the last day mentioned whose part of
    # the day fits it ("on Monday evening" ... "at around 6:45 p.m.")
    for m in _TIME_ONLY.finditer(text):
        if any(s - 30 <= m.start() <= e + 30 for s, e in taken):
            continue
        clock = _clock(m.group(0))
        if clock is None:
            continue
        d = _day_for_clock(clock, earlier + out, reference)
        start, end = m.start(), m.end()
        while text[start] == " ":
            start += 1
        out.append(DateMention(start, end, text[start:end].strip(), d.isoformat(), d, d, clock))
    out.sort(key=lambda x: x.start)
    return out


def _span_of(mention: DateMention) -> tuple[date, date]:
    return mention.first, mention.last


def _part_of_day(text: str) -> str | None:
    low = text.lower()
    for part in ("morning", "afternoon", "evening", "night", "tonight"):
        if part in low:
            return "night" if part == "tonight" else part
    return None


def _day_for_clock(clock: str, mentions: list[DateMention], reference: date) -> date:
    hour = int(clock.split()[-1].split(":")[0])
    wanted = {"morning"} if hour < 12 else {"afternoon"} if hour < 17 else {"evening", "night"}
    days = [m for m in mentions if m.is_day and m.time is None]
    for m in reversed(days):
        if _part_of_day(m.text) in wanted:
            return m.first
    return days[-1].first if days else reference


def _trim(m: re.Match[str]) -> tuple[int, int]:
    start = m.start()
    text = m.group(0)
    stripped = text.rstrip(" ,.")
    return start, start + len(stripped)


def _reference_day(article: Article) -> date | None:
    if article.published is None:
        return None
    return (
        article.published.date() if isinstance(article.published, datetime) else article.published
    )


def extract_dates(article: Article, reference: date | None = None) -> list[DateMention]:
    """Every date expression in an article, resolved against its publish date.

    Without a publish date (and no ``reference``), only absolute dates are returned.
    """
    ref = reference or _reference_day(article)
    posts = _post_dates(article)
    out: list[DateMention] = []
    for sentence in article.sentences:
        local_ref = posts.get(sentence.index, ref)
        if local_ref is None:
            found = [d for d in dates_in(sentence.text, date(1900, 1, 1)) if _is_absolute(d.text)]
        else:
            found = dates_in(sentence.text, local_ref, out)
        for d in found:
            out.append(
                replace(
                    d,
                    start=sentence.start + d.start,
                    end=sentence.start + d.end,
                    sentence=sentence.index,
                    article_id=article.id,
                )
            )
    return out


def _is_absolute(text: str) -> bool:
    return bool(re.search(r"\b" + _YEAR_RE + r"\b", text))


def _post_dates(article: Article) -> dict[int, date]:
    """Sentences inside an embedded social post -> the post's date.

    A post is the run of sentences in one paragraph that ends with its attribution line
    ``— Name (@handle) March 3, 2025``.
    """
    found: dict[int, date] = {}
    sentences = article.sentences
    for i, s in enumerate(sentences):
        m = _POST_LINE.search(s.text)
        if m is None:
            continue
        d = _safe_date(int(m.group("y")), _month_number(m.group("m")), int(m.group("d")))
        if d is None:
            continue
        found[i] = d
        # the post is the paragraph the attribution line closes: the sentences before it
        # in its own paragraph, or the whole paragraph before when the line stands alone
        first_in_paragraph = i == 0 or sentences[i - 1].paragraph != s.paragraph
        target = s.paragraph - 1 if first_in_paragraph else s.paragraph
        j = i - 1
        while j >= 0 and sentences[j].paragraph >= target and i - j <= 8:
            found[sentences[j].index] = d
            j -= 1
    return found
