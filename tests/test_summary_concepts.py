"""The learned concept worth (summary_concepts) on our own small sentences."""

from __future__ import annotations

import pytest

from articles import article
from triangulate.summarize import GENERIC_SETTINGS, summarize
from triangulate.summary_concepts import (
    FEATURES,
    LEARNED,
    ConceptModel,
    SentenceRef,
    concept_features,
    concept_worth,
    fit_concept_model,
)

FILLER = [
    "Officials gave no further details about the schedule for the coming week.",
    "Several local groups plan meetings to discuss the matter with residents.",
    "The weather in the region is expected to stay dry for several days.",
]


def refs(origin: str, sentences: list[str]) -> list[SentenceRef]:
    return [SentenceRef(origin, i, len(sentences), s) for i, s in enumerate(sentences)]


def five_reports() -> list[SentenceRef]:
    """Five outlets: each opens on the ferry sinking and mentions the harbour toll late."""
    out: list[SentenceRef] = []
    for n in range(5):
        out += refs(
            f"outlet-{n}",
            [
                f"A passenger ferry sank near the coast on report {n} of the morning.",
                *FILLER,
                f"The harbour toll was raised again, as noted in item {n}.",
            ],
        )
    return out


def test_model_needs_one_coefficient_per_feature() -> None:
    with pytest.raises(ValueError):
        ConceptModel(coefficients=(1.0,), intercept=0.0)
    assert len(LEARNED.coefficients) == len(FEATURES)


def test_opening_concepts_are_worth_more_than_late_ones() -> None:
    worth = concept_worth(five_reports())
    # both bigrams are used by all five outlets; only where they appear differs
    assert worth[("passeng", "ferri")] > worth[("harbour", "toll")]
    assert 0.0 < worth[("harbour", "toll")] < 1.0


def test_concepts_too_few_origins_use_are_not_scored() -> None:
    sentences = five_reports() + refs("outlet-x", ["A lone reporter saw purple elephants today."])
    features = concept_features(sentences, min_share=0.2)
    assert ("purpl", "eleph") not in features
    assert ("passeng", "ferri") in features


def test_a_repeated_sentence_counts_once() -> None:
    once = concept_features(five_reports())
    twice = concept_features(
        [*five_reports(), SentenceRef("outlet-0", 5, 6, five_reports()[4].text)]
    )
    log_occurrences = FEATURES.index("log_occurrences")
    key = ("harbour", "toll")
    assert once[key][log_occurrences] == twice[key][log_occurrences]


def test_fit_finds_the_informative_feature() -> None:
    examples = []
    for i in range(200):
        x = [0.0] * len(FEATURES)
        x[0] = (i % 10) / 10
        x[1] = (i * 7 % 13) / 13  # noise
        examples.append((tuple(x), x[0] >= 0.5))
    model = fit_concept_model(examples)
    low = [0.0] * len(FEATURES)
    high = [0.0] * len(FEATURES)
    high[0] = 0.9
    assert model.coefficients[0] > 0
    assert model.probability(high) > 0.8 > 0.2 > model.probability(low)


def test_generic_summary_keeps_whole_sentences_within_budget() -> None:
    outlets = [
        article(
            f"Outlet {n}",
            [
                f"A passenger ferry sank near the coast of Marden on Tuesday, outlet {n} reported.",
                *FILLER,
                "The harbour toll was raised again by the port authority in a separate decision.",
            ],
        )
        for n in range(4)
    ]
    summary = summarize(outlets, words=30, settings=GENERIC_SETTINGS)
    assert summary.sentences and summary.words <= 30
    assert "ferry sank" in summary.sentences[0].text
    by_id = {a.id: a for a in outlets}
    for s in summary.sentences:
        assert by_id[s.article_id].text[s.start : s.end] == s.text


def test_fill_chooses_the_cut_sentence_with_the_whole_ones() -> None:
    """A fills the 10-word budget exactly (worth 5); B (6 words, worth 3) leaves 4 words in
    which C's opening is worth 4: B then C cut at 10 words is worth 7 and wins."""
    from triangulate.summary_select import Candidate, select_sentences

    a = Candidate(unit=0, words=10, concepts={("a", "a"): 5.0})
    b = Candidate(unit=1, words=6, concepts={("b", "b"): 3.0})
    c = Candidate(unit=2, words=20, concepts={("c", "c"): 4.0, ("c", "d"): 4.0})

    def opening(cand: Candidate, n: int) -> dict[tuple[str, str], float]:
        return {("c", "c"): 4.0} if cand.unit == 2 and n >= 4 else {}

    chosen = select_sentences([a, b, c], words=10, sentences=None, fill=True, prefix=opening)
    assert [x.unit for x in chosen] == [1, 2]
    # with nothing worth cutting, the exact fit stays
    plain = select_sentences([a, b], words=10, sentences=None, fill=True, prefix=opening)
    assert [x.unit for x in plain] == [0]
    assert [x.unit for x in select_sentences([a, b, c], words=10, sentences=None)] == [0]
