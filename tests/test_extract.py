"""Main-text extraction on small pages written for these tests (no shared data needed)."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone

import lxml.html
import pytest
from trafilatura.metadata import extract_metadata

from triangulate import extract
from triangulate.extract import (
    _DATE_PARAMS,
    Extracted,
    body_text,
    container_page,
    extract_html,
    find_date,
    join_split_bodies,
    main_container,
    page_metadata,
    unwrap_embedded_posts,
)

PARAS = [
    "The harbour authority said on Tuesday that the northern breakwater would close for "
    "repairs from the first week of March, after winter storms cracked two of its concrete caissons.",
    "Engineers inspected the structure in January and found the damage was worse than a survey "
    "in the autumn had suggested, according to a report published by the authority.",
    "Fishing boats will be moved to the southern basin while the work goes on, and the ferry "
    "timetable will not change, the authority's operations director told reporters.",
    "The repairs are expected to cost about 4.2 million euros and to take eleven weeks, "
    "weather permitting, with most of the money coming from the regional government.",
]

NEWS_PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Storm-damaged breakwater to close for repairs | The Coastal Gazette</title>
  <meta property="og:site_name" content="The Coastal Gazette">
  <link rel="canonical" href="https://gazette.example/news/breakwater-repairs">
  <script type="application/ld+json">
  {{"@context": "https://schema.org", "@type": "NewsArticle",
    "headline": "Storm-damaged breakwater to close for repairs",
    "datePublished": "2024-02-13T09:30:00+01:00",
    "author": {{"@type": "Person", "name": "Marta Lindqvist"}},
    "publisher": {{"@type": "Organization", "name": "The Coastal Gazette"}}}}
  </script>
</head>
<body>
  <header><nav><ul>
    <li><a href="/">Home</a></li><li><a href="/news">News</a></li>
    <li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li>
  </ul></nav></header>
  <main>
    <article>
      <h1>Storm-damaged breakwater to close for repairs</h1>
      <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a>
        <a href="#">Email this article</a></div>
      <p class="byline">By Marta Lindqvist</p>
      <div class="article-body">
        {"".join(f"<p>{p}</p>" for p in PARAS)}
      </div>
      <aside class="related"><h3>Related stories</h3><ul>
        <li><a href="/a">Ferry company orders two electric vessels for the island route</a></li>
        <li><a href="/b">Council approves new cycle lane along the seafront promenade</a></li>
      </ul></aside>
    </article>
  </main>
  <footer><p>Copyright 2024 The Coastal Gazette. All rights reserved.</p>
    <a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>
</body>
</html>"""


@pytest.fixture(scope="module")
def news() -> Extracted:
    return extract_html(NEWS_PAGE, "https://gazette.example/news/breakwater-repairs")


def test_metadata_from_json_ld_and_meta(news: Extracted) -> None:
    assert news.title == "Storm-damaged breakwater to close for repairs"
    assert news.author == "Marta Lindqvist"
    assert news.date == datetime(2024, 2, 13, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert news.sitename == "The Coastal Gazette"
    assert news.url == "https://gazette.example/news/breakwater-repairs"
    assert news.language == "en"


def test_body_is_the_article_paragraphs_separated_by_blank_lines(news: Extracted) -> None:
    blocks = news.text.split("\n\n")
    for para in PARAS:
        assert para in blocks
    # paragraphs kept in page order
    positions = [news.text.index(p) for p in PARAS]
    assert positions == sorted(positions)
    assert "\n\n\n" not in news.text


def test_boilerplate_is_left_out(news: Extracted) -> None:
    for residue in ("Share on Facebook", "Privacy policy", "Copyright 2024", "Sport", "Related stories",
                    "Ferry company orders two electric vessels"):
        assert residue not in news.text, residue


def test_headline_is_not_repeated_in_the_body(news: Extracted) -> None:
    assert not news.text.startswith("Storm-damaged breakwater")


def test_same_input_same_output() -> None:
    assert extract_html(NEWS_PAGE) == extract_html(NEWS_PAGE)


@pytest.mark.parametrize(
    "html",
    ["", "   \n", "<html><body></body></html>", "<html><head><script>var a = 1;</script></head><body> </body></html>"],
)
def test_no_article_text_gives_empty_text(html: str) -> None:
    found = extract_html(html, "https://gazette.example/empty")
    assert found.text == ""
    assert found.url == "https://gazette.example/empty"


def test_split_article_body_is_joined_in_order() -> None:
    first, second = PARAS[:2], PARAS[2:]
    page = f"""<html><body><main><article><h1>Breakwater closes</h1>
      <div class="body__container article__body">{"".join(f"<p>{p}</p>" for p in first)}</div>
      <div class="ad-slot"><p>Advertisement</p></div>
      <div class="body__container article__body">{"".join(f"<p>{p}</p>" for p in second)}</div>
      </article></main></body></html>"""
    text = extract_html(page).text
    positions = [text.find(p) for p in PARAS]
    assert -1 not in positions, text
    assert positions == sorted(positions)


def test_bodies_of_different_articles_are_not_joined() -> None:
    page = f"""<html><body>
      <article><div class="story"><p>{PARAS[0]}</p><p>{PARAS[1]}</p></div></article>
      <article><div class="story"><p>{PARAS[2]}</p><p>{PARAS[3]}</p></div></article>
      </body></html>"""
    tree = lxml.html.fromstring(page)
    assert join_split_bodies(tree) == 0
    assert len(tree.xpath("//div[@class='story']")) == 2


def test_join_needs_two_paragraphs_per_chunk() -> None:
    page = """<html><body><article>
      <div class="c"><p>one</p><p>two</p></div><div class="c"><p>three</p></div>
      </article></body></html>"""
    assert join_split_bodies(lxml.html.fromstring(page)) == 0


def test_embedded_tweet_is_kept_as_a_quote() -> None:
    tweet = "The new breakwater schedule is out and the ferries keep running as normal this spring"
    page = f"""<html><body><article><h1>Breakwater closes</h1>
      <p>{PARAS[0]}</p><p>{PARAS[1]}</p>
      <div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">{tweet}</p>
        &mdash; Harbour Authority (@harbour_example) <a href="https://twitter.example/s/1">February 13, 2024</a>
      </blockquote><script src="https://platform.twitter.example/widgets.js"></script></div>
      <p>{PARAS[2]}</p><p>{PARAS[3]}</p></article></body></html>"""
    tree = lxml.html.fromstring(page)
    assert unwrap_embedded_posts(tree) == 1
    assert not tree.xpath("//*[contains(@class, 'social-media-embed')]")
    text = extract_html(page).text
    assert tweet in text
    assert text.index(PARAS[1]) < text.index(tweet) < text.index(PARAS[2])


def test_body_text_drops_a_leading_headline_only() -> None:
    raw = "Breakwater to close\nFirst paragraph here.\n\n  Second   paragraph.\n"
    assert body_text(raw, "Breakwater to Close") == "First paragraph here.\n\nSecond paragraph."
    # a title with a site-name tail still matches a long enough first line
    assert body_text("Breakwater to close for repairs\nText.", "Breakwater to close for repairs - Gazette") == "Text."
    # a first line that only starts like the title is kept
    assert body_text("Breakwater\nText.", "Breakwater to close") == "Breakwater\n\nText."
    assert body_text("Text.\nBreakwater to close", "Breakwater to close") == "Text.\n\nBreakwater to close"


def test_declared_language_is_normalised() -> None:
    page = f"<html lang='pt-BR'><body><article>{''.join(f'<p>{p}</p>' for p in PARAS)}</article></body></html>"
    assert extract_html(page).language == "pt"
    bogus = page.replace("pt-BR", "{{lang}}")
    assert extract_html(bogus).language is None


def test_lone_surrogate_does_not_cut_the_page_short() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS).replace("Engineers", "Engi\ud800neers")
    text = extract_html(f"<html><body><article>{body}</article></body></html>").text
    assert PARAS[3] in text
    assert "Engi\ufffdneers" in text


def test_short_precision_result_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    # text in a bare <div> with <br>s: precision mode alone finds nothing, the fallbacks do
    page = "<html><body><div id='x'>" + "<br><br>".join(PARAS) + "</div></body></html>"
    text = extract_html(page).text
    assert all(p in text for p in PARAS)
    monkeypatch.setattr("triangulate.extract.MIN_PRECISE_CHARS", 0)
    assert extract_html(page).text == ""


# The faster paths give what the slower ones gave: precision mode on the main container
# alone (the whole page when that finds too little), page_metadata (trafilatura's metadata
# steps without the parts nothing reads), the date's plain search before the extensive one.

#: A page with no JSON-LD: the author is in a byline element, the date in the text.
PLAIN_PAGE = f"""<html lang="en"><head><title>Quay wall gives way - Harbour Courier</title></head>
<body><div class="sidebar"><h3>Most read</h3><ul><li><a href="/x">Lighthouse keeper retires</a></li>
<li><a href="/y">Ferry fares to rise in spring</a></li></ul></div>
<article><h1>Quay wall gives way</h1><p class="author">Written by Tomas Brenner</p>
<div class="story-body">{"".join(f"<p>{p}</p>" for p in PARAS)}</div>
<div class="note"><span>Last updated 3 March 2021</span></div></article>
<footer><a href="/about">About us</a></footer></body></html>"""

SHORT_PAGE = f"<html><body><article><h1>Breakwater</h1><p>{PARAS[0]}</p></article></body></html>"


def _without_container_pass(monkeypatch: pytest.MonkeyPatch, page: str) -> Extracted:
    with monkeypatch.context() as m:
        m.setattr(extract, "_run_on_container", lambda tree, url: None)
        return extract_html(page, "https://example.test/a")


@pytest.mark.parametrize("page", [NEWS_PAGE, PLAIN_PAGE, SHORT_PAGE])
def test_container_pass_gives_what_the_whole_page_gives(monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    found = extract_html(page, "https://example.test/a")
    assert found == _without_container_pass(monkeypatch, page)
    assert PARAS[0] in found.text


def test_main_container_holds_the_article_and_not_the_page_around_it() -> None:
    tree = lxml.html.fromstring(PLAIN_PAGE)
    node = main_container(tree)
    assert node is not None
    text = node.text_content()
    assert all(p in text for p in PARAS)
    assert "Lighthouse keeper retires" not in text
    assert "About us" not in text


def test_container_page_keeps_only_the_path_to_the_container() -> None:
    tree = lxml.html.fromstring(PLAIN_PAGE)
    before = lxml.html.tostring(tree)
    node = tree.find(".//div[@class='story-body']")
    page = container_page(node)
    assert lxml.html.tostring(tree) == before  # the page itself is left as it was
    assert [el.tag for el in page.iter()][:3] == ["html", "body", "article"]
    article = page.find(".//article")
    assert len(article) == 1 and article[0].get("class") == "story-body"
    assert page.find(".//footer") is None and "Most read" not in page.text_content()
    assert [p.text for p in page.iter("p")] == PARAS


def test_short_container_text_is_not_taken() -> None:
    short = lxml.html.fromstring(SHORT_PAGE)
    assert extract._run_on_container(short, None) is None
    long_doc = extract._run_on_container(lxml.html.fromstring(PLAIN_PAGE), None)
    assert long_doc is not None
    assert all(p in (long_doc.text or "") for p in PARAS)


@pytest.mark.parametrize("page", [NEWS_PAGE, PLAIN_PAGE])
def test_page_metadata_matches_trafilaturas_metadata_pass(page: str) -> None:
    tree = lxml.html.fromstring(page)
    ours = page_metadata(copy.deepcopy(tree), "https://example.test/a")
    params = {**_DATE_PARAMS, "extensive_search": True}
    theirs = extract_metadata(tree, "https://example.test/a", params)
    for field in ("title", "author", "url", "date", "sitename"):
        assert getattr(ours, field) == getattr(theirs, field), field
    assert ours.author  # from JSON-LD on one page, from the byline element on the other


def test_date_in_the_text_alone_is_still_found() -> None:
    # the plain search misses a date that only the text carries; the extensive one finds it
    tree = lxml.html.fromstring(PLAIN_PAGE)
    assert find_date(tree, None) == "2021-03-03T00:00:00"
    assert extract_html(PLAIN_PAGE).date is not None


def test_date_in_the_url_wins() -> None:
    tree = lxml.html.fromstring(PLAIN_PAGE)
    assert find_date(tree, "https://example.test/2019/11/19/quay-wall") == "2019-11-19T00:00:00"
