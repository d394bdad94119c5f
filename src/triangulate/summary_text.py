"""What the summary asks of a sentence's text: its figures and names (do two sentences
agree?), whether it is attributed, and whether it can stand alone (no first person, no
opening word that points back to an earlier sentence).

Cheap, rule-based stand-ins for entities and discourse, used by :mod:`triangulate.summarize`.
"""

from __future__ import annotations

import re


def _words(text: str) -> list[str]:
    return text.split()


_TOKEN = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+")
#: Capitalised words that are not names of parties (dates, titles).
_NOT_NAMES = frozenset(
    _words(
        "monday tuesday wednesday thursday friday saturday sunday january february march april "
        "may june july august september october november december mr mrs ms dr sen senator rep "
        "president minister prime general gen col officials official police the"
    )
)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|tells|according to|claimed|claims|claim|announced|announces"
    r"|reported|reports|stated|states|insisted|insists|denied|denies|added|adds|warned"
    r"|warns|alleged|alleges|argued|argues|acknowledged|confirmed|confirms|quoted"
    r"|accused|accuses|stressed|emphasi[sz]ed|noted)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(
    r"(?<![A-Za-z])(?:I|I'm|I've|I'd|I'll|me|my|mine|we|We|we're|We're|our|Our|you|You"
    r"|your|Your|you're|You're)(?![A-Za-z'])"
)
#: Opening words that point back to an earlier sentence (pronouns, connectives).
_DANGLING = frozenset(
    _words(
        "he she they it its his her their them this these those that there such but and or so "
        "yet however also still meanwhile instead then thus therefore moreover furthermore "
        "besides nevertheless nonetheless otherwise"
    )
)


def numbers_in(text: str) -> frozenset[str]:
    return frozenset(n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text))


def names_in(text: str) -> frozenset[str]:
    """Capitalised words not opening the sentence, without day, month and title words (a
    cheap stand-in for named entities)."""
    found = (m.group(0).lower() for m in _NAME.finditer(text))
    return frozenset(w for w in found if w not in _NOT_NAMES)


def is_attributed(text: str) -> bool:
    return bool(_ATTRIBUTION.search(text))


def agree(a: str, b: str) -> bool:
    """Do two sentences agree on figures and names where both give some?"""
    na, nb = numbers_in(a), numbers_in(b)
    if na and nb and not na & nb:
        return False
    ma, mb = names_in(a), names_in(b)
    return not (ma and mb and not ma & mb)


def speaks_first_person(text: str) -> bool:
    """Does the sentence say I, we or you (a quote that needs its speaker)?"""
    return bool(_FIRST_PERSON.search(text))


def opens_dangling(text: str) -> bool:
    """Does the sentence open with a pronoun or connective that needs the one before?"""
    first = _TOKEN.findall(text.lower()[:40])
    return bool(first) and first[0] in _DANGLING
