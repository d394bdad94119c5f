"""Main-text extraction from one HTML page: title, body text and metadata.

``extract_html(html, url)`` returns an ``Extracted`` value. It never touches the network
and gives the same output for the same input. When no article text can be found the value
has ``text == ""``; the caller decides whether to reject the page (with its own name for it).

Method (measured in docs/extraction.md, ``triangulate eval extraction``):

1. an article body split into several containers with the same class inside one
   ``<article>`` (text chunks around ads, as on Conde Nast sites) is joined into the first
   container: trafilatura takes the first container a body XPath matches and would drop
   the rest (trafilatura issues #159, #488);
   embedded tweets (Twitter's standard ``<blockquote class="twitter-tweet">`` markup) are
   taken out of their widget wrappers and kept as plain quotes: they are quoted speech,
   and trafilatura discards them with the "social"/"embed" containers around them;
2. trafilatura in precision mode without its fallback extractors: its rule-based
   main-content search, pruning boilerplate aggressively; first on the main container
   alone (``main_container``: the first match of trafilatura's own body expressions
   holding ``MIN_PRECISE_CHARS`` characters, inside bare copies of its ancestors), the
   whole page when that gives less (same text on every dev page, at a fraction of
   the cost: trafilatura's pruning expressions visit every element of what it is given);
3. only when that finds less than ``MIN_PRECISE_CHARS`` characters (the precision
   filter threw the article away, or the page layout defeated it) is trafilatura run
   again with its fallbacks (readability-lxml, jusText) and their own comparison rules;
4. the headline is dropped when the body starts with it (it is ``title``), and
   paragraphs, headings and list items are separated by one blank line.

Metadata (title, author, date, site name) comes from trafilatura's metadata steps (meta
tags, JSON-LD, the page itself; ``page_metadata``), run once and only on a page with text,
without the categories, tags and licence nothing here reads. The date is htmldate's
plain search, its extensive search only when that finds nothing, with a fixed upper bound
so the output does not change with the day it runs; the language is the page's declared
``<html lang>``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from contextlib import suppress
from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import htmldate
import trafilatura
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document
from trafilatura.utils import load_html
from trafilatura.xpaths import BODY_XPATH

__all__ = ["MIN_PRECISE_CHARS", "Extracted", "container_page", "extract_html", "main_container", "page_metadata"]

#: Below this many characters the precision-mode text is retried with trafilatura's fallbacks.
MIN_PRECISE_CHARS = 500

#: htmldate settings: original publication date, time kept, fixed latest date (determinism).
_DATE_PARAMS: dict[str, Any] = {
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
    "max_date": "2099-12-31",
}
#: Candidate body chunks: a div or section with a class and 2+ <p> children, in an <article>.
_CHUNK_XPATH = "//article//div[@class][p[2]] | //article//section[@class][p[2]]"
_TWEET_XPATH = '//blockquote[contains(concat(" ", normalize-space(@class), " "), " twitter-tweet ")]'
#: A tweet's wrapper may hold this many characters besides the tweet (a "View on Twitter").
_WRAPPER_SLACK_CHARS = 20
_DATE_FORMATS = ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")

#: A lone surrogate (from a bad decode) cuts lxml's parse short at that point.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_WORDS = re.compile(r"\w+")
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Extracted:
    """What was found in one HTML page. ``text`` is "" when no main text was found."""

    title: str
    text: str
    author: str | None
    date: datetime | None
    url: str | None
    sitename: str | None
    language: str | None


def extract_html(html: str, url: str | None = None) -> Extracted:
    """Extract the main text and metadata of an HTML page (no network, deterministic)."""
    html = _without_lone_surrogates(html)
    tree = load_html(html) if html.strip() else None
    if tree is None:
        return Extracted("", "", None, None, url, None, None)
    language = _page_language(tree)
    unwrap_embedded_posts(tree)
    join_split_bodies(tree)
    doc = _run_on_container(tree, url) or _run(tree, url, fallbacks=False)
    raw = (doc.text or "") if doc is not None else ""
    if len(raw) < MIN_PRECISE_CHARS:
        rescue = _run(tree, url, fallbacks=True)
        if rescue is not None and len(rescue.text or "") > len(raw):
            raw = rescue.text or ""
            doc = doc or rescue
    if doc is None:
        return Extracted("", "", None, None, url, None, language)
    meta = page_metadata(tree, url)
    title = _clean_line(meta.title or "")
    return Extracted(
        title=title,
        text=body_text(raw, title),
        author=_clean_line(meta.author or "") or None,
        date=_parse_date(meta.date),
        url=meta.url or url,
        sitename=_clean_line(meta.sitename or "") or None,
        language=language,
    )


def page_metadata(tree: HtmlElement, url: str | None = None) -> Document:
    """Title, author, canonical URL, date and site name of a parsed page.

    trafilatura's metadata pass (``extract_metadata``: meta tags, JSON-LD, the page
    itself), step for step, without the parts nothing here reads (categories, tags,
    licence, host name); the date comes from ``find_date``. The tree is not modified.
    """
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    with suppress(Exception):  # trafilatura's own guard against bugs in its JSON-LD code
        meta = extract_meta_json(tree, meta)
    meta.title = meta.title or extract_title(tree)
    meta.author = meta.author or extract_author(tree)
    meta.url = meta.url or extract_url(tree, url)
    meta.date = find_date(tree, meta.url)
    meta.sitename = _sitename(meta.sitename or extract_sitename(tree), meta.url)
    meta.clean_and_trim()
    return meta


def find_date(tree: HtmlElement, url: str | None) -> str | None:
    """htmldate's publication date: the plain search, the extensive one only when it fails.

    The plain search reads the URL, the header, JSON-LD, time elements and the usual date
    containers; the extensive one adds every element's text and, for a text date its
    own patterns do not parse, dateparser (about 1.6 s of CPU to load its locales once).
    """
    params = {**_DATE_PARAMS, "url": url}
    return htmldate.find_date(tree, extensive_search=False, **params) or htmldate.find_date(
        tree, extensive_search=True, **params
    )


def _sitename(name: str | None, url: str | None) -> str | None:
    """trafilatura's site name rules: no leading "@", title case for a bare name, else from the URL."""
    if name:
        name = name.lstrip("@")
        if name and "." not in name and not name[0].isupper():
            name = name.title()
        return name
    match = META_URL.match(url) if url else None
    return match[1] if match else None


def body_text(raw: str, title: str = "") -> str:
    """trafilatura's one-block-per-line text -> blocks separated by a blank line.

    A first block that repeats the headline (same words, case aside) is dropped.
    """
    blocks = [b for b in (_clean_line(line) for line in raw.splitlines()) if b]
    if blocks and title and _is_headline(blocks[0], title):
        blocks = blocks[1:]
    return "\n\n".join(blocks)


def unwrap_embedded_posts(tree: HtmlElement) -> int:
    """Turn embedded tweets into plain ``<blockquote>``s outside their widget wrappers.

    The wrapper climbed out of is the largest ancestor holding (almost) nothing but the
    tweet; ``<article>``, ``<main>`` and ``<body>`` are never removed. Returns the count.
    """
    count = 0
    for quote in tree.xpath(_TWEET_XPATH):
        text = quote.text_content().strip()
        top = quote
        for ancestor in quote.iterancestors():
            if ancestor.tag in ("article", "main", "body"):
                break
            if len(ancestor.text_content().strip()) > len(text) + _WRAPPER_SLACK_CHARS:
                break
            top = ancestor
        quote.attrib.clear()
        for script in list(quote.iter("script")):
            script.drop_tree()
        if top is not quote:
            quote.tail = None
            top.addprevious(quote)
            top.drop_tree()
        count += 1
    return count


def join_split_bodies(tree: HtmlElement) -> int:
    """Join article bodies split into same-class chunks; return how many chunks moved.

    Chunks are ``div``/``section`` elements with the same ``class``, at least two ``<p>``
    children each, under the same ``<article>``, neither inside the other. The children of
    later chunks are appended to the first one, in document order.
    """
    groups: dict[tuple[str, str, HtmlElement], list[HtmlElement]] = defaultdict(list)
    for el in tree.xpath(_CHUNK_XPATH):  # document order
        cls = " ".join((el.get("class") or "").split())
        article = next(el.iterancestors("article"), None)
        if cls and article is not None:
            groups[(str(el.tag), cls, article)].append(el)
    moved = 0
    for chunks in groups.values():
        first = chunks[0]
        for other in chunks[1:]:
            if other.getparent() is None or _nested(first, other):
                continue
            if other.text and other.text.strip():
                _append_text(first, other.text)
            for child in list(other):
                first.append(child)
            other.drop_tree()  # keeps its tail text in place
            moved += 1
    return moved


def _append_text(el: HtmlElement, text: str) -> None:
    if len(el):
        last = el[-1]
        last.tail = (last.tail or "") + text
    else:
        el.text = (el.text or "") + text


def _nested(a: HtmlElement, b: HtmlElement) -> bool:
    return any(x is a for x in b.iterancestors()) or any(x is b for x in a.iterancestors())


def main_container(tree: HtmlElement) -> HtmlElement | None:
    """The element trafilatura's own body expressions pick on the raw page, or None.

    ``BODY_XPATH`` in its order (``itemprop=articleBody`` and article-body classes, the
    first ``<article>``, story classes, main-content ids and classes, ...): the first
    match of each expression, the first one holding ``MIN_PRECISE_CHARS`` characters of
    text (trafilatura's main extractor too moves to the next expression when a container
    gives nothing).
    """
    for expression in BODY_XPATH:
        found = next((el for el in expression(tree) if el is not None), None)
        if found is not None and len(found.text_content()) >= MIN_PRECISE_CHARS:
            return found
    return None


def container_page(node: HtmlElement) -> HtmlElement:
    """A copy of ``node`` inside bare copies of its ancestors (same tags and attributes).

    Everything beside the path from the root to ``node`` is left out: rules that look at
    an element's ancestors see the same ones, and the page's other parts cost nothing.
    """
    page = deepcopy(node)
    page.tail = None
    for ancestor in node.iterancestors():
        shell = ancestor.makeelement(ancestor.tag, dict(ancestor.attrib))
        shell.append(page)
        page = shell
    return page


def _run_on_container(tree: HtmlElement, url: str | None) -> Document | None:
    """Precision mode on the main container alone, when that finds enough text.

    trafilatura's cost grows with the page (its pruning expressions visit every element),
    and its main extractor reads one container anyway; below ``MIN_PRECISE_CHARS`` the
    whole page is extracted as before.
    """
    node = main_container(tree)
    if node is None:
        return None
    doc = _run(container_page(node), url, fallbacks=False)
    return doc if doc is not None and len(doc.text or "") >= MIN_PRECISE_CHARS else None


def _run(tree: HtmlElement, url: str | None, *, fallbacks: bool) -> Document | None:
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=not fallbacks,
        favor_precision=True,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    return doc if isinstance(doc, Document) else None


def _without_lone_surrogates(html: str) -> str:
    """``html`` with each lone surrogate (from a bad decode) replaced by U+FFFD.

    Only a surrogate makes UTF-8 encoding fail, and the encoder finds out about four
    times faster than a regular-expression scan of a page without one.
    """
    try:
        html.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", html)
    return html


def _is_headline(block: str, title: str) -> bool:
    words = _WORDS.findall(block.casefold())
    title_words = _WORDS.findall(title.casefold())
    if not words:
        return False
    if words == title_words:
        return True
    # a title with a " - Site Name" tail: the block is its whole leading part
    return len(words) >= 4 and title_words[: len(words)] == words


def _clean_line(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def _page_language(tree: HtmlElement) -> str | None:
    """The page's declared language (``<html lang>``), lower-cased primary tag."""
    raw = (tree.get("lang") or tree.get("xml:lang") or "").strip()
    if not _LANG.match(raw):
        return None
    return raw.split("-")[0].split("_")[0].lower()
