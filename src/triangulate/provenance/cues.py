"""Origin cues: where an article's text says which agency or outlet the report came from.

    strong   the article *is* that outlet's report: a wire dateline ``MOSCOW (AP) —``,
             a byline ``By The Associated Press`` / ``By X for AFP``, a staff credit
             ``CBS News' Olivia Gazis contributed to this report``, ``all Associated Press
             journalists``, a Reuters ``(Reporting by ...; Editing by ...)`` signature, a
             ``Copyright 2022 The Associated Press`` line
    partial  the outlet wrote it with the agency's material: ``By Euronews with AFP``,
             ``Reuters contributed to this report``
    mention  one claim is sourced to the agency: ``told AFP``, ``Interfax cited``,
             ``according to Reuters``, ``TASS reported``

Only strong and partial cues can put articles into one origin family; mentions are kept as
evidence of a shared source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlparse

CueStrength = Literal["strong", "partial", "mention"]

#: canonical name -> (case-sensitive spellings, web domains)
AGENCIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "AP": (("AP", "The Associated Press", "Associated Press", "AP News"), ("apnews.com", "ap.org")),
    "AFP": (("AFP", "Agence France-Presse", "Agence France Presse", "AFP News"), ("afp.com",)),
    "Reuters": (("Reuters", "Thomson Reuters", "Reuters.com"), ("reuters.com",)),
    "CBS News": (("CBS News",), ("cbsnews.com",)),
    "Interfax": (("Interfax", "Interfax-Ukraine", "Interfax Ukraine"), ("interfax.ru", "interfax.com.ua")),
    "TASS": (("TASS", "Tass"), ("tass.com", "tass.ru")),
    "RIA Novosti": (("RIA Novosti", "RIA"), ("ria.ru",)),
    "Xinhua": (("Xinhua",), ("xinhuanet.com", "news.cn")),
    "dpa": (("dpa", "DPA", "Deutsche Presse-Agentur"), ("dpa.com",)),
    "UPI": (("UPI", "United Press International"), ("upi.com",)),
    "Bloomberg": (("Bloomberg",), ("bloomberg.com",)),
    "PA Media": (("PA Media", "Press Association"), ("pamediagroup.com",)),
    "ANSA": (("ANSA",), ("ansa.it",)),
    "EFE": (("EFE",), ("efe.com",)),
    "Kyodo": (("Kyodo", "Kyodo News"), ("kyodonews.net",)),
    "Yonhap": (("Yonhap",), ("yna.co.kr",)),
    "CNN": (("CNN",), ("cnn.com",)),
    "BBC": (("BBC", "BBC News"), ("bbc.com", "bbc.co.uk")),
    "NBC News": (("NBC News",), ("nbcnews.com",)),
    "ABC News": (("ABC News",), ("abcnews.go.com",)),
}

_SPELLING_TO_NAME = {s: name for name, (spellings, _) in AGENCIES.items() for s in spellings}
_NAMES = "|".join(re.escape(s) for s in sorted(_SPELLING_TO_NAME, key=len, reverse=True))
_AG = rf"(?P<ag>{_NAMES})(?![\w-])"
# an agency we do not know by name: an acronym in a dateline or staff byline ("(CPA) —")
_AG_ANY = rf"(?P<ag>{_NAMES}|[A-Z]{{2,6}})(?![\w-])"
# a credit line naming a press agency: "— Coastal Press Agency", "— Reuters"
_AG_CREDIT = rf"(?P<ag>{_NAMES}|(?:[A-Z][\w&.\-]*\s+){{0,4}}(?:Agency|Press|Wire|News\s+Service))"
_POSS = r"(?:’s|'s|’|')?"

# (kind, strength, pattern); patterns are case-sensitive on purpose ("AP" is not "ap").
_PATTERNS: tuple[tuple[str, CueStrength, re.Pattern[str]], ...] = (
    (
        "dateline",
        "strong",
        re.compile(rf"(?m)^[ \t]*(?:[A-Z][A-Za-z.,'’ \-]{{1,60}}?\s*)?\({_AG_ANY}\)\s*[—–-]"),
    ),
    ("byline", "strong", re.compile(rf"(?m)^[ \t]*By\s+{_AG_ANY}\s+(?:staff|reporters?|wire)\b")),
    ("credit line", "strong", re.compile(rf"(?m)^[ \t]*[—–]\s*{_AG_CREDIT}[ \t]*\.?[ \t]*$")),
    ("byline", "partial", re.compile(rf"(?m)^[ \t]*By\s+[^\n]{{0,80}}?\bwith\s+(?:the\s+)?{_AG}")),
    (
        "byline",
        "strong",
        re.compile(rf"(?m)^[ \t]*\[?By\s+(?:[^\n]{{0,80}}?\b(?:for|of)\s+)?(?:The\s+|the\s+)?{_AG}"),
    ),
    (
        "staff credit",
        "strong",
        re.compile(rf"{_AG}{_POSS}\s+(?:[A-Z][\w.’'\-]*\s+){{1,4}}(?:in\s+[A-Z][\w ]{{1,30}}\s+)?contributed\s+to\s+this\s+report"),
    ),
    (
        "staff credit",
        "strong",
        re.compile(rf"\ball\s+{_AG}\s+(?:journalists|writers|reporters)"),
    ),
    (
        "staff credit",
        "strong",
        re.compile(rf"{_AG}\s+(?:writers?|reporters?|journalists?|correspondents?)\s+[^\n]{{0,200}}?contributed"),
    ),
    ("contribution", "partial", re.compile(rf"\b(?:The\s+)?{_AG}\s+contributed\s+to\s+this\s+report")),
    ("copyright", "strong", re.compile(rf"(?:Copyright|©)\s*\d{{4}}\s+(?:The\s+)?{_AG}")),
    (
        "mention",
        "mention",
        re.compile(
            rf"\b(?:told|[Aa]ccording\s+to|cited\s+by|quoted\s+by|reported\s+by|said\s+to)\s+(?:the\s+)?{_AG}"
        ),
    ),
    (
        "mention",
        "mention",
        re.compile(rf"{_AG}\s+(?:news\s+agency\s+)?(?:reported|cited|quoted|said|reports)\b"),
    ),
)
_REUTERS_SIGNATURE = re.compile(r"\(Reporting by [^)]{0,400}?(?:Editing|Writing) by [^)]{0,200}\)")


@dataclass(frozen=True)
class Cue:
    """Text saying where a report came from, with its place in the article text."""

    agency: str
    strength: CueStrength
    kind: str
    text: str
    start: int
    end: int


def canonical(name: str) -> str:
    """The agency's canonical name for a spelling (``The Associated Press`` -> ``AP``).

    An unknown multi-word name becomes its initials (``Coastal Press Agency`` -> ``CPA``),
    so a dateline ``(CPA)`` and a credit line naming the agency in full agree.
    """
    name = " ".join(name.split())
    if name in _SPELLING_TO_NAME:
        return _SPELLING_TO_NAME[name]
    words = [w for w in re.findall(r"[A-Za-z][\w&\-]*", name) if w not in {"The", "the", "of", "and"}]
    if len(words) >= 2 and all(w[0].isupper() for w in words):
        return "".join(w[0] for w in words)
    return name


def outlet_agency(outlet: str | None, url: str | None = None) -> str | None:
    """The agency an outlet name or URL belongs to: a known agency, else the outlet's
    canonical name (initials of a multi-word name)."""
    if outlet:
        cleaned = outlet.strip()
        if cleaned in _SPELLING_TO_NAME:
            return _SPELLING_TO_NAME[cleaned]
        lowered = cleaned.lower()
        for name, (spellings, domains) in AGENCIES.items():
            if lowered in {s.lower() for s in spellings} or lowered in domains:
                return name
            if any(lowered.endswith(d) for d in domains):
                return name
    if url:
        host = (urlparse(url).hostname or "").lower()
        for name, (_, domains) in AGENCIES.items():
            if any(host == d or host.endswith("." + d) for d in domains):
                return name
    if outlet and outlet.strip():
        return canonical(outlet)
    return None


def find_cues(text: str, byline: str | None = None) -> tuple[Cue, ...]:
    """Every origin cue in ``text`` (and the byline), in text order, strongest first per span."""
    found: list[Cue] = []
    taken: list[tuple[int, int]] = []
    for kind, strength, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            span = (m.start(), m.end())
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            taken.append(span)
            found.append(
                Cue(canonical(m.group("ag")), strength, kind, m.group(0).strip(), *span)
            )
    for m in _REUTERS_SIGNATURE.finditer(text):
        found.append(Cue("Reuters", "strong", "signature", m.group(0), m.start(), m.end()))
    if byline:
        line = byline if byline.startswith("By") else "By " + byline
        for kind, strength, pattern in _PATTERNS:
            hit = pattern.search(line) if kind == "byline" else None
            if hit:
                found.append(Cue(canonical(hit.group("ag")), strength, kind, byline, -1, -1))
                break
    found.sort(key=lambda c: (c.start, c.end))
    return tuple(found)


def strongest(cues: Iterable[Cue], strength: CueStrength) -> list[str]:
    """Agencies named by cues of exactly ``strength``, most often first, then by name."""
    counts: dict[str, int] = {}
    for c in cues:
        if c.strength == strength:
            counts[c.agency] = counts.get(c.agency, 0) + 1
    return sorted(counts, key=lambda a: (-counts[a], a))
