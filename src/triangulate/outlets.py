"""The outlet an article names itself, when no header, feed or URL said who published it.

Scraped text often arrives without a source, but news pages name their publisher in a few
fixed places, and only those are read here (an outlet an article merely cites — "CBS News
reported ..." — is never taken for its publisher):

- the byline, when it names an organisation rather than a person: "By Euronews with AFP";
- the contributor line: "CBS News' Olivia Gazis in Washington contributed to this report";
- the staff line: "... is based in the CBS News London bureau", "... is a correspondent
  for The Kestrel Bay Courier".

    found = infer_outlet(article.text, article.byline)
    if found: print(found.outlet, "from", found.evidence)

A byline that names a person and an agency ("By Jane Roe for AFP") names the wire agency
the story came from, not the outlet that ran it, and is left to provenance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["InferredOutlet", "infer_outlet"]

#: A capitalised name of one to four words ("Euronews", "CBS News", "The Kestrel Bay Courier").
_ORG = r"((?:The\s+)?[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})"
#: Words that end organisation names, so a two-word byline is an outlet, not a person.
_ORG_WORDS = frozenset(
    [
        "news",
        "times",
        "post",
        "press",
        "daily",
        "journal",
        "herald",
        "gazette",
        "tribune",
        "network",
        "radio",
        "tv",
        "television",
        "media",
        "agency",
        "echo",
        "courier",
        "ledger",
        "chronicle",
        "guardian",
        "telegraph",
        "observer",
        "monitor",
        "review",
        "wire",
        "today",
        "weekly",
        "magazine",
        "feed",
        "online",
        "service",
        "channel",
    ]
)
#: Bylines that name a desk, not a publisher.
_NOT_OUTLETS = frozenset({"staff", "staff reports", "staff writer", "reuters staff", "wire"})

_CONTRIBUTED = re.compile(
    _ORG + r"[’']s?\s+(?:[A-Z][\w.\-]*\s+){1,3}(?:in\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?\s+)?"
    r"contributed to this (?:report|story|article)"
)
_BUREAU = re.compile(r"based in the " + _ORG + r"\s+[A-Z][\w\-]*\s+[Bb]ureau")
_STAFF = re.compile(
    r"\bis (?:a|the) (?:[a-z]+ ){0,3}(?:correspondent|reporter|editor|writer) (?:for|at) " + _ORG
)
#: Each in-text rule with the literal words any match of it contains: a text without one of
#: them is not searched (the regular expressions try a match at every capital letter).
_IN_TEXT_RULES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (_CONTRIBUTED, ("contributed to this ",)),
    (_BUREAU, ("based in the ",)),
    (_STAFF, ("correspondent ", "reporter ", "editor ", "writer ")),
)
_BYLINE = re.compile(r"^(?:By\s+)?" + _ORG + r"(?:\s+(?:with|and)\s+.*)?$")


@dataclass(frozen=True)
class InferredOutlet:
    """An outlet found in the article's own words, and the words that named it."""

    outlet: str
    evidence: str


def _organisation(name: str) -> bool:
    """A one-word byline is an outlet unless it is an agency's initials (AP, AFP, DPA: the
    wire, left to provenance); a longer one when it ends like an organisation's name."""
    words = name.split()
    if len(words) == 1:
        return not (name.isupper() and len(name) <= 4)
    return words[-1].lower().strip(".") in _ORG_WORDS


def _from_byline(byline: str) -> InferredOutlet | None:
    text = byline.strip()
    if re.search(r"\bfor\b", text):
        return None  # "Jane Roe for AFP": the agency, not the outlet
    m = _BYLINE.match(text)
    if m is None:
        return None
    name = m.group(1).strip()
    if name.lower() in _NOT_OUTLETS or not _organisation(name):
        return None
    return InferredOutlet(name, f"byline: {text}")


def infer_outlet(
    text: str, byline: str | None = None, credits: Sequence[str] = ()
) -> InferredOutlet | None:
    """The publisher the article names itself, or None when it does not say.

    ``credits`` are the contributor and author-bio lines the cleaning stage took out of the
    body (``Passage.rule`` ``contributor_credit`` / ``author_bio``); they are read first.
    """
    if byline:
        found = _from_byline(byline)
        if found is not None:
            return found
    for source in (*credits, text):
        for rule, needles in _IN_TEXT_RULES:
            if not any(needle in source for needle in needles):
                continue
            m = rule.search(source)
            if m is not None:
                name = re.sub(r"^The\s+(?=[A-Z]\w*$)", "", m.group(1).strip().rstrip("."))
                start = source.rfind("\n", 0, m.start()) + 1
                end = source.find("\n", m.end())
                line = source[start : len(source) if end < 0 else end].strip()
                return InferredOutlet(name, line[:200])
    return None
