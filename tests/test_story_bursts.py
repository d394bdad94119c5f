"""Coverage bursts: a story whose members form two bursts apart in time is two stories.

Every article here is written for these tests (invented places and people).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from triangulate import stories
from triangulate.model import Article
from triangulate.stories import StoriesConfig, StoryClusterer, consolidate, extract
from triangulate.stories.bursts import BurstRule, cut_points, duration

HOUR = 3600.0
RULE = BurstRule(min_size=5, gap_ratio=2.0, min_hours=1.0)

CRASH = [
    "The ferry Aurora Bay struck the main pier of Port Meridian harbour in thick fog.",
    "Coastguard commander Ilse Varga said 14 passengers of the Aurora Bay were injured.",
    "The Aurora Bay was arriving from Kessel Island with 212 passengers on board.",
    "Divers inspected the Port Meridian pier while the harbour stayed closed.",
    "Kessel Lines, which runs the Aurora Bay, said the engine failed before the crash.",
    "Three injured passengers were taken to Meridian General Hospital.",
]
INQUIRY = [
    "Port Meridian opened an inquiry into the Aurora Bay ferry crash on Wednesday.",
    "Inquiry chair Tomas Brandt will question Kessel Lines about the Aurora Bay engine.",
    "Commander Ilse Varga will give evidence to the Aurora Bay inquiry next week.",
    "The inquiry into the Port Meridian crash will report to the harbour board by June.",
    "Kessel Lines said it would hand its Aurora Bay maintenance logs to the inquiry.",
    "Families of the injured Aurora Bay passengers asked the inquiry for public hearings.",
    "The Port Meridian harbour board welcomed the Aurora Bay inquiry and its schedule.",
    "Lawyers for the Aurora Bay crew said the inquiry should look at the fog warnings.",
]
D = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)


def _article(aid: str, title: str, sentences: list[str], k: int, when: datetime) -> Article:
    picked = [sentences[(k + j) % len(sentences)] for j in (0, 2, 3)]
    text = " ".join(picked) + f" Report {aid} from desk {k}."
    return Article(id=aid, source=f"{aid}.txt", kind="text", title=title, text=text, raw=text,
                   sentences=(), outlet=f"outlet{k}", published=when)


def crash(n: int, start: datetime, step: timedelta) -> list[Article]:
    return [_article(f"crash{k}", "Aurora Bay ferry hits Port Meridian pier", CRASH, k, start + k * step)
            for k in range(n)]


def inquiry(n: int, start: datetime, step: timedelta, first: int = 0) -> list[Article]:
    return [_article(f"inq{k}", "Inquiry opens into Aurora Bay ferry crash", INQUIRY, k, start + (k - first) * step)
            for k in range(first, first + n)]


def where(arts: list[Article], config: StoriesConfig | None = None) -> dict[str, str]:
    groups = stories.group(arts, config or StoriesConfig())
    return {aid: s.id for s in groups for aid in s.article_ids}


# ------------------------------------------------------------------ the rule on times
def test_two_dense_bursts_far_apart_are_cut() -> None:
    times = [k * 60.0 for k in range(6)] + [30 * HOUR + k * 60.0 for k in range(6)]
    assert cut_points(times, list(range(12)), RULE) == [6]


def test_thin_coverage_over_weeks_is_one_burst() -> None:
    times = [k * 3 * 24 * HOUR for k in range(10)]  # one article every three days
    assert cut_points(times, list(range(10)), RULE) == []


def test_a_burst_needs_enough_articles_and_copies_count_once() -> None:
    times = [k * 60.0 for k in range(6)] + [30 * HOUR + k * 60.0 for k in range(4)]
    assert cut_points(times, list(range(10)), RULE) == []
    times = [k * 60.0 for k in range(6)] + [30 * HOUR + k * 60.0 for k in range(6)]
    families = list(range(6)) + [99] * 6  # the second burst is six copies of one report
    assert cut_points(times, families, RULE) == []


def test_a_silence_short_against_the_bursts_does_not_cut() -> None:
    # two bursts of ten hours each, twelve hours apart: 12 < 2 x 10
    times = [k * 2 * HOUR for k in range(6)] + [22 * HOUR + k * 2 * HOUR for k in range(6)]
    assert duration(times[:6]) <= 10 * HOUR
    assert cut_points(times, list(range(12)), RULE) == []
    assert cut_points(times, list(range(12)), BurstRule(5, 1.0, 1.0)) == [6]


def test_three_bursts_give_two_cuts_and_stragglers_do_not_stretch_a_burst() -> None:
    times = ([k * 60.0 for k in range(8)] + [5 * HOUR]  # a late pick-up of the first burst
             + [40 * HOUR + k * 60.0 for k in range(6)] + [90 * HOUR + k * 60.0 for k in range(7)])
    assert cut_points(times, list(range(len(times))), RULE) == [9, 15]
    assert cut_points(times, list(range(len(times))), BurstRule(0, 2.0, 1.0)) == []


# ------------------------------------------------------------------ in consolidation
def test_crash_and_inquiry_two_days_apart_are_two_stories() -> None:
    arts = crash(6, D, timedelta(minutes=10)) + inquiry(6, D + timedelta(days=2), timedelta(minutes=10))
    without = where(arts, StoriesConfig(burst_min_size=0))
    assert len(set(without.values())) == 1  # the words alone make them one story
    got = where(arts)
    assert len({got[a.id] for a in arts if a.id.startswith("crash")}) == 1
    assert len({got[a.id] for a in arts if a.id.startswith("inq")}) == 1
    assert got["crash0"] != got["inq0"]


def test_the_same_articles_spread_thinly_over_weeks_stay_one_story() -> None:
    arts = crash(6, D, timedelta(days=3)) + inquiry(6, D + timedelta(days=18), timedelta(days=3))
    assert len(set(where(arts).values())) == 1


def test_a_later_burst_keeps_its_id_across_incremental_runs() -> None:
    c = StoryClusterer()
    for a in crash(6, D, timedelta(minutes=10)):
        c.add(extract(a))
    consolidate(c)
    first = c.story_of("crash0")
    # a larger second burst: still the first one, the story readers already know, keeps the id
    for a in inquiry(8, D + timedelta(days=2), timedelta(minutes=10)):
        c.add(extract(a))
    consolidate(c)
    second = c.story_of("inq0")
    assert c.story_of("crash0") == first != second
    assert {c.story_of(f"inq{k}") for k in range(8)} == {second}
    # more of the second burst arrives: however it is assigned, merged and cut again,
    # both stories keep their ids and no merge sends a reader of one to the other
    for a in inquiry(3, D + timedelta(days=2, hours=1), timedelta(minutes=10), first=8):
        c.add(extract(a))
    consolidate(c)
    assert c.story_of("crash0") == first
    assert {c.story_of(f"inq{k}") for k in range(11)} == {second}
    assert c.resolve(second) == second and c.resolve(first) == first


def test_two_bursts_merged_and_cut_again_get_their_ids_back() -> None:
    c = StoryClusterer()
    for a in crash(6, D, timedelta(minutes=10)) + inquiry(8, D + timedelta(days=2), timedelta(minutes=10)):
        c.add(extract(a))
    consolidate(c)
    first, second = c.story_of("crash0"), c.story_of("inq0")
    assert first != second
    merges_before = len(c.merges)
    # a run whose merge step joins the two (the larger absorbs the other) ...
    c.config = c.config.with_(merge_threshold=0.0)
    c.changed.update({first, second})
    result = consolidate(c)
    # ... and whose burst step cuts them apart again gives each its id back, merge undone
    assert c.story_of("crash0") == first and c.story_of("inq0") == second
    assert len(c.merges) == merges_before and not result.merges
    assert c.resolve(first) == first and c.resolve(second) == second


def test_stories_command_cuts_a_later_burst_and_keeps_ids_across_runs(tmp_path: Path) -> None:
    from triangulate.cli import main
    from triangulate.store import SqliteStore

    db = tmp_path / "t.sqlite"

    def run(name: str, articles: list[Article]) -> dict[str, str]:
        path = tmp_path / name
        path.write_text("\n".join(json.dumps({
            "id": a.id, "title": a.title, "text": a.text, "outlet": a.outlet,
            "url": f"https://{a.outlet}.example/{a.id}", "date": a.published.isoformat() if a.published else None,
        }) for a in articles) + "\n", encoding="utf-8")
        assert main(["ingest", str(path), "--db", str(db)]) == 0
        assert main(["stories", "--db", str(db)]) == 0
        store = SqliteStore(db)
        try:
            return dict(store.connection.execute("SELECT article_id, story_id FROM stories_article").fetchall())
        finally:
            store.close()

    first = run("a.jsonl", crash(6, D, timedelta(minutes=10)))
    assert len(set(first.values())) == 1
    second = run("b.jsonl", inquiry(8, D + timedelta(days=2), timedelta(minutes=10)))
    assert all(second[aid] == sid for aid, sid in first.items())
    later = {second[aid] for aid in second if aid not in first}
    assert len(later) == 1 and later.isdisjoint(first.values())
    third = run("c.jsonl", inquiry(3, D + timedelta(days=2, hours=1), timedelta(minutes=10), first=8))
    assert all(third[aid] == sid for aid, sid in second.items())
    assert len(third) == 17 and {sid for aid, sid in third.items() if aid not in first} == later
    store = SqliteStore(db)
    try:
        merged = store.connection.execute("SELECT absorbed, into_id FROM stories_merge").fetchall()
    finally:
        store.close()
    assert not merged  # no merge sends a reader of either story to the other
