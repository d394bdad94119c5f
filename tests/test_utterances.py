"""Utterances across outlets: grouping, canonical speakers, meaning-changing differences."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from articles import body_article as art
from triangulate.model import Article
from triangulate.quotes import extract_attributions
from triangulate.quotes.utterances import group_utterances


def story():
    a = replace(
        art("\u201cTwelve people were hurt and none died,\u201d Chief Rosa Lind said."),
        id="a",
        outlet="Wire",
    )
    b = replace(
        art("Fire chief Rosa Lind said 21 people were hurt and none died."),
        id="b",
        outlet="Broadcaster",
    )
    c = replace(
        art("Lind told reporters that twelve people were hurt and none died."),
        id="c",
        outlet="Copy",
    )
    d = replace(
        art("\u201cThe bridge is closed,\u201d the port authority said."), id="d", outlet="Local"
    )
    return [a, b, c, d]


def test_same_statement_grouped_with_outlets_and_origins() -> None:
    arts = story()
    atts = {x.id: extract_attributions(x) for x in arts}
    utts = group_utterances(arts, atts, families={"a": "f1", "b": "f2", "c": "f1", "d": "f3"})
    top = utts[0]
    assert top.speaker.name == "Rosa Lind"
    assert set(top.outlets) == {"Wire", "Broadcaster", "Copy"}
    assert top.independent_origins == 2
    assert len(utts) == 2
    kinds = {(d.kind, d.article_id) for d in top.differences}
    assert ("number", "b") in kinds


def test_deterministic() -> None:
    arts = story()
    atts = {x.id: extract_attributions(x) for x in arts}
    first = group_utterances(arts, atts)
    assert [u.id for u in first] == [u.id for u in group_utterances(arts, atts)]


def test_example_story_measured(tmp_path) -> None:
    from pathlib import Path

    from triangulate.eval.quotes import score_examples

    root = Path(__file__).resolve().parents[1] / "examples"
    m = score_examples(root / "harbour-bridge", root / "harbour-bridge.gold.json")
    # pinned floors a little under what was measured (see docs/quotes.md)
    assert m["found_recall"] >= 0.97  # 91/92: the German statement is not in the clean text
    assert m["attributed_recall"] >= 0.95
    assert m["grouping_pair_recall"] >= 0.85
    assert m["grouping_pair_precision"] >= 0.95


def test_seed_statements_grouped(seeds_dir) -> None:
    """Kuleba's 'believe it when we see it' and Konashenkov's statement across the seeds."""
    from triangulate import ingest
    from triangulate.pipeline import articles_from

    arts = [a for a in articles_from(ingest.read([seeds_dir])) if isinstance(a, Article)]
    atts = {a.id: extract_attributions(a) for a in arts}
    utts = group_utterances(arts, atts)

    def carrying(words: tuple[str, ...]) -> list:
        return [
            u for u in utts if any(all(w in r.text.lower() for w in words) for r in u.renderings)
        ]

    (kuleba,) = [u for u in carrying(("believe",)) if u.speaker.name == "Dmytro Kuleba"]
    assert len({r.article_id for r in kuleba.renderings}) >= 4
    assert any(r.attribution.kind == "signature" for r in kuleba.renderings)
    kon = [u for u in carrying(("military districts",)) if "Konashenkov" in u.speaker.name]
    assert len(kon) == 1 and len({r.article_id for r in kon[0].renderings}) == 3
    # "NATO chief Jens Stoltenberg" and "NATO Secretary-General Jens Stoltenberg": one person
    (stol,) = [u for u in carrying(("cautious optimism",)) if u.speaker.name == "Jens Stoltenberg"]
    assert len({r.article_id for r in stol.renderings}) == 2


def test_role_only_mention_joins_the_person_with_that_role() -> None:
    a = replace(
        art("\u201cWe will wait and see,\u201d Ukrainian Foreign Minister Dmytro Kuleba said."),
        id="a",
        outlet="A",
    )
    b = replace(
        art("Russian Foreign Ministry spokeswoman Maria Zakharova said the claims were false."),
        id="b",
        outlet="B",
    )
    c = replace(
        art("Ukraine's foreign minister said the allies had prevented any escalation."),
        id="c",
        outlet="C",
    )
    arts = [a, b, c]
    utts = group_utterances(arts, {x.id: extract_attributions(x) for x in arts})
    by_article = {r.article_id: u.speaker.name for u in utts for r in u.renderings}
    assert by_article == {"a": "Dmytro Kuleba", "b": "Maria Zakharova", "c": "Dmytro Kuleba"}


def test_spelling_variants_and_common_noun_institutions_across_outlets() -> None:
    a = replace(
        art("Foreign Minister Sergei Lavrov said the talks could go on for months."),
        id="a",
        outlet="A",
    )
    b = replace(
        art("Foreign Minister Sergey Lavrov said talks could go on for many months."),
        id="b",
        outlet="B",
    )
    c = replace(
        art("The city has said an independent panel will examine what caused the failure."),
        id="c",
        outlet="C",
    )
    d = replace(
        art(
            "Town has said an impartial panel will study what caused the failure. "
            "The council of the town meets on Thursday."
        ),
        id="d",
        outlet="D",
    )
    arts = [a, b, c, d]
    utts = group_utterances(arts, {x.id: extract_attributions(x) for x in arts})
    assert sorted(len(u.outlets) for u in utts) == [2, 2]
    assert {u.speaker.name for u in utts} == {"Sergei Lavrov", "city"}


def test_story_names_fold_renderings_of_one_speaker_and_keep_parties_apart() -> None:
    from triangulate.quotes.identities import story_names
    from triangulate.quotes.speakers import resolve_speakers

    texts = {
        "a": "Twelve people were hurt, according to Port Ellis Fire and Rescue.",
        "b": "Twelve people were hurt, according to the fire service.",
        "c": "Ferries will run again on Friday, Harbour News reported.",
        "d": "Ferries will not run until Monday, Coastal News reported.",
        "e": "Ada Quill, the harbour master, said the pier was safe. Quill said it would reopen.",
    }
    arts = [replace(art(t), id=k, outlet=k.upper()) for k, t in texts.items()]
    speakers = [sp for a in arts for sp in resolve_speakers(a, extract_attributions(a))]
    names = story_names(speakers)
    assert [n for n in names if n] == [
        "Port Ellis Fire and Rescue", "Port Ellis Fire and Rescue",  # "the fire service"
        "Harbour News", "Coastal News",  # two outlets sharing a last word stay apart
        "Ada Quill", "Ada Quill",
    ]


class _RecordingEmbedder:
    """Every text gets the same unit vector (``alike``) or its own axis; texts are recorded."""

    name = "recording"

    def __init__(self, alike: bool) -> None:
        self.alike = alike
        self.seen: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        out = np.zeros((len(texts), 64), dtype=np.float32)
        first = len(self.seen) - len(texts)
        for i in range(len(texts)):
            out[i, 0 if self.alike else first + i] = 1.0
        return out


def test_only_units_a_word_check_leaves_open_are_encoded() -> None:
    """Lind's reworded statement needs the embeddings; the port authority's never does."""
    arts = [
        *story(),
        replace(art("Rosa Lind said the blaze began in a kitchen."), id="e", outlet="Radio"),
    ]
    atts = {x.id: extract_attributions(x) for x in arts}
    for alike in (True, False):
        embedder = _RecordingEmbedder(alike)
        utts = group_utterances(arts, atts, embedder=embedder)
        assert embedder.seen, "the reworded statement of one speaker is compared by embedding"
        assert not any("bridge is closed" in t for t in embedder.seen)
        assert any("kitchen" in t for t in embedder.seen)
        lind = next(u for u in utts if any(r.article_id == "a" for r in u.renderings))
        assert ("e" in {r.article_id for r in lind.renderings}) is alike
        assert len(utts) == (2 if alike else 3)


def test_a_reworded_copy_joins_its_origins_statement_through_provenance() -> None:
    origin = replace(
        art("Twelve people were hurt, the harbour fire service said on Monday."),
        id="o",
        outlet="Courier",
    )
    spun = replace(
        art("A dozen individuals had been harmed, the harbour fireplace service stated on Monday."),
        id="s",
        outlet="Spinner",
    )
    arts = [origin, spun]
    atts = {x.id: extract_attributions(x) for x in arts}
    assert all(atts.values())
    families = {"o": "f1", "s": "f1"}
    apart = group_utterances(arts, atts, families=families)
    assert len(apart) == 2  # no shared words decide it on their own
    copied = [(("o", atts["o"][0].sentence), ("s", atts["s"][0].sentence))]
    joined = group_utterances(arts, atts, families=families, copied=copied)
    assert len(joined) == 1
    assert {r.article_id for r in joined[0].renderings} == {"o", "s"}
    assert joined[0].independent_origins == 1
