"""Framing per outlet: how each outlet presents a story, as differences, never as bias labels.

    from triangulate.framing import frame
    framings = frame(articles, provenance_result, facts, attributions=None)
    for f in framings:
        print(f.outlet, f.stance, f.attribution_verbs, [v.group for v in f.voices])

For every outlet of a story (articles grouped by ``Article.outlet``):

- **Headline stance** toward the story's central claim (the fact with the most
  independent origins): ``doubts`` when the headline carries a doubt marker
  ("scepticism", "claimed", "doubts", a question mark), ``attributes`` when it carries a
  reporting verb ("says", "claims", "announces", "according to"), else ``asserts``.
- **Attribution and hedging words** used in the body, counted ("said", "claims",
  "insisted" ...; "reportedly", "may", "appears" ...).
- **Voices**: who the outlet quotes (speakers as the quotes stage resolves them), grouped
  by generic role keywords in the name and role (officials of a country or body, experts,
  citizens and witnesses, other; an organisation speaking for itself counts as official), with the words of quoted or
  reported content each group gets and its share of the outlet's quoted words.
- **Facts only this outlet's origin has** (single-origin facts it carries) and
  **corroborated facts it omits** (facts with two or more origins it does not carry).
- **Tone markers**: loaded words from a small generic list, exclamation marks and
  rhetorical questions (questions outside quotation marks).

The lists are generic (no story-specific words); see docs/corroboration.md.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from triangulate.corroborate import Fact
from triangulate.entities import side_of
from triangulate.model import Article
from triangulate.provenance.results import ProvenanceResult
from triangulate.quotes.extract import Attribution, extract_attributions
from triangulate.quotes.identities import story_names
from triangulate.quotes.mentions import Speaker
from triangulate.quotes.speakers import resolve_speakers

__all__ = ["OutletFraming", "Tone", "VoiceShare", "classify_speaker", "frame", "headline_stance"]

Stance = Literal["asserts", "attributes", "doubts"]
VoiceGroup = Literal["officials", "experts", "citizens", "other"]

_DOUBT_HEADLINE = re.compile(
    r"\?|\b(?:sceptic\w*|skeptic\w*|doubts?|doubted|doubtful|claimed|so-called|alleged\w*|"
    r"questions? (?:over|about)|no sign|no evidence|unconfirmed|dismiss\w*|denies|denied)\b",
    re.IGNORECASE,
)
_ATTRIBUTION_HEADLINE = re.compile(
    r"\b(?:says?|said|claims?|announces?|announced|states?|stated|insists?|reports?|"
    r"according to|tells?|told|confirms?|warns?)\b|:\s*[“\"']",
    re.IGNORECASE,
)
ATTRIBUTION_VERBS = (
    "said", "says", "say", "claimed", "claims", "claim", "insisted", "insists", "announced",
    "announces", "stated", "states", "told", "tells", "according to", "warned", "warns",
    "added", "adds", "confirmed", "confirms", "denied", "denies", "alleged", "alleges",
    "admitted", "admits", "maintained", "maintains", "argued", "argues", "acknowledged",
    "promised", "promises", "accused", "accuses",
)  # fmt: skip
HEDGES = (
    "reportedly", "allegedly", "apparently", "purportedly", "may", "might", "could",
    "possibly", "likely", "unlikely", "appears", "appeared", "seems", "seemed", "suggests",
    "unclear", "unconfirmed", "if confirmed", "it is not clear", "would appear",
)  # fmt: skip
LOADED_WORDS = (
    "slammed", "blasted", "shocking", "shocked", "outrage", "outrageous", "scandal",
    "disgrace", "disgraceful", "horrific", "horrifying", "catastrophe", "catastrophic",
    "chaos", "chaotic", "fiasco", "reckless", "brutal", "terrifying", "stunning", "stunned",
    "astonishing", "bombshell", "furious", "fury", "mocked", "slams", "blasts", "so yeah",
    "dire", "menacing", "threatening", "heroic", "tragic", "tragedy", "devastating",
    "nightmare", "sham", "ploy", "stunt", "propaganda", "lies", "lied",
)  # fmt: skip
_ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "officials": (
        "minister", "ministry", "spokes", "president", "prime", "government", "mayor",
        "council", "chief", "official", "secretary", "authority", "authorities", "police",
        "fire", "department", "agency", "kremlin", "nato", "army", "military", "defence",
        "defense", "embassy", "ambassador", "governor", "senator", "commander", "general",
        "white house", "pentagon", "city", "state", "service", "office", "administration",
        "diplomat", "foreign", "councillor", "councilor", "lawmaker", "mp",
    ),
    "experts": (
        "engineer", "professor", "analyst", "expert", "researcher", "scientist",
        "economist", "polytechnic", "university", "institute", "academic", "specialist",
        "think tank", "consultant", "report", "study", "documents", "inspection",
    ),
    "citizens": (
        "resident", "witness", "deckhand", "deck hand", "volunteer", "who runs", "passenger",
        "local", "shopkeeper", "owner", "neighbour", "neighbor", "student", "driver",
        "worker", "commuter", "survivor", "mother", "father", "cafe", "who lives",
    ),
}  # fmt: skip
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")


@dataclass(frozen=True)
class VoiceShare:
    """One speaker group an outlet quotes and the space it gets."""

    group: VoiceGroup
    speakers: tuple[str, ...]
    statements: int
    words: int
    share: float
    #: The country or body the group's speakers speak for ("Russia", "Ukraine", "NATO"),
    #: from their name, role and mention (``entities.side_of``); ``None`` when none is named.
    side: str | None = None


@dataclass(frozen=True)
class Tone:
    """Tone markers found in an outlet's headlines and bodies."""

    loaded_words: tuple[tuple[str, int], ...]
    exclamations: int
    rhetorical_questions: tuple[str, ...]


@dataclass(frozen=True)
class OutletFraming:
    """How one outlet presents the story (differences to compare, not a verdict)."""

    outlet: str
    article_ids: tuple[str, ...]
    headline: str
    stance: Stance
    stance_basis: str
    central_fact: str | None
    attribution_verbs: tuple[tuple[str, int], ...]
    hedges: tuple[tuple[str, int], ...]
    voices: tuple[VoiceShare, ...]
    exclusive_facts: tuple[str, ...]
    omitted_facts: tuple[str, ...]
    tone: Tone


def headline_stance(headline: str) -> tuple[Stance, str]:
    """(stance, the words that decided it) for one headline."""
    doubt = _DOUBT_HEADLINE.search(headline)
    if doubt:
        return "doubts", doubt.group()
    att = _ATTRIBUTION_HEADLINE.search(headline)
    if att:
        return "attributes", att.group().strip()
    return "asserts", ""


#: One pattern per role group: any of its keywords at the start of a word.
_ROLE_PATTERNS = {
    group: re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + ")")
    for group, words in _ROLE_WORDS.items()
}


def classify_speaker(mention: str) -> VoiceGroup:
    """The role group of a speaker mention by generic role keywords ("other" when none)."""
    low = mention.lower()
    for group in ("citizens", "experts", "officials"):
        if _ROLE_PATTERNS[group].search(low):
            return group  # type: ignore[return-value,unused-ignore]
    return "other"


@lru_cache(maxsize=512)
def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(term)}\b")


def _count_terms(text: str, terms: Sequence[str]) -> tuple[tuple[str, int], ...]:
    counts: Counter[str] = Counter()
    low = text.lower()
    for term in terms:
        n = len(_term_pattern(term).findall(low))
        if n:
            counts[term] = n
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


#: Each attribution's speaker, keyed by article id and attribution position: the
#: speaker as the article presents it and the name the whole story knows them by.
Voices = dict[tuple[str, int], tuple[Speaker, str]]


def story_voices(
    articles: Sequence[Article], attributions: Mapping[str, Sequence[Attribution]]
) -> Voices:
    """Every attribution's speaker with their story-wide name ("Weiss" in one article is
    "Dana Weiss" of another; ``quotes.identities.story_names``)."""
    found: list[tuple[tuple[str, int], Speaker | None]] = []
    for art in articles:
        atts = list(attributions.get(art.id, ()))
        found.extend(((art.id, i), who) for i, who in enumerate(resolve_speakers(art, atts)))
    names = story_names([who for _, who in found])
    return {
        key: (who, name or who.name)
        for (key, who), name in zip(found, names, strict=True)
        if who is not None
    }


def speaker_profiles(voices: Voices) -> dict[str, tuple[VoiceGroup, str | None]]:
    """Each speaker's role group and side as the whole story describes them: "Putin said"
    in one article is "Russian President Vladimir Putin" in another. The most frequent
    group other than "other" (an organisation speaking for itself counts as officials)
    and the most frequent side (``entities.side_of``), by story-wide name."""
    groups: dict[str, Counter[VoiceGroup]] = defaultdict(Counter)
    sides: dict[str, Counter[str]] = defaultdict(Counter)
    for who, name in voices.values():
        group = classify_speaker(_described(who))
        if group == "other" and who.kind == "organisation":
            group = "officials"  # a country, ministry or body speaking for itself
        groups[name][group] += 1
        side = side_of(_described(who))
        if side:
            sides[name][side] += 1
    out: dict[str, tuple[VoiceGroup, str | None]] = {}
    for name, counts in groups.items():
        named = [g for g, _ in counts.most_common() if g != "other"]
        side = sides[name].most_common(1)[0][0] if sides.get(name) else None
        out[name] = (named[0] if named else "other", side)
    return out


def _described(who: Speaker) -> str:
    return f"{who.name} {who.role or ''} {who.mention}"


def _voices(
    articles: Sequence[Article],
    attributions: Mapping[str, Sequence[Attribution]],
    voices: Voices,
    profiles: Mapping[str, tuple[VoiceGroup, str | None]],
) -> tuple[VoiceShare, ...]:
    Key = tuple[VoiceGroup, str | None]
    speakers: dict[Key, set[str]] = defaultdict(set)
    words: Counter[Key] = Counter()
    statements: Counter[Key] = Counter()
    for art in articles:
        for i, att in enumerate(attributions.get(art.id, ())):
            if (art.id, i) not in voices:
                continue
            _, name = voices[(art.id, i)]
            key = profiles[name]
            speakers[key].add(name)
            statements[key] += 1
            words[key] += len(att.text_of(art.text).split())
    total = sum(words.values()) or 1
    return tuple(
        VoiceShare(
            g, tuple(sorted(speakers[(g, side)])), statements[(g, side)], words[(g, side)],
            round(words[(g, side)] / total, 3), side,
        )
        for g, side in sorted(statements, key=lambda k: (-words[k], k[0], k[1] or ""))
    )


def _headline_apart(art: Article) -> str:
    """The headline when the body does not already open with it, else ''."""
    return "" if not art.title or art.text.lstrip().startswith(art.title) else art.title


def _tone(articles: Sequence[Article]) -> Tone:
    text = "\n".join(f"{_headline_apart(a)}\n{a.text}" for a in articles)
    questions: dict[str, None] = {}
    for art in articles:
        for s in [_headline_apart(art), *(x.text for x in art.sentences)]:
            bare = _QUOTED.sub("", s).strip()
            if bare.endswith("?") and not s.strip().endswith(("?”", '?"')):
                questions[s.strip()] = None
    bare_text = _QUOTED.sub("", text)
    return Tone(
        loaded_words=_count_terms(text, LOADED_WORDS),
        exclamations=bare_text.count("!"),
        rhetorical_questions=tuple(questions),
    )


def frame(
    articles: Sequence[Article],
    provenance: ProvenanceResult,
    facts: Sequence[Fact],
    attributions: Mapping[str, Sequence[Attribution]] | None = None,
) -> tuple[OutletFraming, ...]:
    """One ``OutletFraming`` per outlet of the story, in order of first appearance."""
    if attributions is None:
        attributions = {a.id: extract_attributions(a) for a in articles}
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    for art in articles:
        by_outlet[art.outlet or art.id].append(art)
    central = max(
        facts, key=lambda f: (f.independent_origins, len(f.articles), -facts.index(f)), default=None
    )
    voices = story_voices(articles, attributions)
    profiles = speaker_profiles(voices)
    out: list[OutletFraming] = []
    for outlet, arts in by_outlet.items():
        ids = {a.id for a in arts}
        families = {_family(provenance, a.id) for a in arts}
        headline = next((a.title for a in arts if a.title), "")
        stance, basis = headline_stance(headline)
        body = "\n".join(a.text for a in arts)
        exclusive = tuple(
            f.id
            for f in facts
            if f.independent_origins == 1 and set(f.families) <= families and ids & set(f.articles)
        )
        omitted = tuple(
            f.id for f in facts if f.independent_origins >= 2 and not ids & set(f.articles)
        )
        out.append(
            OutletFraming(
                outlet=outlet,
                article_ids=tuple(a.id for a in arts),
                headline=headline,
                stance=stance,
                stance_basis=basis,
                central_fact=None if central is None else central.id,
                attribution_verbs=_count_terms(body, ATTRIBUTION_VERBS),
                hedges=_count_terms(body, HEDGES),
                voices=_voices(arts, attributions, voices, profiles),
                exclusive_facts=exclusive,
                omitted_facts=omitted,
                tone=_tone(arts),
            )
        )
    return tuple(out)


def _family(provenance: ProvenanceResult, article_id: str) -> str:
    family = provenance.family_of(article_id)
    return family.id if family is not None else article_id
