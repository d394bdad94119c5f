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
from dataclasses import dataclass
from typing import Literal

from triangulate.entities import ORG_WORDS, TITLE_WORDS, bare
from triangulate.model import Article
from triangulate.quotes import lexicon as lx
from triangulate.quotes.extract import Attribution

SpeakerKind = Literal["person", "organisation", "group", "anonymous", "unknown"]


@dataclass(frozen=True)
class Speaker:
    """A speaker as one article presents it.

    ``name`` is the canonical form within the article (full name for people, the
    institution's name, or the descriptive phrase for groups and anonymous sources);
    ``mention`` the words at the cue; ``role`` a title or apposition when one is given;
    ``resolved_from`` says how a pronoun or surname was resolved (``pronoun``,
    ``surname``, ``role``) or is empty when the mention names the speaker itself.
    """

    name: str
    kind: SpeakerKind
    mention: str
    role: str | None = None
    handle: str | None = None
    resolved_from: str = ""


_HANDLE = re.compile(r"\s*\((@\w+)\)\s*$")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w’'\-]*\.?|[A-Z]\.)$")
_GROUP_HEADS = frozenset(
    [
        "officials",
        "sources",
        "engineers",
        "experts",
        "analysts",
        "witnesses",
        "residents",
        "authorities",
        "media",
        "investigators",
        "diplomats",
        "lawmakers",
        "critics",
        "supporters",
        "people",
        "leaders",
        "members",
        "police",
        "observers",
        "economists",
        "scientists",
        "researchers",
        "activists",
        "protesters",
        "voters",
    ]
)
_ANON_SINGULAR = re.compile(
    r"^(?:an?|one|another)\s+(?:[\w.\-]+\s+){0,4}(?:source|official|engineer|person|diplomat|"
    r"officer|aide|adviser|advisor|insider|employee|staffer|member)\b",
    re.IGNORECASE,
)


def _split_apposition(mention: str) -> tuple[str, str | None]:
    if "," not in mention:
        return mention.strip(), None
    head, rest = mention.split(",", 1)
    return head.strip(), rest.strip().rstrip(",") or None


def _name_and_role(head: str) -> tuple[str | None, str | None]:
    """Trailing run of capitalised name words (2+, not institution words) and the words before."""
    words = head.split()
    i = len(words)
    while (
        i > 0
        and _NAME_TOKEN.match(words[i - 1])
        and words[i - 1].strip(".").lower() not in ORG_WORDS
    ):
        if words[i - 1].rstrip(".").lower() in TITLE_WORDS:
            break
        i -= 1
    name_words = words[i:]
    if not name_words:
        return None, head or None
    role = " ".join(words[:i]) or None
    return " ".join(name_words), role


def describe(mention: str) -> Speaker:
    """The speaker a mention names by itself, before any resolution."""
    text = mention.strip()
    handle = None
    m = _HANDLE.search(text)
    if m:
        handle = m.group(1)
        text = text[: m.start()].strip()
    head, appo = _split_apposition(text)
    if (
        appo
        and re.fullmatch(r"(?:[A-Z][\w’'.\-]*\s+){1,3}[A-Z][\w’'\-]*", appo)
        and not any(w.lower() in ORG_WORDS for w in appo.split())
    ):
        # "the ministry's chief spokesman, Igor Konashenkov"
        head, appo = appo, head
    rel = re.search(r"\s(?:that|who|which)\s", head)
    if rel:
        appo = _join(head[rel.start() :].strip(), appo)
        head = head[: rel.start()].strip()
    lower = text.lower()
    anonymous = any(marker in lower for marker in lx.ANONYMOUS_MARKERS) or bool(
        _ANON_SINGULAR.match(head)
    )
    head_words = head.split()
    last = head_words[-1].lower().strip(".,") if head_words else ""
    if last in lx.PRONOUNS:
        return Speaker(name=head, kind="unknown", mention=mention)
    has_org = any(bare(w) in ORG_WORDS for w in head_words)
    name, role = _name_and_role(head)
    if name is not None and len(name.split()) >= 2:
        return Speaker(
            name=name, kind="person", mention=mention, role=_join(role, appo), handle=handle
        )
    if name is not None and len(name.split()) == 1 and not has_org and role is None:
        # a lone surname or mononym; resolved against the article later
        return Speaker(name=name, kind="person", mention=mention, role=appo, handle=handle)
    if (
        name is not None
        and len(name.split()) == 1
        and not has_org
        and role is not None
        and (
            role.split()[-1].lower() in TITLE_WORDS or role.split()[-1].lower() in lx.SPEAKER_WORDS
        )
    ):
        return Speaker(name=name, kind="person", mention=mention, role=role, handle=handle)
    if anonymous:
        return Speaker(name=_strip_det(head), kind="anonymous", mention=mention, role=appo)
    if has_org or last in ORG_WORDS:
        return Speaker(name=_strip_det(head), kind="organisation", mention=mention, role=appo)
    if last in _GROUP_HEADS or (last.endswith("s") and not head[:1].isupper()):
        return Speaker(name=_strip_det(head), kind="group", mention=mention, role=appo)
    return Speaker(name=_strip_det(head), kind="unknown", mention=mention, role=appo)


def _join(a: str | None, b: str | None) -> str | None:
    parts = [p for p in (a, b) if p]
    return ", ".join(parts) if parts else None


def _strip_det(phrase: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)


def _stem(word: str) -> str:
    """First five letters ('Ukraine's' = 'Ukrainian'), but 'minister' is not 'ministry'."""
    w = re.sub(r"(?:['’]s)$", "", word.lower().strip(".,"))
    if w.startswith("minist"):
        return "ministry" if w.startswith("ministr") else "minister"
    return w[:5]


def proper_stems(phrase: str) -> frozenset[str]:
    """Stems of the capitalised words of a phrase (countries, institutions)."""
    return frozenset(_stem(w) for w in phrase.split() if w[:1].isupper())


def role_key(phrase: str) -> frozenset[str]:
    """Content words of a role, stemmed so that 'Ukraine's' matches 'Ukrainian'."""
    stop = {"the", "a", "an", "of", "for", "at", "and", "in", "on", "to"}
    return frozenset(_stem(w) for w in phrase.split() if w.lower() not in stop and len(w) > 1)


def resolve_speakers(article: Article, attributions: list[Attribution]) -> list[Speaker | None]:
    """One speaker per attribution (``None`` where the attribution has no source)."""
    text = article.text
    out: list[Speaker | None] = []
    full_names = _full_names(text)
    history: list[Speaker] = []
    for att in attributions:
        if att.source is None:
            out.append(None)
            continue
        mention = text[att.source.start : att.source.end]
        sp = describe(mention)
        sp = _resolve(sp, mention, history, full_names, text[: att.source.start])
        out.append(sp)
        history.append(sp)
    return out


def _full_names(text: str) -> dict[str, str]:
    """Surname -> full name, for capitalised name pairs in the text (first seen wins)."""
    found: dict[str, str] = {}
    for m in re.finditer(r"\b([A-Z][a-z’'\-]+(?:\s+[A-Z][a-z’'\-]+){1,2})\b", text):
        words = m.group(1).split()
        if any(w.lower() in ORG_WORDS or w.lower() in TITLE_WORDS for w in words):
            continue
        if words[0].lower() in lx.CLAUSE_OPENERS or words[0] in (
            "The",
            "A",
            "An",
            "In",
            "On",
            "At",
        ):
            continue
        found.setdefault(words[-1], " ".join(words))
    return found


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
    sp: Speaker, mention: str, history: list[Speaker], full_names: dict[str, str], before: str
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
        key = role_key(_strip_det(mention))
        proper = any(w[:1].isupper() for w in _strip_det(mention).split())
        if key and not (proper and sp.kind == "organisation"):
            person_role = mention.split()[-1].lower() in TITLE_WORDS
            for prev in reversed(history):
                if person_role and prev.kind != "person":
                    continue
                pool = role_key(
                    " ".join(p for p in (prev.role or "", prev.name, prev.mention) if p)
                )
                if key <= pool or (len(key) >= 2 and len(key & pool) >= len(key) - 1):
                    return _as(prev, mention, "role")
    return sp


def _as(prev: Speaker, mention: str, how: str) -> Speaker:
    return Speaker(prev.name, prev.kind, mention, prev.role, prev.handle, how)
