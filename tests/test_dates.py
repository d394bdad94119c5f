"""Dates: our own fixture of 128 expressions, the example story's gold dates, the timeline."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from triangulate.claims.dates import dates_in, extract_dates, is_post_signature
from triangulate.claims.timeline import compare_dates, timeline
from triangulate.model import Article

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "dates.json"
GOLD = ROOT / "examples" / "harbour-bridge.gold.json"
CASES: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))["cases"]


def _resolve(case: dict[str, Any]) -> str | None:
    ref = datetime.fromisoformat(case["published"]).date()
    for mention in dates_in(case["sentence"], ref):
        if case["expression"] in mention.text:
            return mention.resolved
    return None


def test_fixture_has_at_least_100_cases() -> None:
    assert len(CASES) >= 100
    assert len({c["id"] for c in CASES}) == len(CASES)
    for c in CASES:
        assert c["expression"] in c["sentence"], c["id"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_fixture_expression_resolves(case: dict[str, Any]) -> None:
    assert _resolve(case) == case["expected"], case["sentence"]


def test_fixture_accuracy() -> None:
    """The figure docs/claims.md reports (measured: 128 of 128)."""
    right = sum(_resolve(c) == c["expected"] for c in CASES)
    assert right / len(CASES) >= 0.95


def test_mentions_keep_offsets_and_clock_times() -> None:
    text = "The deck fell at 6:52 p.m. on Monday, and crews worked until morning."
    found = dates_in(text, date(2025, 3, 4))
    for m in found:
        assert text[m.start : m.end] == m.text
    monday = next(m for m in found if "Monday" in m.text)
    assert monday.resolved == "2025-03-03"
    assert monday.time == "18:52"


def test_clock_time_alone_joins_the_day_whose_part_fits() -> None:
    earlier = dates_in("It fell on Monday evening.", date(2025, 3, 4))
    earlier += dates_in("The fire chief spoke on Tuesday.", date(2025, 3, 4))
    [clock] = dates_in("The span gave way at around 6:45 p.m.", date(2025, 3, 4), earlier)
    assert (clock.resolved, clock.time) == ("2025-03-03", "about 18:45")


def _example_articles() -> dict[str, Article]:
    from triangulate import ingest
    from triangulate.pipeline import articles_from

    folder = ROOT / "examples" / "harbour-bridge"
    return {
        a.source.split("harbour-bridge/")[-1]: a
        for a in articles_from(ingest.read_path(folder))
        if isinstance(a, Article)
    }


def test_example_story_dates() -> None:
    """Every gold date of the example story, resolved against its article's publish date
    (the gold's, where ingest found none), including words inside an embedded post."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    arts = _example_articles()
    wrong = []
    for g in gold["dates"]:
        art = arts[g["article"]]
        published = datetime.fromisoformat(gold["articles"][g["article"]]["published"]).date()
        mentions = extract_dates(art, reference=None if art.published else published)
        hits = [m for m in mentions if g["expression"] in m.text or m.text in g["expression"]]
        if g.get("context"):
            hits = [m for m in hits if g["context"] in art.sentences[m.sentence].text] or hits
        if g["resolved"] not in {m.resolved for m in hits}:
            wrong.append((g["id"], g["expression"], [m.resolved for m in hits]))
    # measured: 61 of 61
    assert wrong == []


def test_timeline_orders_days_and_names_sources() -> None:
    arts = _example_articles()
    mentions = [m for a in arts.values() if a.published for m in extract_dates(a)]
    entries = timeline(mentions, {a.id: a for a in arts.values()})
    firsts = [e.first for e in entries]
    assert firsts == sorted(firsts)
    collapse = next(e for e in entries if e.resolved == "2025-03-03")
    assert len(collapse.sources) >= 4
    assert any("Monday" in m.text for m in collapse.mentions)
    # an embedded post's signature line dates the post but is not shown as an event
    assert any("(@MayorCalloway)" in a.text for a in arts.values())
    assert not any("(@" in event for e in entries for event in e.events)


def test_a_post_signature_line_is_recognised() -> None:
    assert is_post_signature("— Ruth Calloway (@MayorCalloway) March 3, 2025")
    assert not is_post_signature("Ruth Calloway posted a video on March 3, 2025.")


def _one_sentence_article(article_id: str, text: str, published: datetime) -> Article:
    from triangulate.model import Sentence

    return Article(
        id=article_id,
        source=article_id,
        kind="text",
        title="t",
        text=text,
        raw=text,
        sentences=(Sentence(0, 0, len(text), text, 0),),
        outlet=article_id,
        published=published,
    )


def test_a_slipped_date_for_the_same_event_differs() -> None:
    published = datetime(2022, 2, 15, 9, 0)
    arts = {
        "a": _one_sentence_article(
            "a",
            "The joint military drills in Belarus are scheduled to end on 20 February.",
            published,
        ),
        "b": _one_sentence_article(
            "b",
            "The joint military drills in Belarus are scheduled to end on 20 January.",
            published,
        ),
        "c": _one_sentence_article("c", "The chancellor flew to Moscow on Monday.", published),
    }
    mentions = [m for a in arts.values() for m in extract_dates(a)]
    groups = compare_dates(mentions, arts, families={"a": "x", "b": "y"})
    [group] = groups
    assert group.verdict == "differ"
    assert {s.resolved for s in group.sides} == {"2022-02-20", "2022-01-20"}
    assert all(s.independent_origins == 1 for s in group.sides)


def test_example_story_dates_never_conflict() -> None:
    """The example's dates of one event agree; nothing is reported as a date conflict."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    arts = _example_articles()
    mentions = []
    for key, art in arts.items():
        published = datetime.fromisoformat(gold["articles"][key]["published"]).date()
        mentions += extract_dates(art, reference=None if art.published else published)
    groups = compare_dates(mentions, {a.id: a for a in arts.values()})
    assert groups, "no event dated by two articles was found"
    assert [g.verdict for g in groups if g.verdict == "differ"] == []
    collapse = [g for g in groups if any("Monday evening" in m.text for m in g.mentions)]
    assert collapse and all(g.verdict == "agree" for g in collapse)
