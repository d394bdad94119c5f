"""Framing per outlet: headline stance, reporting verbs, voices, facts carried/omitted, tone."""

from __future__ import annotations

from pathlib import Path

from provenance_fixtures import make_article
from triangulate.corroborate import corroborate
from triangulate.framing import classify_speaker, frame, headline_stance
from triangulate.model import Article, Document
from triangulate.provenance import Family, FamilyMember, ProvenanceResult, analyze_story


def _alone(arts: list[Article]) -> ProvenanceResult:
    fams = tuple(
        Family(f"fam-{a.id}", a.id, "test", a.id, (FamilyMember(a.id, "original", 1, 1, "test"),))
        for a in arts
    )
    return ProvenanceResult(tuple(a.id for a in arts), (), fams, (), "lexical")


def test_headline_stance() -> None:
    assert headline_stance("Russia says troops are pulling back from border")[0] == "attributes"
    assert headline_stance("Russia announces withdrawal of some forces")[0] == "attributes"
    assert headline_stance("Scepticism over Russian claim of withdrawal")[0] == "doubts"
    assert headline_stance("Are the troops really leaving?")[0] == "doubts"
    assert headline_stance("The claimed withdrawal, explained")[0] == "doubts"
    assert headline_stance("Troops withdraw from the border")[0] == "asserts"
    assert headline_stance("Troops withdraw from the border") == ("asserts", "")


def test_classify_speaker() -> None:
    assert classify_speaker("Foreign Minister Dmytro Kuleba") == "officials"
    assert classify_speaker("NATO Secretary-General Jens Stoltenberg") == "officials"
    assert classify_speaker("a structural engineer at the polytechnic") == "experts"
    assert classify_speaker("Lena Morrow, who runs a cafe on Quay Street") == "citizens"
    assert classify_speaker("a witness") == "citizens"
    assert classify_speaker("Jane Doe") == "other"


ONE = (
    "Bridge collapses in storm\n\n"
    "The harbour bridge collapsed into the river on Monday night during a severe storm.\n\n"
    "Twelve people were injured, the fire service said.\n\n"
    "Mayor Ann Lee said the city would open an independent inquiry into the failure.\n\n"
    "Officials said the library will stay open for residents during the repairs."
)
TWO = (
    "Shocking collapse: was the bridge ignored for years?\n\n"
    "Part of the harbour bridge collapsed into the river on Monday night in a severe storm.\n\n"
    "Who will pay for this disgrace? The council reportedly cut the repair budget last year!\n\n"
    "Tom Reed, a witness who runs a shop on the quay, said he heard a terrible crack.\n\n"
    "Dr Sara Kim, a structural engineer at the university, said corrosion may be to blame."
)
THREE = (
    "Mayor says inquiry will find the cause\n\n"
    "The harbour bridge collapsed into the river on Monday night during a heavy storm.\n\n"
    "The city will open an independent inquiry into the failure, Mayor Ann Lee said."
)


def _story() -> tuple[list[Article], ProvenanceResult]:
    arts = [
        make_article(ONE, outlet="Daily One", id_="one"),
        make_article(TWO, outlet="Tabloid Two", id_="two"),
        make_article(THREE, outlet="Three News", id_="three"),
    ]
    return arts, _alone(arts)


def test_frame_per_outlet() -> None:
    arts, prov = _story()
    facts = corroborate(arts, prov)
    framings = {f.outlet: f for f in frame(arts, prov, facts)}
    assert list(framings) == ["Daily One", "Tabloid Two", "Three News"]
    one, two, three = framings["Daily One"], framings["Tabloid Two"], framings["Three News"]
    # the central claim is the best-supported fact: the collapse, carried by all three
    central = next(f for f in facts if f.id == one.central_fact)
    assert "collapsed" in central.statement and central.independent_origins == 3
    assert one.stance == "asserts" and two.stance == "doubts" and three.stance == "attributes"
    assert dict(one.attribution_verbs)["said"] == 3
    assert "reportedly" in dict(two.hedges) and "may" in dict(two.hedges)
    # voices: the tabloid quotes a witness and an expert, the others officials
    assert {v.group for v in two.voices} >= {"citizens", "experts"}
    assert "officials" in {v.group for v in one.voices}
    assert abs(sum(v.share for v in one.voices) - 1.0) < 0.01
    # facts: the library line is only Daily One's; the inquiry (two origins) is not in Tabloid Two
    exclusive = [f for f in facts if f.id in one.exclusive_facts]
    assert any("library" in f.statement for f in exclusive)
    omitted = [f for f in facts if f.id in two.omitted_facts]
    assert any("inquiry" in f.statement for f in omitted)
    assert not any(
        f.id in one.omitted_facts
        for f in facts
        if f.independent_origins >= 2 and "one" in f.articles
    )
    # tone
    assert dict(two.tone.loaded_words).keys() >= {"shocking", "disgrace"}
    assert two.tone.exclamations == 1 and len(two.tone.rhetorical_questions) == 2
    assert one.tone.loaded_words == () and one.tone.exclamations == 0
    assert frame(arts, prov, facts) == frame(arts, prov, facts)


def test_quoted_question_is_not_rhetorical() -> None:
    art = make_article(
        'Storm report\n\n"Where is the ferry?" she asked the crew on the quay.', outlet="x"
    )
    (framing,) = frame([art], _alone([art]), ())
    assert framing.tone.rhetorical_questions == ()
    assert framing.central_fact is None


def test_seeds_framing(seeds_dir: Path) -> None:
    from triangulate.pipeline import build_article

    arts = []
    for p in sorted(seeds_dir.glob("*.txt")):
        text = p.read_text("utf-8")
        arts.append(build_article(Document(source=p.name, kind="text", text=text, raw=text)))
    prov = analyze_story(arts)
    framings = frame(arts, prov, corroborate(arts, prov))
    stances = sorted(f.stance for f in framings)
    print("\n[seeds] headline stances:", [(f.headline[:50], f.stance) for f in framings])
    # headlines "Russia says/announces ..." attribute; "Scepticism over Russian claim" doubts
    assert "doubts" in stances and stances.count("attributes") >= 3


def test_a_speakers_side_is_the_country_or_body_they_speak_for() -> None:
    from triangulate.entities import side_of

    assert side_of("Dana Weiss Norwegian-born Ukrainian Foreign Minister") == "Ukraine"
    assert side_of("Alder Quist NATO Secretary-General") == "NATO"
    assert side_of("the Kremlin") == "Russia"
    assert side_of("a White House spokesperson") == "United States"
    assert side_of("U.S. officials") == "United States"
    assert side_of("German Chancellor Ilse Brand") == "Germany"
    assert side_of("Kestrel Bay Fire and Rescue") is None
    assert side_of("the port authority") is None


def test_voices_are_grouped_by_role_and_side_over_the_whole_story() -> None:
    from triangulate.framing import speaker_profiles, story_voices
    from triangulate.quotes import extract_attributions

    first = make_article(
        "Ukrainian Foreign Minister Dana Weiss said the border was quiet.", outlet="Wire", id_="w"
    )
    second = make_article("Weiss said the talks would go on.", outlet="Paper", id_="p")
    arts = [first, second]
    atts = {a.id: extract_attributions(a) for a in arts}
    voices = story_voices(arts, atts)
    # "Weiss" of the second article is the first article's Dana Weiss ...
    assert {name for _, name in voices.values()} == {"Dana Weiss"}
    # ... and is described there as Ukraine's foreign minister
    assert speaker_profiles(voices)["Dana Weiss"] == ("officials", "Ukraine")
    framed = {f.outlet: f for f in frame(arts, _alone(arts), ())}
    assert [(v.group, v.side) for v in framed["Paper"].voices] == [("officials", "Ukraine")]
