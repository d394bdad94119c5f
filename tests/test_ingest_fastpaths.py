"""The shortcuts taken for ingest speed give exactly what the plain definitions give."""

from __future__ import annotations

import pytest

from triangulate import _residue as R
from triangulate.ingest.sniff import sniff
from triangulate.model import content_hash
from triangulate.pipeline import _body_hash


@pytest.mark.parametrize(
    "body",
    [
        "",
        "One paragraph.",
        "One paragraph.\n\nAnother one, with “quotes” and é.",
        "Three\n\n\nnewlines",
        " leading space",
        "trailing space ",
        "two  spaces",
        "a\ttab",
        "a\u00a0no-break space",
        "a\u2028line separator\u3000ideographic space",
        "a\x1funit separator",
        "zero\u200bwidth",
        "\n\nstarts with a blank line",
        "ends with a blank line\n\n",
        "a\x85next line and a\u1680ogham space",
        "a\u2029paragraph separator",
    ],
)
def test_body_hash_is_content_hash(body: str) -> None:
    assert _body_hash(body) == content_hash(body)


def test_other_spaces_are_every_whitespace_but_the_space() -> None:
    from triangulate.pipeline import _OTHER_SPACES

    every = {ch for ch in map(chr, range(0x110000)) if ch.isspace()}
    assert set(_OTHER_SPACES) == every - {" "}


def test_text_without_tags_is_text() -> None:
    assert sniff("Headline\n\nA body with no markup at all.", "a.txt") == "text"
    tags = "".join(f"<p>para {i}</p>" for i in range(10))
    assert sniff(f"Headline\n\n{tags}", "a.txt") == "html"


@pytest.mark.parametrize(
    "line",
    [
        "Image caption: The bridge at dawn, seen from the harbour wall on Tuesday.",
        "Related: Ferry services resume after the storm",
        "Sign up for our daily newsletter to get the news first every single morning.",
        "This photo provided by the harbour authority shows the damaged span of the bridge.",
        "Additional reporting by Jane Doe in Kestrel Bay and John Roe in Southport.",
        "The council said on Monday that the bridge would stay closed for a week.",
        "In this image taken from video, a crane lifts the broken span.",
    ],
)
def test_line_start_prefilter_admits_every_start_rule(line: str) -> None:
    starts = (
        R._CAPTION_LABEL.match(line)
        or R._RELATED_INLINE.fullmatch(line)
        or R._PROMO.match(line)
        or R._CAPTION_START.match(line)
        or R._CONTRIBUTOR_START.match(line)
    )
    if starts:
        assert R._LINE_STARTS.match(line)
    if R._CAPTION_START.match(line) or R._CONTRIBUTOR_START.match(line):
        assert R._LONG_LINE_STARTS.match(line)
    assert R._LINE_STARTS.match("The council said the bridge would stay closed.") is None


def test_new_sentence_is_the_dataclass_value() -> None:
    import pickle
    from dataclasses import asdict

    from triangulate.model import Sentence, new_sentence

    plain = Sentence(3, 10, 25, "It rained.", 1, "fr")
    fast = new_sentence(3, 10, 25, "It rained.", 1, "fr")
    assert type(fast) is Sentence
    assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
    assert list(vars(fast).items()) == list(vars(plain).items())
    assert asdict(fast) == asdict(plain)
    assert pickle.loads(pickle.dumps(fast)) == plain
    with pytest.raises(AttributeError):
        fast.start = 0  # type: ignore[misc]  # still frozen


@pytest.mark.parametrize(
    "text",
    [
        "It rained. Then it stopped!",
        "Wait... what?! \"Yes.\" (Really.) 'No.' »Ja.« End…",
        "U.S. officials met at 3.5 p.m. in Washington, D.C. The talks ended.",
        "No marks at all",
        "..!?",
        "A\u2026 b. C.",
    ],
)
def test_end_mark_search_matches_the_plain_repeat(text: str) -> None:
    import re

    from triangulate.text import _END_MARK

    plain = re.compile(_END_MARK.pattern.replace("[.!?…][.!?…]*", "[.!?…]+", 1))
    assert plain.pattern != _END_MARK.pattern
    got = [(m.span(), m.groups()) for m in _END_MARK.finditer(text)]
    assert got == [(m.span(), m.groups()) for m in plain.finditer(text)]


@pytest.mark.parametrize(
    "line",
    [
        "Firefighters at the scene. Photo: Jane Roe/Kestrel Bay Courier",
        "The pier at dawn. (AP Photo/John Doe)",
        "The harbour in 1950. Copyright Harbour Museum",
        "The harbour in 1950. COPYRIGHT Harbour Museum",
        "The harbour in 1950. © Harbour Museum 2020",
        "The council met on Tuesday. The vote was 5-2.",
        "Image credit : City archive",
        "x" * 200 + " Picture: a long line whose credit starts in the last 130 characters",
    ],
)
def test_caption_end_prefilter_agrees_with_the_pattern(line: str) -> None:
    assert R._caption_end(line) == (R._CAPTION_END.search(line[-130:]) is not None)


_OUTLET_LINES = [
    "Jane Roe of The Kestrel Bay Courier contributed to this report.",
    "The Courier's Jane Roe in Kestrel Bay contributed to this story",
    "John Smith is based in the CBS News London bureau.",
    "Ann Lee is a senior correspondent for The Harbour Herald.",
    "Bo Chan is the editor at Kestrel Weekly.",
    "The mayor said the pier would reopen.",
]


def test_outlet_rule_hints_admit_every_match() -> None:
    from triangulate.outlets import _IN_TEXT_RULES

    for rule, needles in _IN_TEXT_RULES:
        matched = [text for text in _OUTLET_LINES if rule.search(text)]
        assert matched, f"no example line for {rule.pattern[:40]}"
        assert all(any(needle in text for needle in needles) for text in matched)
