"""An extractive, cited summary of a story's articles.

    summary = summarize(articles, words=100)
    for s in summary.sentences:
        print(s.text, [c.outlet for c in s.citations])

What it does (details and measurements in docs/summaries.md):

1. **Units.** Whole sentences of the articles, as the text stage split them: a sentence is
   never cut or rewritten, so "Russia says X" always keeps "Russia says" (an attributed
   claim stays attributed). Very short sentences, questions and headlines-in-body are not
   candidates.
2. **Support.** Each sentence is matched against the sentences of every other article:
   the same statement when the sentence embeddings (all-MiniLM-L6-v2, via
   :mod:`triangulate.embed`; TF-IDF cosine when the model is not installed) are close
   *and* the figures and names agree (two sentences that give different numbers, or
   name different people, are not the same statement). A sentence's support is the number
   of independent origins that carry it: articles, or origin families when ``families``
   (article id -> family id, from provenance) is given, so copies count once. Later, the
   corroboration stage can pass its facts as ``support`` (groups of sentences that state
   one fact) and those groups replace the computed matches.
3. **Selection.** Concept coverage (Gillick & Favre 2009, "ICSISumm"): concepts are
   stemmed word bigrams, each worth the number of independent origins that use it (only
   concepts used by several origins count). The summary maximises the total worth of the
   concepts it covers plus a bonus for well-supported sentences, under the length budget,
   as a small integer program (SciPy's HiGHS; greedy fallback). A concept counts once,
   so a second sentence saying the same thing adds nothing: no redundancy. Near-duplicate
   sentences (wire copies) are also excluded from appearing together.
4. **Order.** Chronological: article publication time, then position in the article.
5. **Citations.** Each summary sentence lists the other articles that carry the same
   statement (outlet, article id, origin family), grouped by family, and its support.

Deterministic: ties are broken by article order and sentence position.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from triangulate.embed import Embedder
from triangulate.model import Article, Sentence
from triangulate.summary_concepts import (
    LEARNED,
    ConceptModel,
    SentenceRef,
    concept_worth,
    concepts_of,
    content_tokens,
    frequency_worth,
)
from triangulate.summary_select import Candidate, select_sentences
from triangulate.summary_text import agree, is_attributed, opens_dangling, speaks_first_person

SentenceKey = tuple[str, int]
"""A sentence named by its article id and its index in that article."""


@dataclass(frozen=True)
class SummarySettings:
    """Every threshold the summariser uses, with its default (fixed a priori, see docs)."""

    #: Fewest words a sentence needs to be a candidate (shorter ones are fragments).
    min_words: int = 8
    #: Most words a candidate sentence may have (longer ones eat the budget).
    max_words: int = 60
    #: Embedding cosine at or above which two sentences may state the same thing.
    same_statement_cosine: float = 0.72
    #: TF-IDF cosine used instead when no embedding model is installed.
    same_statement_lexical: float = 0.5
    #: Cosine at or above which two sentences are near-duplicates (never both selected).
    duplicate_cosine: float = 0.9
    #: TF-IDF cosine for near-duplicates without embeddings.
    duplicate_lexical: float = 0.8
    #: What a concept is worth: None = the frequency model below (the report's default:
    #: what more independent origins say counts more); a ``ConceptModel`` = the learned
    #: probability that a human summary uses it (``GENERIC_SETTINGS``).
    concept_model: ConceptModel | None = None
    #: Frequency model (ICSISumm): a concept must be used by at least this share of the
    #: origins (and at least 2); it is worth the origins using it plus ``lead_bonus``.
    min_concept_share: float = 0.25
    #: Worth added to a sentence per independent origin that carries its statement (in
    #: units of concept worth).
    support_bonus: float = 1.0
    #: Extra worth of a concept per origin that uses it in its first ``lead_sentences``.
    lead_bonus: float = 1.0
    #: How many opening sentences of an article count as its lead.
    lead_sentences: int = 3
    #: Skip sentences that open with a pronoun or connective needing earlier context
    #: ("He said ...", "But ..."), unless the sentence opens its article.
    skip_dangling: bool = True
    #: Concept worth = (origins using it + lead bonus) ** concept_power.
    concept_power: float = 1.0
    #: Worth of a content-word concept relative to a bigram concept (0: bigrams only).
    unigram_weight: float = 0.0
    #: Worth added to a sentence per unit of cosine to the story's centroid (embeddings).
    centrality_bonus: float = 0.0
    #: Skip sentences in the first or second person ("I don't want to ...", "you think"):
    #: in news they are quotations whose speaker is outside the sentence.
    skip_first_person: bool = True
    #: Seconds the integer program may take before the greedy selection is used.
    ilp_time_limit: float = 5.0

    def __post_init__(self) -> None:
        for name in (
            "same_statement_cosine",
            "same_statement_lexical",
            "duplicate_cosine",
            "duplicate_lexical",
            "min_concept_share",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be in [0.0, 1.0], got {value!r}")
        if self.min_words < 1 or self.max_words < self.min_words:
            raise ValueError("need 1 <= min_words <= max_words")


DEFAULT_SETTINGS = SummarySettings()
#: A generic news summary (what ``triangulate eval summaries`` scores on DUC 2004):
#: concepts worth the learned probability that a human summary uses them
#: (:mod:`triangulate.summary_concepts`), support a small bonus (a tenth of a sure
#: concept per extra origin; the frequency model's 1.0 is a similar share of its 3-20).
GENERIC_SETTINGS = SummarySettings(concept_model=LEARNED, support_bonus=0.1)


@dataclass(frozen=True)
class Citation:
    """Another article carrying the statement: its outlet, id, family and matching sentence."""

    outlet: str | None
    article_id: str
    origin_family: str
    sentence_index: int
    similarity: float


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of the summary, exactly as in its article, with who else carries it.

    ``text == article.text[start:end]`` for the article ``article_id``; ``index`` is its
    sentence index there. ``support`` counts independent origins carrying the statement,
    its own included. ``attributed`` is true when the sentence reports a claim of a party
    ("X said", "according to X") rather than asserting it.
    """

    text: str
    article_id: str
    index: int
    start: int
    end: int
    outlet: str | None
    origin_family: str
    citations: tuple[Citation, ...]
    support: int
    attributed: bool


@dataclass(frozen=True)
class Summary:
    """The summary of a story: its sentences in reading order, and how it was made."""

    sentences: tuple[SummarySentence, ...]
    #: what was asked: the word and sentence budgets (None = no limit)
    word_budget: int | None
    sentence_budget: int | None
    #: "embeddings" or "lexical": how statements were matched
    matching: str
    notes: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)


# ------------------------------------------------------------------------ public API


def summarize(
    articles: Sequence[Article],
    *,
    words: int | None = 100,
    sentences: int | None = None,
    families: Mapping[str, str] | None = None,
    support: Sequence[Sequence[SentenceKey]] | None = None,
    embedder: Embedder | None = None,
    vectors: np.ndarray | None = None,
    fill: bool = False,
    lead: Sequence[SentenceKey] = (),
    include: Sequence[SentenceKey] = (),
    settings: SummarySettings = DEFAULT_SETTINGS,
) -> Summary:
    """Summarise a story's ``articles`` in at most ``words`` words / ``sentences`` sentences.

    ``families`` maps article id -> origin family id (provenance); without it every
    article is its own origin. ``support`` is optional corroboration output: groups of
    sentences (article id, sentence index) that state one fact; when given, citations and
    support come from these groups instead of sentence matching. ``embedder`` encodes
    sentences (``triangulate.embed.load_embedder()``); ``vectors`` may instead give the
    unit vectors of the candidate sentences directly, in article then sentence order of
    all sentences (as :func:`sentence_texts` lists them). Without either, statements are
    matched lexically and the summary says so in its notes.

    ``fill=True`` lets one last sentence run past ``words``, chosen together with the
    others for what its words within the budget add: for ROUGE's ``-l`` protocol, where
    the scorer cuts the summary at the limit. A reader-facing summary keeps the default.

    ``lead`` names sentences that open the summary in the given order, within the budget
    (the story's contested central claim and the statements that doubt it, so a reader
    meets the claim and the answer to it together); the rest is chosen as usual, without
    repeating what the lead says. ``include`` names sentences that must be in the summary
    too, within the budget, but take their place in reading order (each side of a
    figure the sources give differently).
    """
    if words is not None and words < 1:
        raise ValueError(f"words must be >= 1 or None, got {words}")
    if sentences is not None and sentences < 1:
        raise ValueError(f"sentences must be >= 1 or None, got {sentences}")
    if words is None and sentences is None:
        raise ValueError("give a budget: words, sentences or both")
    seen: set[str] = set()
    for a in articles:
        if a.id in seen:
            raise ValueError(f"article {a.id!r} is given twice")
        seen.add(a.id)
    family_of = {a.id: (families.get(a.id, a.id) if families else a.id) for a in articles}
    units = [(ai, s) for ai, a in enumerate(articles) for s in a.sentences if s.text.strip()]
    notes: list[str] = []
    if not units:
        return Summary((), words, sentences, "none", ("no sentences to summarise",))

    sim, matching = _similarity(articles, units, embedder, vectors, notes)
    same_threshold, dup_threshold = (
        (settings.same_statement_cosine, settings.duplicate_cosine)
        if matching == "embeddings"
        else (settings.same_statement_lexical, settings.duplicate_lexical)
    )
    matches = _statement_matches(articles, units, sim, same_threshold, family_of, support)
    support_count = [
        1 + len({family_of[articles[j].id] for j, _ in m} - {family_of[articles[units[i][0]].id]})
        for i, m in enumerate(_by_unit(matches, units, articles))
    ]
    centrality = _centrality(sim) if matching == "embeddings" else None
    candidates = _candidates(articles, units, family_of, support_count, settings, centrality)
    opening = _lead_units(lead, articles, units, words, sentences)
    left_words = None if words is None else words - _n_words(units, opening)
    left_sentences = None if sentences is None else sentences - len(opening)
    pinned = [
        u
        for u in _lead_units(include, articles, units, left_words, left_sentences)
        if u not in opening
    ]
    if opening or pinned:
        said = set(opening) | set(pinned)
        for u in [*opening, *pinned]:
            said.update(int(k) for k in np.flatnonzero(sim[u] >= dup_threshold))
            said.update(other for other, _ in matches[u].values())
        covered = {
            c for u in [*opening, *pinned] for c in concepts_of(content_tokens(units[u][1].text))
        }
        candidates = [
            Candidate(
                c.unit, c.words, {k: w for k, w in c.concepts.items() if k not in covered}, c.bonus
            )
            for c in candidates
            if c.unit not in said
        ]
        if words is not None:
            words -= _n_words(units, [*opening, *pinned])
        if sentences is not None:
            sentences -= len(opening) + len(pinned)
    if (words is not None and words <= 0) or (sentences is not None and sentences <= 0):
        candidates = []  # the lead and the pinned sentences took the whole budget
    duplicates = _duplicate_pairs(candidates, sim, dup_threshold)
    chosen = select_sentences(
        candidates,
        words=words,
        sentences=sentences,
        duplicates=duplicates,
        fill=fill,
        time_limit=settings.ilp_time_limit,
        notes=notes,
        prefix=_prefix_concepts(units, candidates),
    )
    overflow = []
    if fill and words is not None and sum(c.words for c in chosen) > words:
        overflow = [chosen.pop()]  # the sentence the word budget cuts stays last
    body = sorted(
        [*pinned, *(c.unit for c in chosen)], key=lambda u: _reading_key(articles, units, u)
    )
    body += [c.unit for c in overflow]
    by_unit = _by_unit(matches, units, articles)
    out = []
    for u in [*opening, *body]:
        ai, s = units[u]
        a = articles[ai]
        out.append(
            SummarySentence(
                text=s.text,
                article_id=a.id,
                index=s.index,
                start=s.start,
                end=s.end,
                outlet=a.outlet,
                origin_family=family_of[a.id],
                citations=_citations(articles, units, by_unit[u], family_of),
                support=support_count[u],
                attributed=is_attributed(s.text),
            )
        )
    return Summary(tuple(out), words, sentences, matching, tuple(notes))


def _n_words(units: Sequence[tuple[int, Sentence]], chosen: Sequence[int]) -> int:
    return sum(len(units[u][1].text.split()) for u in chosen)


def _lead_units(
    lead: Sequence[SentenceKey],
    articles: Sequence[Article],
    units: Sequence[tuple[int, Sentence]],
    words: int | None,
    sentences: int | None,
) -> list[int]:
    """Unit numbers of the ``lead`` sentences that exist and fit the budget, in order."""
    where = {(articles[ai].id, s.index): u for u, (ai, s) in enumerate(units)}
    out: list[int] = []
    used = 0
    for key in lead:
        u = where.get(key)
        if u is None or u in out:
            continue
        n = len(units[u][1].text.split())
        if (words is not None and used + n > words) or (
            sentences is not None and len(out) >= sentences
        ):
            break
        out.append(u)
        used += n
    return out


def sentence_texts(articles: Sequence[Article]) -> list[str]:
    """The sentence texts :func:`summarize` matches, in the order ``vectors`` must follow."""
    return [s.text for a in articles for s in a.sentences if s.text.strip()]


# ------------------------------------------------------------------------ internals


def _similarity(
    articles: Sequence[Article],
    units: Sequence[tuple[int, Sentence]],
    embedder: Embedder | None,
    vectors: np.ndarray | None,
    notes: list[str],
) -> tuple[np.ndarray, str]:
    texts = [s.text for _, s in units]
    if vectors is not None:
        if vectors.shape[0] != len(texts):
            raise ValueError(
                f"vectors has {vectors.shape[0]} rows but the articles have {len(texts)} sentences"
            )
        v = np.asarray(vectors, dtype=np.float32)
        return v @ v.T, "embeddings"
    if embedder is not None:
        v = embedder.encode(texts)
        return v @ v.T, "embeddings"
    notes.append("no embedding model given: statements matched by TF-IDF word overlap")
    from sklearn.feature_extraction.text import TfidfVectorizer

    tfidf = TfidfVectorizer(
        tokenizer=content_tokens,
        lowercase=False,
        token_pattern=None,
        ngram_range=(1, 2),
        sublinear_tf=True,
    )
    try:
        m = tfidf.fit_transform(texts)
    except ValueError:  # no tokens at all
        return np.eye(len(texts), dtype=np.float32), "lexical"
    return np.asarray((m @ m.T).todense(), dtype=np.float32), "lexical"


def _statement_matches(
    articles: Sequence[Article],
    units: Sequence[tuple[int, Sentence]],
    sim: np.ndarray,
    threshold: float,
    family_of: Mapping[str, str],
    support: Sequence[Sequence[SentenceKey]] | None,
) -> dict[int, dict[int, tuple[int, float]]]:
    """unit -> {other article index: (best matching unit there, similarity)}."""
    result: dict[int, dict[int, tuple[int, float]]] = {i: {} for i in range(len(units))}
    if support is not None:
        index = {(articles[ai].id, s.index): u for u, (ai, s) in enumerate(units)}
        for group in support:
            members = [index[k] for k in group if k in index]
            for u in members:
                for v in members:
                    av = units[v][0]
                    if av != units[u][0] and av not in result[u]:
                        result[u][av] = (v, float(sim[u, v]))
        return result
    art = np.array([ai for ai, _ in units])
    texts = [s.text for _, s in units]
    for ai in range(len(articles)):
        cols = np.nonzero(art == ai)[0]
        if not len(cols):
            continue
        sub = sim[:, cols]
        top = np.argsort(-sub, axis=1, kind="stable")[:, :3]
        for row in np.nonzero(sub.max(axis=1) >= threshold)[0].tolist():
            if art[row] == ai:
                continue
            for k in top[row]:
                if sub[row, k] < threshold:
                    break
                other = int(cols[k])
                if agree(texts[row], texts[other]):
                    result[row][ai] = (other, float(sub[row, k]))
                    break
    return result


def _by_unit(
    matches: Mapping[int, Mapping[int, tuple[int, float]]],
    units: Sequence[tuple[int, Sentence]],
    articles: Sequence[Article],
) -> list[list[tuple[int, tuple[int, float]]]]:
    return [sorted(matches[u].items()) for u in range(len(units))]


def _citations(
    articles: Sequence[Article],
    units: Sequence[tuple[int, Sentence]],
    matched: Sequence[tuple[int, tuple[int, float]]],
    family_of: Mapping[str, str],
) -> tuple[Citation, ...]:
    cites = []
    for ai, (v, score) in matched:
        a = articles[ai]
        cites.append(Citation(a.outlet, a.id, family_of[a.id], units[v][1].index, round(score, 4)))
    first_seen = {c.origin_family: n for n, c in reversed(list(enumerate(cites)))}
    cites.sort(key=lambda c: (first_seen[c.origin_family], c.origin_family))
    return tuple(cites)


def _candidates(
    articles: Sequence[Article],
    units: Sequence[tuple[int, Sentence]],
    family_of: Mapping[str, str],
    support_count: Sequence[int],
    settings: SummarySettings,
    centrality: np.ndarray | None = None,
) -> list[Candidate]:
    toks = [content_tokens(s.text) for _, s in units]
    concept_sets = [concepts_of(t, settings.unigram_weight > 0) for t in toks]
    if settings.concept_model is not None:
        worth = concept_worth(_sentence_refs(articles, units, family_of), settings.concept_model)
    else:
        worth = frequency_worth(
            _sentence_refs(articles, units, family_of),
            concept_sets,
            min_share=settings.min_concept_share,
            lead_bonus=settings.lead_bonus,
            lead_sentences=settings.lead_sentences,
            power=settings.concept_power,
            unigram_weight=settings.unigram_weight,
        )
    out = []
    for u, (_, s) in enumerate(units):
        n_words = len(s.text.split())
        if not settings.min_words <= n_words <= settings.max_words:
            continue
        text = s.text.strip()
        if text.endswith("?"):
            continue
        if settings.skip_first_person and speaks_first_person(text):
            continue
        if settings.skip_dangling and s.index > 0 and opens_dangling(text):
            continue
        concepts = {c: worth[c] for c in concept_sets[u] if c in worth}
        bonus = settings.support_bonus * (support_count[u] - 1)
        if centrality is not None:
            bonus += settings.centrality_bonus * float(centrality[u])
        if not concepts and bonus <= 0:
            continue  # adds nothing to the objective
        out.append(Candidate(unit=u, words=n_words, concepts=concepts, bonus=bonus))
    return out


def _sentence_refs(
    articles: Sequence[Article],
    units: Sequence[tuple[int, Sentence]],
    family_of: Mapping[str, str],
) -> list[SentenceRef]:
    return [
        SentenceRef(family_of[articles[ai].id], s.index, len(articles[ai].sentences), s.text)
        for ai, s in units
    ]


def _prefix_concepts(
    units: Sequence[tuple[int, Sentence]], candidates: Sequence[Candidate]
) -> Callable[[Candidate, int], Mapping[tuple[str, str], float]]:
    """The worth of the concepts in a candidate's first ``n`` words."""

    def prefix(c: Candidate, n: int) -> Mapping[tuple[str, str], float]:
        head = " ".join(units[c.unit][1].text.split()[:n])
        found = concepts_of(content_tokens(head), unigrams=True)
        return {k: w for k, w in c.concepts.items() if k in found}

    return prefix


def _centrality(sim: np.ndarray) -> np.ndarray:
    """Cosine of each sentence to the mean of all sentence vectors (unit rows in ``sim``)."""
    total = sim.sum(axis=1)
    norm = float(np.sqrt(max(sim.sum(), 1e-9)))
    return np.asarray(total / norm)


def _duplicate_pairs(
    candidates: Sequence[Candidate], sim: np.ndarray, threshold: float
) -> list[tuple[int, int]]:
    units = np.array([c.unit for c in candidates], dtype=int)
    if len(units) < 2:
        return []
    close = np.triu(sim[np.ix_(units, units)] >= threshold, k=1)
    return [(int(units[a]), int(units[b])) for a, b in zip(*np.nonzero(close), strict=True)]


def _reading_key(
    articles: Sequence[Article], units: Sequence[tuple[int, Sentence]], u: int
) -> tuple[datetime, int, int]:
    ai, s = units[u]
    published = articles[ai].published
    if published is None:
        when = datetime.max
    elif published.tzinfo is not None:
        when = published.astimezone(UTC).replace(tzinfo=None)
    else:
        when = published
    return (when, ai, s.index)
