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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from triangulate.embed import Embedder
from triangulate.model import Article
from triangulate.quotes import lexicon as lx
from triangulate.quotes.extract import Attribution
from triangulate.quotes.identities import (
    UnionFind,
    canonical_name,
    canonical_speakers,
    group_speaker,
    institution,
    weak_body,
)
from triangulate.quotes.speakers import (
    Speaker,
    SpeakerKind,
    resolve_speakers,
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


def group_utterances(
    articles: Sequence[Article],
    attributions_by_article: Mapping[str, Sequence[Attribution]],
    families: Mapping[str, str] | None = None,
    *,
    embedder: Embedder | None = None,
    copied: Iterable[tuple[tuple[str, int], tuple[str, int]]] = (),
) -> list[Utterance]:
    """Utterances of a story, most widely carried first (ties by first appearance).

    ``copied``: pairs of sentences ``((article id, index), (article id, index))`` that
    provenance found to be one copied from the other (``ProvenanceResult.copied_sentences``).
    A statement in one and a statement in the other are one utterance when each sentence
    holds one: a reworded copy's "a dozen people were harmed, the fireplace service said"
    renders its origin's "twelve people were hurt, the fire service said", whatever the
    words.
    """
    items: list[tuple[Article, Attribution, Speaker | None]] = []
    for art in articles:
        atts = list(attributions_by_article.get(art.id, ()))
        for att, sp in zip(atts, resolve_speakers(art, atts), strict=True):
            items.append((art, att, sp))
    if not items:
        return []
    speaker_ids = canonical_speakers([sp for _, _, sp in items])
    texts = [att.text_of(art.text) for art, att, _ in items]
    uf = UnionFind(len(items))
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
    links = _UnitLinks(
        units=units,
        bags=[stems(t) for t in unit_texts],
        att_bags=[stems(t) for t in texts],
        speaker=[speaker_ids[unit[0]] for unit in units],
        weak=[weak_body(items[unit[0]][2]) for unit in units],
        body=[institution(items[unit[0]][2]) for unit in units],
        article=[items[unit[0]][0].id for unit in units],
    )
    unsure: list[tuple[int, int]] = []
    for a in range(len(units)):
        for b in range(a + 1, len(units)):
            linked, embeddable = links.lexical(a, b)
            if linked:
                uf.union(units[a][0], units[b][0])
            elif embeddable and embedder is not None:
                unsure.append((a, b))
    for a, b in _embedding_links(unsure, unit_texts, embedder):
        uf.union(units[a][0], units[b][0])
    for a, b in _copy_links(units, items, copied):
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
        sid = group_speaker([(speaker_ids[k], items[k][2]) for k in group])
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


def _copy_links(
    units: list[list[int]],
    items: Sequence[tuple[Article, Attribution, Speaker | None]],
    copied: Iterable[tuple[tuple[str, int], tuple[str, int]]],
) -> list[tuple[int, int]]:
    """Units in two sentences one of which copies the other, when each sentence holds
    exactly one unit (two speakers in a sentence leave it to the word checks)."""
    by_sentence: dict[tuple[str, int], list[int]] = {}
    for u, unit in enumerate(units):
        art, att, _ = items[unit[0]]
        by_sentence.setdefault((art.id, att.sentence), []).append(u)
    out = []
    for x, y in copied:
        ux, uy = by_sentence.get(x, []), by_sentence.get(y, [])
        if len(ux) == 1 and len(uy) == 1:
            out.append((ux[0], uy[0]))
    return out


@dataclass(frozen=True)
class _UnitLinks:
    """What links two statement units of a story without embeddings, per unit."""

    units: list[list[int]]
    bags: list[frozenset[str]]
    #: stems of each attribution (units[u] holds attribution indices)
    att_bags: list[frozenset[str]]
    speaker: list[int | None]
    weak: list[bool]
    body: list[bool]
    article: list[str]

    def lexical(self, a: int, b: int) -> tuple[bool, bool]:
        """(linked by words alone, an embedding may link them when the words do not).

        Two units are linked when their contents are near-identical (any speakers); when
        one speaker says both and the words overlap, one clause renders the other, or the
        embeddings are close; or when an institution is named by common nouns in one
        outlet and otherwise in another ("Town has said" / "The city has said") and the
        statements share several words or their embeddings are close.
        """
        bags, spk = self.bags, self.speaker
        if self.article[a] == self.article[b] and spk[a] != spk[b]:
            return False, False
        jac = len(bags[a] & bags[b]) / max(1, len(bags[a] | bags[b]))
        if jac >= COPY_LINK and min(len(bags[a]), len(bags[b])) >= 3:
            return True, False
        same = spk[a] is not None and spk[a] == spk[b]
        if same and (_overlap(bags[a], bags[b]) >= LEXICAL_LINK or self._clause_link(a, b)):
            return True, False
        named = (
            spk[a] != spk[b]
            and self.article[a] != self.article[b]
            and self.body[a]
            and self.body[b]
            and (self.weak[a] or self.weak[b])
        )
        if named and len(bags[a] & bags[b]) >= 3 and _overlap(bags[a], bags[b]) >= LEXICAL_LINK:
            return True, False
        return False, same or named

    def _clause_link(self, a: int, b: int) -> bool:
        """One clause of a unit renders the other unit's statement on its own."""
        att = self.att_bags
        return any(
            min(len(att[i]), len(att[j])) >= 4 and _overlap(att[i], att[j]) >= LEXICAL_LINK
            for i in self.units[a]
            for j in self.units[b]
        )


def _embedding_links(
    pairs: list[tuple[int, int]], unit_texts: list[str], embedder: Embedder | None
) -> list[tuple[int, int]]:
    """The ``pairs`` whose units' embeddings are at least ``EMBED_LINK`` alike; only the
    units of these pairs are encoded (the others were decided by their words)."""
    if not pairs or embedder is None:
        return []
    needed = sorted({u for pair in pairs for u in pair})
    row = {u: k for k, u in enumerate(needed)}
    vectors = embedder.encode([unit_texts[u] for u in needed])
    return [
        (a, b) for a, b in pairs if float(np.dot(vectors[row[a]], vectors[row[b]])) >= EMBED_LINK
    ]


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
        name = canonical_name(sps)
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
