"""Speakers resolved within one article."""

from __future__ import annotations

from articles import body_article as art
from triangulate.quotes import extract_attributions
from triangulate.quotes.speakers import describe, resolve_speakers


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


def names_of(body: str) -> list[str | None]:
    a = art(body)
    return [s.name if s else None for s in resolve_speakers(a, extract_attributions(a))]


def test_hyphenated_title_and_titles_before_a_full_name() -> None:
    sp = describe("NATO Secretary-General Jens Stoltenberg")
    assert sp.name == "Jens Stoltenberg" and sp.role == "NATO Secretary-General"
    body = (
        "Later, German Chancellor Olaf Scholz met the delegation.\n\n"
        "Scholz said the options were far from exhausted."
    )
    assert names_of(body) == ["Olaf Scholz"]


def test_states_and_capitals_are_institutions_common_nouns_are_not_names() -> None:
    a = art("Talks went on in Moscow.\n\nMoscow said the drills were over and done.")
    (sp,) = resolve_speakers(a, extract_attributions(a))
    assert sp is not None and sp.kind == "organisation"
    a = art("The town will vote.\n\nTown has said the bridge will stay closed for now.")
    (sp,) = resolve_speakers(a, extract_attributions(a))
    assert sp is not None and sp.kind == "organisation" and sp.name == "town"


def test_role_or_description_first_name_later() -> None:
    body = (
        "Ukraine's foreign minister said the allies had prevented an escalation.\n\n"
        "\u201cWe will see,\u201d Foreign Minister Dmytro Kuleba said."
    )
    assert names_of(body) == ["Dmytro Kuleba", "Dmytro Kuleba"]
    body = (
        "The Bremen engineering firm that designed the bridge says it is cooperating fully.\n\n"
        "Halvorsen Brueckenbau GmbH planned the crossing in 2010.\n\n"
        "The company said it was deeply shaken by the collapse."
    )
    assert names_of(body) == ["Halvorsen Brueckenbau GmbH"] * 2


def test_pronoun_after_a_named_subject() -> None:
    body = (
        "\u201cThe talks are long,\u201d Dmitry Peskov said.\n\n"
        "Ambassador Julianne Smith spoke in Brussels. Smith was the envoy to the alliance. "
        "He stated that the move would be a violation."
    )
    assert names_of(body) == ["Dmitry Peskov", "Julianne Smith"]


def test_role_mention_takes_the_latest_person_named_with_that_title() -> None:
    body = (
        "\u201cWe will see,\u201d Foreign Minister Dmytro Kuleba said.\n\n"
        "Later, Foreign Minister Sergey Lavrov met his counterpart in Moscow. "
        "The foreign minister argued that the talks should go on for months."
    )
    assert names_of(body) == ["Dmytro Kuleba", "Sergey Lavrov"]
