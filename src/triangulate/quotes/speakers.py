"""Who an attribution's speaker mention refers to, within one article.

``resolve_speakers(article, attributions)`` gives one ``Speaker`` per attribution:

- names with titles are split into name and role (``Ukrainian Foreign Minister Dmytro
  Kuleba`` -> name ``Dmytro Kuleba``, role ``Ukrainian Foreign Minister``; an apposition
  ``Marcus Webb, chief of ...`` gives the role ``chief of ...``);
- a surname (``Kuleba``) is resolved to the full name mentioned in the article;
- pronouns (``she``, ``it``, ``they``) to the nearest earlier speaker of a fitting kind;
- role-only mentions (``the minister``, ``Ukraine's foreign minister``, ``the firm``) to
  the nearest earlier speaker whose role or name shares the role's head word;
- institutions (``the Kremlin``, ``Russia's Ministry of Defense``) are organisations,
  plural nominals (``U.S. officials``) groups, and sources that the text says are unnamed
  (``who asked not to be named``, ``a source``) anonymous.
"""

from __future__ import annotations

import re

from triangulate.entities import ORG_WORDS, TITLE_WORDS, bare, demonyms, place_names
from triangulate.model import Article
from triangulate.quotes import lexicon as lx
from triangulate.quotes.extract import Attribution
from triangulate.quotes.mentions import (
    ROLE_NOUNS,
    Speaker,
    SpeakerKind,
    describe,
    is_title,
    proper_stems,
    role_head,
    role_key,
    stem,
    strip_det,
)

__all__ = [
    "ROLE_NOUNS",
    "Speaker",
    "SpeakerKind",
    "describe",
    "proper_stems",
    "resolve_speakers",
    "role_head",
    "role_key",
]


def resolve_speakers(article: Article, attributions: list[Attribution]) -> list[Speaker | None]:
    """One speaker per attribution (``None`` where the attribution has no source)."""
    text = article.text
    out: list[Speaker | None] = []
    full_names = _FullNames(text)
    history: list[Speaker] = []
    starts: list[int] = []
    for att in attributions:
        if att.source is None:
            out.append(None)
            continue
        mention = text[att.source.start : att.source.end]
        sp = describe(mention)
        before = text[: att.source.start]
        subject = None
        if mention.strip().lower() in ("he", "she"):
            subject = _previous_subject(article, att.source.start, full_names, history, starts)
        if subject is not None:
            sp = _as(subject, mention, "pronoun")
        else:
            sp = _resolve(sp, mention, history, full_names, before)
            sp = _common_or_place(sp, text, att.source.start)
        out.append(sp)
        history.append(sp)
        starts.append(att.source.start)
    return _cataphora(text, attributions, out)


def _common_or_place(sp: Speaker, text: str, pos: int) -> Speaker:
    """A one-word "person" that is a place (``Russia said``: the state) or a common noun.

    A place is a country or subdivision (pycountry) or a word the article uses after
    ``in``/``to``/``from`` (``in Moscow``); a common noun is a capitalised word that opens
    its sentence and is written in lower case elsewhere in the article (``Town has said``
    beside ``the town would ...``).
    """
    if sp.kind != "person" or len(sp.name.split()) != 1 or sp.role or sp.resolved_from:
        return sp  # a surname resolved to a full name, or a person with a title
    word = sp.name.strip(".,")
    if not word[:1].isupper():
        return sp
    bare_word = word.lower()
    if bare_word in place_names() or re.search(
        rf"\b(?:[Ii]n|[Ff]rom|[Nn]ear|[Aa]t)\s+{re.escape(word)}(?![\w’'])", text
    ):
        return Speaker(sp.name, "organisation", sp.mention, None, sp.handle, "")
    starts_sentence = not text[max(0, pos - 3) : pos].strip(' \n"“”') or text[
        max(0, pos - 3) : pos
    ].rstrip().endswith((".", "!", "?"))
    if starts_sentence and re.search(rf"\b{re.escape(bare_word)}\b", text):
        return Speaker(bare_word, "organisation", sp.mention, None, sp.handle, "")
    return sp


def _previous_subject(
    article: Article,
    pos: int,
    full_names: _FullNames,
    history: list[Speaker],
    starts: list[int],
) -> Speaker | None:
    """The person who is the subject of the sentence before ``pos``'s (``Smith was ... He
    stated``), when that sentence opens with a person's name the article knows."""
    sents = article.sentences
    idx = next((k for k, x in enumerate(sents) if x.start <= pos < x.end), None)
    if idx is None or idx == 0:
        return None
    here = article.text[sents[idx].start : pos]
    if here.strip(' "“”').strip() and not re.fullmatch(r"\W*(?:And|But|Then|So)?\W*", here):
        return None  # the pronoun does not open its sentence
    prev = sents[idx - 1]
    opening = re.match(r"(?:(?:But|And|Still|However|Meanwhile),?\s+)?", article.text[prev.start :])
    subject_at = prev.start + (opening.end() if opening else 0)
    for sp, start in zip(reversed(history), reversed(starts), strict=True):
        if start == subject_at and (
            sp.kind == "person" or (sp.kind == "unknown" and role_head(sp.name) in ROLE_NOUNS)
        ):
            return sp  # "The Russian leader insisted ... He said ..."
        if start < prev.start:
            break
    m = re.match(
        r"(?:(?:But|And|Still|However|Meanwhile),?\s+)?(?:[A-Z][\w’'.-]*\s+(?:[a-z-]+\s+){1,8})?"
        r"((?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'-]*)(?=\s+(?:was|is|had|has|\w+ed|\w+s)\b)",
        article.text[prev.start : prev.end],
    )
    if not m:
        return None
    words = [w for w in m.group(1).split() if not is_title(w)]
    if not words or any(bare(w) in ORG_WORDS for w in words):
        return None
    name = " ".join(words)
    persons = [h.name for h in history if h.kind == "person"]
    found = None
    if len(words) >= 2 and (name in persons or full_names.get(words[-1]) == name):
        found = name
    elif len(words) == 1:
        found = full_names.get(words[0])
        if not found and words[0] in [p.split()[-1] for p in persons]:
            found = next(p for p in reversed(persons) if p.split()[-1] == words[0])
    return Speaker(found, "person", found) if found else None


class _FullNames:
    """``_full_names(text)``, computed on the first look-up (many articles need none)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.names: dict[str, str] | None = None

    def get(self, surname: str) -> str | None:
        if self.names is None:
            self.names = _full_names(self.text)
        return self.names.get(surname)


def _full_names(text: str) -> dict[str, str]:
    """Surname -> full name, for capitalised name pairs in the text (first seen wins).

    Titles and country adjectives before the name are left out (``German Chancellor Olaf
    Scholz`` gives ``Olaf Scholz``).
    """
    found: dict[str, str] = {}
    for m in _CAP_PAIR.finditer(text):
        words = [w.rstrip(".,") for w in m.group(1).split()]
        if words[-1].endswith(("'s", "’s")):
            words[-1] = words[-1][:-2]
        k = len(words)
        while k > 0 and not (
            words[k - 1].endswith(("'s", "’s"))
            or words[k - 1].lower() in ORG_WORDS
            or is_title(words[k - 1])
        ):
            k -= 1
        name = words[k:]
        if len(name) > 3:
            name = name[-3:]
        if len(name) < 2 or name[0].lower() in lx.CLAUSE_OPENERS or name[0] in _NOT_FIRST:
            continue
        if name[0].lower() in demonyms() or not all(_NAME_WORD.fullmatch(w) for w in name):
            continue
        found.setdefault(name[-1], " ".join(name))
    return found


_CAP_PAIR = re.compile(r"\b([A-Z][\w’'\-]+(?:[ ]+[A-Z][\w’'.\-]+)+)")
_NAME_WORD = re.compile(r"[A-Z][a-z’'\-]+")
_NOT_FIRST = frozenset(["The", "A", "An", "In", "On", "At", "If", "For", "With", "By"])


def _cataphora(
    text: str, attributions: list[Attribution], speakers: list[Speaker | None]
) -> list[Speaker | None]:
    """A speaker first named by role or description, then by name later in the article.

    ``Ukraine's foreign minister said ...`` before ``Foreign Minister Dmytro Kuleba``: the
    first later speaker whose role has the same head noun (and no other country);
    ``The Bremen engineering firm that designed ...`` before ``Halvorsen Brückenbau GmbH``:
    the first company name after it. Every later mention resolved to the description
    takes the name too.
    """
    out = list(speakers)
    renamed: dict[str, Speaker] = {}
    for i, sp in enumerate(out):
        if sp is None or attributions[i].source is None:
            continue
        if sp.name in renamed:
            new = renamed[sp.name]
            out[i] = Speaker(new.name, new.kind, sp.mention, new.role, new.handle, "role")
            continue
        if sp.resolved_from or sp.kind not in ("unknown", "organisation"):
            continue
        head = role_head(sp.name)
        target: Speaker | None = None
        if head in ROLE_NOUNS:
            proper = _country_stems(sp.mention)
            for later in out[i + 1 :]:
                if later is None or later.kind != "person" or len(later.name.split()) < 2:
                    continue
                pool = role_key(" ".join(x for x in (later.role or "", later.mention) if x))
                other = _country_stems(later.role or later.mention)
                if stem(head) in pool and not (proper and other and not proper & other):
                    target = later
                    break
        elif head in _COMPANY_NOUNS and not any(w[:1].isupper() for w in sp.name.split()[-1:]):
            src = attributions[i].source
            assert src is not None
            m = _COMPANY_NAME.search(text, src.end)
            if m and m.start() - src.end < 600:
                target = Speaker(m.group(1), "organisation", sp.mention)
        if target is not None:
            renamed[sp.name] = target
            out[i] = Speaker(target.name, target.kind, sp.mention, target.role, None, "role")
    return out


def _country_stems(phrase: str) -> frozenset[str]:
    """Stems of capitalised words that are not titles or institutions (``Ukraine's``)."""
    return frozenset(
        stem(w)
        for w in phrase.split()
        if w[:1].isupper()
        and not is_title(w)
        and bare(w) not in ORG_WORDS
        and bare(w) not in ("the", "a", "an")
    )


_COMPANY_NOUNS = frozenset(["firm", "company", "group", "manufacturer", "maker", "contractor"])
_COMPANY_NAME = re.compile(
    r"\b((?:[A-Z][\w’'\-]*\s+){1,4}(?:GmbH|Inc|Ltd|AG|Corp|Corporation|Company|LLC|plc|SA)\b\.?)"
)


_NAME_MENTION = re.compile(
    r"\b((?!The\b|A\b|An\b|In\b|On\b|At\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\b(?=,\s+(?:a|an|the|who)\b|\s+(?:said|says|told|cautioned|warned|added|who)\b)"
)


def _named_people(text: str) -> list[str]:
    """Person-like names in ``text`` (institution words excluded, titles stripped), in order."""
    out = []
    for m in _NAME_MENTION.finditer(text):
        words = m.group(1).split()
        if any(w.lower() in ORG_WORDS for w in words):
            continue
        while len(words) > 2 and words[0].lower() in TITLE_WORDS:
            words = words[1:]
        if words[0].lower() in TITLE_WORDS:
            continue
        out.append(" ".join(words))
    return out


#: Role nouns that stand for an institution ("the company said").
_ORG_ROLES = frozenset(
    [
        "company",
        "firm",
        "agency",
        "ministry",
        "department",
        "government",
        "council",
        "authority",
        "service",
        "group",
    ]
)
_ORG_NAME = re.compile(
    r"\b((?:[A-Z][\w’'\-]*\s+){0,4}(?:GmbH|Inc|Ltd|AG|Corp|Company|Group|Ministry|Agency|"
    r"Authority|Council|Service|Department)\b(?:\s+of(?:\s+[A-Z][\w’'\-]*)+)?)"
)


def _resolve(
    sp: Speaker, mention: str, history: list[Speaker], full_names: _FullNames, before: str
) -> Speaker:
    word = mention.strip().lower()
    if word == "who":
        named = _named_people(before[-300:])
        if named:
            return Speaker(named[-1], "person", mention, None, None, "relative")
        for prev in reversed(history):
            return _as(prev, mention, "relative")
        return sp
    if word in ("he", "she", "i"):
        named = _named_people(before[-600:])
        for prev in reversed(history):
            if prev.kind == "person":
                last = named[-1] if named else None
                if last and last not in prev.name and prev.name not in before[-300:]:
                    return Speaker(last, "person", mention, None, None, "pronoun")
                return _as(prev, mention, "pronoun")
        if named:
            return Speaker(named[-1], "person", mention, None, None, "pronoun")
        return sp
    if word == "it":
        for prev in reversed(history):
            if prev.kind == "organisation":
                return _as(prev, mention, "pronoun")
        return sp
    if word in ("they", "we"):
        for prev in reversed(history):
            if prev.kind in ("group", "organisation"):
                return _as(prev, mention, "pronoun")
        return sp
    if sp.kind == "person" and len(sp.name.split()) == 1:
        surname = sp.name
        for prev in reversed(history):
            if prev.kind == "person" and prev.name.split()[-1] == surname and prev.name != surname:
                return _as(prev, mention, "surname")
        full = full_names.get(surname)
        if full and full != surname:
            return Speaker(full, "person", mention, sp.role, sp.handle, "surname")
        return sp
    head_word = mention.strip().split()[-1].lower() if mention.strip() else ""
    if head_word in _ORG_ROLES and re.match(r"^(?:the|this|that)\s+\w+$", mention.strip(), re.I):
        for prev in reversed(history):
            if prev.kind == "organisation" and prev.name.lower() not in ("company", "firm"):
                return _as(prev, mention, "role")
        orgs = list(_ORG_NAME.finditer(before))
        if orgs:
            return Speaker(orgs[-1].group(1), "organisation", mention, None, None, "role")
    if sp.kind in ("unknown", "organisation", "anonymous", "group") and re.match(
        r"^(?:the|this|that)\s", mention.strip(), re.IGNORECASE
    ):
        key = role_key(strip_det(mention))
        proper = any(w[:1].isupper() for w in strip_det(mention).split())
        if key and not (proper and sp.kind == "organisation"):
            person_role = mention.split()[-1].lower() in TITLE_WORDS
            for prev in reversed(history):
                if person_role and prev.kind != "person":
                    continue
                pool = role_key(
                    " ".join(p for p in (prev.role or "", prev.name, prev.mention) if p)
                )
                head = stem(role_head(strip_det(mention)))
                if head not in pool:
                    continue  # "the Russian leader" is not "Russia": the role noun must match
                if key <= pool or (len(key) >= 2 and len(key & pool) >= len(key) - 1):
                    titled = _titled_name_after(before, mention, prev.name)
                    if titled is not None:
                        return Speaker(titled, "person", mention, None, None, "role")
                    return _as(prev, mention, "role")
    return sp


def _titled_name_after(before: str, mention: str, speaker: str) -> str | None:
    """A person named with the mention's title after ``speaker`` was last named.

    ``... to meet Foreign Minister Sergey Lavrov ... The foreign minister argued``: the
    latest ``Title First Last`` with the mention's words is nearer than the earlier
    speaker (``Foreign Minister Dmytro Kuleba``), so it is the one meant.
    """
    words = [w for w in strip_det(mention).split() if w.lower() not in ("of", "the")]
    if (
        not words
        or role_head(" ".join(words)) not in ROLE_NOUNS
        or any(w[:1].isupper() for w in words)
    ):
        return None
    title = r"\s+".join(w.capitalize() for w in words)
    last = None
    for m in re.finditer(title + r"\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})", before):
        last = m
    if last is None:
        return None
    name = last.group(1)
    where_speaker = before.rfind(speaker.split()[-1])
    if name == speaker or name.split()[-1] in speaker or last.start() < where_speaker:
        return None
    return name


def _as(prev: Speaker, mention: str, how: str) -> Speaker:
    return Speaker(prev.name, prev.kind, mention, prev.role, prev.handle, how)
