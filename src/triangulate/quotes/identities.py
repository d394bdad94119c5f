"""One identity per speaker across a story's articles.

``canonical_speakers`` clusters the per-article speakers: the same full name (also
spelt one letter apart: ``Sergei``/``Sergey Lavrov``), a surname joining the one full name
with that surname, an institution named by common nouns joining the one named institution
that has those words, a role-only mention joining the one person whose role has the same
words. ``weak_body`` / ``group_speaker`` help ``utterances`` link institutions named by
common nouns across outlets and name an utterance's speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from triangulate.quotes.speakers import Speaker, proper_stems, role_key


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def canonical_speakers(speakers: Sequence[Speaker | None]) -> list[int | None]:
    """Cluster index per speaker: same person across articles gets one index."""
    spelling = _spelling_variants(speakers)
    keys: list[str | None] = []
    for sp in speakers:
        keys.append(None if sp is None else spelling.get(_speaker_key(sp), _speaker_key(sp)))
    uf = UnionFind(len(speakers))
    full_by_surname: dict[str, set[str]] = {}
    for sp in speakers:
        if sp is not None and sp.kind == "person" and len(sp.name.split()) >= 2:
            full_key = spelling.get(_speaker_key(sp), _speaker_key(sp))
            full_by_surname.setdefault(sp.name.split()[-1].lower(), set()).add(full_key[7:])
    by_key: dict[str, int] = {}
    for i, (sp, key) in enumerate(zip(speakers, keys, strict=True)):
        if sp is None or key is None:
            continue
        if sp.kind == "person" and len(sp.name.split()) == 1:
            fulls = full_by_surname.get(sp.name.lower(), set())
            if len(fulls) == 1:
                key = "person:" + next(iter(fulls))
        if key in by_key:
            uf.union(by_key[key], i)
        else:
            by_key[key] = i
    # an institution named by its common-noun words ("the fire service") joins the one
    # named institution that has those words ("Kestrel Bay Fire and Rescue")
    orgs = [
        (i, sp) for i, sp in enumerate(speakers) if sp is not None and sp.kind == "organisation"
    ]
    for i, sp in orgs:
        specific = _specific_words(sp.mention)
        if not specific:
            continue
        hits = {
            uf.find(j)
            for j, other in orgs
            if j != i
            and other.name[:1].isupper()
            and specific <= _words_of(other.name)
            and _words_of(other.name) != specific
        }
        if len(hits) == 1:
            uf.union(next(iter(hits)), i)
    # role-only mentions join the one person whose role has the same words
    persons = [(i, sp) for i, sp in enumerate(speakers) if sp is not None and sp.kind == "person"]
    for i, sp in enumerate(speakers):
        if sp is None or sp.kind == "person":
            continue
        key_words = role_key(sp.name)
        head = sp.name.split()[-1].lower() if sp.name.split() else ""
        if len(key_words) < 2 or head not in _PERSON_ROLES:
            continue
        proper = proper_stems(sp.mention)
        hits = set()
        for j, p in persons:
            if not p.role:
                continue
            missing = key_words - (role_key(p.role) | role_key(p.name))
            # one generic word may differ ("the city's fire and rescue chief"), never a
            # capitalised one ("Ukraine's foreign minister" is not Russia's)
            if len(missing) <= 1 and not (missing & proper):
                hits.add(uf.find(j))
        if len(hits) == 1:
            uf.union(next(iter(hits)), i)
    roots: dict[int, int] = {}
    out: list[int | None] = []
    for i, sp in enumerate(speakers):
        if sp is None:
            out.append(None)
            continue
        r = uf.find(i)
        out.append(roots.setdefault(r, len(roots)))
    return out


def canonical_name(speakers: Sequence[Speaker]) -> str:
    """The name a story gives one identity: a person's fullest name, else the fullest
    name of the institution or group (``Kestrel Bay Fire and Rescue``, not ``fire
    service``); the first of equally full names."""
    persons = [s for s in speakers if s.kind == "person"]
    pool = persons or list(speakers)
    return max(pool, key=lambda s: (len(s.name.split()), -pool.index(s))).name


def story_names(speakers: Sequence[Speaker | None]) -> list[str | None]:
    """Each speaker's name as the whole story knows it (``canonical_speakers`` clusters,
    each named by ``canonical_name``); ``None`` for ``None``."""
    ids = canonical_speakers(speakers)
    members: dict[int, list[Speaker]] = {}
    for sp, sid in zip(speakers, ids, strict=True):
        if sp is not None and sid is not None:
            members.setdefault(sid, []).append(sp)
    names = {sid: canonical_name(sps) for sid, sps in members.items()}
    return [
        None if sp is None else names[sid] if sid is not None else sp.name
        for sp, sid in zip(speakers, ids, strict=True)
    ]


def _spelling_variants(speakers: Sequence[Speaker | None]) -> dict[str, str]:
    """Person keys that are transliteration variants of an earlier one -> that key.

    ``Sergei Lavrov`` / ``Sergey Lavrov``, ``Zelensky`` / ``Zelenskyy``: the same number of
    name words, the same last name or first name, and the other differing by one letter
    (both at least four letters long).
    """
    out: dict[str, str] = {}
    seen: list[list[str]] = []
    for sp in speakers:
        if sp is None or sp.kind != "person" or len(sp.name.split()) < 2:
            continue
        words = sp.name.lower().split()
        key = "person:" + " ".join(words)
        if key in out or words in seen:
            continue
        for other in seen:
            if len(other) != len(words) or other[1:-1] != words[1:-1]:
                continue
            same_first, same_last = other[0] == words[0], other[-1] == words[-1]
            if (same_last and _one_letter_apart(other[0], words[0])) or (
                same_first and _one_letter_apart(other[-1], words[-1])
            ):
                out[key] = "person:" + " ".join(other)
                break
        else:
            seen.append(words)
    return out


def _one_letter_apart(a: str, b: str) -> bool:
    """One substitution, insertion or deletion apart (both words at least four letters)."""
    if a == b or min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _words_of(name: str) -> frozenset[str]:
    return frozenset(w.lower().strip(".,’'") for w in name.split())


def _specific_words(mention: str) -> frozenset[str]:
    """Lower-case words of a mention that are not determiners or generic institution words."""
    from triangulate.entities import ORG_WORDS

    return frozenset(
        w.strip(".,’'")
        for w in mention.split()
        if w[:1].islower() and w not in ("the", "a", "an", "of", "and") and w not in ORG_WORDS
    )


_PERSON_ROLES = frozenset(
    [
        "chief",
        "minister",
        "mayor",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "engineer",
        "president",
        "director",
        "secretary",
        "governor",
        "councillor",
        "councilor",
        "official",
        "head",
        "leader",
        "commander",
        "ambassador",
    ]
)


def _speaker_key(sp: Speaker) -> str:
    if sp.kind == "person":
        return "person:" + sp.name.lower()
    return "body:" + re.sub(r"^(?:the|a|an)\s+", "", sp.name.lower())


def weak_body(sp: Speaker | None) -> bool:
    """An institution or group named only by common nouns (``the city``, ``town``)."""
    return (
        sp is not None
        and sp.kind == "organisation"
        and not sp.resolved_from
        and not any(w[:1].isupper() for w in _strip_det_words(sp.name))
        and role_head_is_not_person(sp.name)
    )


def institution(sp: Speaker | None) -> bool:
    """A speaker that is an institution (not a person, a group or an anonymous source)."""
    return sp is not None and sp.kind == "organisation" and role_head_is_not_person(sp.name)


def role_head_is_not_person(name: str) -> bool:
    from triangulate.quotes.speakers import ROLE_NOUNS, role_head

    return role_head(name) not in ROLE_NOUNS


def _strip_det_words(name: str) -> list[str]:
    words = name.split()
    return words[1:] if words and words[0].lower() in ("the", "a", "an") else words


def group_speaker(members: list[tuple[int | None, Speaker | None]]) -> int | None:
    """The canonical speaker of an utterance: the most frequent, named before descriptive."""
    counts: dict[int, int] = {}
    named: dict[int, bool] = {}
    order: list[int] = []
    for sid, sp in members:
        if sid is None:
            continue
        if sid not in counts:
            order.append(sid)
        counts[sid] = counts.get(sid, 0) + 1
        named[sid] = named.get(sid, False) or not weak_body(sp)
    if not order:
        return None
    return max(order, key=lambda x: (named[x], counts[x], -order.index(x)))
