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
