"""Which reader an input needs, decided by its content (the file name only breaks ties).

    feed   the first element (after the XML declaration, comments and any DOCTYPE) is
           <rss>, <feed> or <rdf:RDF>; any other XML document also goes to the feed
           reader, which rejects it saying which root it found
    html   an HTML doctype or a first element <html>, <head> or <body>; <html or <body
           near the top; or many HTML tags (a page fragment)
    jsonl  the first non-blank line is a JSON object (or the file is named .jsonl,
           .ndjson or .json and starts with "{" or "[", so its errors are reported as JSON)
    text   anything else

Sniffing looks at the first few kilobytes only and never parses the whole document.
"""

from __future__ import annotations

import json
import re

from triangulate.model import InputKind

#: Characters examined by the sniffer.
SNIFF_CHARS = 16 * 1024
#: HTML tags in the first SNIFF_CHARS that make a document without <html> count as HTML.
MIN_FRAGMENT_TAGS = 8

FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
HTML_ROOTS = frozenset({"html", "head", "body"})
JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")

_NAME = re.compile(r"[A-Za-z_][\w.:-]*")
_HTML_NEAR_TOP = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|br|hr|h[1-6]|article|section|header|footer|nav|main|aside|ul|ol|li"
    r"|table|tr|td|th|img|figure|figcaption|script|style|meta|link|title|strong|em|b|i"
    r"|blockquote|iframe|form|input|button|noscript|time)\b[^<>]{0,2000}>",
    re.IGNORECASE,
)


def _skip_prolog(head: str) -> tuple[int, str | None, bool]:
    """Skip whitespace, <?...?>, <!--...-->, <!DOCTYPE ...[...]>.

    Returns (offset of the first element, the DOCTYPE's root name if any, whether an
    XML declaration was seen).
    """
    i, n = 0, len(head)
    doctype: str | None = None
    xml_decl = False
    while i < n:
        while i < n and head[i] in " \t\r\n\ufeff":
            i += 1
        if head.startswith("<?", i):
            xml_decl = xml_decl or head[i : i + 5].lower() == "<?xml"
            end = head.find("?>", i)
            i = n if end < 0 else end + 2
        elif head.startswith("<!--", i):
            end = head.find("-->", i)
            i = n if end < 0 else end + 3
        elif head[i : i + 9].upper() == "<!DOCTYPE":
            m = _NAME.match(head[i + 9 : i + 200].lstrip())
            doctype = m.group(0).lower() if m else ""
            bracket, close = head.find("[", i), head.find(">", i)
            if 0 <= bracket < close:  # internal subset: ends at "]" then ">"
                end = head.find("]", bracket)
                close = head.find(">", end) if end >= 0 else -1
            i = n if close < 0 else close + 1
        else:
            break
    return i, doctype, xml_decl


def _root_name(head: str, at: int) -> str | None:
    if not head.startswith("<", at):
        return None
    m = _NAME.match(head, at + 1)
    if not m:
        return None
    return m.group(0).rsplit(":", 1)[-1].lower()


def first_nonblank_line(text: str) -> str:
    """The first line with something on it, stripped ("" when there is none)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        line = text[start:end].strip()
        if line:
            return line
        start = end + 1
    return ""


def _first_line_is_object(text: str) -> tuple[bool, str]:
    first = first_nonblank_line(text)
    if not first.startswith("{"):
        return False, first
    try:
        return isinstance(json.loads(first), dict), first
    except ValueError:
        return False, first


def sniff(text: str, name: str = "") -> InputKind:
    """The input kind of a decoded document; ``name`` (a file name) only breaks ties."""
    head = text[:SNIFF_CHARS]
    at, doctype, xml_decl = _skip_prolog(head)
    root = _root_name(head, at)
    if doctype == "html" or root in HTML_ROOTS:
        return "html"
    if root in FEED_ROOTS:
        return "feed"
    if root is not None and (xml_decl or doctype is not None):
        return "feed"  # some other XML: the feed reader says what it found
    if doctype is not None:
        return "feed"  # a DOCTYPE without a root in sight: unsafe or broken XML
    is_object, first = _first_line_is_object(text)
    if is_object:
        return "jsonl"
    if first[:1] in ("{", "[") and name.lower().endswith(JSON_SUFFIXES):
        return "jsonl"
    if "<" not in head:
        return "text"  # no tag in sight (what follows looks for tags)
    if _HTML_NEAR_TOP.search(head, 0, 4096):
        return "html"
    if len(_HTML_TAG.findall(head)) >= MIN_FRAGMENT_TAGS:
        return "html"
    return "text"
