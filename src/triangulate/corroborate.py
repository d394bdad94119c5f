"""Corroboration: group the statements of a story's articles into facts, count who stands behind them.

    from triangulate.corroborate import corroborate
    facts = corroborate(articles, provenance_result, embedder=emb,
                        attributions={a.id: quotes.extract_attributions(a) for a in articles},
                        figures=claims.compare(quantities, families))
    for f in facts:
        print(f.status, f.independent_origins, f.attributed_to, f.statement)

What it does (details and measurements in docs/corroboration.md):

1. **Statements.** Every sentence of every article (split further at ``;``), skipping
   very short ones (fewer than ``MIN_WORDS`` content words).
2. **Same assertion.** Two statements from different articles state the same thing when
   their sentence embeddings are close (cosine; TF-IDF cosine when no embedder is given)
   *and* they agree on names and numbers: statements whose figures share no value
   (within 10 %) are never merged, statements that name different people/places need a
   higher similarity, and statements of opposite polarity (one negated, or with a doubt
   marker such as "no sign of") are never merged. Statements are grouped by average-link
   clustering under these constraints.
3. **Independent support.** A fact's ``independent_origins`` is the number of distinct
   provenance families among the articles that carry it: copies count once.
4. **Attribution.** A statement is attributed when the quotes stage found an attribution
   in its sentence (``attributions``) or, without them, when a reporting verb ("says",
   "according to", "told") names a source. The fact is attributed to the party most of its
   attributed statements name, when most supporting articles attribute it.
5. **Status.** ``contested`` when a contradicting fact exists (a ``differ`` figure group
   puts the two facts on different sides, or a closely matching statement has opposite
   polarity); else ``corroborated`` with two or more independent origins; else
   ``single-source``. Contradictions are linked by fact id, both ways.

Deterministic: ids are hashes of the representative text, order is by support then
first appearance.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

import numpy as np

from triangulate.claims.compare import FigureGroup
from triangulate.embed import Embedder
from triangulate.model import Article
from triangulate.provenance.results import ProvenanceResult
from triangulate.quotes.extract import Attribution

__all__ = ["Fact", "Support", "corroborate", "statement_units"]

FactStatus = Literal["corroborated", "single-source", "contested"]

#: Fewer content words than this and a statement is not a candidate fact.
MIN_WORDS = 4
#: Cosine above which two statements state the same thing (embeddings / TF-IDF).
SAME_EMBED = 0.62
SAME_LEXICAL = 0.38
#: Extra similarity needed when the two statements name no person/place in common.
NAME_PENALTY = 0.08
#: Cosine above which two statements of opposite polarity contradict each other.
CONTRA_EMBED = 0.60
CONTRA_LEXICAL = 0.35
#: Similarity at which a doubting statement ("no sign of", "unconfirmed") is taken to
#: doubt an attributed claim.
DOUBT_EMBED = 0.55
DOUBT_LEXICAL = 0.30
#: A plainly negated statement contradicts another only when their content words differ
#: by at most this many words ("the bridge was not inspected" / "the bridge was inspected").
NEGATED_DIFF = 2
#: How clusters of statements are joined (scipy linkage method): average link is the
#: conservative choice (single link found 1-2 more gold facts on the example but chains).
LINKAGE = "average"
#: Similarity at which two statements of one origin family are copies of each other.
COPY_SIMILARITY = 0.85
#: Relative tolerance for two figures to count as the same value.
NUMBER_TOLERANCE = 0.10


@dataclass(frozen=True)
class Support:
    """One statement that asserts a fact: where it is and how it is attributed."""

    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    outlet: str | None
    family: str
    attributed_to: str | None = None


@dataclass(frozen=True)
class Fact:
    """One assertion made by one or more articles of a story, with its evidence."""

    id: str
    statement: str
    supports: tuple[Support, ...]
    outlets: tuple[str, ...]
    articles: tuple[str, ...]
    families: tuple[str, ...]
    independent_origins: int
    attributed_to: str | None
    status: FactStatus
    contradicts: tuple[str, ...] = ()
    reason: str = ""


# ----------------------------------------------------------------------------- statements
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*")
_NUM_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "twenty-one": 21,
}  # fmt: skip
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|neither|nor|without|denied|denies|deny|false|"
    r"untrue)\b|n[’']t\b",
    re.IGNORECASE,
)
_DOUBT = re.compile(
    r"\b(?:no (?:sign|evidence|indication|proof)s?|sceptic\w*|skeptic\w*|doubt\w*|"
    r"dismiss\w*|yet to see|not (?:seen|yet seen)|disput\w*|rejected|cast doubt|"
    r"unconfirmed|not confirmed|no (?:\w+ )?(?:\w+ )?confirmation|must be confirmed|"
    r"(?:have|has|had) (?:still )?not seen)\b",
    re.IGNORECASE,
)
_CUE = re.compile(
    r"\b(?:says?|said|saying|claim(?:s|ed)?|stated?|states|told|tells|insist(?:s|ed)?|"
    r"announc(?:es|ed)|confirm(?:s|ed)|report(?:s|ed)|warn(?:s|ed)|add(?:s|ed)|"
    r"promis(?:es|ed)|according to|believes?|thinks?|has seen|have seen|had seen)\b",
    re.IGNORECASE,
)
_CALENDAR = frozenset(
    re.findall(
        r"\w+",
        "monday tuesday wednesday thursday friday saturday sunday january february march "
        "april may june july august september october november december",
    )
)
_NAME = re.compile(r"\b[A-Z][a-zA-Z’'\-]+(?:\s+[A-Z][a-zA-Z’'\-]+)*")


def _stopwords() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"s", "t", "said", "says", "mr", "ms", "mrs"}


_STOP = _stopwords()


def _stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    for suf in ("'s", "ing", "ed", "es", "s", "ly"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            w = w[: -len(suf)]
            break
    return w[:7]


def content_words(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text) if w.lower() not in _STOP and not w[0].isdigit()]


_HEDGE_BEFORE = re.compile(
    r"\b(?P<h>more than|over|at least|about|around|roughly|nearly|almost|some|up to|"
    r"fewer than|less than|under|approximately)\s+$",
    re.IGNORECASE,
)


def number_intervals(text: str) -> frozenset[tuple[float, float]]:
    """The figures of ``text`` as the intervals their hedges imply (years left out).

    "more than 40" -> [40, inf); "about 50" / "nearly 60" -> ±10 %; "up to 110" -> [0, 110].
    """
    out: set[tuple[float, float]] = set()
    for m in _WORD.finditer(text):
        low = m.group().lower().rstrip(".,")
        if low[:1].isdigit():
            try:
                v = float(low.replace(",", ""))
            except ValueError:
                continue
        elif low in _NUM_WORDS and low != "one":
            v = float(_NUM_WORDS[low])
        else:
            continue
        if 1900 <= v <= 2100 and v == int(v):
            continue
        hedge = _HEDGE_BEFORE.search(text[max(0, m.start() - 20) : m.start()])
        h = hedge.group("h").lower() if hedge else ""
        if h in {"more than", "over", "at least"}:
            out.add((v, float("inf")))
        elif h in {"up to", "fewer than", "less than", "under"}:
            out.add((0.0, v))
        elif h:
            out.add((v * (1 - NUMBER_TOLERANCE), v * (1 + NUMBER_TOLERANCE)))
        else:
            out.add((v, v))
    return frozenset(out)


def numbers_in(text: str) -> frozenset[float]:
    """Numeric values written in ``text`` (digits and number words), years left out."""
    return frozenset(low if low == high or high == float("inf") else high if low == 0 else
                     round((low + high) / 2, 6) for low, high in number_intervals(text))  # fmt: skip


def names_in(text: str) -> frozenset[str]:
    """Capitalised words not opening the statement, lower-cased (a rough proper-noun set)."""
    out: set[str] = set()
    for m in _NAME.finditer(text):
        if m.start() == 0 or text[: m.start()].rstrip().endswith(("“", '"', ".", ":")):
            words = m.group().split()[1:]
        else:
            words = m.group().split()
        out.update(w.lower().strip("’'") for w in words if w.lower() not in _STOP | _CALENDAR)
    return frozenset(out)


def polarity(text: str) -> int:
    """-1 when the statement is negated or doubted (odd number of negators), else +1."""
    doubts = len(_DOUBT.findall(text))
    n = len(_NEGATION.findall(_DOUBT.sub(" ", text))) + doubts
    return -1 if n % 2 else 1


@dataclass(frozen=True)
class _Unit:
    article: int
    sentence: int
    start: int
    end: int
    text: str
    sentence_text: str


#: Where a sentence holding two assertions is cut: "; " and ", and" / ", but" / ", while"
#: before a new clause (both sides must keep ``MIN_WORDS`` content words).
_CLAUSE_CUT = re.compile(r"(?<=;)\s+|,\s+(?=(?:and|but|while|whereas)\s+(?!then\b)[a-z\d])")


def _negated_pair(a: str, b: str) -> bool:
    """One statement is the other with a negation: the content words barely differ."""
    wa, wb = set(content_words(a)), set(content_words(b))
    return len(wa ^ wb) <= NEGATED_DIFF and len(wa & wb) >= MIN_WORDS


def _weight(text: str) -> int:
    """Content words and figures in ``text``: what a clause needs to stand alone."""
    return len(content_words(text)) + len(numbers_in(text))


def _clauses(text: str) -> list[tuple[int, str]]:
    """(offset, clause) pieces of a sentence; pieces too short to stand alone stay joined."""
    cuts = [0] + [m.end() for m in _CLAUSE_CUT.finditer(text)] + [len(text)]
    pieces: list[tuple[int, str]] = []
    for a, b in pairwise(cuts):
        part = text[a:b]
        if pieces and (_weight(part) < MIN_WORDS or _weight(pieces[-1][1]) < MIN_WORDS):
            start, prev = pieces.pop()
            pieces.append((start, prev + part))
        else:
            pieces.append((a, part))
    return pieces


def statement_units(article: Article, index: int = 0) -> list[_Unit]:
    """The candidate statements of one article: sentences, split at semicolons."""
    units: list[_Unit] = []
    for s in article.sentences:
        if s.language != "en":
            continue
        for start, part in _clauses(s.text):
            clean = part.rstrip().rstrip(";,")
            if _weight(clean) < MIN_WORDS:
                continue
            end = s.start + start + len(clean)
            units.append(_Unit(index, s.index, s.start + start, end, clean, s.text))
    return units


# ----------------------------------------------------------------------------- similarity
def _similarity(texts: Sequence[str], embedder: Embedder | None) -> np.ndarray:
    if embedder is not None:
        vecs = np.asarray(embedder.encode(list(texts)), dtype=np.float64)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        vecs = vecs / np.where(norms == 0, 1.0, norms)
        return np.asarray(vecs @ vecs.T)
    from sklearn.feature_extraction.text import TfidfVectorizer

    def analyzer(t: str) -> list[str]:
        return content_words(t) + [f"#{v:g}" for v in sorted(numbers_in(t))]

    vec = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True)
    m = vec.fit_transform(texts)
    return np.asarray((m @ m.T).toarray())


def _numbers_agree(a: frozenset[tuple[float, float]], b: frozenset[tuple[float, float]]) -> bool:
    """True when either has no figure or some figure of one fits some figure of the other."""
    if not a or not b:
        return True
    tol = NUMBER_TOLERANCE
    return any(
        lo1 <= hi2 * (1 + tol) and lo2 <= hi1 * (1 + tol) for lo1, hi1 in a for lo2, hi2 in b
    )


def _figure_sides(
    units: Sequence[_Unit], articles: Sequence[Article], figures: Sequence[FigureGroup]
) -> list[list[set[int]]]:
    """For each ``differ`` figure group, the statements on each side (unit indices)."""
    out: list[list[set[int]]] = []
    for group in figures:
        if group.verdict != "differ":
            continue
        out.append(
            [
                {
                    i
                    for i, u in enumerate(units)
                    for q in side.quantities
                    if articles[u.article].id == q.article_id and u.start <= q.start < u.end
                }
                for side in group.sides
            ]
        )
    return out


def _family(provenance: ProvenanceResult, article_id: str) -> str:
    family = provenance.family_of(article_id)
    return family.id if family is not None else article_id


def _copy_nodes(sim: np.ndarray, families: Sequence[str]) -> list[list[int]]:
    """Statements joined with their copies (same origin family, near-identical text).

    Clustering copies as one node keeps a statement repeated by three wire copies from
    outweighing the one independent outlet that words it differently.
    """
    parent = list(range(len(families)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a in range(len(families)):
        for b in range(a + 1, len(families)):
            if families[a] == families[b] and sim[a, b] >= COPY_SIMILARITY:
                ra, rb = root(a), root(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(families)):
        groups[root(i)].append(i)
    return [groups[k] for k in sorted(groups)]


def _cluster(dist: np.ndarray, threshold: float) -> list[int]:
    """Average-link clusters of a distance matrix cut at ``threshold``; labels per row."""
    n = dist.shape[0]
    if n == 1:
        return [0]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    np.fill_diagonal(dist, 0.0)
    z = linkage(squareform(dist, checks=False), method=LINKAGE)
    return [int(x) for x in fcluster(z, t=threshold, criterion="distance")]


# ----------------------------------------------------------------------------- attribution
def _speaker_from_cue(text: str) -> str | None:
    """The party a reporting verb attributes ``text`` to, or None (outlet's own assertion)."""
    m = re.search(
        r"\baccording to\s+((?:the\s+)?[A-Z][\w’'\-]*(?:\s+(?:of|the|[A-Z][\w’'\-]*))*)", text
    )
    if m:
        return m.group(1).strip()
    for cue in _CUE.finditer(text):
        if cue.group().lower().startswith("according"):
            continue
        subject = _subject_before(text[: cue.start()])
        if subject:
            return subject
        after = re.match(
            r",?\s+((?:the\s+)?[A-Z][\w’'\-]*(?:\s+(?:of|the|[A-Z][\w’'\-]*))*)", text[cue.end() :]
        )
        if after and cue.group().lower() in {"said", "says", "told"}:
            return after.group(1).strip()
    return None


_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that"})


def _subject_before(before: str) -> str | None:
    """The noun phrase right before a reporting verb ("the port authority", "NATO")."""
    seg = re.split(r"[,;:“”\"()—–]", before)[-1].strip()
    seg = re.sub(r"\s+(?:has|have|had|also|then|later|again|on \w+)$", "", seg)
    words = seg.split()
    if not 1 <= len(words) <= 7 or words[0].lower() in _PRONOUNS:
        return None
    if words[0][0].isupper() or words[0].lower() in {"the", "a", "an"}:
        if len(words) == 1 and words[0].lower() in {"the", "a", "an"}:
            return None
        return seg
    return None


def _normal_party(name: str) -> str:
    n = re.sub(r"[’']s\b", "", name)
    n = re.sub(r"^(?:the|a|an)\s+", "", n.strip(), flags=re.IGNORECASE)
    return n.strip(" ,.")


def _attribution_for(
    article: Article, unit: _Unit, attributions: Sequence[Attribution] | None
) -> str | None:
    if attributions is not None:
        for att in attributions:
            if att.sentence == unit.sentence and att.source is not None:
                src = att.source_text(article.text)
                if src.lower() in {"he", "she", "they", "it", "we", "i"}:
                    continue
                return _normal_party(src)
        return None
    who = _speaker_from_cue(unit.sentence_text)
    return _normal_party(who) if who else None


# ----------------------------------------------------------------------------- the stage
def corroborate(
    articles: Sequence[Article],
    provenance: ProvenanceResult,
    *,
    embedder: Embedder | None = None,
    attributions: Mapping[str, Sequence[Attribution]] | None = None,
    figures: Sequence[FigureGroup] | None = None,
) -> tuple[Fact, ...]:
    """Group the statements of ``articles`` (one story) into facts with independent support."""
    units: list[_Unit] = []
    for i, art in enumerate(articles):
        units.extend(statement_units(art, i))
    if not units:
        return ()
    texts = [u.text for u in units]
    sim = _similarity(texts, embedder)
    same = SAME_EMBED if embedder is not None else SAME_LEXICAL
    contra = CONTRA_EMBED if embedder is not None else CONTRA_LEXICAL
    nums = [number_intervals(t) for t in texts]
    names = [names_in(t) for t in texts]
    pol = [polarity(t) for t in texts]
    n = len(units)
    fam = {a.id: _family(provenance, a.id) for a in articles}
    unit_fam = [fam[articles[u.article].id] for u in units]
    dist = 1.0 - sim
    opposed: list[tuple[int, int]] = []
    for sides in _figure_sides(units, articles, figures or ()):
        for x, sa in enumerate(sides):
            for sb in sides[x + 1 :]:
                for a in sa:
                    for b in sb:
                        dist[a, b] = dist[b, a] = 2.0
    for a in range(n):
        for b in range(a + 1, n):
            s = sim[a, b]
            if s < contra:
                continue
            if pol[a] != pol[b]:
                dist[a, b] = dist[b, a] = 2.0
                doubted = bool(_DOUBT.search(texts[a])) != bool(_DOUBT.search(texts[b]))
                if (
                    ((doubted and s >= contra) or _negated_pair(texts[a], texts[b]))
                    and unit_fam[a] != unit_fam[b]
                    and _numbers_agree(nums[a], nums[b])
                ):
                    opposed.append((a, b))
                continue
            if not _numbers_agree(nums[a], nums[b]):
                dist[a, b] = dist[b, a] = 2.0
            elif names[a] and names[b] and not names[a] & names[b]:
                dist[a, b] = dist[b, a] = min(2.0, dist[a, b] + NAME_PENALTY)
    nodes = _copy_nodes(sim, unit_fam)
    node_dist = np.array(
        [[0.0 if x is y else float(np.min(dist[np.ix_(x, y)])) for y in nodes] for x in nodes]
    )
    labels = _cluster(np.clip(node_dist, 0.0, 2.0), 1.0 - same)
    members: dict[int, list[int]] = defaultdict(list)
    for node, lab in zip(nodes, labels, strict=True):
        members[lab].extend(node)
    for lab in members:
        members[lab].sort()

    facts: list[Fact] = []
    fact_of_unit: dict[int, int] = {}
    members_of: list[list[int]] = []
    for lab in sorted(members, key=lambda k: members[k][0]):
        idx = members[lab]
        rep = max(idx, key=lambda i: (float(np.mean([sim[i, j] for j in idx])), -i))
        supports = []
        for i in idx:
            u = units[i]
            art = articles[u.article]
            who = _attribution_for(
                art, u, None if attributions is None else attributions.get(art.id, ())
            )
            supports.append(
                Support(art.id, u.sentence, u.start, u.end, u.text, art.outlet, fam[art.id], who)
            )
        for i in idx:
            fact_of_unit[i] = len(facts)
        members_of.append(idx)
        facts.append(_make_fact(texts[rep], tuple(supports)))

    links: dict[int, set[int]] = defaultdict(set)
    reasons: dict[int, list[str]] = defaultdict(list)
    for a, b in opposed:
        fa, fb = fact_of_unit[a], fact_of_unit[b]
        if fa != fb:
            links[fa].add(fb)
            links[fb].add(fa)
            reasons[fa].append("a closely matching statement says the opposite")
            reasons[fb].append("a closely matching statement says the opposite")
    for group, unit_sides in zip(
        [g for g in figures or () if g.verdict == "differ"],
        _figure_sides(units, articles, figures or ()),
        strict=True,
    ):
        sides = [{fact_of_unit[i] for i in side} for side in unit_sides]
        for x, sa in enumerate(sides):
            for sb in sides[x + 1 :]:
                for fa in sa:
                    for fb in sb:
                        if fa != fb:
                            links[fa].add(fb)
                            links[fb].add(fa)
                            reasons[fa].append(f"figures for {group.counted} differ")
                            reasons[fb].append(f"figures for {group.counted} differ")
    doubt_sim = DOUBT_EMBED if embedder is not None else DOUBT_LEXICAL
    for i, text in enumerate(texts):
        if not _DOUBT.search(text):
            continue
        fi = fact_of_unit[i]
        target = _doubted_fact(i, fi, facts, members_of, sim, doubt_sim)
        if target is not None and fi not in links[target]:
            links[target].add(fi)
            links[fi].add(target)
            reasons[target].append("another statement doubts it")
            reasons[fi].append("doubts an attributed claim")
    out = []
    for k, f in enumerate(facts):
        if k in links:
            ids = tuple(sorted(facts[j].id for j in links[k]))
            reason = "; ".join(dict.fromkeys(reasons[k]))
            f = _replace(f, status="contested", contradicts=ids, reason=reason)
        out.append(f)
    order = {f.id: k for k, f in enumerate(out)}
    return tuple(sorted(out, key=lambda f: (-f.independent_origins, -len(f.articles), order[f.id])))


def _doubted_fact(
    unit: int,
    own: int,
    facts: Sequence[Fact],
    members_of: Sequence[Sequence[int]],
    sim: np.ndarray,
    threshold: float,
) -> int | None:
    """The attributed claim a doubting statement is closest to, when close enough.

    Only claims attributed to a party other than the doubter's, and not themselves
    doubting, are candidates; a doubting statement doubts at most one fact.
    """
    doubter = facts[own].attributed_to
    best, best_sim = None, threshold
    for k, f in enumerate(facts):
        if k == own or f.attributed_to is None:
            continue
        if doubter and _party_key(doubter) == _party_key(f.attributed_to):
            continue
        if any(_DOUBT.search(s.text) for s in f.supports):
            continue
        score = max(float(sim[unit, j]) for j in members_of[k])
        if score >= best_sim:
            best, best_sim = k, score
    return best


def _make_fact(statement: str, supports: tuple[Support, ...]) -> Fact:
    articles = tuple(dict.fromkeys(s.article_id for s in supports))
    families = tuple(sorted({s.family for s in supports}))
    outlets = tuple(dict.fromkeys(s.outlet or s.article_id for s in supports))
    origins = len(families)
    attributed = _fact_attribution(supports)
    status: FactStatus = "corroborated" if origins >= 2 else "single-source"
    reason = f"{origins} independent origins" if origins >= 2 else "one origin (copies count once)"
    digest = hashlib.sha1(
        (statement + "|" + ",".join(sorted(articles))).encode("utf-8")
    ).hexdigest()[:10]
    return Fact(
        id=f"fact-{digest}",
        statement=statement,
        supports=supports,
        outlets=outlets,
        articles=articles,
        families=families,
        independent_origins=origins,
        attributed_to=attributed,
        status=status,
        reason=reason,
    )


def _fact_attribution(supports: Sequence[Support]) -> str | None:
    """The party most supporting articles attribute the statement to, when most do."""
    per_article: dict[str, str | None] = {}
    for s in supports:
        if per_article.get(s.article_id) is None:
            per_article[s.article_id] = s.attributed_to
    named = [w for w in per_article.values() if w]
    if not named or len(named) * 2 < len(per_article):
        return None
    counts = Counter(_party_key(w) for w in named)
    best_key = min(counts, key=lambda k: (-counts[k], k))
    return min((w for w in named if _party_key(w) == best_key), key=lambda w: (-len(w), w))


def _party_key(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z]+", name.lower()) if w not in _STOP]
    return words[-1] if words else name.lower()


def _replace(f: Fact, **changes: object) -> Fact:
    from dataclasses import replace

    return replace(f, **changes)  # type: ignore[arg-type]
