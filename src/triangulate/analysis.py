"""Per-story analysis: the stages that run on one story's articles, wired in order.

    provenance (copies, rewrites, origin families)
      -> quotes (attributions per article, speakers, utterances across the story)
      -> claims (quantities with hedges, dates; figure groups and date verdicts; timeline)
      -> facts (statements grouped across articles, independent support, contradictions)
      -> summary (extractive, best-supported facts first, every sentence cited)
      -> framing (per outlet: headline stance, verbs, voices, exclusive and omitted facts)
      -> StoryReport

Each stage is usable alone (see its module); this module only calls them in order and
passes each the typed output of the earlier ones (origin families to the utterance and
figure comparisons, speakers to the figures).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from triangulate import claims, provenance, quotes
from triangulate.claims.attribution import speaker_for_article
from triangulate.claims.timeline import compare_dates
from triangulate.corroborate import Fact, corroborate
from triangulate.embed import Embedder
from triangulate.framing import frame
from triangulate.model import Article, Story, StoryReport
from triangulate.quotes.identities import story_names
from triangulate.quotes.speakers import Speaker
from triangulate.summarize import summarize

#: How many statements doubting a story's central claim open its summary.
SUMMARY_DOUBTS = 2
#: Length of a story's summary, in words.
SUMMARY_WORDS = 150


def analyze_story(
    story: Story, articles: Sequence[Article], embedder: Embedder | None = None
) -> StoryReport:
    """Run every per-story stage over ``articles`` (the members of ``story``)."""
    prov = provenance.analyze_story(articles, embedder)
    families = {a.id: family_id(prov, a.id) for a in articles}

    attributions = {a.id: tuple(quotes.extract_attributions(a)) for a in articles}
    speakers = story_speakers(
        {a.id: quotes.resolve_speakers(a, list(attributions[a.id])) for a in articles}
    )
    utterances = quotes.group_utterances(
        articles, attributions, families, embedder=embedder, copied=prov.copied_sentences()
    )

    by_id = {a.id: a for a in articles}
    dates = {a.id: claims.extract_dates(a) for a in articles}
    quantities = {
        a.id: claims.extract_quantities(
            a,
            speaker_for=speaker_for_article(a, attributions[a.id], speakers[a.id]),
            times=sentence_times(dates[a.id]),
        )
        for a in articles
    }
    all_dates = [d for a in articles for d in dates[a.id]]
    origins = {f.id: f.origin_article for f in prov.families if f.origin_article}
    figures = tuple(claims.compare(quantities, families, origins))
    # people by the name the story knows them by ("Webb", "he" -> "Marcus Webb"); bodies
    # keep the words at the cue ("the port authority"), an "it" is too often misresolved
    names = {
        aid: [sp.name if sp is not None and sp.kind == "person" else None for sp in sps]
        for aid, sps in speakers.items()
    }
    facts = corroborate(
        articles, prov, embedder=embedder, attributions=attributions, speaker_names=names,
        figures=figures,
    )
    support = [[(s.article_id, s.sentence) for s in f.supports] for f in facts]
    return StoryReport(
        story=story,
        articles=tuple(articles),
        independent_sources=prov.independent_sources,
        summary=summarize(
            articles,
            words=SUMMARY_WORDS,
            families=families,
            support=support,
            embedder=embedder,
            lead=summary_lead(facts),
            include=summary_figures(figures),
        ),
        facts=facts,
        framing=frame(articles, prov, facts, attributions),
        provenance=prov,
        quotes=tuple(utterances),
        figures=figures,
        dates=tuple(compare_dates(all_dates, by_id, families)),
        timeline=tuple(claims.timeline(all_dates, by_id)),
    )


def story_speakers(
    speakers: dict[str, list[Speaker | None]],
) -> dict[str, list[Speaker | None]]:
    """Each article's speakers named as the whole story knows them (``story_names``), so
    that a figure's sides say "Kestrel Bay Fire and Rescue" once, not also "fire service"
    for the article that calls it that."""
    flat = [(aid, sp) for aid, sps in speakers.items() for sp in sps]
    names = story_names([sp for _, sp in flat])
    out: dict[str, list[Speaker | None]] = {aid: [] for aid in speakers}
    for (aid, sp), name in zip(flat, names, strict=True):
        out[aid].append(sp if sp is None or name is None else replace(sp, name=name))
    return out


def summary_lead(facts: Sequence[Fact], doubts: int = SUMMARY_DOUBTS) -> list[tuple[str, int]]:
    """The sentences a summary opens with: the doubted claim, then who doubts it.

    The attributed claim the most statements doubt comes first (then the best supported),
    followed by the statements of up to ``doubts`` different parties doubting it (named
    parties first).
    Empty when no claim is doubted.
    """
    claims = [f for f in facts if f.doubted_by]
    if not claims:
        return []
    claim = max(claims, key=lambda f: (len(f.doubted_by), f.independent_origins, f.id))
    by_id = {f.id: f for f in facts}

    def party(f: Fact) -> str | None:
        return f.attributed_to or next(
            (s.attributed_to for s in f.supports if s.attributed_to), None
        )

    def sentence(f: Fact) -> tuple[str, int]:
        s = next((s for s in f.supports if s.text == f.statement), f.supports[0])
        return (s.article_id, s.sentence)

    against = sorted(
        (by_id[d] for d in claim.doubted_by if d in by_id),
        key=lambda f: (party(f) is None, -f.independent_origins, -len(f.articles), f.id),
    )
    keys, parties = [sentence(claim)], set()
    for f in against:
        who = (party(f) or "").lower()
        if who and who in parties:
            continue
        parties.add(who)
        keys.append(sentence(f))
        if len(keys) > doubts:
            break
    return keys


def summary_figures(figures: Sequence[claims.FigureGroup]) -> list[tuple[str, int]]:
    """One sentence for each side of the best-supported figure the sources give differently.

    A reader of the summary should meet the disagreement ("12 injured" / "21 injured"),
    not only the side the concept weights happen to favour.
    """
    differ = [g for g in figures if g.verdict == "differ" and len(g.sides) >= 2]
    if not differ:
        return []
    group = max(differ, key=lambda g: (sum(s.independent_origins for s in g.sides), g.counted))
    keys = []
    for side in sorted(group.sides, key=lambda s: -s.independent_origins)[:2]:
        q = min(side.quantities, key=lambda q: (q.sentence, q.article_id))
        keys.append((q.article_id, q.sentence))
    return keys


def family_id(result: provenance.ProvenanceResult, article_id: str) -> str:
    """The id of the origin family an article belongs to (itself when alone)."""
    family = result.family_of(article_id)
    return family.id if family is not None else article_id


def sentence_times(mentions: Sequence[claims.DateMention]) -> dict[int, str]:
    """Sentence index -> the ISO date the sentence's figures hold for (first day named)."""
    times: dict[int, str] = {}
    for m in mentions:
        if m.is_day:
            times.setdefault(m.sentence, m.first.isoformat())
    return times
