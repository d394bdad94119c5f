"""Cleaning: residue rules on our own lines, metadata, foreign passages, and the measured
residue tests on the seeds (../shared/seeds, annotated by line number in
tests/fixtures/seeds_residue.json) and on our example story (examples/harbour-bridge.gold.json).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triangulate._residue import MARKDOWN_LINK
from triangulate.clean import Cleaned, clean, social_signature
from triangulate.model import Document
from triangulate.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = json.loads((FIXTURES / "seeds_residue.json").read_text(encoding="utf-8"))["seeds"]
EXAMPLES = ROOT / "examples" / "harbour-bridge"
EXAMPLES_GOLD = ROOT / "examples" / "harbour-bridge.gold.json"

BODY = (
    "The harbour authority said on Tuesday that ferries to the outer islands would resume "
    "on Friday after engineers inspected the damaged pier."
)
BODY2 = (
    "Officials said the inspection found no structural damage below the waterline, "
    "although two mooring posts will be replaced next month."
)


def norm(text: str) -> str:
    return " ".join(MARKDOWN_LINK.sub(r"\1", text).split())


def doc(text: str, **fields: Any) -> Document:
    return Document(source="test.txt", kind="text", text=text, raw=text, **fields)


def run(*lines: str, **fields: Any) -> Cleaned:
    return clean(doc("\n\n".join(lines), **fields))


def rules(cleaned: Cleaned) -> dict[str, str]:
    return {p.text: p.rule for p in cleaned.removed}


# --------------------------------------------------------------------------- our own lines


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Share this storyEmail", "ui_widget"),
        ("Copy linkLink copied", "ui_widget"),
        ("Click to share on LinkedIn (Opens in new window)", "ui_widget"),
        ("ADVERTISEMENT", "ui_widget"),
        ("Last updated Wednesday, 4 June 2025 10:12 BST", "published_line"),
        ("12 March 2025", "date_line"),
        ('[jwplayer id="x81" autoplay="false"]', "template_token"),
        ("{{ related_box }}", "template_token"),
        ("Source URL: https://news.example/a/1", "source_url"),
        ("https://news.example/story/123", "url_line"),
        ("Image: Harbour Photos / Pool", "photo_credit"),
        ("Port Authority/Handout", "photo_credit"),
        ("(c) 2024 Orbital Imaging", "photo_credit"),
        ("A drone image released by the coast guard on Monday shows the damaged pier.", "caption"),
        (
            "Workers clear debris from the pier on Tuesday. Photo: Ana Ruiz/Reuters",
            "caption_with_credit",
        ),
        ("Read more: Why the islands depend on one ferry", "related_link"),
        ("Tags: ferries, storms, harbour", "tags"),
        ("Sign up for our morning briefing", "promo"),
        ("Chart: Harbour Times. Created with Datawrapper", "chart_note"),
        ("Ferry routes map", "graphic_label"),
        ("Tap the player above to watch the rescue", "player_prompt"),
        ("The post Ferries resume next week appeared first on Island News.", "feed_trailer"),
        ("We use cookies to improve your experience. Manage settings", "cookie_notice"),
        ("Image caption, Divers at the outer pier on Tuesday", "caption"),
        ("Video Ad Feedback", "ui_widget"),
        ("* * *", "separator"),
        ("EPA", "photo_credit"),
        ("© 2025 Island Post Media. All rights reserved.", "copyright_notice"),
        ("Explore more on these topics", "related_header"),
    ],
)
def test_line_rules(line: str, rule: str) -> None:
    cleaned = run(BODY, line, BODY2)
    assert rules(cleaned) == {line: rule}
    assert cleaned.text == f"{BODY}\n\n{BODY2}"


def test_body_lines_that_look_like_residue_are_kept() -> None:
    kept = [
        "Share prices fell sharply after the ferry operator warned that repairs would cost more.",
        "The islands' economy will flourish again once the route reopens, the mayor said.",
        "Sen. Ada Moreno said the U.S. Coast Guard had offered two boats.",
        "Fishing crews, she said, will share the outer berths until March.",
        "Enter the harbour master.",
    ]
    cleaned = run(BODY, *kept, BODY2)
    assert cleaned.removed == ()
    assert cleaned.text.split("\n\n") == [BODY, *kept, BODY2]


def test_context_rules() -> None:
    caption = "Rescue crews work on the damaged pier on Monday night."
    cleaned = run(
        BODY,
        "Ferry operator says routes are ready for …",
        "03:41",
        caption,
        "Island Press/Handout",
        BODY2,
        "Tide chart for the outer islands, 2015-2025",
        "Source: Harbour Authority",
        "Related stories",
        "Islanders plan a new lifeboat station",
        "Storm warning lifted for the south coast?",
    )
    assert rules(cleaned) == {
        "Ferry operator says routes are ready for …": "video_teaser",
        "03:41": "video_duration",
        caption: "caption",
        "Island Press/Handout": "photo_credit",
        "Tide chart for the outer islands, 2015-2025": "chart_title",
        "Source: Harbour Authority": "graphic_label",
        "Related stories": "related_header",
        "Islanders plan a new lifeboat station": "related_headline",
        "Storm warning lifted for the south coast?": "related_headline",
    }
    assert cleaned.text == f"{BODY}\n\n{BODY2}"


def test_duplicated_caption_with_credit() -> None:
    caption = "Divers inspect the pier supports in the outer harbour on Tuesday."
    cleaned = run(caption, caption + " Copyright Island Press/Pool", BODY, BODY2)
    assert rules(cleaned) == {
        caption: "caption",
        caption + " Copyright Island Press/Pool": "caption_with_credit",
    }


def test_tail_author_bio_name_and_credits() -> None:
    cleaned = run(
        BODY,
        BODY2,
        "Lena Morrow and Ivo Petrov contributed to this report.",
        "Ana Ruiz",
        "Ana Ruiz is the paper's transport correspondent, based in Port Sable.",
        "— Island Press Agency",
    )
    assert rules(cleaned) == {
        "Lena Morrow and Ivo Petrov contributed to this report.": "contributor_credit",
        "Ana Ruiz": "author_name",
        "Ana Ruiz is the paper's transport correspondent, based in Port Sable.": "author_bio",
        "— Island Press Agency": "source_credit",
    }
    assert cleaned.text == f"{BODY}\n\n{BODY2}"


def test_trailing_wire_credit_is_split_off() -> None:
    cleaned = run(BODY, BODY2 + " (Reporting by Ana Ruiz; Editing by Ivo Petrov)")
    assert cleaned.text == f"{BODY}\n\n{BODY2}"
    assert rules(cleaned) == {
        "(Reporting by Ana Ruiz; Editing by Ivo Petrov)": "contributor_credit"
    }


def test_markdown_links_become_text() -> None:
    cleaned = run(
        BODY,
        "The plan was backed by [the port council](#) and [Island Ferries](https://x.example/).",
    )
    assert cleaned.text.endswith("The plan was backed by the port council and Island Ferries.")


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By Ana Ruiz", "Ana Ruiz"),
        ("By Island Post with agencies", "Island Post with agencies"),
        (
            "By [Ana Ruiz for IPA](#) and [Ivo Petrov for IPA](#)",
            "Ana Ruiz for IPA and Ivo Petrov for IPA",
        ),
        ("By Ana Ruiz, Associated Press", "Ana Ruiz, Associated Press"),
        ("BY ANA RUIZ", "ANA RUIZ"),
    ],
)
def test_byline(line: str, byline: str) -> None:
    cleaned = run("Ferries to resume on Friday", line, BODY, BODY2)
    assert cleaned.byline == byline
    assert cleaned.title == "Ferries to resume on Friday"
    assert cleaned.text == f"{BODY}\n\n{BODY2}"


def test_document_byline_wins_and_byline_sentence_is_body() -> None:
    cleaned = run("By Ana Ruiz", BODY, byline="Ana Ruiz-Vega")
    assert cleaned.byline == "Ana Ruiz-Vega"
    cleaned = run(BODY, "By Tuesday the ferries were running again, officials said.")
    assert cleaned.byline is None and cleaned.removed == ()


@pytest.mark.parametrize(
    ("first", "dateline"),
    [
        ("PORT SABLE (AP) — ", "PORT SABLE (AP) —"),
        ("LISBON, Feb 15 (Reuters) - ", "LISBON, Feb 15 (Reuters) -"),
        ("Port Sable (AFP) – ", "Port Sable (AFP) –"),
        ("NEW HAVEN, Conn. — ", "NEW HAVEN, Conn. —"),
        ("KESTREL BAY — ", "KESTREL BAY —"),
        ("(CNN) — ", "(CNN) —"),
    ],
)
def test_dateline(first: str, dateline: str) -> None:
    cleaned = run(first + BODY, BODY2)
    assert cleaned.dateline == dateline
    assert cleaned.text == f"{BODY}\n\n{BODY2}"


def test_no_dateline_in_ordinary_sentences() -> None:
    for first in (
        "Moscow — which denies any plan — said little.",
        "NATO said on Tuesday it saw no sign.",
    ):
        assert run(first, BODY).dateline is None


def test_title_repeat_dropped_and_title_kept() -> None:
    cleaned = run("Ferries to resume on Friday", BODY, BODY2, title="Ferries to resume on Friday")
    assert cleaned.title == "Ferries to resume on Friday"
    assert cleaned.text == f"{BODY}\n\n{BODY2}"
    assert rules(cleaned) == {"Ferries to resume on Friday": "title_repeat"}
    # a residue line given as the title (a reader's first line) is not a title
    cleaned = run("Island ferries to resume", BODY, BODY2, title="Share this article")
    assert cleaned.title == "Island ferries to resume"


def test_foreign_passage_kept_aside() -> None:
    german = (
        "Wir sind tief betroffen über den Schaden am Anleger und stehen in engem Kontakt mit "
        "den Behörden der Stadt."
    )
    russian = "Заявление пресс-службы порта о возобновлении паромного сообщения"
    cleaned = run(
        BODY, russian, german, "Posted by Hafen Sable GmbH on Tuesday, March 4, 2025", BODY2
    )
    assert cleaned.language == "en"
    assert [(p.language, p.text) for p in cleaned.foreign] == [("ru", russian), ("de", german)]
    assert rules(cleaned) == {
        "Posted by Hafen Sable GmbH on Tuesday, March 4, 2025": "social_post_credit"
    }
    assert cleaned.text == f"{BODY}\n\n{BODY2}"
    assert all(s.language == "en" for s in split_sentences(cleaned.text))


def test_tweet_text_and_signature_stay_as_quoted_speech() -> None:
    tweet = "Every crew worked through the night. The pier is safe and ferries sail on Friday."
    signature = "— Ada Moreno (@AdaMoreno) March 3, 2025"
    cleaned = run(BODY, tweet, signature, BODY2)
    assert cleaned.removed == ()
    assert cleaned.text.split("\n\n") == [BODY, tweet, signature, BODY2]
    sig = social_signature(signature)
    assert sig is not None and (sig.name, sig.handle, sig.date) == (
        "Ada Moreno",
        "AdaMoreno",
        "March 3, 2025",
    )


def test_paragraph_format_and_wrapped_text() -> None:
    wrapped = (
        "The harbour authority said on Tuesday that ferries to the outer\n"
        "islands would resume on Friday after engineers inspected the damaged\n"
        "pier and found no structural damage below the waterline.\n"
    )
    cleaned = clean(doc(wrapped + "\n\n\n" + BODY2 + "\r\n"))
    assert cleaned.text.split("\n\n") == [" ".join(wrapped.split()), BODY2]
    assert "\n\n\n" not in cleaned.text and cleaned.text == cleaned.text.strip()


def test_deterministic() -> None:
    text = "\n\n".join([BODY, "Share this article", BODY2, "Read More", "Another headline here"])
    assert clean(doc(text)) == clean(doc(text))


# --------------------------------------------------------------------------- measured


def check_residue(
    where: str,
    cleaned: Cleaned,
    residue: list[str],
    foreign: list[str],
    body: list[str],
    given: str,
) -> dict[str, int]:
    """(a) residue absent from the body and, when cleaning saw it, kept as a passage;
    (b) every body sentence present; (c) foreign passages aside and in no sentence.
    ``given`` is the text cleaning received. Returns the counts."""
    given_lines = {norm(x) for x in given.split("\n")}
    paragraphs = {norm(p) for p in cleaned.text.split("\n\n")}
    flat = norm(cleaned.text)
    removed = [norm(p.text) for p in cleaned.removed]
    for line in residue:
        assert line not in paragraphs, f"{where}: residue kept: {line!r}"
        if len(line) >= 20:
            assert line not in flat, f"{where}: residue kept: {line!r}"
        if line in given_lines:  # not already dropped by the reader (HTML extraction)
            assert any(line in r or r in line for r in removed), f"{where}: no passage for {line!r}"
    sentences = split_sentences(cleaned.text)
    for line in foreign:
        assert any(line == norm(p.text) for p in cleaned.foreign), f"{where}: not foreign: {line!r}"
        assert all(line[:40] not in s.text for s in sentences), f"{where}: foreign in sentences"
    checked = 0
    for line in body:
        if cleaned.dateline and line.startswith(cleaned.dateline):
            line = line[len(cleaned.dateline) :].strip()
        for s in split_sentences(line):
            assert norm(s.text) in flat, f"{where}: body sentence lost: {s.text!r}"
            checked += 1
    return {
        "residue_lines": len(residue),
        "removed_passages": len(cleaned.removed),
        "foreign_lines": len(foreign),
        "body_lines": len(body),
        "body_sentences_checked": checked,
    }


@pytest.mark.shared
@pytest.mark.parametrize("title_given", [False, True], ids=["no-title", "title"])
@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_residue(
    seeds_dir: Path, name: str, title_given: bool, record_property: Callable[[str, object], None]
) -> None:
    path = seeds_dir / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    ann = SEEDS[name]
    title = norm(lines[ann["title"][0] - 1])
    cleaned = clean(doc(raw, title=title if title_given else ""))

    assert cleaned.title == title
    assert title not in {norm(p) for p in cleaned.text.split("\n\n")}
    assert cleaned.language == "en"
    for n in ann["byline"]:
        assert cleaned.byline, f"{name}:{n}: byline not extracted"
        assert norm(lines[n - 1]) not in cleaned.text
    special = {*ann["title"], *ann["byline"], *ann["residue"], *ann["foreign"]}
    counts = check_residue(
        name,
        cleaned,
        residue=[norm(lines[n - 1]) for n in ann["residue"]],
        foreign=[norm(lines[n - 1]) for n in ann["foreign"]],
        body=[norm(x) for n, x in enumerate(lines, 1) if n not in special and x.strip()],
        given=raw,
    )
    record_property("counts", counts)
    print(f"{name} ({'title' if title_given else 'no title'}): {counts}")


def _example_documents() -> dict[str, Document]:
    from triangulate import ingest

    return {d.source: d for d in ingest.read([EXAMPLES]) if isinstance(d, Document)}


@pytest.mark.skipif(
    not EXAMPLES_GOLD.is_file(), reason="examples/harbour-bridge.gold.json is absent"
)
def test_example_residue(record_property: Callable[[str, object], None]) -> None:
    gold = json.loads(EXAMPLES_GOLD.read_text(encoding="utf-8"))["articles"]
    docs = _example_documents()
    totals: dict[str, int] = {}
    for key, article in gold.items():
        found = [d for source, d in docs.items() if source.endswith(key)]
        assert len(found) == 1, f"{key}: expected one document, found {len(found)}"
        cleaned = clean(found[0])
        body = article["body"]
        counts = check_residue(
            key,
            cleaned,
            residue=[norm(r["text"]) for r in article["residue"]],
            foreign=[norm(f["text"]) for f in article["foreign"]],
            body=[norm(body["first_sentence"]), norm(body["last_sentence"])],
            given=found[0].text,
        )
        assert cleaned.dateline == article["dateline"], key
        if article["byline"]:
            assert cleaned.byline and article["byline"].lower() in cleaned.byline.lower(), key
        paragraphs = [p for p in cleaned.text.split("\n\n") if p.strip()]
        assert len(paragraphs) == body["paragraphs"], key
        assert len(split_sentences(cleaned.text)) == body["sentences"], key
        for k, v in counts.items():
            totals[k] = totals.get(k, 0) + v
    record_property("counts", totals)
    print(f"harbour-bridge: {totals}")


_LINES = [
    BODY,
    BODY2,
    "Share this article",
    "By Ana Ruiz",
    "PORT SABLE (AP) — " + BODY,
    "Read More",
    "Islanders plan a new lifeboat station",
    "03:41",
    "Island Press/Handout",
    "Заявление пресс-службы порта о возобновлении паромного сообщения",
    "Ferries to resume on Friday",
    "— Ada Moreno (@AdaMoreno) March 3, 2025",
    "Posted by Hafen Sable GmbH on Tuesday, March 4, 2025",
    "The plan was backed by [the port council](#).",
    BODY2 + " (Reporting by Ana Ruiz; Editing by Ivo Petrov)",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_LINES), max_size=14),
    st.sampled_from(["", "Ferries to resume on Friday"]),
)
def test_every_line_is_accounted_for(lines: list[str], title: str) -> None:
    """Each input line ends up in the body, in ``removed``, in ``foreign`` or as the title."""
    cleaned = run(*lines, title=title)
    kept = [norm(p) for p in cleaned.text.split("\n\n")]
    aside = [norm(p.text) for p in (*cleaned.removed, *cleaned.foreign)]
    for line in lines:
        text = norm(line)
        pieces = [text]
        if " (Reporting by" in text:  # a trailing wire credit is split off
            pieces = [text[: text.index(" (Reporting by")], text[text.index("(Reporting by") :]]
        for piece in pieces:
            found = (
                piece in aside
                or piece == cleaned.title
                or any(piece == k or (piece.endswith(k) and cleaned.dateline) for k in kept)
            )
            assert found, f"line lost: {piece!r}"
    assert clean(doc("\n\n".join(lines), title=title)) == cleaned


def test_a_title_that_looks_like_a_teaser_is_still_the_title() -> None:
    cleaned = run(BODY, BODY2, title="Watch: ferries return to the outer islands")
    assert cleaned.title == "Watch: ferries return to the outer islands"
    assert cleaned.text == f"{BODY}\n\n{BODY2}"
