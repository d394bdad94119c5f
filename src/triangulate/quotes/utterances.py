"""Across a story: one canonical speaker per person, statements grouped into utterances.

An *utterance* is one thing said once, as several outlets render it: quoted in full,
quoted in part, turned into reported speech, translated or reworded. ``group_utterances``

1. gives every speaker one canonical identity across the story (full names merge with
   surnames and with mentions that share the name; role-only mentions such as ``the city's
   fire and rescue chief`` join the person whose role has the same words);
2. links two attributions of the same speaker whose contents say the same thing —
   content-word overlap (stems), or embedding similarity when an ``Embedder`` is given —
   and two attributions of any speakers whose contents are near-identical (a copied
   sentence whose attribution was reworded); linked attributions form one utterance;
3. lists, per utterance, each rendering with its outlet and provenance family, and the
   wording differences that change meaning: a number one rendering has and another
   lacks, a negation, a hedge, a different addressee.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from triangulate.embed import Embedder
from triangulate.model import Article
from triangulate.quotes import lexicon as lx
from triangulate.quotes.extract import Attribution
from triangulate.quotes.speakers import (
    Speaker,
    SpeakerKind,
    proper_stems,
    resolve_speakers,
    role_key,
)

DifferenceKind = Literal["number", "negation", "hedge", "addressee"]

#: Content-word overlap (share of the shorter rendering's stems) that links two renderings.
LEXICAL_LINK = 0.5
#: Cosine similarity of embeddings that links two renderings of one speaker.
EMBED_LINK = 0.75
#: Jaccard overlap that links renderings even when their speakers were not matched.
COPY_LINK = 0.7

_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "that",
        "this",
        "it",
        "is",
        "was",
        "were",
        "be",
        "been",
        "had",
        "has",
        "have",
        "will",
        "would",
        "as",
        "its",
        "their",
        "his",
        "her",
        "they",
        "we",
        "i",
        "you",
        "he",
        "she",
        "there",
        "which",
        "who",
        "what",
        "when",
        "not",
        "no",
        "so",
        "than",
        "then",
        "into",
        "over",
        "out",
        "up",
        "about",
        "just",
        "also",
        "all",
        "any",
        "every",
        "each",
    ]
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20,
    "twenty-one": 21, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip


@dataclass(frozen=True)
class CanonicalSpeaker:
    """One speaker across the story."""

    id: str
    name: str
    kind: SpeakerKind
    role: str | None
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class Rendering:
    """One article's rendering of an utterance."""

    article_id: str
    outlet: str | None
    family: str | None
    attribution: Attribution
    speaker_mention: str
    text: str
    direct: bool
    #: whom the statement was addressed to, when the cue names it ("told MBC News")
    addressee: str | None = None


@dataclass(frozen=True)
class Difference:
    """A wording difference that changes meaning, in one rendering."""

    kind: DifferenceKind
    article_id: str
    detail: str


@dataclass(frozen=True)
class Utterance:
    id: str
    speaker: CanonicalSpeaker
    renderings: tuple[Rendering, ...]
    outlets: tuple[str, ...]
    #: distinct provenance families among the renderings (None when no families given)
    independent_origins: int | None
    differences: tuple[Difference, ...]


def stems(text: str) -> frozenset[str]:
    """Content-word stems (first six letters); number words become digits."""
    words = re.findall(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", text.lower())
    out = set()
    for w in words:
        if w in _NUMBER_WORDS:
            out.add(str(_NUMBER_WORDS[w]))
        elif w not in _STOP and len(w) > 1:
            out.add(w[:6])
    return frozenset(out)


def numbers_in(text: str) -> frozenset[float]:
    out: set[float] = set()
    for m in re.finditer(r"\d+(?:[.,]\d+)?", text):
        try:
            out.add(float(m.group().replace(",", "")))
        except ValueError:  # pragma: no cover - the pattern only matches numbers
            continue
    for w in re.findall(r"[a-z]+(?:-[a-z]+)?", text.lower()):
        if w in _NUMBER_WORDS:
            out.add(float(_NUMBER_WORDS[w]))
    return frozenset(out)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


class _UnionFind:
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
    uf = _UnionFind(len(speakers))
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


def group_utterances(
    articles: Sequence[Article],
    attributions_by_article: Mapping[str, Sequence[Attribution]],
    families: Mapping[str, str] | None = None,
    *,
    embedder: Embedder | None = None,
) -> list[Utterance]:
    """Utterances of a story, most widely carried first (ties by first appearance)."""
    items: list[tuple[Article, Attribution, Speaker | None]] = []
    for art in articles:
        atts = list(attributions_by_article.get(art.id, ()))
        for att, sp in zip(atts, resolve_speakers(art, atts), strict=True):
            items.append((art, att, sp))
    if not items:
        return []
    speaker_ids = canonical_speakers([sp for _, _, sp in items])
    texts = [att.text_of(art.text) for art, att, _ in items]
    uf = _UnionFind(len(items))
    # one statement unit per speaker and sentence ("said X and promised Y": two clauses)
    unit_of: dict[tuple[str, int, int], int] = {}
    for i, (art, att, _) in enumerate(items):
        sid = speaker_ids[i]
        if sid is None:
            continue
        key = (art.id, att.sentence, sid)
        if key in unit_of:
            uf.union(unit_of[key], i)
        else:
            unit_of[key] = i
    members: dict[int, list[int]] = {}
    for i in range(len(items)):
        members.setdefault(uf.find(i), []).append(i)
    units = list(members.values())
    unit_texts = [" ".join(texts[k] for k in unit) for unit in units]
    bags = [stems(t) for t in unit_texts]
    att_bags = [stems(t) for t in texts]
    unit_speaker = [speaker_ids[unit[0]] for unit in units]
    unit_weak = [_weak_body(items[unit[0]][2]) for unit in units]
    unit_body = [_body(items[unit[0]][2]) for unit in units]
    unit_article = [items[unit[0]][0].id for unit in units]
    vectors = embedder.encode(unit_texts) if embedder is not None else None
    for a in range(len(units)):
        for b in range(a + 1, len(units)):
            if unit_article[a] == unit_article[b] and unit_speaker[a] != unit_speaker[b]:
                continue
            jac = len(bags[a] & bags[b]) / max(1, len(bags[a] | bags[b]))
            linked = jac >= COPY_LINK and min(len(bags[a]), len(bags[b])) >= 3
            if not linked and unit_speaker[a] is not None and unit_speaker[a] == unit_speaker[b]:
                linked = _overlap(bags[a], bags[b]) >= LEXICAL_LINK
                if not linked and vectors is not None:
                    linked = float(np.dot(vectors[a], vectors[b])) >= EMBED_LINK
            if (
                not linked
                and unit_speaker[a] != unit_speaker[b]
                and unit_article[a] != unit_article[b]
                and unit_body[a]
                and unit_body[b]
                and (unit_weak[a] or unit_weak[b])
            ):
                # an institution named by common nouns in one outlet and otherwise in
                # another ("Town has said" / "The city has said"): the same statement
                # links it, with several shared words
                shared = len(bags[a] & bags[b])
                linked = shared >= 3 and _overlap(bags[a], bags[b]) >= LEXICAL_LINK
                if not linked and vectors is not None:
                    linked = float(np.dot(vectors[a], vectors[b])) >= EMBED_LINK
            if not linked and unit_speaker[a] is not None and unit_speaker[a] == unit_speaker[b]:
                # one clause of a unit may render the other statement on its own
                linked = any(
                    min(len(att_bags[i]), len(att_bags[j])) >= 4
                    and _overlap(att_bags[i], att_bags[j]) >= LEXICAL_LINK
                    for i in units[a]
                    for j in units[b]
                )
            if linked:
                uf.union(units[a][0], units[b][0])
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(uf.find(i), []).append(i)
    speakers_out = _canonical_objects(items, speaker_ids)
    out: list[Utterance] = []
    for group in groups.values():
        renderings = tuple(
            Rendering(
                article_id=items[k][0].id,
                outlet=items[k][0].outlet,
                family=(families or {}).get(items[k][0].id),
                attribution=items[k][1],
                speaker_mention=items[k][1].source_text(items[k][0].text),
                text=texts[k],
                direct=items[k][1].direct,
                addressee=addressee_of(items[k][0].text, items[k][1]),
            )
            for k in group
        )
        sid = _group_speaker([(speaker_ids[k], items[k][2]) for k in group])
        speaker = speakers_out[sid] if sid is not None else _UNKNOWN
        outlets = tuple(dict.fromkeys(r.outlet or r.article_id for r in renderings))
        origins = (
            len({r.family or r.article_id for r in renderings}) if families is not None else None
        )
        ident = hashlib.sha256(
            "|".join(f"{r.article_id}:{r.attribution.index}" for r in renderings).encode()
        ).hexdigest()[:12]
        out.append(
            Utterance(
                id=f"u-{ident}",
                speaker=speaker,
                renderings=renderings,
                outlets=outlets,
                independent_origins=origins,
                differences=tuple(differences(renderings)),
            )
        )
    out.sort(key=lambda u: (-len(u.outlets), min(_order(items, r) for r in u.renderings)))
    return out


def _weak_body(sp: Speaker | None) -> bool:
    """An institution or group named only by common nouns (``the city``, ``town``)."""
    return (
        sp is not None
        and sp.kind == "organisation"
        and not sp.resolved_from
        and not any(w[:1].isupper() for w in _strip_det_words(sp.name))
        and role_head_is_not_person(sp.name)
    )


def _body(sp: Speaker | None) -> bool:
    """A speaker that is an institution (not a person, a group or an anonymous source)."""
    return sp is not None and sp.kind == "organisation" and role_head_is_not_person(sp.name)


def role_head_is_not_person(name: str) -> bool:
    from triangulate.quotes.speakers import ROLE_NOUNS, role_head

    return role_head(name) not in ROLE_NOUNS


def _strip_det_words(name: str) -> list[str]:
    words = name.split()
    return words[1:] if words and words[0].lower() in ("the", "a", "an") else words


def _group_speaker(members: list[tuple[int | None, Speaker | None]]) -> int | None:
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
        named[sid] = named.get(sid, False) or not _weak_body(sp)
    if not order:
        return None
    return max(order, key=lambda x: (named[x], counts[x], -order.index(x)))


_UNKNOWN = CanonicalSpeaker(
    id="s-unknown", name="(unattributed)", kind="unknown", role=None, mentions=()
)


def _order(items: list[tuple[Article, Attribution, Speaker | None]], r: Rendering) -> int:
    for k, (art, att, _) in enumerate(items):
        if art.id == r.article_id and att.index == r.attribution.index:
            return k
    return len(items)


def _same_paragraph(article: Article, a: Attribution, b: Attribution) -> bool:
    lo, hi = sorted((a.content[0].start, b.content[0].start))
    return "\n\n" not in article.text[lo:hi]


def _canonical_objects(
    items: list[tuple[Article, Attribution, Speaker | None]], speaker_ids: list[int | None]
) -> dict[int, CanonicalSpeaker]:
    members: dict[int, list[Speaker]] = {}
    for (_, _, sp), sid in zip(items, speaker_ids, strict=True):
        if sp is not None and sid is not None:
            members.setdefault(sid, []).append(sp)
    out: dict[int, CanonicalSpeaker] = {}
    for sid, sps in members.items():
        persons = [s for s in sps if s.kind == "person"]
        pool = persons or sps
        name = max(pool, key=lambda s: (len(s.name.split()), -pool.index(s))).name
        roles = [s.role for s in pool if s.role]
        kind = persons[0].kind if persons else sps[0].kind
        out[sid] = CanonicalSpeaker(
            id="s-" + hashlib.sha256(name.lower().encode()).hexdigest()[:10],
            name=name,
            kind=kind,
            role=min(roles, key=len) if roles else None,
            mentions=tuple(dict.fromkeys(s.mention for s in sps)),
        )
    return out


def differences(renderings: Sequence[Rendering]) -> list[Difference]:
    """Meaning-changing differences between renderings of one utterance in different articles.

    - *number*: two renderings both give figures and neither set contains the other;
    - *negation*: one rendering negates (not, no, never, n't ...) and another does not;
    - *hedge*: one rendering hedges (may, could, about, likely ...) and another does not;
    - *addressee*: the renderings name different addressees ("told reporters" / "told MBC").
    Each difference is reported once per rendering, naming an outlet it differs from.
    """
    out: list[Difference] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: DifferenceKind, r: Rendering, detail: str) -> None:
        key = (kind, r.article_id)
        if key not in seen:
            seen.add(key)
            out.append(Difference(kind, r.article_id, detail))

    info = [
        (r, numbers_in(r.text), _count(r.text, lx.NEGATIONS) > 0, _words(r.text) & lx.HEDGES)
        for r in renderings
    ]
    for r, nums, neg, hedges in info:
        for o, o_nums, o_neg, o_hedges in info:
            if o.article_id == r.article_id:
                continue
            other = o.outlet or o.article_id
            if nums and o_nums and not (nums <= o_nums or o_nums <= nums):
                mine = ", ".join(_fmt(x) for x in sorted(nums - o_nums))
                theirs = ", ".join(_fmt(x) for x in sorted(o_nums - nums))
                add("number", r, f"{mine} where {other} has {theirs}")
            if neg and not o_neg:
                add("negation", r, f"negated; {other}'s rendering is not")
            if hedges and not o_hedges:
                add("hedge", r, f"hedged ({', '.join(sorted(hedges))}); {other}'s rendering is not")
            if r.addressee and o.addressee and r.addressee.lower() != o.addressee.lower():
                add("addressee", r, f"addressed to {r.addressee}; {other}: {o.addressee}")
    return out


def _fmt(x: float) -> str:
    return str(int(x)) if x.is_integer() else str(x)


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower().replace("’", "'")))


def _count(text: str, vocab: frozenset[str]) -> int:
    t = text.lower().replace("’", "'")
    n = sum(1 for w in re.findall(r"[a-z]+", t) if w in vocab)
    return n + t.count("n't")


_ADDRESSEE = re.compile(
    r"\s+((?:the\s+)?(?:[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*|reporters|journalists))"
)


def addressee_of(text: str, att: Attribution) -> str | None:
    """'told X' / 'told X:' after the cue: the addressee an attribution names."""
    if att.cue is None:
        return None
    verb = text[att.cue.start : att.cue.end].split()[-1].lower()
    if verb not in lx.ADDRESSEE_VERBS:
        return None
    m = _ADDRESSEE.match(text, att.cue.end)
    return m.group(1) if m else None
