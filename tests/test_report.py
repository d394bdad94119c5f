"""The report writers: JSON (schema, determinism), Markdown and HTML (structure, escaping).

Every report here is built by hand from tiny articles written for these tests.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triangulate.model import (
    Article,
    Passage,
    Rejected,
    Report,
    Sentence,
    Story,
    StoryReport,
    content_hash,
)
from triangulate.report import _view, write_all
from triangulate.report import html as report_html
from triangulate.report import json as report_json
from triangulate.report import markdown as report_md

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_DOC = ROOT / "docs" / "report-schema.md"

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
EVIL = f"{SCRIPT} {IMG}"
JS_URL = "javascript:alert(3)"


# --------------------------------------------------------------------------- fixtures


def make_article(
    title: str,
    paragraphs: list[str],
    *,
    outlet: str | None,
    url: str | None = None,
    published: datetime | None = None,
    byline: str | None = None,
    dateline: str | None = None,
    removed: tuple[Passage, ...] = (),
    foreign: tuple[Passage, ...] = (),
    source: str = "",
) -> Article:
    """An article whose sentences are found by a simple split (enough for these texts)."""
    text = "\n\n".join(paragraphs)
    sentences: list[Sentence] = []
    pos = 0
    for p_index, paragraph in enumerate(paragraphs):
        base = text.index(paragraph, pos)
        for m in re.finditer(r"\S.*?(?:[.!?](?=\s|$)|$)", paragraph):
            sentences.append(
                Sentence(
                    index=len(sentences),
                    start=base + m.start(),
                    end=base + m.end(),
                    text=m.group(0),
                    paragraph=p_index,
                )
            )
        pos = base + len(paragraph)
    ident = content_hash(text)[:16]
    return Article(
        id=ident,
        source=source or f"in/{ident}.txt",
        kind="text",
        title=title,
        text=text,
        raw=text,
        sentences=tuple(sentences),
        url=url,
        outlet=outlet,
        published=published,
        byline=byline,
        dateline=dateline,
        removed=removed,
        foreign=foreign,
    )


def ferry_report() -> Report:
    wire = make_article(
        "Ferry service to Gull Island suspended after engine fault",
        [
            "PORT ELLA (CPA) — The ferry to Gull Island was suspended on Tuesday after an "
            "engine fault, the operator said. About 40 passengers were taken back to port.",
            "Repairs should take two days, according to harbour master Ines Varga.",
        ],
        outlet="Coastal Press Agency",
        url="https://cpa.example/ferry-suspended",
        published=datetime(2025, 3, 4, 9, 30, tzinfo=UTC),
        byline="By Tom Reyes",
        dateline="PORT ELLA (CPA) —",
        removed=(
            Passage("residue", "Share this articleComments", "share-widget"),
            Passage("residue", "Read More: Storm closes harbour road", "related-links"),
            Passage("residue", "Read More: Tide tables for March", "related-links"),
        ),
    )
    local = make_article(
        "Gull Island ferry halted: 'two days' of repairs",
        [
            "The Gull Island ferry stopped running on Tuesday. Some 45 passengers returned "
            "to Port Ella.",
            '"We expect two days of work," harbour master Ines Varga said.',
        ],
        outlet="Ella Gazette",
        url="http://gazette.example/news/ferry",
        published=datetime(2025, 3, 4, 14, 0, tzinfo=timezone(timedelta(hours=1))),
        foreign=(
            Passage("foreign", "Der Fährbetrieb wurde am Dienstag eingestellt.", "language", "de"),
        ),
    )
    undated = make_article(
        "Ferry stops",
        ["The island ferry is not running this week."],
        outlet=None,
        url=None,
    )
    story = Story(
        id="st-ferry",
        title="Ferry service to Gull Island suspended after engine fault",
        article_ids=(wire.id, local.id, undated.id),
        start=datetime(2025, 3, 4, 9, 30, tzinfo=UTC),
        end=datetime(2025, 3, 4, 13, 0, tzinfo=UTC),
    )
    return Report(
        stories=(StoryReport(story=story, articles=(wire, local, undated)),),
        rejected=(
            Rejected("in/feed.xml#item-10", "ingest", "feed item has no content or summary"),
            Rejected("in/empty.txt", "ingest", "empty file (0 bytes)"),
            Rejected("in/feed.xml#item-9", "ingest", "feed item has no content or summary"),
        ),
        stats={"rejected": 3, "items": 6, "articles": 3, "duplicates": 0, "revisions": 0},
        notes=("embeddings unavailable: lexical similarity used",),
    )


def evil_report() -> Report:
    """Hostile text in every field a scraped page can control."""
    article = make_article(
        f"Headline {EVIL}",
        [f"Body text {EVIL} ends here.", "# not a heading\n- not a list\n1. not a list either"],
        outlet=f"Outlet {EVIL}",
        url=JS_URL,
        byline=f"By {EVIL}",
        dateline=f"{EVIL} —",
        removed=(Passage("residue", f"Share {EVIL}", f"rule {SCRIPT}"),),
        foreign=(Passage("foreign", f"Текст {EVIL}", "language", f'ru" onclick="{SCRIPT}'),),
        source=f"in/{SCRIPT}.txt",
    )
    quoted_url = make_article(
        "Second",
        ["Another article with a quote in its url."],
        outlet="Second Outlet",
        url='https://ok.example/a" onmouseover="alert(4)',
    )
    data_url = make_article(
        "Third",
        ["A third article."],
        outlet="Third",
        url="data:text/html,<script>alert(5)</script>",
    )
    story = Story(id=f"s{SCRIPT}", title=f"Story {EVIL}", article_ids=(article.id,))
    return Report(
        stories=(StoryReport(story=story, articles=(article, quoted_url, data_url)),),
        rejected=(Rejected(f"in/{IMG}", "clean", f"reason {EVIL} [x](javascript:alert(6))"),),
        stats={"items": 4, "articles": 3, "rejected": 1},
        notes=(f"note {EVIL}",),
    )


@dataclasses.dataclass(frozen=True)
class Family:
    origin: str
    members: tuple[str, ...]
    published: datetime


@dataclasses.dataclass(frozen=True)
class Provenance:
    families: tuple[Family, ...]
    method: str


@dataclasses.dataclass(frozen=True)
class ExtendedStoryReport(StoryReport):
    """A StoryReport as later stages will grow it: optional sections with defaults."""

    provenance: Provenance | None = None
    summary: tuple[str, ...] = ()
    figures: Any = None


# --------------------------------------------------------------------------- helpers


#: Objects whose keys are data (rule names, metadata fields, section names), not schema.
FREE_FORM = {
    "stats",
    "stories[].sections",
    "stories[].articles[].removed_by_rule",
    "stories[].articles[].metadata",
}


def key_paths(value: Any, prefix: str = "") -> Iterator[str]:
    """Every key path in a JSON value: ``stories[].articles[].title`` ..."""
    if isinstance(value, dict):
        if prefix in FREE_FORM:
            return
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            yield path
            yield from key_paths(item, path)
    elif isinstance(value, list):
        for item in value:
            yield from key_paths(item, f"{prefix}[]")


def parse_html(text: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(text)


def md_to_html(text: str) -> str:
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py is a dev dependency")
    return str(markdown_it.MarkdownIt("commonmark").enable("table").render(text))


# --------------------------------------------------------------------------- JSON


def test_json_round_trip_has_the_documented_fields() -> None:
    report = ferry_report()
    data = json.loads(report_json.render(report))
    assert data == report_json.to_dict(report)
    assert data["schema_version"] == report_json.SCHEMA_VERSION
    assert re.fullmatch(r"\d+\.\d+", data["schema_version"])
    assert data["generator"]["name"] == "triangulate"
    assert list(data) == ["schema_version", "generator", "stats", "notes", "stories", "rejected"]
    assert list(data["stats"]) == sorted(data["stats"])  # sorted, whatever order came in
    story = data["stories"][0]
    assert story["id"] == "st-ferry"
    assert story["start"] == "2025-03-04T09:30:00+00:00"
    assert story["sections"] == {}
    assert story["outlets"] == [
        {"name": "Coastal Press Agency", "articles": 1},
        {"name": "Ella Gazette", "articles": 1},
        {"name": None, "articles": 1},
    ]
    wire = story["articles"][0]
    assert wire["byline"] == "By Tom Reyes"
    assert wire["dateline"] == "PORT ELLA (CPA) —"
    assert wire["word_count"] == len(report.stories[0].articles[0].text.split())
    assert wire["removed_by_rule"] == {"related-links": 2, "share-widget": 1}
    assert [p["rule"] for p in wire["removed"]] == [
        "share-widget",
        "related-links",
        "related-links",
    ]
    local = story["articles"][1]
    assert local["published"] == "2025-03-04T14:00:00+01:00"
    assert local["foreign"] == [
        {
            "kind": "foreign",
            "rule": "language",
            "language": "de",
            "text": "Der Fährbetrieb wurde am Dienstag eingestellt.",
        }
    ]
    # natural order of sources: item-9 before item-10
    assert [r["source"] for r in data["rejected"]] == [
        "in/empty.txt",
        "in/feed.xml#item-9",
        "in/feed.xml#item-10",
    ]


def test_json_sentence_offsets_index_the_clean_text() -> None:
    data = report_json.to_dict(ferry_report())
    checked = 0
    for article in data["stories"][0]["articles"]:
        for s in article["sentences"]:
            assert article["text"][s["start"] : s["end"]] == s["text"]
            checked += 1
    assert checked == 7


def test_every_json_field_is_documented() -> None:
    doc = SCHEMA_DOC.read_text(encoding="utf-8")
    paths = set(key_paths(report_json.to_dict(ferry_report())))
    assert len(paths) > 40
    missing = sorted(p for p in paths if f"`{p}`" not in doc)
    assert not missing, f"fields missing from {SCHEMA_DOC.name}: {missing}"
    for stat in ferry_report().stats:
        assert f"`{stat}`" in doc
    for section in report_json.SECTION_ORDER:
        assert f"`{section}`" in doc
    assert f"`{report_json.SCHEMA_VERSION}`" in doc


def test_output_is_deterministic() -> None:
    report = ferry_report()
    shuffled = dataclasses.replace(
        report,
        rejected=tuple(reversed(report.rejected)),
        stats=dict(reversed(list(report.stats.items()))),
    )
    for module in (report_json, report_md, report_html):
        first = module.render(report)
        assert module.render(report) == first, module.__name__
        assert module.render(ferry_report()) == first, module.__name__
        assert module.render(shuffled) == first, module.__name__


def test_sections_render_when_present_and_are_omitted_when_absent() -> None:
    base = ferry_report()
    plain = ExtendedStoryReport(story=base.stories[0].story, articles=base.stories[0].articles)
    report = dataclasses.replace(base, stories=(plain,))
    assert report_json.to_dict(report)["stories"][0]["sections"] == {}
    for module in (report_md, report_html):
        assert "Provenance" not in module.render(report)

    report = dataclasses.replace(base, stories=(_extended(base.stories[0]),))
    sections = report_json.to_dict(report)["stories"][0]["sections"]
    assert list(sections) == ["summary", "provenance"]  # summary first; empty figures omitted
    assert sections["provenance"] == {
        "families": [
            {
                "origin": "Coastal Press Agency",
                "members": ["Ella Gazette", "Harbour Feed"],
                "published": "2025-03-04T09:30:00+00:00",
            }
        ],
        "method": "minhash",
    }
    md = report_md.render(report)
    assert md.index("### Summary") < md.index("### Provenance") < md.index("### Articles")
    assert "- **origin:** Coastal Press Agency" in md
    page = parse_html(report_html.render(report))
    prov = page.get_element_by_id("story-st-ferry-provenance")
    assert prov.findtext("h3") == "Provenance: who copied whom"
    assert "Harbour Feed" in prov.text_content()
    assert page.get_element_by_id("story-st-ferry-summary") is not None


def test_a_section_value_json_cannot_hold_is_an_error_naming_it() -> None:
    base = ferry_report().stories[0]
    bad = ExtendedStoryReport(story=base.story, articles=base.articles, figures=object())
    with pytest.raises(TypeError, match="figures: cannot write a object"):
        report_json.to_dict(Report(stories=(bad,)))


def test_metadata_from_the_input_never_breaks_the_report() -> None:
    base = ferry_report()
    article = dataclasses.replace(
        base.stories[0].articles[0],
        metadata={"z": float("nan"), "a": {"b": [1, 2]}, "when": datetime(2025, 1, 2)},
    )
    sr = StoryReport(story=base.stories[0].story, articles=(article,))
    out = json.loads(report_json.render(Report(stories=(sr,))))
    assert out["stories"][0]["articles"][0]["metadata"] == {
        "a": {"b": [1, 2]},
        "when": "2025-01-02T00:00:00",
        "z": None,
    }


def test_an_empty_report_renders_in_every_format() -> None:
    empty = Report(stories=())
    assert json.loads(report_json.render(empty))["stories"] == []
    assert "## Rejected inputs (0)" in report_md.render(empty)
    page = parse_html(report_html.render(empty))
    assert page.get_element_by_id("rejected").findtext("h2") == "Rejected inputs (0)"


def test_write_all_writes_the_three_files(tmp_path: Path) -> None:
    written = write_all(ferry_report(), tmp_path / "out")
    assert [p.name for p in written] == ["report.json", "report.md", "report.html"]
    assert json.loads(written[0].read_text(encoding="utf-8"))["stories"][0]["id"] == "st-ferry"


# --------------------------------------------------------------------------- HTML


def test_html_shows_the_expected_sections() -> None:
    report = ferry_report()
    page = parse_html(report_html.render(report))
    assert page.findtext(".//h1") == "Triangulate report"
    assert page.find(".//meta[@name='viewport']") is not None
    story = page.get_element_by_id("story-st-ferry")
    assert story.findtext("h2") == "Ferry service to Gull Island suspended after engine fault"
    chips = story.xpath(".//ul[contains(@class,'outlets')]/li/text()")
    # an article without an outlet is named as every citation names it: by its headline
    assert chips == ["Coastal Press Agency", "Ella Gazette", "“Ferry stops”"]

    articles = story.xpath(".//article[contains(@class,'article')]")
    assert len(articles) == 3
    wire = articles[0]
    assert wire.findtext("h4") == "Ferry service to Gull Island suspended after engine fault"
    text = wire.xpath(".//details[contains(@class,'text')]")[0]
    assert text.findtext("summary").startswith("Cleaned text (3 sentences")
    paragraphs = [p.text_content() for p in text.findall("p")]
    assert paragraphs == report.stories[0].articles[0].paragraphs
    first_id = report.stories[0].articles[0].id
    sentence = page.get_element_by_id(f"s-{first_id}-2")
    assert sentence.text_content() == report.stories[0].articles[0].sentences[2].text

    removed = wire.xpath(".//details[contains(@class,'removed')]")[0]
    assert removed.findtext("summary") == "Removed as residue (3): related-links ×2, share-widget"
    rows = [[td.text_content() for td in tr.findall("td")] for tr in removed.xpath(".//tbody/tr")]
    assert rows[0] == ["share-widget", "Share this articleComments"]
    assert len(rows) == 3
    assert not articles[1].xpath(".//details[contains(@class,'removed')]")

    foreign = articles[1].xpath(".//details[contains(@class,'foreign')]")[0]
    quote = foreign.find(".//blockquote")
    assert quote.get("lang") == "de"
    assert quote.text_content() == "Der Fährbetrieb wurde am Dienstag eingestellt."

    links = wire.xpath(".//a/@href")
    assert links == ["https://cpa.example/ferry-suspended"]
    assert wire.find(".//time").get("datetime") == "2025-03-04T09:30:00+00:00"
    assert wire.findtext(".//time") == "2025-03-04 09:30 UTC"

    rejected = page.get_element_by_id("rejected")
    assert rejected.findtext("h2") == "Rejected inputs (3)"
    reasons = [tr.xpath("td")[2].text_content() for tr in rejected.xpath(".//tbody/tr")]
    assert reasons[0] == "empty file (0 bytes)"
    notes = page.xpath("//aside[contains(@class,'notes')]//li/text()")
    assert notes == ["embeddings unavailable: lexical similarity used"]


def test_html_loads_nothing_from_the_network() -> None:
    report = ferry_report()
    html = report_html.render(report)
    page = parse_html(html)
    assert not page.xpath("//*[@src]"), "no element may load a resource"
    assert not page.xpath("//script | //link | //iframe | //object | //embed | //img")
    article_urls = {a.url for a in report.articles if a.url}
    for href in page.xpath("//@href"):
        assert href.startswith("#") or href in article_urls, href
    style = " ".join(page.xpath("//style/text()"))
    assert "url(" not in style and "@import" not in style
    assert len(style) > 500  # the CSS is inline
    csp = page.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
    assert "default-src 'none'" in csp
    assert "script-src" not in csp  # falls back to default-src 'none': no scripts


def test_html_escapes_every_piece_of_article_text() -> None:
    report = evil_report()
    html = report_html.render(report)
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    page = parse_html(html)
    assert not page.xpath("//script | //img")
    for element in page.iter():
        for name in element.attrib:
            assert not name.lower().startswith("on"), (element.tag, name)
    hrefs = page.xpath("//@href")
    assert all(h.startswith("#") for h in hrefs), hrefs  # none of the three urls is a link
    text = page.text_content()
    # the hostile text is shown as text, literally
    assert f"Headline {EVIL}" in text
    assert f"Body text {EVIL} ends here." in text
    assert f"Outlet {EVIL}" in text
    assert f"reason {EVIL}" in text
    assert JS_URL in text
    assert page.find(".//title").text == f"Story {EVIL} – triangulate report"
    # a hostile language code is not put into a lang attribute
    assert not page.xpath("//blockquote[@lang]")
    # ids stay plain fragment names
    for ident in page.xpath("//@id"):
        assert re.fullmatch(r"[A-Za-z0-9_-]+", ident), ident


# --------------------------------------------------------------------------- Markdown


def test_markdown_has_the_same_content() -> None:
    report = ferry_report()
    md = report_md.render(report)
    lines = md.splitlines()
    assert lines[0] == "# Triangulate report"
    assert "1. Ferry service to Gull Island suspended after engine fault (3 articles)" in lines
    assert "## Story 1: Ferry service to Gull Island suspended after engine fault" in lines
    assert "#### 1. Ferry service to Gull Island suspended after engine fault" in lines
    assert "- **Outlet:** unknown outlet" in lines
    assert (
        "- **URL:** [https://cpa.example/ferry-suspended](https://cpa.example/ferry-suspended)"
        in lines
    )
    assert "| related-links | Read More: Tide tables for March |" in lines
    assert "- *de*: Der Fährbetrieb wurde am Dienstag eingestellt." in lines
    assert "| in/feed.xml\\#item-9 | ingest | feed item has no content or summary |" in lines
    assert "- embeddings unavailable: lexical similarity used" in lines
    assert md.count("<details>") == md.count("</details>") == 3
    rendered = parse_html(md_to_html(md))
    assert [h.text_content() for h in rendered.xpath("//h2")] == [
        "Story 1: Ferry service to Gull Island suspended after engine fault",
        "Rejected inputs (3)",
    ]
    assert len(rendered.xpath("//table")) == 2  # residue of the wire, rejected inputs
    for paragraph in report.stories[0].articles[1].paragraphs:
        assert paragraph in rendered.text_content()


def test_markdown_escapes_untrusted_text() -> None:
    md = report_md.render(evil_report())
    # every '<' from the input is backslash-escaped, so none can open an HTML tag
    our_tags = re.compile(r"</?(?:details|summary)>")
    assert not re.search(r"(?<!\\)<", our_tags.sub("", md))
    assert not re.search(r"(?<!\\)\]\(javascript:", md)
    assert f"{report_md.inline(JS_URL)} (not a web link)" in md
    rendered = md_to_html(md)
    assert "<script" not in rendered and "<img" not in rendered
    page = parse_html(rendered)
    assert not page.xpath("//script | //img")
    hrefs = page.xpath("//@href")
    assert hrefs == [], hrefs
    text = page.text_content()
    assert f"Headline {EVIL}" in text
    assert "reason " + EVIL + " [x](javascript:alert(6))" in text
    # line-start syntax inside article text stays text: no heading, no list from the body
    assert "# not a heading" in text and "1. not a list either" in text
    assert [h.text_content() for h in page.xpath("//h1")] == ["Triangulate report"]
    # the rejected table keeps its three columns although the reason contains '|'-free junk
    rows = page.xpath("//table[last()]//tbody/tr")
    assert [len(r.findall("td")) for r in rows] == [3]


def test_markdown_table_cells_survive_pipes_and_newlines() -> None:
    lines = report_md.table(["A", "B"], [["x | y", "line one\nline two"]])
    rendered = parse_html(md_to_html("\n".join(lines)))
    cells = [td.text_content() for td in rendered.xpath("//td")]
    assert cells == ["x | y", "line one line two"]


# --------------------------------------------------------------------------- view helpers


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.example/x?y=1#z", "https://a.example/x?y=1#z"),
        ("HTTP://A.EXAMPLE/", "HTTP://A.EXAMPLE/"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("data:text/html,hi", None),
        ("//a.example/x", None),
        ("/relative/path", None),
        ("https:///no-host", None),
        ('https://a.example/" onmouseover="x', None),
        ("https://a.example/a b", None),
        ("https://a.example/\nx", None),
        (None, None),
    ],
)
def test_http_url_links_only_absolute_web_urls(url: str | None, expected: str | None) -> None:
    assert _view.http_url(url) == expected


def test_paragraph_segments_cover_the_text_and_mark_sentences() -> None:
    article = report_json.to_dict(ferry_report())["stories"][0]["articles"][0]
    paragraphs = _view.paragraph_segments(article)
    assert ["".join(t for t, _, _ in p) for p in paragraphs] == article["text"].split("\n\n")
    indices = [i for p in paragraphs for _, i, _ in p if i is not None]
    assert indices == [s["index"] for s in article["sentences"]]


def test_display_time() -> None:
    assert _view.display_time("2025-03-04T09:30:00+00:00") == "2025-03-04 09:30 UTC"
    assert _view.display_time("2025-03-04T14:00:00+01:00") == "2025-03-04 14:00 +01:00"
    assert _view.display_time("2025-03-04T00:00:00") == "2025-03-04"
    assert _view.display_time(None) == ""
    assert (
        _view.time_span("2025-03-04T00:00:00", "2025-03-05T00:00:00") == "2025-03-04 – 2025-03-05"
    )


def _extended(sr: StoryReport) -> ExtendedStoryReport:
    return ExtendedStoryReport(
        story=sr.story,
        articles=sr.articles,
        provenance=Provenance(
            families=(
                Family(
                    "Coastal Press Agency",
                    ("Ella Gazette", "Harbour Feed"),
                    datetime(2025, 3, 4, 9, 30, tzinfo=UTC),
                ),
            ),
            method="minhash",
        ),
        summary=("The ferry was suspended after an engine fault [CPA].",),
        figures=[],
    )


# --------------------------------------------------------------------------- any text


_ANY_TEXT = (
    st.lists(
        st.one_of(
            st.sampled_from([*"<>&\"'`*_[]()#!|~\\-+=.:;/ \n\t", "&amp;", "&#60;", "&lt;", "1. "]),
            st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn")),
        ),
        min_size=1,
        max_size=30,
    )
    .map("".join)
    .filter(lambda s: bool(s.strip()))
)


def _with_title(title: str) -> Report:
    article = make_article(title, ["Plain body text."], outlet=title, url=None)
    story = Story(id="s1", title=title, article_ids=(article.id,))
    return Report(stories=(StoryReport(story=story, articles=(article,)),))


@settings(max_examples=150, deadline=None)
@given(title=_ANY_TEXT)
def test_any_title_is_shown_literally_in_html(title: str) -> None:
    page = parse_html(report_html.render(_with_title(title)))
    assert page.xpath("//article/h4")[0].text_content() == title
    assert not page.xpath("//script | //img | //*[@src]")


@settings(max_examples=150, deadline=None)
@given(title=_ANY_TEXT)
def test_any_title_is_shown_literally_in_markdown(title: str) -> None:
    page = parse_html(md_to_html(report_md.render(_with_title(title))))
    headings = [h.text_content() for h in page.xpath("//h4")]
    assert headings == ["1. " + " ".join(title.split())]
    assert not page.xpath("//script | //img | //*[@src] | //a")


# --------------------------------------------------------------------------- real pipeline


def test_the_example_story_renders_end_to_end(tmp_path: Path) -> None:
    """The writers on what the pipeline makes of our example folder (real offsets, residue)."""
    examples = ROOT / "examples" / "harbour-bridge"
    if not examples.is_dir():
        pytest.skip(f"{examples} is absent")
    from triangulate.pipeline import analyze

    report = analyze(examples)
    assert report.articles, "the example folder gave no article"
    json_path, md_path, html_path = write_all(report, tmp_path)
    data = json.loads(json_path.read_text(encoding="utf-8"))
    page = parse_html(html_path.read_text(encoding="utf-8"))
    md = parse_html(md_to_html(md_path.read_text(encoding="utf-8"))).text_content()
    for story in data["stories"]:
        for article in story["articles"]:
            node = page.get_element_by_id(f"article-{article['id']}")
            shown = [p.text_content() for p in node.xpath(".//details[contains(@class,'text')]/p")]
            assert shown == [p.strip() for p in article["text"].split("\n\n") if p.strip()]
            for s in article["sentences"]:
                assert article["text"][s["start"] : s["end"]] == s["text"]
                span = page.get_element_by_id(f"s-{article['id']}-{s['index']}")
                assert s["text"].startswith(span.text_content())
            removed = node.xpath(".//details[contains(@class,'removed')]//tbody/tr")
            assert len(removed) == len(article["removed"])
            assert " ".join(article["title"].split()) in md
    rejected_rows = page.get_element_by_id("rejected").xpath(".//tbody/tr")
    assert len(rejected_rows) == len(report.rejected)
