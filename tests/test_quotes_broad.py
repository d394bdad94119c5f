"""Attribution rules added for PolNeAR's broad attributions, on our own sentences."""

from __future__ import annotations

from articles import body_article as art
from triangulate.quotes import extract_attributions
from triangulate.quotes.lexicon import select_learned


def one(body: str) -> tuple[str, str, list[str]]:
    atts = extract_attributions(art(body))
    assert len(atts) == 1, [x.text_of(body) for x in atts]
    x = atts[0]
    return x.source_text(body), x.cue_text(body), [body[s.start : s.end] for s in x.content]


def test_auxiliaries_negation_and_progressive_in_the_cue() -> None:
    src, cue, content = one("The mayor did not say whether the pier would reopen in June.")
    assert (src, cue) == ("The mayor", "did not say")
    assert content == ["whether the pier would reopen in June"]
    src, cue, _ = one("Ana Ruiz is telling residents that the pier will reopen in June.")
    assert (src, cue) == ("Ana Ruiz", "is telling")
    src, cue, _ = one("The council has long maintained that the budget was balanced.")
    assert (src, cue) == ("The council", "has long maintained")
    src, cue, _ = one("The mayor continued to insist that the budget was balanced.")
    assert (src, cue) == ("The mayor", "continued to insist")


def test_passive_is_not_a_progressive_cue() -> None:
    # "was told": the subject is the addressee, not the speaker
    assert extract_attributions(art("The mayor was told the pier was unsafe.")) == []


def test_second_verb_takes_the_sentence_subject() -> None:
    src, cue, content = one("Ana Ruiz visited the pier and said the repairs would take a year.")
    assert (src, cue, content) == ("Ana Ruiz", "said", ["the repairs would take a year"])


def test_belief_verbs_without_that() -> None:
    src, cue, content = one("The council thinks the budget will hold until June.")
    assert (src, cue, content) == ("The council", "thinks", ["the budget will hold until June"])
    src, cue, content = one("Ana Ruiz hopes to reopen the pier before the summer.")
    assert (src, content) == ("Ana Ruiz", ["to reopen the pier before the summer"])
    # an object, not a clause: no attribution
    assert extract_attributions(art("She thinks highly of the new harbour master.")) == []


def test_evidence_verbs_take_their_object_or_the_clause_before() -> None:
    src, cue, content = one("A new poll shows Ruiz ahead by nine points in the harbour ward.")
    assert (src, cue) == ("A new poll", "shows")
    assert content == ["Ruiz ahead by nine points in the harbour ward"]
    src, _, content = one("The pier cost twice its budget, city records show.")
    assert (src, content) == ("city records", ["The pier cost twice its budget"])
    assert extract_attributions(art("The inspector showed up at the pier on Monday.")) == []


def test_parenthetical_cue_takes_both_sides() -> None:
    src, _, content = one("Her neighbours, she said, would never sell the old boathouse.")
    assert src == "she"
    assert content == ["Her neighbours", "would never sell the old boathouse"]


def test_time_adverbial_after_the_cue() -> None:
    src, _, content = one("The ferry will run again from May, the operator said Thursday.")
    assert (src, content) == ("the operator", ["The ferry will run again from May"])


def test_addressee_phrase_before_that() -> None:
    src, cue, content = one("Ruiz told a council budget hearing on Monday that the pier was safe.")
    assert (src, cue, content) == ("Ruiz", "told", ["the pier was safe"])


def test_discourse_adverb_is_not_part_of_the_speaker() -> None:
    src, _, _ = one("The harbour master, however, said the pier had been unsafe for years.")
    assert src == "The harbour master"


def test_according_to_any_phrase() -> None:
    src, cue, content = one("Turnout rose by a third, according to early returns from the wards.")
    assert (src, cue) == ("early returns from the wards", "according to")
    assert content == ["Turnout rose by a third"]


def test_quote_with_its_own_attribution_is_not_a_continuation() -> None:
    body = "\u201cIt held,\u201d she said. \u201cThen it fell,\u201d the engineer added."
    atts = extract_attributions(art(body))
    assert [a.source_text(body) for a in atts] == ["she", "the engineer"]
    assert [a.text_of(body) for a in atts] == ["It held", "Then it fell"]


def test_learned_cues_are_chosen_by_what_the_rules_do_with_them() -> None:
    fitted = {
        "min_precision": 0.5,
        "min_predicted": 5,
        "in_context": {
            "criticized": {"predicted": 10, "correct": 8},  # mostly right: kept
            "seemed": {"predicted": 70, "correct": 9},  # mostly wrong: dropped
            "mocked": {"predicted": 4, "correct": 4},  # too few to judge: dropped
            "quickly": {"predicted": 10, "correct": 9},  # an adverb, not learnable
        },
    }
    assert select_learned(fitted) == frozenset({"criticized"})


def test_partial_quote_ending_a_sentence_is_not_the_next_sentences_content() -> None:
    body = (
        "The pier has been part of the town and \u201cvery dear to all of us.\u201d "
        "He said it would be rebuilt by June."
    )
    src, cue, content = one(body)
    assert (src, cue, content) == ("He", "said", ["it would be rebuilt by June"])


def test_quote_continues_after_a_long_attribution_sentence() -> None:
    body = (
        "\u201cIt held for forty years,\u201d Ruiz said at the council meeting on Monday, "
        "referring to the old pier. \u201cThen it fell in one night.\u201d"
    )
    first = extract_attributions(art(body))[0]  # ("referring to" is an attribution too)
    assert first.source_text(body) == "Ruiz"
    assert [body[s.start : s.end] for s in first.content] == [
        "It held for forty years",
        "Then it fell in one night.",
    ]


def test_document_released_on_a_day_is_the_source() -> None:
    src, cue, content = one("A new poll released Saturday found that most residents want the pier.")
    assert (src, cue, content) == (
        "A new poll released Saturday",
        "found",
        ["most residents want the pier"],
    )


def test_headline_in_title_case() -> None:
    body = "Harbour Mayor Says Old Pier Will Reopen In June\n\nThe pier closed in May."
    src, cue, content = one(body)
    assert (src, cue, content) == ("Harbour Mayor", "Says", ["Old Pier Will Reopen In June"])
    # a capitalised verb in running text is not a cue
    assert extract_attributions(art("The pier closed in May. Says who, the residents asked.")) == []


def test_state_and_naming_are_not_statements() -> None:
    assert extract_attributions(art("In each of the five states voters said little.")) == []
    body = "Turnout was low. A company called Harbour Works bought the old pier last year."
    assert extract_attributions(art(body)) == []


def test_rules_do_not_overreach_on_news_sentences() -> None:
    # a relative clause's verb before ", and": its tail is not content
    body = (
        "Western leaders accused Moscow of preparing an attack, a claim Russia repeatedly "
        "denied, and threatened sanctions if an attack took place."
    )
    atts = extract_attributions(art(body))
    assert all(not a.text_of(body).startswith("and") for a in atts)
    assert ("Western leaders", "threatened") in [
        (a.source_text(body), a.cue_text(body)) for a in atts
    ]
    # "some hope Tuesday": a noun and a day, not a belief
    assert extract_attributions(art("There was some hope Tuesday in the harbour town.")) == []
    # the "that" of a second verb is not the first verb's
    body = "Officials warned of a storm at any hour and indicated that the pier would close."
    by_cue = {a.cue_text(body): a.text_of(body) for a in extract_attributions(art(body))}
    assert by_cue.get("warned") != "the pier would close"
    assert by_cue.get("indicated") == "the pier would close"


def test_a_clause_opening_the_sentence_is_not_the_speaker() -> None:
    # "report" here is a noun; the participle phrase before it is nobody
    body = (
        "Asked about the inspection report, Nadia Perrin, a spokeswoman for the harbour "
        "board, said the pier had been checked in March."
    )
    pairs = [(a.source_text(body), a.cue_text(body)) for a in extract_attributions(art(body))]
    assert ("Asked about the inspection", "report") not in pairs
    assert any(src.startswith("Nadia Perrin") and cue == "said" for src, cue in pairs)
