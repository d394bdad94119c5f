"""The story sections of the report: overview, disagreements, who said what, figures,
provenance, timeline; links to sentences; escaping; inline SVG pictures.

The section data here is written by hand in the JSON layout the stages produce (see
docs/report-schema.md), for three tiny articles written for these tests.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import lxml.html

from articles import article
from triangulate.model import Article, Report, Story, StoryReport
from triangulate.report import _view, md_sections, story_view, svg
from triangulate.report import html as report_html
from triangulate.report import json as report_json
from triangulate.report import markdown as report_md

EVIL = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


WIRE = article("Wire Agency", ["Twelve people were hurt, the fire service said.",
                               "Mayor Ann Lee said: \"Everyone is safe.\""])
COPY = article("Copy Post", ["Twelve people were hurt, the fire service said.",
                             "Mayor Ann Lee said: \"Everyone is safe.\"", "(Copy Post)"])
OWN = article(EVIL, ["Twenty-one people were hurt, chief Bo Marsh said.",
                     "Lee said everyone was probably safe.", "It happened on 3 March."])


def quantity(a: Article, sentence: int, text: str, value: float, by: str) -> dict[str, Any]:
    return {"text": text, "value": value, "interval": {"low": value, "high": value},
            "asserted_by": by, "sentence": sentence, "article_id": a.id}


def support(a: Article, sentence: int, family: str) -> dict[str, Any]:
    s = a.sentences[sentence]
    return {"article_id": a.id, "sentence": sentence, "start": s.start, "end": s.end,
            "text": s.text, "outlet": a.outlet, "family": family, "attributed_to": None}


def mention(a: Article, sentence: int, text: str, when: str) -> dict[str, Any]:
    return {"text": text, "resolved": when, "sentence": sentence, "article_id": a.id}


def sections() -> dict[str, Any]:
    q12 = [quantity(WIRE, 0, "Twelve people", 12, "fire service"),
           quantity(COPY, 0, "Twelve people", 12, "fire service")]
    q21 = [quantity(OWN, 0, "Twenty-one people", 21, "Bo Marsh")]
    return {
        "independent_sources": 2,
        "summary": {"sentences": [{
            "text": WIRE.sentences[0].text, "article_id": WIRE.id, "index": 0,
            "origin_family": "F1", "attributed": True,
            "citations": [{"outlet": "Copy Post", "article_id": COPY.id, "origin_family": "F1",
                           "sentence_index": 0}],
        }], "word_budget": 100, "notes": []},
        "facts": [
            {"id": "f1", "statement": "Twelve people were hurt.", "status": "contested",
             "supports": [support(WIRE, 0, "F1"), support(COPY, 0, "F1")],
             "outlets": ["Wire Agency", "Copy Post"], "articles": [WIRE.id, COPY.id],
             "families": ["F1"], "independent_origins": 1, "attributed_to": "the fire service",
             "contradicts": ["f2"], "reason": "differing figure"},
            {"id": "f2", "statement": "Twenty-one people were hurt.", "status": "contested",
             "supports": [support(OWN, 0, "F2")], "outlets": [EVIL], "articles": [OWN.id],
             "families": ["F2"], "independent_origins": 1, "attributed_to": None,
             "contradicts": ["f1"], "reason": ""},
        ],
        "figures": [
            {"verdict": "differ", "counted": "people injured", "unit": "people",
             "quantities": q12 + q21, "reason": "12 vs 21",
             "sides": [
                 {"value": "12", "quantities": q12, "articles": [WIRE.id, COPY.id],
                  "asserted_by": ["fire service"], "independent_origins": 1},
                 {"value": "21", "quantities": q21, "articles": [OWN.id],
                  "asserted_by": ["Bo Marsh"], "independent_origins": 1},
             ]},
            {"verdict": "agree", "counted": "bridges", "unit": None, "reason": "all say 1",
             "quantities": [quantity(WIRE, 0, "one bridge", 1, "x")], "sides": []},
        ],
        "dates": [{"verdict": "differ", "event": "collapse", "reason": "2 vs 3 March",
                   "mentions": [], "sides": [
                       {"resolved": "2025-03-03", "articles": [OWN.id],
                        "mentions": [mention(OWN, 2, "on 3 March", "2025-03-03")],
                        "independent_origins": 1},
                       {"resolved": "2025-03-02", "articles": [WIRE.id],
                        "mentions": [mention(WIRE, 0, "yesterday", "2025-03-02")],
                        "independent_origins": 1}]}],
        "quotes": [{
            "id": "u1",
            "speaker": {"id": "sp1", "name": f"Ann Lee {EVIL}", "kind": "person", "role": "Mayor"},
            "renderings": [
                {"article_id": a.id, "outlet": a.outlet, "text": text, "direct": direct,
                 "attribution": {"sentence": 1}}
                for a, text, direct in ((WIRE, "Everyone is safe.", True),
                                        (COPY, "Everyone is safe.", True),
                                        (OWN, f"everyone was probably safe {EVIL}", False))
            ],
            "outlets": ["Wire Agency", "Copy Post", EVIL],
            "independent_origins": 2,
            "differences": [{"kind": "hedge", "article_id": OWN.id, "detail": "hedged (probably)"}],
        }],
        "provenance": {
            "families": [
                {"id": "F1", "origin": "Wire Agency", "basis": "earliest", "origin_article": WIRE.id,
                 "members": [
                     {"article_id": WIRE.id, "relation": "original", "score": 1, "aligned": 1},
                     {"article_id": COPY.id, "relation": "verbatim", "score": .98, "aligned": .97},
                 ]},
                {"id": "F2", "origin": EVIL, "basis": "single article", "origin_article": OWN.id,
                 "members": [{"article_id": OWN.id, "relation": "independent", "score": 1,
                              "aligned": 0}]},
            ],
            "links": [], "method": "embeddings", "notes": [],
            "spin": [{"article_id": OWN.id, "score": 0.7, "signals": [
                {"name": "synonym_verbs", "count": 2, "rate": .1, "examples": [EVIL]}]}],
        },
        "timeline": [{"resolved": "2025-03-03", "mentions": [mention(OWN, 2, "on 3 March",
                                                                       "2025-03-03")]}],
    }


def report_dict(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    story = Story(id="st-1", article_ids=(WIRE.id, COPY.id, OWN.id), title="Bridge")
    data = report_json.to_dict(Report(stories=(StoryReport(story, (WIRE, COPY, OWN)),)))
    data["stories"][0]["sections"] = extra if extra is not None else sections()
    return data


def page(data: dict[str, Any]) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(report_html.render_dict(data))


def text_of(node: lxml.html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


# ------------------------------------------------------------------------------- views


def test_overview_counts_articles_outlets_origins_and_copies() -> None:
    story = report_dict()["stories"][0]
    ov = story_view.overview(story)
    assert (ov["articles"], ov["outlets"], ov["origins"], ov["copies"]) == (3, 3, 2, 1)
    assert ov["text"] == "3 articles from 3 outlets, 2 independent origins — 1 is a copy or rewrite"
    story["sections"] = {}
    assert story_view.overview(story)["text"] == "3 articles from 3 outlets"


def test_sections_come_in_reading_order_and_folded_ones_are_not_shown_alone() -> None:
    names = [name for name, *_ in story_view.sections(report_dict()["stories"][0])]
    assert names == ["summary", "facts", "disagreements", "quotes", "figures", "provenance",
                     "timeline"]


def test_disagreements_take_differing_figures_and_dates_with_both_sides() -> None:
    view = dict((n, v) for n, _, v, _ in story_view.sections(report_dict()["stories"][0]))
    items = view["disagreements"]["items"]
    assert [(i["kind"], i["what"]) for i in items] == [("figure", "people injured"),
                                                        ("date", "collapse"),
                                                        ("fact", "contested fact")]
    assert [s["value"] for s in items[2]["sides"]] == ["Twelve people were hurt.",
                                                        "Twenty-one people were hurt."]
    twelve, twentyone = items[0]["sides"]
    assert twelve["outlets"] == ["Wire Agency", "Copy Post"] and twelve["origins"] == 1
    assert twelve["said_by"] == ["fire service"]
    assert [(c["article_id"], c["index"]) for c in twentyone["claims"]] == [(OWN.id, 0)]


def test_no_disagreements_section_when_everything_agrees() -> None:
    data = sections()
    data["figures"] = data["figures"][1:]
    data["dates"] = []
    data["facts"] = [dict(f, contradicts=[]) for f in data["facts"]]
    names = [n for n, *_ in story_view.sections(report_dict(data)["stories"][0])]
    assert "disagreements" not in names


def test_identical_renderings_are_folded_and_meaning_changes_flagged() -> None:
    view = dict((n, v) for n, _, v, _ in story_view.sections(report_dict()["stories"][0]))
    (speaker,) = view["quotes"]["speakers"]
    (statement,) = speaker["statements"]
    assert statement["differs"] and statement["origins"] == 2 and statement["outlets"] == 3
    same, other = statement["renderings"]
    assert [c["outlet"] for c in same["sources"]] == ["Wire Agency", "Copy Post"]
    assert not same["differences"] and other["differences"] == ["hedge: hedged (probably)"]


def test_a_section_of_unexpected_shape_falls_back_to_the_generic_writer() -> None:
    data = sections()
    data["quotes"] = [{"speaker": "someone", "said": "words"}]
    out = {n: (v, fb) for n, _, v, fb in story_view.sections(report_dict(data)["stories"][0])}
    assert out["quotes"] == (None, True)
    root = page(report_dict(data))
    assert "words" in text_of(root.get_element_by_id("story-st-1-quotes"))
    assert "- **said:** words" in report_md.render_dict(report_dict(data))


# -------------------------------------------------------------------------------- HTML


def test_html_shows_each_section_with_its_content() -> None:
    root = page(report_dict())
    story = root.get_element_by_id("story-st-1")
    assert "2 independent origins — 1 is a copy or rewrite" in text_of(story)
    dis = text_of(root.get_element_by_id("story-st-1-disagreements"))
    assert "people injured" in dis and "Bo Marsh" in dis and "2025-03-02" in dis
    quotes = root.get_element_by_id("story-st-1-quotes")
    assert quotes.xpath(".//blockquote[contains(@class,'flagged')]//mark")
    figures = root.get_element_by_id("story-st-1-figures")
    chart = figures.xpath(".//*[local-name()='svg']")
    assert len(chart) == 1  # the differing group has a chart; agreeing ones are one line
    assert len(chart[0].xpath(".//*[local-name()='circle']")) == 3
    prov = root.get_element_by_id("story-st-1-provenance")
    assert prov.xpath(".//*[local-name()='svg']//*[local-name()='rect']")
    assert "verbatim" in text_of(prov) and "97%" in text_of(prov)
    assert "evidence, not a verdict" in text_of(prov)
    assert "on 3 March" in text_of(root.get_element_by_id("story-st-1-timeline")) or (
        OWN.sentences[2].text in text_of(root.get_element_by_id("story-st-1-timeline"))
    )


def test_every_claim_links_to_a_sentence_that_exists() -> None:
    root = page(report_dict())
    ids = set(root.xpath("//@id"))
    hrefs = [h for h in root.xpath("//section[contains(@class,'section')]//a/@href")]
    assert len(hrefs) >= 15
    for href in hrefs:
        assert href.startswith("#") and href[1:] in ids, href
    sentence_links = [h for h in hrefs if h.startswith("#s-")]
    assert f"#s-{OWN.id}-0" in sentence_links and f"#s-{WIRE.id}-1" in sentence_links


def test_untrusted_text_in_sections_is_escaped() -> None:
    html = report_html.render_dict(report_dict())
    root = lxml.html.document_fromstring(html)
    assert not root.xpath("//script | //img")
    assert not root.xpath("//@onerror")
    assert EVIL in text_of(root.get_element_by_id("story-st-1-quotes"))
    svg_text = root.get_element_by_id("story-st-1-provenance").xpath(
        ".//*[local-name()='svg']//*[local-name()='text']")
    assert any(t.text_content().startswith("<script>") for t in svg_text)
    csp = root.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
    assert "default-src 'none'" in csp


# ---------------------------------------------------------------------------- Markdown


def test_markdown_sections_cite_sentences_and_escape() -> None:
    md = report_md.render_dict(report_dict())
    order = [md.index(f"### {t}") for t in ("Summary", "Facts", "Disagreements", "Who said what",
                                              "Figures", "Provenance", "Timeline")]
    assert order == sorted(order)
    assert f"(report.html#s-{OWN.id}-0)" in md
    assert "2 independent origins — 1 is a copy or rewrite" in md
    assert "<script>" not in md and "\\<script\\>" in md
    assert "hedge: hedged (probably)" in md


# -------------------------------------------------------------------------------- SVG


def test_interval_chart_draws_points_ranges_and_open_ends() -> None:
    chart = str(svg.interval_chart([
        {"outlet": "A", "low": 12, "high": 12},
        {"outlet": "B", "low": 40, "high": None},
        {"outlet": "C", "low": 10, "high": 20},
        {"outlet": "D", "low": None, "high": None},
    ], "x"))
    tree = lxml.html.fragment_fromstring(chart)
    assert len(tree.xpath(".//circle")) == 1
    assert len(tree.xpath(".//line[@class='bar']")) == 2
    assert len(tree.xpath(".//path")) == 1  # B is open upwards
    assert [t.text for t in tree.xpath(".//text[@class='lbl']")] == ["A", "B", "C"]
    assert str(svg.interval_chart([{"outlet": "A", "low": None, "high": None}], "x")) == ""


def test_interval_chart_positions_follow_the_values() -> None:
    chart = str(svg.interval_chart([{"outlet": "lo", "low": 1, "high": 1},
                                    {"outlet": "hi", "low": 9, "high": 9}], "x"))
    xs = [float(v) for v in re.findall(r'<circle cx="([\d.]+)"', chart)]
    assert xs[0] < xs[1]


def test_the_example_report_is_deterministic() -> None:
    data = report_dict()
    assert report_html.render_dict(copy.deepcopy(data)) == report_html.render_dict(data)
    assert report_md.render_dict(copy.deepcopy(data)) == report_md.render_dict(data)


def test_articles_without_an_outlet_are_cited_by_their_title() -> None:
    nameless = article(None, ["Twelve people were hurt, officials said today."])
    story = Story(id="st-2", article_ids=(WIRE.id, nameless.id), title="Bridge")
    data = report_json.to_dict(Report(stories=(StoryReport(story, (WIRE, nameless)),)))
    ctx = story_view.context(data["stories"][0])
    assert ctx.outlet(nameless.id) == "unknown outlet"
    assert ctx.label(nameless.id) == "“None report”"
    assert ctx.label(WIRE.id) == "Wire Agency"


def test_an_article_without_an_outlet_has_one_label_everywhere() -> None:
    nameless = article(None, ["Twelve people were hurt, officials said today."])
    story = Story(id="st-3", article_ids=(WIRE.id, nameless.id), title="Bridge")
    data = report_json.to_dict(Report(stories=(StoryReport(story, (WIRE, nameless)),)))
    s = data["stories"][0]
    label = story_view.context(s).label(nameless.id)
    assert story_view.outlet_chips(s) == [("Wire Agency", 1), (label, 1)]
    assert story_view.overview(s)["text"] == "2 articles from 1 outlet (1 with no outlet named)"
    # a family whose origin is the nameless article is named by the same label; an agency
    # named in the text keeps its name
    fam = {"id": "F", "origin": "None report", "origin_article": nameless.id, "members": []}
    ctx = story_view.context(s)
    assert story_view.origin_label(fam, ctx) == label
    assert story_view.origin_label(fam | {"origin": "AP", "origin_article": None}, ctx) == "AP"
    md = report_md.render_dict(data)
    assert "unknown outlet (" not in md and f"{label} (1)" in md


def test_facts_show_support_status_attribution_and_contradictions() -> None:
    root = page(report_dict())
    facts = root.get_element_by_id("story-st-1-facts")
    first = root.get_element_by_id("story-st-1-fact-f1")
    assert "1/2 origins" in text_of(first) and "contested" in text_of(first)
    assert "according to the fire service" in text_of(first)
    assert first.xpath(".//a")[-1].get("href") == "#story-st-1-fact-f2"
    assert first.xpath(".//a")[-1].text == "fact 2"
    bar = first.xpath(".//span[contains(@class,'support-bar')]/span/@style")
    assert bar == ["width: 50%"]
    matrix = facts.xpath(".//details[contains(@class,'matrix')]//tbody/tr")
    assert [[td.text_content() for td in tr.xpath("td[@class='cell']")] for tr in matrix] == [
        ["", "●", "●"], ["●", "", ""]]  # columns sorted by label: EVIL, Copy Post, Wire Agency
    md = report_md.render_dict(report_dict())
    assert "1. Twelve people were hurt. — **contested**, 1/2 independent origins · according to the fire service" in md


def test_a_claim_and_every_statement_against_it_are_one_disagreement() -> None:
    data = sections()
    f1, f2 = data["facts"]
    doubt = {"id": "f3", "statement": "Lee said everyone was probably safe.",
             "status": "contested", "supports": [dict(support(OWN, 1, "F2"), attributed_to="Lee")],
             "outlets": [EVIL], "articles": [OWN.id], "families": ["F2"],
             "independent_origins": 1, "attributed_to": None, "contradicts": ["f1"],
             "reason": "doubts an attributed claim"}
    data["facts"] = [dict(f1, contradicts=["f2", "f3"]), f2, doubt]
    story = report_dict(data)["stories"][0]
    view = dict((n, v) for n, _, v, _ in story_view.sections(story))
    facts = [i for i in view["disagreements"]["items"] if i["kind"] == "fact"]
    assert len(facts) == 1 and facts[0]["what"] == "contested claim"
    claim, *against = facts[0]["sides"]
    assert claim["value"] == "Twelve people were hurt."
    assert [s["value"] for s in against] == ["Twenty-one people were hurt.",
                                             "Lee said everyone was probably safe."]
    # a side with no party of its own is said by its statements' speakers
    assert against[1]["said_by"] == ["Lee"]
    md = report_md.render_dict(report_dict(data))
    assert "the claim: **Twelve people were hurt.**" in md
    assert "against it: **Lee said everyone was probably safe.**" in md


def test_a_fact_cut_from_a_longer_sentence_is_shown_with_ellipses() -> None:
    sentence = (
        "The mayor closed the footbridge on Monday, a day after engineers found a crack "
        "in its main span."
    )
    shown = _view.shown_part
    assert shown("after engineers found a crack in its main span.", sentence) == (
        "… after engineers found a crack in its main span."
    )
    assert shown("The mayor closed the footbridge on Monday, a day", sentence) == (
        "The mayor closed the footbridge on Monday, a day …"
    )
    assert shown(sentence, sentence) == sentence
    # a statement not found in the sentence (or no sentence) is shown as it is
    assert shown("The ferry kept running.", sentence) == "The ferry kept running."
    assert shown("The ferry kept running.", None) == "The ferry kept running."


def test_a_sentence_cut_from_a_longer_quotation_gets_its_missing_mark() -> None:
    balanced = _view.balanced_quotes
    assert balanced('When we see it, we will believe it," the minister said.') == (
        '"… When we see it, we will believe it," the minister said.'
    )
    assert balanced("“Today will go down in history.") == "“Today will go down in history. …”"
    assert balanced("We will rebuild it,” she said.") == "“… We will rebuild it,” she said."
    assert balanced('"It held," he said.') == '"It held," he said.'
    assert balanced("The bridge reopened on Friday.") == "The bridge reopened on Friday."


def test_framing_names_outlets_and_facts_as_the_other_sections_do() -> None:
    def fact(fid: str, statement: str) -> dict[str, Any]:
        return {"id": fid, "statement": statement, "supports": [], "status": "corroborated",
                "independent_origins": 2, "attributed_to": None, "articles": ["A", "B"]}

    framing = {
        "outlet": "N", "article_ids": ["N"], "headline": "Pier shut after storm",
        "stance": "asserts", "stance_basis": "", "central_fact": "f-2",
        "attribution_verbs": [["said", 3], ["told", 1]], "hedges": [],
        "voices": [{"group": "officials", "speakers": ["Ines Varga"], "statements": 2,
                    "words": 30, "share": 1.0}],
        "exclusive_facts": ["f-3"], "omitted_facts": ["f-2", "f-unknown"],
        "tone": {"loaded_words": [["chaos", 2]], "exclamations": 1, "rhetorical_questions": []},
    }
    story = {
        "id": "st", "articles": [{"id": "N", "outlet": None, "title": "Pier shut after storm",
                                  "sentences": []}],
        "outlets": [{"name": None, "articles": 1}],
        "sections": {"facts": [fact("f-1", "The pier closed."), fact("f-2", "Ferries stopped."),
                               fact("f-3", "A crane fell.")],
                     "framing": [framing]},
    }
    [(_, _, view, fallback)] = [x for x in story_view.sections(story) if x[0] == "framing"]
    assert not fallback and view is not None
    [o] = view["outlets"]
    label = story_view.context(story).label("N")
    assert o["label"] == label  # not the article id the stage keyed it by
    assert [(r["number"], r["statement"]) for r in o["omitted"]] == [(2, "Ferries stopped.")]
    assert [r["number"] for r in o["exclusive"]] == [3]
    assert o["central"]["number"] == 2
    md = "\n".join(md_sections.framing(view))
    assert f"**{label}**" in md and "said ×3, told ×1" in md
    assert "Corroborated facts it omits (1):" in md and "2. Ferries stopped." in md
    assert "officials 100% (2 statements: Ines Varga)" in md
    assert "loaded words: chaos ×2, 1 exclamation, 0 rhetorical questions" in md
    assert "f-2" not in md  # fact ids are for machines, numbers for readers


def test_the_timeline_shows_the_sentences_the_stage_calls_events() -> None:
    data = sections()
    data["timeline"] = [{
        "resolved": "2025-03-03",
        "mentions": [mention(OWN, 2, "on 3 March", "2025-03-03"),
                     mention(WIRE, 1, "3 March", "2025-03-03")],
        # the stage left the second sentence out (say, a post's signature line)
        "events": [OWN.sentences[2].text],
    }]
    view = dict((n, v) for n, _, v, _ in story_view.sections(report_dict(data)["stories"][0]))
    shown = [c["text"] for c in view["timeline"]["entries"][0]["claims"]]
    assert shown == [OWN.sentences[2].text]
    # a report without the list (older schema) shows every mention's sentence
    del data["timeline"][0]["events"]
    view = dict((n, v) for n, _, v, _ in story_view.sections(report_dict(data)["stories"][0]))
    assert len(view["timeline"]["entries"][0]["claims"]) == 2
