"""HTML extraction variants: main-text F1 and pages per CPU-second, side by side.

Reads the scrapinghub pages of ../shared/eval/extraction (never copied into the repo) and
runs each variant over all of them in this one process: F1 / precision / recall with the
benchmark's metric (``triangulate.eval.shingles``) and speed in pages per CPU-second
(``time.process_time``: neighbours on a shared machine do not count), one pass over the
pages after every variant has been warmed up on the first three (imports, one-time
tables). The variants:

- ``lxml parse only``: ``trafilatura.utils.load_html``, the floor for anything on lxml;
- trafilatura alone with some of its options (``bare_extraction``, text only);
- ``extract_html`` as it is, and with one of its steps undone: the whole page instead
  of the main container first, trafilatura's full metadata pass instead of
  ``page_metadata``;
- two probes that were not kept: the publisher's JSON-LD ``articleBody`` where a page
  has one, and a block-text extractor of our own on the main container (one setting,
  not tuned), each with ``extract_html`` for the other pages.

    python bench/extraction_speed.py [--only SUBSTRING]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import trafilatura
from lxml.html import HtmlElement
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Document
from trafilatura.utils import load_html

from triangulate import extract
from triangulate.eval.extraction import Page, load_pages
from triangulate.eval.shingles import page_counts, scores

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"

#: A variant: page -> main text.
Variant = Callable[[Page], str]


def trafilatura_text(**options: Any) -> Variant:
    def run(page: Page) -> str:
        doc = trafilatura.bare_extraction(page.html, url=page.url, **options)
        return (doc.text or "") if isinstance(doc, Document) else ""

    return run


def parse_only(page: Page) -> str:
    load_html(page.html)
    return ""


def ours(page: Page) -> str:
    return extract.extract_html(page.html, page.url).text


def _article_bodies(value: Any) -> list[str]:
    if isinstance(value, dict):
        found = [value["articleBody"]] if isinstance(value.get("articleBody"), str) else []
        return found + [b for v in value.values() for b in _article_bodies(v)]
    if isinstance(value, list):
        return [b for v in value for b in _article_bodies(v)]
    return []


def json_ld_body(page: Page) -> str:
    """The longest JSON-LD ``articleBody`` of the page, else ``extract_html``."""
    tree = load_html(page.html)
    bodies: list[str] = []
    for script in tree.iterfind('.//script[@type="application/ld+json"]') if tree is not None else []:
        try:
            bodies += _article_bodies(json.loads(script.text or ""))
        except ValueError:
            continue
    return max(bodies, key=len) if bodies else ours(page)


_BOILERPLATE = re.compile(
    r"share|social|related|newsletter|promo|advert|\bads?\b|caption|figure|comment|sidebar|"
    r"subscribe|signup|nav|footer|byline|author|meta|tags|breadcrumb|recommend|more-|"
    r"read-more|teaser|embed|video|gallery|credit",
    re.IGNORECASE,
)
_BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td"}
_SKIPPED = {"script", "style", "noscript", "figure", "figcaption", "aside", "nav", "footer",
            "form", "button", "svg", "iframe", "header"}


def _block_texts(element: HtmlElement, out: list[str]) -> list[str]:
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _SKIPPED:
            continue
        if _BOILERPLATE.search(f"{child.get('class') or ''} {child.get('id') or ''}"):
            continue
        if child.tag not in _BLOCKS:
            _block_texts(child, out)
            continue
        text = " ".join(child.text_content().split())
        linked = sum(len(a.text_content()) for a in child.iter("a"))
        if text and linked <= len(text) / 2:
            out.append(text)
    return out


def own_container_text(page: Page) -> str:
    """Block texts of the main container when they reach MIN_PRECISE_CHARS, else extract_html."""
    tree = load_html(page.html)
    if tree is None:
        return ""
    extract.unwrap_embedded_posts(tree)
    extract.join_split_bodies(tree)
    node = extract.main_container(tree)
    text = "\n".join(_block_texts(node, [])) if node is not None else ""
    return text if len(text) >= extract.MIN_PRECISE_CHARS else ours(page)


@contextmanager
def replaced(name: str, value: Any) -> Iterator[None]:
    """``extract.<name>`` swapped for ``value`` while the block runs."""
    saved = getattr(extract, name)
    setattr(extract, name, value)
    try:
        yield
    finally:
        setattr(extract, name, saved)


def _no_container(tree: Any, url: str | None) -> None:
    return None


def _full_metadata_pass(tree: Any, url: str | None = None) -> Document:
    params = {**extract._DATE_PARAMS, "extensive_search": True}
    return extract_metadata(tree, url, params)


def whole_page_first(page: Page) -> str:
    """extract_html without the main-container pass."""
    with replaced("_run_on_container", _no_container):
        return ours(page)


def trafilatura_metadata(page: Page) -> str:
    """extract_html with trafilatura's whole metadata pass (extensive date search)."""
    with replaced("page_metadata", _full_metadata_pass):
        return ours(page)


PRECISE = {"favor_precision": True, "include_comments": False, "deduplicate": False}
VARIANTS: dict[str, Variant] = {
    "lxml parse only (load_html)": parse_only,
    "trafilatura extract() defaults (fallbacks, comments, no metadata)": trafilatura_text(
        with_metadata=False
    ),
    "trafilatura precision, no fallbacks, no metadata": trafilatura_text(
        fast=True, with_metadata=False, **PRECISE
    ),
    "  + its metadata pass": trafilatura_text(fast=True, with_metadata=True, **PRECISE),
    "  + deduplicate": trafilatura_text(fast=True, with_metadata=False, **{**PRECISE, "deduplicate": True}),
    "  tables out": trafilatura_text(fast=True, with_metadata=False, include_tables=False, **PRECISE),
    "  with fallbacks": trafilatura_text(fast=False, with_metadata=False, **PRECISE),
    "trafilatura default focus, no fallbacks, no metadata": trafilatura_text(
        fast=True, with_metadata=False, include_comments=False
    ),
    "extract_html, whole page first, trafilatura metadata pass (as before)": lambda page: (
        _both_undone(page)
    ),
    "extract_html, trafilatura metadata pass": trafilatura_metadata,
    "extract_html, whole page first": whole_page_first,
    "extract_html": ours,
    "probe: JSON-LD articleBody where present, else extract_html": json_ld_body,
    "probe: own block text of the main container (no metadata), else extract_html": own_container_text,
}


def _both_undone(page: Page) -> str:
    with replaced("_run_on_container", _no_container):
        return trafilatura_metadata(page)


def measure(pages: list[Page], variant: Variant) -> tuple[float, float, float, float]:
    started = time.process_time()
    texts = [variant(page) for page in pages]
    seconds = time.process_time() - started
    if variant is parse_only:
        return float("nan"), float("nan"), float("nan"), len(pages) / seconds
    s = scores(page_counts(p.truth, t) for p, t in zip(pages, texts, strict=True))
    return s.f1, s.precision, s.recall, len(pages) / seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run the variants whose name contains this")
    args = parser.parse_args()
    folder = SHARED / "extraction"
    if not (folder / "ground-truth.json").is_file():
        print(f"skipped: {folder} is absent (the benchmark reads real pages from it)")
        return 0
    pages = load_pages(folder)
    chosen = {k: v for k, v in VARIANTS.items() if not args.only or args.only in k}
    for variant in chosen.values():  # warm-up: imports and one-time tables are not timed
        for page in pages[:3]:
            variant(page)
    print(f"{len(pages)} pages, load average {os.getloadavg()[0]:.2f} at start")
    print("| variant | F1 | P | R | pages / CPU-s |\n|---|---:|---:|---:|---:|")
    for name, variant in chosen.items():
        f1, p, r, speed = measure(pages, variant)
        print(f"| {name.strip()} | {f1:.4f} | {p:.4f} | {r:.4f} | {speed:.1f} |", flush=True)
    print(f"load average {os.getloadavg()[0]:.2f} at end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
