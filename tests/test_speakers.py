"""Speakers resolved within one article."""

from __future__ import annotations

from triangulate import text as textmod
from triangulate.model import Article
from triangulate.quotes import extract_attributions
from triangulate.quotes.speakers import describe, resolve_speakers


def art(body: str) -> Article:
    return Article(
        id="t",
        source="t",
        kind="text",
        title="",
        text=body,
        raw=body,
        sentences=tuple(textmod.split_sentences(body)),
    )


def test_title_split_into_name_and_role() -> None:
    sp = describe("Ukrainian Foreign Minister Dmytro Kuleba")
    assert sp.name == "Dmytro Kuleba" and sp.role == "Ukrainian Foreign Minister"
    assert sp.kind == "person"


def test_institutions_groups_and_anonymous() -> None:
    assert describe("the Kremlin").kind == "organisation"
    assert describe("Russia's Ministry of Defense").kind == "organisation"
    assert describe("U.S. officials").kind == "group"
    anon = describe("a U.S. defense official, who spoke on condition of anonymity")
    assert anon.kind == "anonymous"


def test_surname_pronoun_and_role_resolution() -> None:
    body = (
        "Foreign Minister Dmytro Kuleba said the talks would go on.\n\n"
        "\u201cWe will believe it when we see it,\u201d Kuleba said.\n\n"
        "\u201cNothing has changed,\u201d he said.\n\n"
        "The Ministry of Defence said troops had returned to base.\n\n"
        "\u201cThe drills are over,\u201d it said.\n\n"
        "\u201cWe remain cautious,\u201d the minister said."
    )
    a = art(body)
    sps = resolve_speakers(a, extract_attributions(a))
    names = [s.name if s else None for s in sps]
    assert names[:3] == ["Dmytro Kuleba"] * 3
    assert sps[1] is not None and sps[1].resolved_from == "surname"
    assert sps[2] is not None and sps[2].resolved_from == "pronoun"
    assert names[3] == names[4] == "Ministry of Defence"
    assert names[5] == "Dmytro Kuleba"
