"""Story grouping: batch, incremental, consolidation, bounded candidates.

Every article here is written for these tests (invented places and people).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from triangulate import stories
from triangulate.model import Article
from triangulate.stories import StoriesConfig, StoryClusterer, consolidate, extract
from triangulate.stories.features import entities, numbers

FERRY = (
    "A passenger ferry struck the Meridian harbour pier on Monday morning, injuring 14 "
    "people, the Port Meridian coastguard said. The ferry Aurora Bay was arriving from "
    "Kessel Island with 212 passengers when it hit the concrete pier in thick fog. "
    "Coastguard commander Ilse Varga said the captain had reported an engine failure "
    "minutes before the collision. Three of the injured were taken to Meridian General "
    "Hospital. The harbour was closed for six hours while divers inspected the pier."
)
FERRY_2 = (
    "Fourteen people were hurt when the Aurora Bay ferry hit a pier in Port Meridian "
    "harbour in fog on Monday. The vessel, carrying 212 passengers from Kessel Island, "
    "lost engine power shortly before the crash, coastguard commander Ilse Varga told "
    "reporters. Injured passengers were treated at Meridian General Hospital. Divers "
    "checked the damaged pier and the harbour reopened in the afternoon."
)
FERRY_3 = (
    "Port Meridian harbour reopened on Monday afternoon after the ferry Aurora Bay "
    "crashed into the main pier. Commander Ilse Varga of the coastguard said an engine "
    "failure was being investigated. The ferry operator Kessel Lines apologised to the "
    "212 passengers and said 14 were injured, three seriously."
)
BORDER = (
    "Northland began pulling troops back from the Valmora border on Thursday, the "
    "defence ministry in Ostrava said, after weeks of tension. Defence minister Pavel "
    "Drozd said the units would return to their bases near Lusk. Valmora's foreign "
    "ministry said it would watch the border closely."
)
BORDER_AGAIN = (
    "Northland is pulling troops back from the Valmora border, the defence ministry in "
    "Ostrava said on Thursday. Defence minister Pavel Drozd said units were returning to "
    "bases near Lusk. The foreign ministry of Valmora said it was watching the border."
)
BORDER_2022 = (
    "Defence minister Pavel Drozd said Northland troops were pulling back from the "
    "Valmora border to their bases near Lusk, the ministry in Ostrava announced on "
    "Tuesday. Valmora said it would keep watching the border after months of tension."
)
BORDER_2022_B = (
    "Northland's defence ministry in Ostrava said on Tuesday that units near the Valmora "
    "border were returning to bases around Lusk. Pavel Drozd, the defence minister, spoke "
    "of calm on the border; Valmora's foreign ministry was cautious."
)
LIBRARY = (
    "Elmsworth city council approved a budget of 3.2 million for a new public library on "
    "Tuesday. Councillor Maren Holt said construction would start in the spring on the "
    "site of the old bus depot. The vote passed nine to two after a long debate about "
    "parking and the cost of the reading garden."
)
LIBRARY_2 = (
    "The new Elmsworth public library will cost 3.2 million, after the city council "
    "backed the plan on Tuesday by nine votes to two. Councillor Maren Holt said work on "
    "the former bus depot site begins in spring."
)


def art(aid: str, title: str, text: str, when: datetime | None, outlet: str = "x") -> Article:
    return Article(id=aid, source=f"{aid}.txt", kind="text", title=title, text=text, raw=text,
                   sentences=(), outlet=outlet, published=when)


D = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)


def corpus() -> list[Article]:
    return [
        art("ferry1", "Ferry hits pier in Port Meridian, 14 hurt", FERRY, D, "a"),
        art("lib1", "Elmsworth approves new library budget", LIBRARY, D + timedelta(hours=3), "a"),
        art("ferry2", "Aurora Bay ferry crash injures 14 in fog", FERRY_2, D + timedelta(hours=2), "b"),
        art("lib2", "Elmsworth library plan backed by council", LIBRARY_2, D + timedelta(hours=5), "c"),
        art("ferry3", "Harbour reopens after ferry crash", FERRY_3, D + timedelta(hours=8), "c"),
    ]


def by_article(groups: list) -> dict[str, str]:
    return {aid: s.id for s in groups for aid in s.article_ids}


def test_same_event_articles_group_and_other_events_stay_apart() -> None:
    where = by_article(stories.group(corpus()))
    assert where["ferry1"] == where["ferry2"] == where["ferry3"]
    assert where["lib1"] == where["lib2"]
    assert where["ferry1"] != where["lib1"]


def test_story_has_title_from_its_articles_and_time_span() -> None:
    groups = stories.group(corpus())
    ferry = next(s for s in groups if "ferry1" in s.article_ids)
    assert ferry.title in {a.title for a in corpus() if a.id.startswith("ferry")}
    assert ferry.start == D and ferry.end == D + timedelta(hours=8)
    assert ferry.article_ids == ("ferry1", "ferry2", "ferry3")  # published order


def test_group_is_deterministic_and_order_independent() -> None:
    a = stories.group(corpus())
    b = stories.group(list(reversed(corpus())))
    assert a == b


def test_same_words_a_year_apart_are_different_events() -> None:
    april = datetime(2021, 4, 22, tzinfo=UTC)
    feb = datetime(2022, 2, 15, tzinfo=UTC)
    arts = [
        art("b1", "Northland pulls troops back from Valmora border", BORDER, april, "a"),
        art("b2", "Northland troops pull back from border", BORDER_AGAIN, april + timedelta(hours=4), "b"),
        art("b3", "Northland pulls troops back from Valmora border", BORDER_2022, feb, "c"),
        art("b4", "Northland troops leave Valmora border", BORDER_2022_B, feb + timedelta(hours=6), "d"),
    ]
    where = by_article(stories.group(arts))
    assert where["b1"] == where["b2"]
    assert where["b3"] == where["b4"]
    assert where["b1"] != where["b3"]
    # the same four articles without dates are one story: time is what splits them
    undated = [art(a.id, a.title, a.text, None) for a in arts]
    assert len(set(by_article(stories.group(undated)).values())) == 1


def test_copies_never_split() -> None:
    # a light edit of a wire copy, a new headline, published weeks later: still a copy
    copy_text = FERRY.replace("Monday morning", "Monday")
    arts = [*corpus(), art("copy", "Ferry hits pier", copy_text, D + timedelta(days=25), "z")]
    c = StoryClusterer()
    feats = [extract(a) for a in arts]
    c.observe(feats)
    result = {f.id: c.add(f) for f in feats}
    assert result["copy"].reason == "duplicate"
    assert c.story_of("copy") == c.story_of("ferry1")
    consolidate(c, everything=True)
    assert c.story_of("copy") == c.story_of("ferry1")


def test_incremental_assignment_keeps_story_ids() -> None:
    arts = corpus()
    c = StoryClusterer()
    first = [c.add(extract(a)) for a in arts[:3]]
    consolidate(c)
    ids_before = {a.article_id: c.story_of(a.article_id) for a in first}
    later = [c.add(extract(a)) for a in arts[3:]]
    consolidate(c)
    for aid, sid in ids_before.items():
        assert c.resolve(sid) == c.story_of(aid)
        assert c.story_of(aid) == sid  # nothing here needs a merge: ids unchanged
    assert {a.reason for a in later} == {"joined"}
    batch = by_article(stories.group(arts))
    inc = {a.id: c.story_of(a.id) for a in arts}
    assert batch == inc


def test_consolidation_merge_keeps_the_older_larger_id() -> None:
    # a strict join threshold makes the second report start its own story; a lenient
    # merge threshold then lets consolidation merge the two
    cfg = StoriesConfig(join_threshold=0.95, merge_threshold=0.2, split_threshold=0.0)
    c = StoryClusterer(cfg)
    arts = corpus()
    feats = [extract(a) for a in arts]
    c.observe(feats)
    for f in sorted(feats, key=lambda f: f.time or 0):
        c.add(f)
    assert c.story_of("ferry1") != c.story_of("ferry2")
    old = c.story_of("ferry1")
    absorbed = c.story_of("ferry2")
    result = consolidate(c, everything=True)
    assert c.story_of("ferry2") == c.story_of("ferry1") == old
    assert any(m.absorbed == absorbed and m.into == old for m in result.merges)
    assert c.resolve(absorbed) == old


def test_consolidation_splits_a_story_that_drifted() -> None:
    from triangulate.stories.consolidate import merge_into

    c = StoryClusterer(StoriesConfig(merge_threshold=1.0))
    for a in corpus():
        c.add(extract(a))
    ferry, library = c.story_of("ferry1"), c.story_of("lib1")
    assert ferry != library
    # a wrong merge (as a chain of borderline articles could cause) ...
    merge_into(c, c._stories[library], c._stories[ferry], 0.0)
    assert c.story_of("lib1") == ferry
    # ... is undone: the larger part keeps the id, the other part gets a new one
    result = consolidate(c, everything=True)
    assert result.splits and result.splits[0][0] == ferry
    assert c.story_of("ferry1") == c.story_of("ferry2") == ferry
    assert c.story_of("lib1") == c.story_of("lib2") != ferry


def test_consolidation_steps_can_be_left_out() -> None:
    from triangulate.stories.consolidate import merge_into

    c = StoryClusterer(StoriesConfig(merge_threshold=1.0))
    for a in corpus():
        c.add(extract(a))
    ferry, library = c.story_of("ferry1"), c.story_of("lib1")
    merge_into(c, c._stories[library], c._stories[ferry], 0.0)
    # without the split step the wrong merge stays; the other steps still run
    result = consolidate(c, everything=True, steps=("move", "merge"))
    assert not result.splits
    assert c.story_of("lib1") == c.story_of("ferry1") == ferry
    with pytest.raises(ValueError, match="unknown consolidation steps: splt"):
        consolidate(c, steps=("splt",))
    # batch grouping without consolidation: more stories than with it, never fewer
    arts = corpus()
    assert len(stories.group(arts, steps=())) >= len(stories.group(arts))


def test_candidates_per_article_are_bounded() -> None:
    cfg = StoriesConfig(max_candidates=5, postings_per_term=8)
    c = StoryClusterer(cfg)
    base = datetime(2024, 1, 1, tzinfo=UTC)
    for i in range(300):
        text = (f"Report number {i} about the Meridian harbour pier and the ferry Aurora Bay. "
                f"Item code Q{i}X{i * 7} and case K{i * 13}.")
        c.add(extract(art(f"n{i}", f"Harbour note {i}", text, base + timedelta(minutes=i))))
        assert c.last_candidates <= 5
    assert max(len(p) for p in c._postings.values()) <= 8


def test_entities_and_numbers_by_rule() -> None:
    found = entities("The ferry Aurora Bay hit the pier. Coastguard commander Ilse Varga said so.")
    assert "aurora bay" in found and "ilse varga" in found
    assert "the" not in found
    assert numbers("a $284 billion bill in 2017, 14 hurt, 3 dead") == ["n:284b", "y:2017", "n:14"]


def test_config_rejects_bad_values() -> None:
    with pytest.raises(ValueError, match="join_threshold must be in"):
        StoriesConfig(join_threshold=1.5)


def test_stories_command_assigns_incrementally(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from triangulate.cli import main
    from triangulate.store import SqliteStore

    def write(name: str, articles: list[Article]) -> Path:
        path = tmp_path / name
        path.write_text("\n".join(json.dumps({
            "id": a.id, "title": a.title, "text": a.text, "outlet": a.outlet,
            "url": f"https://{a.outlet}.example/{a.id}", "date": a.published.isoformat() if a.published else None,
        }) for a in articles) + "\n", encoding="utf-8")
        return path

    db = tmp_path / "t.sqlite"
    arts = corpus()
    assert main(["ingest", str(write("a.jsonl", arts[:3])), "--db", str(db)]) == 0
    assert main(["stories", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "3 new articles" in out
    store = SqliteStore(db)
    first = dict(store.connection.execute("SELECT title, story_id FROM stories_article").fetchall())
    store.close()
    assert main(["ingest", str(write("b.jsonl", arts[3:])), "--db", str(db)]) == 0
    assert main(["stories", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "2 new articles: 2 joined a story" in out
    store = SqliteStore(db)
    rows = dict(store.connection.execute("SELECT title, story_id FROM stories_article").fetchall())
    n_stories = store.connection.execute("SELECT count(*) FROM stories_story").fetchone()[0]
    store.close()
    assert all(rows[t] == sid for t, sid in first.items())  # ids stable across runs
    assert n_stories == 2
    assert main(["stories", "--db", str(db)]) == 0
    assert "0 new articles" in capsys.readouterr().out


def test_stories_command_names_a_missing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from triangulate.cli import main

    assert main(["stories", "--db", str(tmp_path / "absent.sqlite")]) == 2
    assert "absent.sqlite: no such store" in capsys.readouterr().err


def test_parallel_feature_extraction_matches_sequential(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from triangulate import stories as st

    arts = [art(f"{a.id}-{i}", a.title, a.text + f" Note {i}.", a.published) for i in range(8) for a in corpus()]
    sequential = st.extract_all(arts, workers=1)
    if "torch" in sys.modules:
        pytest.skip("torch is loaded in this test process: extraction stays sequential by design")
    monkeypatch.setattr(st, "PARALLEL_MIN", 10)
    parallel = st.extract_all(arts, workers=2)
    assert [f.id for f in parallel] == [a.id for a in arts]
    assert [dict(f.terms) for f in parallel] == [dict(f.terms) for f in sequential]
    assert all((p.minhash == s.minhash).all() for p, s in zip(parallel, sequential, strict=True)
               if p.minhash is not None and s.minhash is not None)


class _TopicEmbedder:
    """A stand-in encoder for the tests: one direction per topic word it knows."""

    name = "topics"
    TOPICS = (("ferry", "vessel", "pier", "harbour"), ("library", "council"))

    def __init__(self) -> None:
        self.texts: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.texts.extend(texts)
        out = np.zeros((len(texts), len(self.TOPICS) + 1), dtype=np.float32)
        for r, t in enumerate(texts):
            hit = [k for k, words in enumerate(self.TOPICS) if any(w in t.lower() for w in words)]
            out[r, hit[0] if hit else len(self.TOPICS)] = 1.0
        return out


def test_embeddings_on_demand_only_for_thin_articles() -> None:
    arts = [
        art("f1", "Ferry hits pier in Port Meridian", FERRY, D),
        art("f2", "Aurora Bay ferry crash injures 14", FERRY_2, D + timedelta(hours=2)),
        art("l1", "Elmsworth backs library", LIBRARY, D + timedelta(hours=3)),
        # headline only, no word in common with the ferry reports but "vessel" (a synonym)
        art("h1", "Stricken vessel: dozen hurt as fog blinds skipper", "", D + timedelta(hours=5)),
    ]
    lexical = {a: s.id for s in stories.group(arts) for a in s.article_ids}
    assert lexical["h1"] != lexical["f1"]
    cfg = StoriesConfig(thin_chars=100)  # these invented reports are short: none is thin
    enc = _TopicEmbedder()
    found = {a: s.id for s in stories.group(arts, cfg, embedder=enc) for a in s.article_ids}
    assert found["h1"] == found["f1"] == found["f2"] != found["l1"]
    # encoded: the thin article, then the founders' headlines of the stories it met;
    # never the body of a full article
    assert enc.texts[0] == "Stricken vessel: dozen hurt as fog blinds skipper"
    assert set(enc.texts[1:]) <= {a.title for a in arts}
    assert not any(FERRY[:40] in t or LIBRARY[:40] in t for t in enc.texts)
    # thin_chars=0: nothing is thin, nothing is encoded, the result is the lexical one
    enc0 = _TopicEmbedder()
    none = stories.group(arts, StoriesConfig(thin_chars=0), embedder=enc0)
    assert enc0.texts == [] and {a: s.id for s in none for a in s.article_ids} == lexical


def _letters(i: int) -> str:
    out = ""
    for _ in range(3):
        out += "bcdfghjklmnpqrstvwxz"[i % 20]
        i //= 20
    return out


def test_a_big_story_in_a_small_batch_is_still_found_by_its_names() -> None:
    """Names in more than max_term_share of a small batch are not "common" words."""
    filler = [
        art(f"x{i}", f"Notice {_letters(i)}", " ".join(f"{_letters(i)}{s}" for s in ("ab", "ek", "ul", "on")) * 5,
            D + timedelta(minutes=i))
        for i in range(60)
    ]
    ferries = [art(f"f{i}", f"Ferry report {i}", FERRY if i % 2 else FERRY_2, D + timedelta(hours=i))
               for i in range(8)]
    short = art("s", "Aurora Bay, Meridian", "Kessel Island, Ilse Varga.", D + timedelta(hours=9))
    batch = [*filler, *ferries, short]
    found = {a: s.id for s in stories.group(batch) for a in s.article_ids}
    assert found["s"] == found["f0"]
    strict = {a: s.id for s in stories.group(batch, StoriesConfig(common_min_docs=0))
              for a in s.article_ids}
    assert strict["s"] != strict["f0"]  # with the share limit alone its names are "common"
