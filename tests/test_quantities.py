"""Quantities: number parsing, extraction rules, the CQE scorer, and the measured floors.

Sentences here are our own. The NewsQuant floors run only when ../shared/eval is present.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triangulate.claims.numbers import find_numbers, parse_number
from triangulate.claims.quantities import extract_quantities, quantities_in
from triangulate.claims.types import Interval
from triangulate.errors import EvalDataError
from triangulate.eval import quantities as qeval
from triangulate.model import Article, Sentence

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "examples" / "harbour-bridge.gold.json"


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("1,00,000", 100_000, 100_000),
        ("12,50,000", 1_250_000, 1_250_000),
        ("130,000", 130_000, 130_000),
        ("3.2 million", 3_200_000, 3_200_000),
        ("two lakh", 200_000, 200_000),
        ("1 crore", 10_000_000, 10_000_000),
        ("25k", 25_000, 25_000),
        ("4.3M", 4_300_000, 4_300_000),
        ("1.7bn", 1_700_000_000, 1_700_000_000),
        ("twenty-five", 25, 25),
        ("three hundred and twelve", 312, 312),
        ("a dozen", 12, 12),
        ("a hundred", 100, 100),
        ("tens of thousands", 10_000, 100_000),
        ("hundreds of millions", 100_000_000, 1_000_000_000),
        ("dozens", 12, 120),
        ("thousands", 1_000, 10_000),
        ("a third", 1 / 3, 1 / 3),
        ("two-thirds", 2 / 3, 2 / 3),
        ("half", 0.5, 0.5),
        ("sixfold", 6, 6),
        ("-5", -5, -5),
    ],
)
def test_parse_number(text: str, low: float, high: float) -> None:
    span = parse_number(text)
    assert span is not None, text
    assert span.low == pytest.approx(low)
    assert span.high == pytest.approx(high)


def test_parse_number_rejects_non_numbers() -> None:
    assert parse_number("several") is None
    assert parse_number("troops") is None
    assert parse_number("") is None


def test_find_numbers_marks_ordinals_and_keeps_offsets() -> None:
    text = "On the 16th, some 130,000 troops and a dozen ships."
    spans = find_numbers(text)
    assert [s.kind for s in spans] == ["ordinal", "digits", "words"]
    for s in spans:
        assert text[s.start : s.end] == s.text


# --------------------------------------------------------------------------- extraction


def one(text: str) -> list[tuple[float, float | None, str, str]]:
    return [(q.value, q.value_to, q.unit, q.change) for q in quantities_in(text)]


def test_hedges_become_intervals() -> None:
    got = {q.qualifier: q.interval for q in quantities_in(
        "Officials counted more than 100,000 troops, at least 130,000 soldiers, "
        "about 30,000 in Belarus, nearly 60 metres of deck and up to 110 km/h gusts."
    )}  # fmt: skip
    assert got["more than"] == Interval(100_000, None, low_inclusive=False)
    assert got["at least"] == Interval(130_000, None)
    assert got["about"] == Interval(27_000, 33_000)
    assert got["nearly"] == Interval(54, 60)
    assert got["up to"] == Interval(0, 110)


def test_interval_overlap_is_what_makes_estimates_consistent() -> None:
    more_than = Interval(100_000, None, low_inclusive=False)
    at_least = Interval(130_000, None)
    about_30k = Interval(27_000, 33_000)
    assert more_than.overlaps(at_least)
    assert not more_than.overlaps(about_30k)
    assert not Interval(12, 12).overlaps(Interval(21, 21))
    assert not Interval(0, 5, high_inclusive=False).overlaps(Interval(5, 5))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Parking costs up to $3.50 a day.", [(3.5, None, "dollar per day", "<")]),
        ("The pier is 140 metres long.", [(140, None, "metre", "=")]),
        (
            "Shares rose 4.5% to $12.20.",
            [(4.5, None, "percentage", "up"), (12.2, None, "dollar", "=")],
        ),
        (
            "The index fell 190 points, or 0.6%.",
            [(190, None, "point", "down"), (0.6, None, "percentage", "down")],
        ),
        (
            "Winds reached 87 mph (140 km/h).",
            [(87, None, "mile per hour", "="), (140, None, "kilometre per hour", "=")],
        ),
        ("Tickets cost between $62 and $68.", [(62, 68, "dollar", "=")]),
        ("The trip takes 15 to 22 minutes.", [(15, 22, "minute", "=")]),
        ("Fog cut visibility to 5-10 metres.", [(5, 10, "metre", "=")]),
        ("The firm employs 1,00,000 workers.", [(100_000, None, "worker", "=")]),
        ("Tens of thousands of residents left.", [(10_000, 100_000, "resident", "=")]),
        ("A third of the pupils were absent.", [(100 / 3, None, "percentage", "=")]),
        ("The drive is 1.8 billion-mile long.", [(1.8e9, None, "mile", "=")]),
        ("She has two children and three dogs.", [(2, None, "child", "="), (3, None, "dog", "=")]),
    ],
)
def test_values_units_and_changes(
    sentence: str, expected: list[tuple[float, float | None, str, str]]
) -> None:
    got = one(sentence)
    assert len(got) == len(expected), got
    for (v, v2, unit, change), (ev, ev2, eunit, echange) in zip(got, expected, strict=True):
        assert v == pytest.approx(ev)
        assert (v2 is None and ev2 is None) or v2 == pytest.approx(ev2)
        assert (unit, change) == (eunit, echange)


@pytest.mark.parametrize(
    "sentence",
    [
        "The treaty was signed in 1994 and revised on March 3.",
        "The blast happened at 6:52 p.m. on the 16th.",
        "The S&P 500 closed higher as Game 6 began.",
        "COVID-19 cases were reported in the iPhone 11 factory.",
        "It sold a six-speed gearbox.",
    ],
)
def test_years_dates_times_names_and_codes_are_not_quantities(sentence: str) -> None:
    assert quantities_in(sentence) == []


def test_age_and_counted_thing() -> None:
    [age, count] = quantities_in("Maddon, 66, met 12 people who were injured.")
    assert (age.value, age.unit) == (66, "year of age")
    assert (count.value, count.counted) == (12, "people injured")


def test_part_of_a_figure_keeps_what_is_counted_and_how_badly() -> None:
    qs = quantities_in("Twelve people were hurt, three of them seriously.")
    assert [(q.value, q.counted) for q in qs] == [
        (12, "people injured"),
        (3, "people injured seriously"),
    ]


def test_scope_and_measure_head() -> None:
    [troops] = quantities_in("About 30,000 soldiers are in Belarus for drills.")
    assert troops.scope == "Belarus"
    assert troops.counted == "troop"
    [wind] = quantities_in("Storm Orla drove gusts of up to 110 km/h across the city.")
    assert wind.counted == "wind"


def _article(text: str, outlet: str = "Example Post") -> Article:
    sentences = []
    start = 0
    for i, part in enumerate(text.split(" | ")):
        idx = text.index(part, start)
        sentences.append(Sentence(i, idx, idx + len(part), part, 0))
        start = idx + len(part)
    return Article(
        id="a1",
        source="test",
        kind="text",
        title="t",
        text=text,
        raw=text,
        sentences=tuple(sentences),
        outlet=outlet,
        published=datetime(2025, 3, 4, 9, 0),
    )


def test_article_offsets_and_asserted_by() -> None:
    art = _article(
        "The bridge is 140 metres long. | 12 people were injured, according to the fire service."
        " | “We had 21 people hurt,” Webb said."
    )
    qs = extract_quantities(art)
    for q in qs:
        assert art.text[q.start : q.end] == q.text
        assert q.article_id == "a1"
    assert [q.asserted_by for q in qs] == ["Example Post", "fire service", "Webb"]
    assert [q.sentence for q in qs] == [0, 1, 2]


def test_speaker_callback_seam() -> None:
    art = _article("The council said 40 people were evacuated.")
    qs = extract_quantities(art, speaker_for=lambda a, offset: "Quotes stage speaker")
    assert qs[0].asserted_by == "Quotes stage speaker"
    none = extract_quantities(art, speaker_for=lambda a, offset: None)
    assert none[0].asserted_by == "Example Post"


def test_example_story_figures_are_found() -> None:
    """Every gold figure of the example story whose text our extractor can see."""
    from triangulate import ingest
    from triangulate.pipeline import articles_from

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    arts = {
        a.source.split("harbour-bridge/")[-1]: a
        for a in articles_from(ingest.read_path(ROOT / "examples" / "harbour-bridge"))
        if isinstance(a, Article)
    }
    missed = []
    for g in gold["quantities"]:
        spans = [(q.value, q.text.lower()) for q in extract_quantities(arts[g["article"]])]
        text = g["text"].lower()
        hit = any(
            (
                value == pytest.approx(float(g["value"]))
                or (g["unit"] == "percent" and round(value) == g["value"])
            )
            and (got in text or text in got or got.split()[0] in text)
            for value, got in spans
        )
        if not hit:
            missed.append(g["id"])
    # measured: all 71 gold figures found (value and the same words of the article)
    assert missed == []


# --------------------------------------------------------------------------- scorer


def test_scorer_follows_cqe_matching() -> None:
    records = [
        {"text": "x", "quantities": [
            {"value": "252.0-287.0", "normalized_unit": "mile", "change": "="},
            {"value": "35.0", "normalized_unit": "mile", "change": "~"},
        ]},
        {"text": "y", "quantities": []},
    ]  # fmt: skip
    predictions = [
        [
            {"value": (252.0, 287.0), "normalized_unit": "mile", "change": "="},
            {"value": 35.0, "normalized_unit": "kilometre", "change": "="},
        ],
        [{"value": 3.0, "normalized_unit": "-", "change": "="}],
    ]
    s = qeval.score_predictions(records, predictions)
    # 3 predictions, 2 gold: both values match, one unit, one change
    assert s["value"]["p"] == pytest.approx(2 / 3)
    assert s["value"]["r"] == pytest.approx(1.0)
    assert s["value_unit"]["r"] == pytest.approx(0.5)
    assert s["value_change"]["r"] == pytest.approx(0.5)


def test_ranges_only_match_ranges() -> None:
    assert qeval.values_match((1.0, 2.0), (1.0, 2.0))
    assert not qeval.values_match((1.0, 2.0), 1.0)
    assert qeval.values_match(100000.0, 100000.5)  # numpy.isclose rtol 1e-5


def test_bad_data_is_named(tmp_path: Path) -> None:
    path = tmp_path / "newsquant.json"
    path.write_text('{"text": "x"}', encoding="utf-8")
    with pytest.raises(EvalDataError, match=r"newsquant\.json: expected a list"):
        qeval.load(path)
    path.write_text('[{"text": "x"}]', encoding="utf-8")
    with pytest.raises(EvalDataError, match="item 0 has no"):
        qeval.load(path)


@pytest.mark.shared
def test_newsquant_floors(eval_dir: Path) -> None:
    """The dev half of NewsQuant, with pinned floors a little under what was measured
    (0.971 / 0.883 / 0.919); the goals are 0.93 / 0.87 / 0.89."""
    result = qeval.score(eval_dir)
    scores = result.sets["newsquant"]
    assert scores["value_f1"] >= 0.95
    assert scores["value_unit_f1"] >= 0.87
    assert scores["value_change_f1"] >= 0.90
    published = result.baselines["newsquant"]
    assert published["CQE-Numparser published (full set)"]["value_f1"] == pytest.approx(0.92)


_TOKENS = [
    "more than", "about", "1,00,000", "tens of thousands", "a dozen", "$", "3.2", "million",
    "on", "Monday", "from", "to", "between", "and", "-", "km/h", "people", "were", "injured",
    "p.m.", "7", "of them", "seriously", "half", "a third", "minus", "fell", "by", "(", "2019",
]  # fmt: skip


@given(st.lists(st.sampled_from(_TOKENS), max_size=16), st.text(max_size=30))
@settings(max_examples=200, deadline=None)
def test_offsets_always_point_at_the_text(tokens: list[str], noise: str) -> None:
    text = " ".join(tokens) + " " + noise
    for q in quantities_in(text):
        assert text[q.start : q.end] == q.text
        assert (
            q.interval.low is None or q.interval.high is None or q.interval.low <= q.interval.high
        )
    assert quantities_in(text) == quantities_in(text)  # deterministic


def test_example_story_asserted_by_with_the_quotes_stage() -> None:
    """Who asserts each gold figure, with ``speaker_for`` built from the quotes stage.

    Names match loosely (the gold's canonical name against the article's wording: "fire
    service" for "Kestrel Bay Fire and Rescue" does not match). Measured: 60 of 71 with
    the quotes stage, 47 of 71 with the built-in fallback.
    """
    from triangulate import ingest
    from triangulate.claims.attribution import speaker_for_article
    from triangulate.pipeline import articles_from

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    arts = {
        a.source.split("harbour-bridge/")[-1]: a
        for a in articles_from(ingest.read_path(ROOT / "examples" / "harbour-bridge"))
        if isinstance(a, Article)
    }
    figures = {
        k: extract_quantities(a, speaker_for=speaker_for_article(a)) for k, a in arts.items()
    }
    right = 0
    for g in gold["quantities"]:
        text = g["text"].lower()
        hits = [
            q
            for q in figures[g["article"]]
            if (
                q.value == pytest.approx(float(g["value"]))
                or (q.kind == "fraction" and round(q.value) == g["value"])
            )
            and (
                q.text.lower() in text
                or text in q.text.lower()
                or q.text.split()[0].lower() in text
            )
        ]
        if not hits:
            continue
        got, expected = hits[0].asserted_by.lower(), g["asserted_by"].lower()
        outlet = (arts[g["article"]].outlet or "outlet").lower()
        if expected == "outlet":
            right += got == outlet
        else:
            right += got in expected or expected in got or expected.split()[-1] in got
    assert right / len(gold["quantities"]) >= 0.8


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The deal is worth £2.5bn.", [(2.5e9, "pound sterling", "deal")]),
        ("The project will cost Rs 500 crore.", [(5e9, "indian rupee", "project")]),
        ("He was fined ₹1,00,000 by the court.", [(100_000, "indian rupee", "")]),
        ("Temperatures reached 40C in Seville.", [(40, "celsius", "temperature")]),
        ("One in five adults smokes.", [(20, "percentage", "adult")]),
        ("Three-quarters of voters agreed.", [(75, "percentage", "voter")]),
        ("Officials reported 12 deaths and 40 injuries.", [(12, "death", "people killed"), (40, "injury", "people injured")]),
        ("The council voted 9-4 to publish.", [(9, "", "council"), (4, "", "council")]),
        ("Unemployment fell to 3.9 percent from 4.1 percent.", [(3.9, "percentage", "unemployment"), (4.1, "percentage", "unemployment")]),
    ],
)  # fmt: skip
def test_news_patterns(sentence: str, expected: list[tuple[float, str, str]]) -> None:
    got = [(q.value, q.unit, q.counted) for q in quantities_in(sentence)]
    assert len(got) == len(expected), got
    for (v, unit, counted), (ev, eunit, ecounted) in zip(got, expected, strict=True):
        assert v == pytest.approx(ev)
        assert (unit, counted) == (eunit, ecounted)
