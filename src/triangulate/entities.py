"""People, organisations and places named in an article — rule-based.

No NER model can be installed here, so entities come from capitalisation and word lists:

- a run of capitalised words (``Kestrel Bay Port Authority``, ``Ruth Calloway``), joined
  across ``of``/``and``/``for`` when both sides are capitalised (``Ministry of Defense``);
- **organisation** when the run contains an institution word (Ministry, Authority,
  Service, Council, GmbH, Kremlin, ...); **place** when it is a country or a country
  subdivision known to ``pycountry`` (or their adjective forms), or follows ``in``/``at``/
  ``from`` and is not a person; **person** when it has two or three name words, a title
  before it (``Mayor``, ``Foreign Minister``) or is a known surname of an earlier person.

The measure is in docs/quotes.md (gold speakers of examples/harbour-bridge found with
the right kind).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from triangulate.model import Article

EntityKind = Literal["person", "organisation", "place"]


def _words(text: str) -> list[str]:
    """Words of a whitespace-separated list (keeps long word lists compact)."""
    return text.split()


ORG_WORDS: frozenset[str] = frozenset(
    _words(
        """ministry ministries department office agency authority authorities service services
        council commission committee government administration kremlin pentagon parliament
        congress senate assembly court police army navy military forces force command
        company corporation corp inc ltd llc gmbh ag plc group bank fund foundation
        institute university polytechnic college school hospital association federation
        union league party chamber board bureau organisation organization nato un eu rescue
        brigade coalition network news times post press gazette courier echo ledger herald
        tribune journal daily radio television tv broadcaster agency's media newspaper firm
        embassy consulate city county state republic federal national international centre
        center club commission's ministry's kremlin's interfax tass reuters afp xinhua ria
        novosti"""
    )
)

TITLE_WORDS: frozenset[str] = frozenset(
    _words(
        """mr mrs ms dr prof sir dame lord lady president vice prime minister secretary senator
        sen rep representative governor gov mayor chancellor king queen prince princess
        general gen colonel col captain capt lieutenant lt sergeant sgt admiral commander
        chief director spokesperson spokesman spokeswoman councillor councilor ambassador
        envoy judge justice pope bishop rabbi imam sheikh chairman chairwoman deputy foreign
        defence defense interior finance opposition pm secretary-general attorney-general
        vice-president"""
    )
)

_CAP_RUN = re.compile(
    r"(?<![\w’'])((?:[A-Z][\w’'\-]*\.?|[A-Z]\.(?:[A-Z]\.)+)"
    r"(?:\s+(?:of|and|for|de|von|van|der|al|la|the)?\s*(?:[A-Z][\w’'\-]*\.?|[A-Z]\.(?:[A-Z]\.)+))*)"
)
_SENTENCE_OPENERS = frozenset(
    _words(
        """for from with by to of the a an in on at but and or so yet after before when while
        as if it this that these those there he she they we i his her their its our my your
        more most some many no not all one two three every each"""
    )
)


@dataclass(frozen=True)
class Entity:
    """A named person, organisation or place: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str
    kind: EntityKind


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Country names (common, official, short) and subdivisions from pycountry, lower-cased."""
    import pycountry

    names: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(value.lower())
    for s in pycountry.subdivisions:
        names.add(s.name.lower())
    # short forms pycountry only gives inside longer names: "Russian Federation" -> "russia",
    # "Venezuela, Bolivarian Republic of" -> "venezuela"
    for name in list(names):
        if ", " in name:
            names.add(name.split(", ")[0])
        if name.endswith("n federation"):
            names.add(name[: -len("n federation")])
    names.update({"u.s.", "us", "usa", "uk", "britain", "america", "europe", "africa", "asia"})
    return frozenset(names)


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    """Adjective forms of country names (Ukrainian, German, ...), derived by suffix rules."""
    out: set[str] = set()
    for name in place_names():
        if " " in name:
            continue
        base = name.rstrip("aeiouy")
        for suffix in ("ian", "an", "ese", "ish", "i", "ic"):
            out.add(base + suffix)
            out.add(name + "n")
    out.update({"american", "british", "french", "german", "dutch", "swiss", "greek", "thai"})
    return frozenset(out)


#: Names a country's government is spoken of by, and bodies that speak as one side.
_SEATS = {
    "kremlin": "Russia", "white house": "United States", "pentagon": "United States",
    "state department": "United States", "downing street": "United Kingdom",
    "nato": "NATO", "european union": "EU", "eu": "EU", "united nations": "UN", "un": "UN",
}  # fmt: skip
#: Adjectives and short forms the suffix rules of ``demonyms`` do not reach.
_IRREGULAR = {
    "american": "United States", "u.s.": "United States", "u.s": "United States",
    "us": "United States",
    "usa": "United States", "america": "United States", "british": "United Kingdom",
    "britain": "United Kingdom", "uk": "United Kingdom", "french": "France",
    "german": "Germany", "dutch": "Netherlands", "swiss": "Switzerland", "greek": "Greece",
}  # fmt: skip


@lru_cache(maxsize=1)
def _country_words() -> dict[str, str]:
    """Lower-case country name or adjective -> the country's shortest name."""
    import pycountry

    out: dict[str, str] = {}
    for c in pycountry.countries:
        names = {getattr(c, a) for a in ("name", "common_name", "official_name") if getattr(c, a, None)}
        names |= {n.split(", ")[0] for n in names if ", " in n}
        names |= {n[: -len("n Federation")] for n in names if n.endswith("n Federation")}
        short = min(names, key=len)
        for name in names:
            out.setdefault(name.lower(), short)
            if " " not in name:
                low = name.lower()
                out.setdefault(low + "n", short)
                for suffix in ("ian", "an", "ese", "ish", "i"):
                    out.setdefault(low.rstrip("aeiouy") + suffix, short)
    out.update({k: v for k, v in _IRREGULAR.items()})
    return out


def side_of(text: str) -> str | None:
    """The country or body a speaker speaks for, from their name, role and mention:
    "Ukrainian Foreign Minister" -> Ukraine, "NATO Secretary-General" -> NATO, "the
    Kremlin" -> Russia; ``None`` when the words name none. The first found wins."""
    low = " " + re.sub(r"[^\w.\s-]", " ", text.lower()) + " "
    for seat, side in _SEATS.items():
        if f" {seat} " in low:
            return side
    words = _country_words()
    tokens = [bare(w) for w in text.split() if w[:1].isupper()]
    for i, w in enumerate(tokens):
        pair = f"{w} {tokens[i + 1]}" if i + 1 < len(tokens) else ""
        if pair in words:
            return words[pair]
        if w in words:
            return words[w]
    return None


def bare(word: str) -> str:
    """A word lower-cased, without surrounding punctuation or a possessive 's."""
    w = word.lower().strip('.,;:()"“”')
    return re.sub(r"['’]s$", "", w)


def classify(phrase: str, prev_word: str = "") -> EntityKind | None:
    """The kind of one capitalised run, or ``None`` when it is not a name."""
    words = phrase.split()
    lowers = [bare(w) for w in words]
    low = phrase.lower()
    if any(w in ORG_WORDS for w in lowers):
        return "organisation"
    if lowers[-1] in PLACE_HEADS:
        return "place"
    if lowers[-1] in THING_HEADS or lowers[0] in EVENT_FIRST:
        return None
    if low in place_names() or low.rstrip(".") in place_names():
        return "place"
    if prev_word in ("in", "at", "from", "near", "across", "to") and len(words) <= 3:
        return "place"
    name_words = [w for w, lw in zip(words, lowers, strict=True) if lw not in TITLE_WORDS]
    if 2 <= len(name_words) <= 4 and all(w[:1].isupper() for w in name_words):
        if lowers[0] in demonyms() and len(name_words) == len(words):
            return None
        return "person"
    if len(name_words) == 1 and len(words) > 1:
        return "person"  # "Mayor Calloway"
    return None


def extract_entities(article: Article) -> list[Entity]:
    """Named entities in ``article.text``, in order, each with its kind."""
    text = article.text
    out: list[Entity] = []
    persons: set[str] = set()
    for m in _CAP_RUN.finditer(text):
        for start, phrase in _split_at_sentence_ends(m.start(1), m.group(1)):
            _add(text, start, phrase, out, persons)
    return out


def _split_at_sentence_ends(start: int, run: str) -> list[tuple[int, str]]:
    """Cut a capitalised run where a word ends a sentence ("Monday. We")."""
    parts: list[tuple[int, str]] = []
    pos = 0
    for wm in re.finditer(r"\S+", run):
        word = wm.group()
        if word.endswith(".") and not _ABBREVIATION.match(word):
            parts.append((start + pos, run[pos : wm.end() - 1]))
            pos = wm.end()
            while pos < len(run) and run[pos].isspace():
                pos += 1
    if pos < len(run):
        parts.append((start + pos, run[pos:]))
    return [(s, p) for s, p in parts if p.strip()]


_ABBREVIATION = re.compile(
    r"^(?:[A-Z]\.)+$|^(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Prof|Jr|Sr|Maj|Capt)\.$"
)
#: Last words that make a capitalised run a place or thing, not a person.
PLACE_HEADS: frozenset[str] = frozenset(
    _words(
        """bridge footbridge street road avenue square hall point bay harbour harbor river lake
        mount island park station airport port quay terminal district region province county
        sea ocean coast valley"""
    )
)
THING_HEADS: frozenset[str] = frozenset(
    _words("""queen act bill treaty accord war summit games cup construction""")
)
#: First words that make a capitalised run a named event ("Storm Orla").
EVENT_FIRST: frozenset[str] = frozenset(_words("""storm hurricane typhoon cyclone operation"""))


def _add(text: str, start: int, phrase: str, out: list[Entity], persons: set[str]) -> None:
    words = phrase.split()
    # a sentence-initial function word is not part of a name
    while words and words[0].lower() in _SENTENCE_OPENERS:
        start += len(words[0]) + 1
        words = words[1:]
    while words and words[-1].lower() in ("of", "and", "for", "the"):
        words = words[:-1]
    if not words:
        return
    phrase = " ".join(words)
    end = start + len(phrase)
    if text[start:end] != phrase:
        return
    before = text[max(0, start - 12) : start].split()
    prev_word = before[-1].lower() if before else ""
    kind = classify(phrase, prev_word)
    if kind is None and len(words) == 1 and phrase in persons:
        kind = "person"
    if kind is None:
        return
    if kind == "person":
        persons.add(words[-1])
    out.append(Entity(start, end, phrase, kind))
