"""Attribution extraction on our own sentences (quote styles, broken marks, reported speech)."""

from __future__ import annotations

from articles import body_article as art
from triangulate.quotes import extract_attributions, find_quotes


def one(body: str):
    a = art(body)
    atts = extract_attributions(a)
    assert len(atts) == 1, [x.text_of(body) for x in atts]
    x = atts[0]
    return x, x.source_text(body), x.cue_text(body), x.text_of(body)


def test_curly_quote_then_speaker() -> None:
    x, src, cue, content = one("\u201cWe will rebuild the pier by June,\u201d Mayor Ana Ruiz said.")
    assert (src, cue, content) == ("Mayor Ana Ruiz", "said", "We will rebuild the pier by June")
    assert x.direct and x.kind == "direct"


def test_straight_quotes_inverted_with_apposition() -> None:
    _, src, cue, content = one('"The roof went first," said Olu Ade, who runs the bakery.')
    assert src == "Olu Ade" and cue == "said"  # a relative clause is not part of the name
    assert content == "The roof went first"
    _, src, _, _ = one('"It was loud," said Olu Ade, a baker on Quay Street.')
    assert src == "Olu Ade, a baker on Quay Street"


def test_guillemets_and_colon() -> None:
    _, src, _, content = one("The minister told the chamber: \u00abThere will be no new tax.\u00bb")
    assert src == "The minister" and content == "There will be no new tax."


def test_multi_sentence_and_continued_quote() -> None:
    body = "\u201cIt held. It always held,\u201d she said. \u201cUntil tonight.\u201d"
    x, src, _, _ = one(body)
    assert src == "she"
    assert [body[s.start : s.end] for s in x.content] == [
        "It held. It always held",
        "Until tonight.",
    ]


def test_reported_speech_without_that_and_with_that() -> None:
    _, src, cue, content = one("Stoltenberg said there were grounds for cautious optimism.")
    assert (src, cue, content) == (
        "Stoltenberg",
        "said",
        "there were grounds for cautious optimism",
    )
    _, src, _, content = one("The agency said in a statement that the line would reopen on Friday.")
    assert src == "The agency" and content == "the line would reopen on Friday"


def test_partial_quote_inside_reported_speech() -> None:
    body = 'The coach said the team had played "like strangers" all season.'
    x, _, _, content = one(body)
    assert x.kind == "mixed" and x.direct
    assert [body[s.start : s.end] for s in x.quoted] == ["like strangers"]
    assert content.startswith("the team had played")


def test_according_to_both_ways() -> None:
    _, src, cue, content = one("According to Interfax, the convoy turned back at dawn.")
    assert (src, cue, content) == ("Interfax", "According to", "the convoy turned back at dawn")
    _, src, _, content = one("Nine people were hurt, according to the fire service.")
    assert src == "the fire service" and content == "Nine people were hurt"


def test_post_signature_attributes_the_paragraph_above() -> None:
    body = (
        "The mayor posted late at night.\n\nStay indoors tonight. Crews are on the way.\n\n"
        "\u2014 Ana Ruiz (@MayorRuiz) May 2, 2025"
    )
    atts = extract_attributions(art(body))
    sig = [a for a in atts if a.kind == "signature"]
    assert len(sig) == 1
    assert sig[0].source_text(body) == "Ana Ruiz (@MayorRuiz)"
    assert sig[0].text_of(body) == "Stay indoors tonight. Crews are on the way."


def test_broken_marks_attribution_pulled_inside_quote() -> None:
    body = "\u201cThe deck shook. We ran back, Haskins stated.\u201c Nobody was hurt.\u201d"
    atts = extract_attributions(art(body))
    assert len(atts) == 1
    got = [body[s.start : s.end] for s in atts[0].content]
    assert got == ["The deck shook. We ran back", "Nobody was hurt."]
    assert atts[0].source_text(body) == "Haskins"


def test_unclosed_quote_runs_to_paragraph_end() -> None:
    qs = find_quotes("He said: \u201cWe are not leaving.\n\nNext paragraph.")
    assert len(qs) == 1 and not qs[0].closed


def test_scare_quote_without_cue_is_not_an_attribution() -> None:
    body = 'But "the storm did it" is also a conclusion, and nobody has earned it.'
    assert extract_attributions(art(body)) == []


def test_offsets_index_article_text() -> None:
    body = "Intro line.\n\n\u201cA quote here,\u201d the official said."
    for a in extract_attributions(art(body)):
        assert a.source is not None and a.cue is not None
        assert body[a.cue.start : a.cue.end] == "said"
        assert a.sentence == 1


def test_parenthesis_after_name_and_parenthetical_cue() -> None:
    _, src, _, _ = one("Rep. Ann Lee (D-Ore.) said the bill would pass easily.")
    assert src == "Rep. Ann Lee (D-Ore.)"
    x, src, _, _ = one("Nor, he said, did he order anyone to wait for backup.")
    body = "Nor, he said, did he order anyone to wait for backup."
    assert src == "he"
    assert [body[s.start : s.end] for s in x.content] == [
        "Nor",
        "did he order anyone to wait for backup",
    ]


def test_name_colon_quote() -> None:
    body = 'The post went up at noon. Donald Trump: "Appreciate the congrats."'
    atts = extract_attributions(art(body))
    assert [(a.source_text(body), a.cue_text(body), a.text_of(body)) for a in atts] == [
        ("Donald Trump", ":", "Appreciate the congrats.")
    ]
    assert atts[0].direct


def test_quoted_or_cited_as_saying() -> None:
    body = "Earlier, a trade envoy to the union was quoted as saying that the tariffs would stay."
    _, src, cue, content = one(body)
    assert (src, cue, content) == (
        "a trade envoy to the union",
        "was quoted as saying",
        "the tariffs would stay",
    )
    body = "The agency cited the regional command, however, as saying that two ships had left."
    _, src, cue, content = one(body)
    assert (src, cue, content) == ("the regional command", "as saying", "two ships had left")


def test_second_verb_after_but_and_ing_take_the_same_speaker() -> None:
    body = "The senator praised the deal but warned that the vote would be close."
    _, src, _, content = one(body)
    assert src == "The senator" and content == "the vote would be close"
    body = '"It is a start," Ana Ruiz told a news conference, adding that more work was needed.'
    atts = extract_attributions(art(body))
    assert [a.source_text(body) for a in atts] == ["Ana Ruiz", "Ana Ruiz"]


def test_lone_attribution_sentence_takes_the_sentence_before() -> None:
    body = "Intro.\n\nYou may recall that the same claim was made in May. Smith stated. Then more."
    _, src, _, content = one(body)
    assert src == "Smith" and content == "You may recall that the same claim was made in May."


def test_day_after_cue_and_object_before_that() -> None:
    _, _, _, content = one("The ministry said Tuesday it was pulling back some units.")
    assert content == "it was pulling back some units"
    _, _, _, content = one("The mayor said Friday would be a day of mourning for the town.")
    assert content == "Friday would be a day of mourning for the town"
    body = "Its diplomats claimed a victory in the standoff that had lasted for months."
    _, _, _, content = one(body)
    assert content.startswith("a victory in the standoff")


def test_non_speech_uses_of_cue_words() -> None:
    for body in (
        "But the alliance continued its diplomatic campaign across the region.",
        "It added to the hope that the talks might resume before the summit.",
        "Prices rose sharply, citing information available to them at the time.",
        "It was an unusual claim for the specificity of the figures.",
    ):
        assert extract_attributions(art(body)) == [], body


def test_apposition_missing_its_closing_comma() -> None:
    body = "On Tuesday, Dana Pike, a port spokesperson mocked the suggestion that it knew."
    _, src, _, _ = one(body)
    assert src == "Dana Pike, a port spokesperson"


def test_spun_according_to_only_before_a_speaker_noun() -> None:
    _, src, cue, content = one("A dozen people were hurt, in line with the fire service.")
    assert (src, cue, content) == ("the fire service", "in line with", "A dozen people were hurt")
    assert extract_attributions(art("The budget rose, in line with expectations.")) == []


def test_name_colon_line_and_labels() -> None:
    body = "Kremlin: Troops Are Returning To Their Bases\n\nThe drills ended on Tuesday."
    atts = extract_attributions(art(body))
    assert [(a.source_text(body), a.cue_text(body), a.text_of(body)) for a in atts] == [
        ("Kremlin", ":", "Troops Are Returning To Their Bases")
    ]
    body = "Update: The bridge reopened on Friday morning.\n\nMore later."
    assert extract_attributions(art(body)) == []


def test_according_to_a_quantified_non_speaker_is_not_a_source() -> None:
    body = "The bridge passed, according to most recent inspection by the port."
    assert extract_attributions(art(body)) == []
    _, src, _, _ = one("Prices will rise, according to most economists.")
    assert src == "most economists"


def test_quote_continued_after_a_long_attribution_sentence() -> None:
    body = (
        "\u201cThis is a worldwide fight,\u201d Ana Ruiz said on Thursday during a long speech "
        "at the council of the harbour towns in the north. \u201cWe will lead it.\u201d"
    )
    x, _, _, _ = one(body)
    assert [body[s.start : s.end] for s in x.content] == [
        "This is a worldwide fight",
        "We will lead it.",
    ]


def test_quoted_paragraph_after_reported_speech_continues_it() -> None:
    body = (
        "Ana Ruiz said the pier would be rebuilt by June.\n\n"
        "\u201cWe have the money and the crews are ready to start.\u201d"
    )
    x, src, _, _ = one(body)
    assert src == "Ana Ruiz" and x.kind == "mixed" and len(x.content) == 2


def test_cue_and_colon_ending_a_paragraph_introduce_the_next_quote() -> None:
    body = "Ana Ruiz continued:\n\n\u201cYou look at the questions and you wonder who wrote them.\u201d"
    x, src, cue, content = one(body)
    assert (src, cue) == ("Ana Ruiz", "continued") and x.kind == "direct"
    assert content == "You look at the questions and you wonder who wrote them."


def test_speaker_phrases_with_quantities_and_places() -> None:
    _, src, _, _ = one(
        "In the poll, 52 percent of registered Democratic voters say it must change."
    )
    assert src == "52 percent of registered Democratic voters"
    body = "Dean Johnson, a salesman from Sumter, South Carolina, says the party must change."
    _, src, _, _ = one(body)
    assert src == "Dean Johnson, a salesman from Sumter, South Carolina"


def test_parenthesis_after_an_inverted_name() -> None:
    body = '"The bill is dead," said Rep. Ann Lee (D-Ore.), a member of the committee.'
    _, src, _, _ = one(body)
    assert src == "Rep. Ann Lee (D-Ore.), a member of the committee"
