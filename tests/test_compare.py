"""Comparison across a story: planted conflicts found, hedged estimates never flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triangulate.claims.compare import FigureGroup, compare
from triangulate.claims.quantities import extract_quantities, quantities_in
from triangulate.claims.types import Quantity
from triangulate.model import Article

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "examples" / "harbour-bridge.gold.json"


def _figures(article_id: str, sentence: str, outlet: str) -> list[Quantity]:
    from dataclasses import replace

    return [replace(q, article_id=article_id, asserted_by=outlet) for q in quantities_in(sentence)]


def test_hedged_estimates_are_consistent_not_a_conflict() -> None:
    groups = compare(
        {
            "a": _figures("a", "More than 100,000 troops are deployed near the border.", "A"),
            "b": _figures("b", "At least 130,000 troops are deployed near the border.", "B"),
            "c": _figures("c", "Well over 100,000 troops are deployed near the border.", "C"),
        }
    )
    [group] = [g for g in groups if g.verdict != "different-things"]
    assert group.verdict == "consistent"
    assert len(group.quantities) == 3


def test_exact_figures_that_differ_name_both_sides_and_origins() -> None:
    groups = compare(
        {
            "wire": _figures("wire", "12 people were injured, the fire service said.", "Wire"),
            "copy": _figures("copy", "12 people were injured, the fire service said.", "Copy"),
            "tv": _figures("tv", "21 people were hurt in the collapse.", "TV"),
        },
        families={"wire": "wire", "copy": "wire", "tv": "tv"},
    )
    [differ] = [g for g in groups if g.verdict == "differ"]
    assert differ.counted == "people injured"
    sides = {s.value: s for s in differ.sides}
    assert set(sides) == {"12", "21"}
    assert sides["12"].independent_origins == 1  # a copy adds no independent origin
    assert sides["12"].articles == ("copy", "wire")
    assert sides["21"].independent_origins == 1
    assert "12 vs 21" in differ.reason


def test_a_copy_says_a_figure_with_its_origins_speaker() -> None:
    figures = {
        "wire": _figures("wire", "12 people were injured, the fire service said.", "fire service"),
        "spun": _figures("spun", "12 individuals were harmed, the fireplace service said.",
                         "fireplace service"),
        "tv": _figures("tv", "21 people were hurt in the collapse.", "TV"),
        "own": _figures("own", "12 people were injured, police said.", "police"),
    }
    families = {"wire": "fam-wire", "spun": "fam-wire", "tv": "tv", "own": "own"}

    def twelve(origins: dict[str, str] | None) -> tuple[str, ...]:
        [differ] = [g for g in compare(figures, families, origins) if g.verdict == "differ"]
        return next(s.asserted_by for s in differ.sides if s.value == "12")

    # without the origins every rendering is a speaker; with them the reworded copy's
    # rendering is its origin's, and another origin's own speaker stays
    assert twelve(None) == ("fire service", "fireplace service", "police")
    assert twelve({"fam-wire": "wire"}) == ("fire service", "police")
    # a copy whose origin does not give the value keeps its own speaker
    del figures["wire"]
    assert twelve({"fam-wire": "wire"}) == ("fireplace service", "police")


def test_same_number_counting_different_things_is_never_compared() -> None:
    groups = compare(
        {
            "a": _figures("a", "47 people were evacuated from the terminal.", "A"),
            "b": _figures("b", "All 47 passengers on the ferry were safe.", "B"),
            "c": _figures("c", "The 12-year-old bridge collapsed and 12 people were injured.", "C"),
        }
    )
    assert not [g for g in groups if g.verdict == "differ"]
    apart = [g for g in groups if g.verdict == "different-things"]
    assert any("47" in g.reason for g in apart)
    assert all("not compared" in g.reason for g in apart)


def test_units_are_converted_before_comparing() -> None:
    groups = compare(
        {
            "a": _figures("a", "Gusts of 87 mph hit the coast.", "A"),
            "b": _figures("b", "Gusts of 140 km/h hit the coast.", "B"),
        }
    )
    [group] = [g for g in groups if g.verdict != "different-things"]
    assert group.verdict == "agree"


def test_different_places_are_kept_apart() -> None:
    groups = compare(
        {
            "a": _figures("a", "About 30,000 troops are in Belarus.", "A"),
            "b": _figures("b", "About 100,000 troops are in Crimea.", "B"),
        }
    )
    assert not [g for g in groups if g.verdict == "differ"]
    assert any("different scope" in g.reason for g in groups)


# --------------------------------------------------------------------------- example story


def _example() -> tuple[dict[str, list[Quantity]], dict[str, str], dict[str, str]]:
    """Figures per article id, gold families by article id, gold key by article id."""
    from triangulate import ingest
    from triangulate.pipeline import articles_from

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    arts = [
        a
        for a in articles_from(ingest.read_path(ROOT / "examples" / "harbour-bridge"))
        if isinstance(a, Article)
    ]
    keys = {a.id: a.source.split("harbour-bridge/")[-1] for a in arts}
    families = {a.id: gold["articles"][keys[a.id]]["origin"] for a in arts}
    return {a.id: extract_quantities(a) for a in arts}, families, keys


@pytest.fixture(scope="module")
def example_groups() -> tuple[list[FigureGroup], dict[str, str]]:
    figures, families, keys = _example()
    return compare(figures, families), keys


def test_example_planted_conflict_is_found(
    example_groups: tuple[list[FigureGroup], dict[str, str]],
) -> None:
    groups, keys = example_groups
    differ = [g for g in groups if g.verdict == "differ"]
    assert len(differ) == 1, [g.reason for g in differ]
    [group] = differ
    values = {s.value: s for s in group.sides}
    assert set(values) == {"12", "21"}
    assert values["12"].independent_origins == 2  # the wire family and the Courier family
    assert values["21"].independent_origins == 1  # MBC
    assert {keys[a] for a in values["21"].articles} == {"05-mbc-news.html"}
    assert groups[0] is group  # conflicts first


def test_example_consistent_figures_are_not_conflicts(
    example_groups: tuple[list[FigureGroup], dict[str, str]],
) -> None:
    groups, _ = example_groups
    verdicts = {g.counted: g.verdict for g in groups if g.verdict != "different-things"}
    assert verdicts["people evacuated"] == "consistent"  # more than 40 / at least 47 / 47
    assert verdicts["wind"] == "consistent"  # up to 110 / more than 100 / around 110 km/h
    assert verdicts["section"] == "consistent"  # nearly 60 / about 60 / 58 metres
    assert verdicts["people injured seriously"] == "agree"
    assert verdicts["refurbishment"] == "agree"


def test_example_look_alikes_are_not_compared(
    example_groups: tuple[list[FigureGroup], dict[str, str]],
) -> None:
    groups, _ = example_groups
    for g in groups:
        if g.verdict == "differ":
            assert {q.value for q in g.quantities} == {12, 21}
    passengers = [g for g in groups if any(q.counted == "passenger" for q in g.quantities)]
    assert passengers and all(g.verdict == "different-things" for g in passengers)


# --------------------------------------------------------------------------- seeds


@pytest.mark.shared
def test_seed_troop_estimates_are_consistent(seeds_dir: Path) -> None:
    from triangulate import ingest
    from triangulate.pipeline import articles_from

    arts = [a for a in articles_from(ingest.read_path(seeds_dir)) if isinstance(a, Article)]
    groups = compare({a.id: extract_quantities(a) for a in arts})
    troops = [
        g for g in groups if g.counted.startswith("troop") and g.verdict != "different-things"
    ]
    assert troops, "no troop estimates grouped"
    assert all(g.verdict == "consistent" for g in troops)
    figures = {q.value for g in troops for q in g.quantities}
    assert {100_000, 130_000} <= figures
    assert not [g for g in groups if g.verdict == "differ"]


def test_figures_for_different_times_are_kept_apart() -> None:
    from dataclasses import replace

    early = [
        replace(q, time="2022-01-10") for q in _figures("a", "100,000 troops are deployed.", "A")
    ]
    late = [
        replace(q, time="2022-02-15") for q in _figures("b", "150,000 troops are deployed.", "B")
    ]
    groups = compare({"a": early, "b": late})
    assert not [g for g in groups if g.verdict == "differ"]
    same_week = [
        replace(q, time="2022-02-12") for q in _figures("c", "150,000 troops are deployed.", "C")
    ]
    groups = compare({"b": late, "c": same_week})
    assert [g.verdict for g in groups if g.verdict != "different-things"] == ["agree"]
