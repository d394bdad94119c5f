"""What one speaker mention names by itself, before anything else in the article is read.

``describe(mention)`` splits a mention into name and role (``Ukrainian Foreign Minister
Dmytro Kuleba`` -> ``Dmytro Kuleba``, role ``Ukrainian Foreign Minister``; hyphenated
titles such as ``Secretary-General`` are titles), and gives its kind: institutions
(``the Kremlin``) are organisations, plural nominals (``U.S. officials``) groups, a role
noun (``the Russian Defense Ministry spokesman``) a person known by role, sources the text
calls unnamed anonymous. ``role_key``/``proper_stems``/``role_head`` compare roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from triangulate.entities import ORG_WORDS, TITLE_WORDS, bare
from triangulate.quotes import lexicon as lx

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
        if is_title(words[i - 1]):
            break
        i -= 1
    name_words = words[i:]
    if not name_words:
        return None, head or None
    role = " ".join(words[:i]) or None
    return " ".join(name_words), role


def is_title(word: str) -> bool:
    """A title word, also hyphenated (``Secretary-General``, ``Vice-President``)."""
    w = word.rstrip(".").lower()
    return w in TITLE_WORDS or (
        "-" in w and all(part in TITLE_WORDS or part == "general" for part in w.split("-"))
    )


#: Head nouns that make a mention a person known by role ("the ministry's spokesman").
ROLE_NOUNS = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "envoy",
        "minister",
        "chief",
        "ambassador",
        "secretary",
        "president",
        "director",
        "head",
        "leader",
        "commander",
        "adviser",
        "advisor",
        "aide",
        "lawyer",
        "attorney",
        "governor",
        "mayor",
        "chairman",
        "chairwoman",
        "pm",
        "premier",
        "chancellor",
        "diplomat",
        "prosecutor",
        "judge",
        "officer",
        "representative",
        "senator",
        "deputy",
    ]
)


def role_head(phrase: str) -> str:
    """The head noun of a nominal phrase: the last word before ``of``/``to``/``for``/``in``."""
    words: list[str] = []
    for w in phrase.split():
        if w.lower() in ("of", "to", "for", "in", "at", "on", "from", "with") and words:
            break
        words.append(w)
    return bare(words[-1]) if words else ""


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
        return Speaker(name=strip_det(head), kind="anonymous", mention=mention, role=appo)
    if last in _GROUP_HEADS:
        return Speaker(name=strip_det(head), kind="group", mention=mention, role=appo)
    if role_head(head) in ROLE_NOUNS:
        # "Russian Defense Ministry spokesman", "a Russian envoy to the European Union"
        return Speaker(name=strip_det(head), kind="unknown", mention=mention, role=head)
    if has_org or last in ORG_WORDS:
        return Speaker(name=strip_det(head), kind="organisation", mention=mention, role=appo)
    if last in _GROUP_HEADS or (last.endswith("s") and not head[:1].isupper()):
        return Speaker(name=strip_det(head), kind="group", mention=mention, role=appo)
    return Speaker(name=strip_det(head), kind="unknown", mention=mention, role=appo)


def _join(a: str | None, b: str | None) -> str | None:
    parts = [p for p in (a, b) if p]
    return ", ".join(parts) if parts else None


def strip_det(phrase: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE)


def stem(word: str) -> str:
    """First five letters ('Ukraine's' = 'Ukrainian'), but 'minister' is not 'ministry'."""
    w = re.sub(r"(?:['’]s)$", "", word.lower().strip(".,"))
    if w.startswith("minist"):
        return "ministry" if w.startswith("ministr") else "minister"
    return w[:5]


def proper_stems(phrase: str) -> frozenset[str]:
    """Stems of the capitalised words of a phrase (countries, institutions)."""
    return frozenset(stem(w) for w in phrase.split() if w[:1].isupper())


def role_key(phrase: str) -> frozenset[str]:
    """Content words of a role, stemmed so that 'Ukraine's' matches 'Ukrainian'."""
    stop = {"the", "a", "an", "of", "for", "at", "and", "in", "on", "to"}
    return frozenset(stem(w) for w in phrase.split() if w.lower() not in stop and len(w) > 1)
