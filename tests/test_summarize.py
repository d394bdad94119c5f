"""The extractive summariser on our own small articles (no shared data, no model download)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import numpy as np
import pytest

from articles import article
from triangulate.model import Article, Sentence
from triangulate.summarize import (
    Summary,
    SummarySentence,
    SummarySettings,
    sentence_texts,
    summarize,
)
from triangulate.summary_text import agree, is_attributed


def make_article(
    article_id: str, outlet: str, published: datetime, sentences: list[str]
) -> Article:
    parts: list[Sentence] = []
    offset = 0
    for i, s in enumerate(sentences):
        parts.append(Sentence(index=i, start=offset, end=offset + len(s), text=s, paragraph=i))
        offset += len(s) + 2
    text = "\n\n".join(sentences)
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        kind="text",
        title="",
        text=text,
        raw=text,
        sentences=tuple(parts),
        outlet=outlet,
        published=published,
    )


FLOOD = "Floodwaters forced 1,200 residents of Riverton to leave their homes on Sunday after the Marle River burst its banks."
DAM = "The regional water authority says the Kessel dam upstream of Riverton is not at risk of failing."


@pytest.fixture()
def story() -> list[Article]:
    ledger = make_article(
        "ledger-1",
        "Daily Ledger",
        datetime(2024, 3, 3, 9, 0, tzinfo=UTC),
        [
            FLOOD,
            "The Marle River rose three meters overnight in Riverton after two days of heavy rain across the valley.",
            DAM,
            "Volunteers filled sandbags outside the Riverton town hall until late on Sunday evening.",
        ],
    )
    # a wire copy of the ledger story, lightly edited
    coast = make_article(
        "coast-1",
        "Coast Times",
        datetime(2024, 3, 3, 11, 0, tzinfo=UTC),
        [
            FLOOD,
            "The Marle River rose three meters overnight in Riverton after two days of heavy rain across the valley.",
            DAM,
            "Schools in Riverton and two nearby villages will stay closed on Monday, the district announced.",
        ],
    )
    metro = make_article(
        "metro-1",
        "Metro Post",
        datetime(2024, 3, 3, 7, 30, tzinfo=UTC),
        [
            "Some 1,200 residents of Riverton left their homes on Sunday as the Marle River burst its banks and floodwaters spread.",
            "Two days of heavy rain across the valley made the Marle River rise three meters overnight.",
            "The regional water authority says the Kessel dam upstream of Riverton is not at risk.",
            "He said the town had never seen anything like it in forty years.",
        ],
    )
    valley = make_article(
        "valley-1",
        "Valley News",
        datetime(2024, 3, 4, 8, 0, tzinfo=UTC),
        [
            "Floodwaters forced 1,500 residents of Riverton to leave their homes, a local charity claimed on Monday.",
            "Insurance assessors are expected in Riverton later this week to inspect flooded shops and houses.",
            "The Kessel dam upstream of Riverton is not at risk of failing, the regional water authority says.",
        ],
    )
    return [ledger, coast, metro, valley]


def by_article(articles: list[Article]) -> dict[str, Article]:
    return {a.id: a for a in articles}


def test_sentences_are_whole_and_point_into_their_article(story: list[Article]) -> None:
    summary = summarize(story, words=80)
    arts = by_article(story)
    assert summary.sentences
    for s in summary.sentences:
        article = arts[s.article_id]
        assert article.text[s.start : s.end] == s.text
        assert article.sentences[s.index].text == s.text
        assert s.outlet == article.outlet


def test_word_budget_obeyed(story: list[Article]) -> None:
    for budget in (15, 25, 40, 60):
        summary = summarize(story, words=budget)
        assert summary.words <= budget
        assert summary.word_budget == budget


def test_sentence_budget_obeyed(story: list[Article]) -> None:
    summary = summarize(story, words=None, sentences=2)
    assert 1 <= len(summary.sentences) <= 2
    both = summarize(story, words=30, sentences=1)
    assert len(both.sentences) == 1 and both.words <= 30


def test_fill_lets_only_the_last_sentence_pass_the_budget(story: list[Article]) -> None:
    summary = summarize(story, words=30, fill=True)
    texts = [s.text for s in summary.sentences]
    assert sum(len(t.split()) for t in texts[:-1]) <= 30


def test_best_supported_statement_comes_first_and_cites_the_others(story: list[Article]) -> None:
    summary = summarize(story, words=20)
    assert len(summary.sentences) == 1
    top = summary.sentences[0]
    # the flood statement is carried by three articles (ledger, coast, metro)
    assert "1,200 residents" in top.text
    cited = {c.article_id for c in top.citations}
    assert top.article_id not in cited
    assert cited | {top.article_id} == {"ledger-1", "coast-1", "metro-1"}
    # Valley News gives another figure (1,500): not the same statement
    assert "valley-1" not in cited
    assert top.support == 3


def test_copies_fold_under_their_origin_family(story: list[Article]) -> None:
    families = {"ledger-1": "fam-ledger", "coast-1": "fam-ledger"}
    plain = summarize(story, words=None, sentences=8)
    folded = summarize(story, words=None, sentences=8, families=families)

    def pick(summary: Summary, needle: str) -> SummarySentence:
        return next(s for s in summary.sentences if needle in s.text)

    # the dam statement: 4 articles, but the Ledger story and its copy are one origin
    assert pick(plain, "Kessel dam").support == 4
    dam = pick(folded, "Kessel dam")
    assert dam.support == 3
    fams = [c.origin_family for c in dam.citations]
    assert fams == sorted(fams, key=fams.index)  # members of one family are adjacent
    assert set(fams) | {dam.origin_family} == {"fam-ledger", "metro-1", "valley-1"}
    assert pick(folded, "1,200").support == 2
    # with copies folded, the statement from three independent origins leads
    assert "Kessel dam" in summarize(story, words=20, families=families).sentences[0].text


def test_attribution_is_never_stripped(story: list[Article]) -> None:
    summary = summarize(story, words=None, sentences=3)
    dam = [s for s in summary.sentences if "Kessel dam" in s.text]
    assert dam, "the dam statement is carried by every article and must be selected"
    for s in dam:
        assert re.search(r"\bsays\b", s.text)
        assert s.attributed
    # nothing the summary says about the dam lacks the attribution
    assert not any("Kessel dam" in s.text and "says" not in s.text for s in summary.sentences)


def test_attribution_detector() -> None:
    assert is_attributed("Russia says it has pulled some troops back.")
    assert is_attributed("The troops are leaving, according to the ministry.")
    assert not is_attributed("The troops left the border region on Tuesday.")


def test_dangling_and_first_person_sentences_are_not_chosen(story: list[Article]) -> None:
    summary = summarize(story, words=None, sentences=6)
    assert summary.sentences
    for s in summary.sentences:
        assert not s.text.startswith("He said")


def test_reading_order_is_chronological(story: list[Article]) -> None:
    published = {a.id: a.published for a in story}
    summary = summarize(story, words=None, sentences=4)
    keys = [(published[s.article_id], s.index) for s in summary.sentences]
    assert keys == sorted(keys)


def test_deterministic(story: list[Article]) -> None:
    first = summarize(story, words=50)
    for _ in range(3):
        assert summarize(story, words=50) == first


def test_support_groups_replace_sentence_matching(story: list[Article]) -> None:
    # corroboration says: the ledger's sandbag sentence and valley's insurance sentence
    # state one fact (nonsense, but it shows the groups are what is used)
    groups = [[("ledger-1", 3), ("valley-1", 1)]]
    summary = summarize(story, words=None, sentences=8, support=groups)
    for s in summary.sentences:
        if s.article_id == "ledger-1" and s.index == 3:
            assert [c.article_id for c in s.citations] == ["valley-1"]
        elif (s.article_id, s.index) != ("valley-1", 1):
            assert s.citations == ()


def test_embedding_vectors_are_used_when_given(story: list[Article]) -> None:
    texts = sentence_texts(story)
    # fake unit vectors: one direction per sentence, except every dam sentence and every
    # flood-with-1,200 sentence share a direction
    vectors = np.zeros((len(texts), len(texts)), dtype=np.float32)
    for i, t in enumerate(texts):
        if "Kessel dam" in t:
            vectors[i, 0] = 1.0
        elif "1,200" in t:
            vectors[i, 1] = 1.0
        else:
            vectors[i, i] = 1.0
    summary = summarize(story, words=None, sentences=8, vectors=vectors)
    assert summary.matching == "embeddings"
    dam = next(s for s in summary.sentences if "Kessel dam" in s.text)
    assert dam.support == 4
    with pytest.raises(ValueError, match="vectors has 2 rows"):
        summarize(story, vectors=vectors[:2])


def test_lexical_fallback_says_so(story: list[Article]) -> None:
    summary = summarize(story, words=40)
    assert summary.matching == "lexical"
    assert any("TF-IDF" in n for n in summary.notes)


def test_figures_and_names_must_agree() -> None:
    assert agree(
        "Police said 12 people died in Kharkiv.", "Officials said 12 people were killed in Kharkiv."
    )
    assert not agree("Police said 12 people died.", "Police said 15 people died.")
    assert not agree(
        "The plan was backed by Senator Alvarez on Monday.",
        "The plan was backed by Senator Brooks on Monday.",
    )


def test_bad_arguments_are_refused(story: list[Article]) -> None:
    with pytest.raises(ValueError, match="words must be"):
        summarize(story, words=0)
    with pytest.raises(ValueError, match="give a budget"):
        summarize(story, words=None, sentences=None)
    with pytest.raises(ValueError, match="given twice"):
        summarize([story[0], story[0]])
    with pytest.raises(ValueError, match="min_words"):
        SummarySettings(min_words=10, max_words=5)


def test_empty_input_gives_an_empty_summary() -> None:
    summary = summarize([])
    assert isinstance(summary, Summary)
    assert summary.sentences == () and summary.text == ""


def test_solver_output_never_reaches_stdout(capfd: pytest.CaptureFixture[str]) -> None:
    import os

    from triangulate.summary_select import _stdout_to_stderr

    with _stdout_to_stderr():
        os.write(1, b"native solver chatter\n")
    captured = capfd.readouterr()
    assert "native solver chatter" not in captured.out
    assert "native solver chatter" in captured.err


def test_lead_sentences_open_the_summary_and_are_not_repeated() -> None:
    from triangulate.summarize import summarize as summarise

    arts = [
        article(
            "a",
            [
                "The ministry said its troops were leaving the border.",
                "Markets rose on the news of the troops leaving the border.",
                "The alliance said it had seen no sign of troops leaving.",
            ],
        ),
        article(
            "b",
            [
                "The ministry said its troops were leaving the border area.",
                "Markets rose on the news of the troops leaving the border.",
                "Officials in the capital said they would believe it when they saw it.",
            ],
        ),
    ]
    lead = [(arts[0].id, 0), (arts[0].id, 2)]
    out = summarise(arts, words=40, lead=lead)
    keys = [(s.article_id, s.index) for s in out.sentences]
    assert keys[:2] == lead
    # b's copy of the lead claim says the same thing: not chosen again
    assert (arts[1].id, 0) not in keys
    assert sum(len(s.text.split()) for s in out.sentences) <= 40


def test_accusations_and_emphasis_are_attributed() -> None:
    assert is_attributed("The mayor accused the contractor of cutting corners.")
    assert is_attributed("The harbour master stressed that the pier was safe.")
    assert not is_attributed("The pier reopened on Friday after repairs.")
