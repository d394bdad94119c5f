"""Cleaning of scraped article text: residue out, metadata aside, foreign passages aside.

    clean(doc, config) -> Cleaned    title, clean body, byline, dateline, language,
                                     removed (residue passages), foreign passages

The body is cut into paragraph units (one per line; hard-wrapped blocks are joined). Each
unit is then judged by the rules in ``triangulate._residue`` (named patterns for the kinds
of scraping residue: share widgets, captions and photo credits, related-article blocks,
video teasers and durations, template tokens, "Original url:" trailers, author bios ...),
by its context (a caption before a credit line, a teaser before a video duration, the
headlines after a "Read More" header, the tail after the last body paragraph), and by its
language (``text.is_foreign``). Every unit that leaves the body is kept as a ``Passage``
naming the rule, so the report can always say why a line is not in the article.

Decisions documented in docs/cleaning.md:

- Embedded social posts are quoted speech by a named person: a tweet's text and its
  signature line ("— Name (@handle) February 15, 2022") stay in the body, so the quote
  stage can attribute them (``social_signature`` parses the line). A "Posted by X on
  <date>" line stays with its post when the post is body text, and is residue when the
  post itself was set aside (foreign or residue) or stands alone.
- Contributor credits ("X contributed to this report", "Reporting by ...") are residue
  (not reporting) but kept in ``removed`` under rule ``contributor_credit``: later stages
  can read the agencies they name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from triangulate import _residue as R
from triangulate.config import DEFAULT, Config
from triangulate.model import Document, Passage
from triangulate.text import has_letters, is_foreign, paragraph_languages

__all__ = ["Cleaned", "SocialSignature", "clean", "normalise_text", "social_signature"]


@dataclass(frozen=True)
class Cleaned:
    """The result of cleaning one document.

    ``text`` is the clean body, paragraphs separated by exactly one blank line; ``removed``
    holds the residue taken out (``kind="residue"``, ``rule`` names the pattern) and
    ``foreign`` the passages in another language than ``language``.
    """

    title: str
    text: str
    byline: str | None
    dateline: str | None
    language: str
    removed: tuple[Passage, ...] = ()
    foreign: tuple[Passage, ...] = ()


@dataclass(frozen=True)
class SocialSignature:
    """The signature line under an embedded post: who posted it and when (as written)."""

    name: str
    handle: str | None
    date: str


def social_signature(line: str) -> SocialSignature | None:
    """Parse "— Name (@handle) February 15, 2022" or "Posted by Name on <date>"."""
    m = R.TWEET_SIGNATURE.search(line.strip())
    if m:
        return SocialSignature(m.group("name").strip(), m.group("handle"), m.group("date"))
    m = R.POSTED_BY.match(line.strip())
    if m:
        return SocialSignature(m.group("name").strip(), None, m.group("date").strip())
    return None


# --------------------------------------------------------------------------- units

_BODY, _RESIDUE, _FOREIGN, _TITLE, _META = "body", "residue", "foreign", "title", "meta"


@dataclass(slots=True)
class _Unit:
    text: str
    status: str = _BODY
    rule: str = ""
    language: str | None = None
    words: int = 0

    def drop(self, rule: str) -> None:
        self.status, self.rule = _RESIDUE, rule


_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n\s*")
_TERMINAL = R.ENDS_CLAUSE
_ODD_SPACE_CHARS = "\t\u00a0\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_ODD_SPACE = re.compile(f"[{_ODD_SPACE_CHARS}]")


def normalise_text(text: str) -> str:
    """Line endings to ``\\n``, invisible characters out, runs of spaces to one space."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # every run of spaces (" " or _ODD_SPACE_CHARS) to one space, without a regex match
    # at every single space (a third of the cleaning time before)
    if text.isascii():  # O(1): no invisible or non-ASCII space can occur
        if "\t" in text:
            text = text.replace("\t", " ")
    else:
        text = text.replace("\u2028", "\n")
        if any(ch in text for ch in _INVISIBLE_CHARS):
            text = _INVISIBLE.sub("", text)
        text = _ODD_SPACE.sub(" ", text)
    while "  " in text:
        text = text.replace("  ", " ")
    return text


def _is_wrapped(lines: list[str]) -> bool:
    """A block of hard-wrapped prose (lines of similar width, few ending a sentence)."""
    if len(lines) < 2:
        return False
    head = lines[:-1]
    widths = [len(x) for x in head]
    if min(widths) < 45 or max(widths) > 110 or max(widths) - min(widths) > 35:
        return False
    ends = sum(1 for x in head if _TERMINAL.search(x))
    if len(lines) == 2:
        return ends == 0 and lines[1][:1].islower()
    return ends * 2 < len(head) and not any(R.match_line(x) for x in lines)


def _units(text: str) -> list[_Unit]:
    units: list[_Unit] = []
    for block in _BLANK_LINES.split(normalise_text(text).strip()):
        lines = [y for x in block.split("\n") if (y := x.strip())]
        if _is_wrapped(lines):
            lines = [" ".join(lines)]
        for line in lines:
            clean_line = R.MARKDOWN_LINK.sub(r"\1", line) if "](" in line else line
            credit = R.TRAILING_CREDIT.search(clean_line) if line[-1] == ")" else None
            if credit and credit.start() > 0:
                head, tail = clean_line[: credit.start()], clean_line[credit.start() :].strip()
                units.append(_Unit(head, words=head.count(" ") + 1))
                units.append(_Unit(tail, _RESIDUE, "contributor_credit", words=tail.count(" ") + 1))
                continue
            units.append(_Unit(clean_line, words=clean_line.count(" ") + 1))
    return units


# --------------------------------------------------------------------------- passes


def _line_rules(units: list[_Unit]) -> None:
    """Context-free rules, one unit at a time."""
    for u in units:
        rule = R.match_line(u.text, u.words)
        if rule:
            u.drop(rule)


def _context_rules(units: list[_Unit]) -> None:
    """Rules that look at the neighbours: captions, teasers, related blocks, duplicates."""
    n = len(units)
    for i, u in enumerate(units):
        nxt = units[i + 1] if i + 1 < n else None
        # a caption repeated with its credit appended: "Caption." / "Caption. Copyright X"
        if nxt is not None and len(u.text) >= 30 and nxt.text.startswith(u.text):
            extra = nxt.text[len(u.text) :].strip()
            if extra and extra.count(" ") < 15:
                u.drop("caption")
                nxt.drop("caption_with_credit")
        # the caption before a credit line
        if (
            nxt is not None
            and nxt.rule == "photo_credit"
            and u.status == _BODY
            and R.is_caption_like(u.text)
        ):
            u.drop("caption")
        # the title of a chart, above the chart tool's note or the chart's source line
        if (
            nxt is not None
            and nxt.rule in ("chart_note", "graphic_label")
            and u.status == _BODY
            and R.is_label_like(u.text, u.words)
        ):
            u.drop("chart_title")
        # the teaser before a video duration
        if (
            nxt is not None
            and nxt.rule == "video_duration"
            and u.status == _BODY
            and u.words <= 25
            and (not _TERMINAL.search(u.text) or u.text.endswith(("…", "...")))
        ):
            u.drop("video_teaser")
        # a "Read More" / "You might also like" header: the headlines listed after it
        if u.rule == "related_header":
            j = i + 1
            while j < n and j - i <= 15:
                v = units[j]
                if v.status == _RESIDUE:
                    j += 1
                    continue
                if not R.is_headline_like(v.text, v.words):
                    break
                v.drop("related_headline")
                j += 1
        # the same paragraph twice in a row (a caption or teaser rendered twice)
        if u.status == _BODY and nxt is not None and nxt.status == _BODY and nxt.text == u.text:
            nxt.drop("duplicate_paragraph")


def _language_pass(units: list[_Unit], config: Config) -> str:
    """Detect the main language and set foreign-language units aside."""
    body = [u for u in units if u.status == _BODY]
    main, _langs = paragraph_languages([u.text for u in body], config)
    for u in body:
        foreign, lang, _prob = is_foreign(u.text, main, config)
        if foreign:
            u.status, u.rule, u.language = _FOREIGN, "language", lang
    return main


def _social_pass(units: list[_Unit]) -> None:
    """A "Posted by X on <date>" line stays with a body post, else it is residue."""
    for i, u in enumerate(units):
        if not (u.status == _BODY and R.POSTED_BY.match(u.text)):
            continue
        prev = units[i - 1] if i > 0 else None
        if prev is None or prev.status != _BODY:
            u.drop("social_post_credit")


def _first_long_body(units: list[_Unit]) -> int:
    for i, u in enumerate(units):
        if u.status == _BODY and u.words >= 15 and _TERMINAL.search(u.text):
            return i
    return len(units)


def _title_pass(units: list[_Unit], given: str, plain_text: bool) -> str:
    """Keep the document's title; drop its repeat at the top of the body.

    Without a usable title, the first body unit becomes the title when it is short
    enough to be a headline (at most 20 words), more body follows, and either the input
    is a plain-text dump (whose first line is its headline by convention) or the unit
    does not end like a sentence (an extracted HTML body may start with its lede).
    """
    limit = min(_first_long_body(units), 12)
    if given and not _is_furniture(given):
        key = R.title_key(given)
        for u in units[: limit + 1]:
            if (
                u.status == _BODY
                and abs(len(u.text) - len(given)) <= 12
                and R.title_key(u.text) == key
            ):
                u.drop("title_repeat")
        return given
    body = [u for u in units if u.status == _BODY and not R.byline_names(u.text)]
    if (
        len(body) >= 2
        and body[0].words <= 20
        and len(body[0].text) <= 200
        and (plain_text or not R.ENDS_CLAUSE.search(body[0].text))
    ):
        first = body[0]
        if units.index(first) <= limit:
            first.status, first.rule = _TITLE, "title"
            return first.text
    return given if given and not _is_furniture(given) else ""


#: Rules whose match means a "title" is site furniture, not a headline ("Find Us").
_FURNITURE = frozenset(
    {
        "ui_widget",
        "url_line",
        "published_line",
        "date_line",
        "related_header",
        "separator",
        "template_token",
        "source_url",
        "contact_line",
    }
)


def _is_furniture(title: str) -> bool:
    return R.match_line(title, title.count(" ") + 1) in _FURNITURE


def _byline_pass(units: list[_Unit], given: str | None) -> str | None:
    """Byline lines at the top (or the very end) go to metadata; the document's wins."""
    limit = min(_first_long_body(units), 12)
    found: str | None = None
    tail = range(max(0, len(units) - 3), len(units))
    for i in [*range(limit + 1), *tail]:
        if i >= len(units):
            break
        u = units[i]
        if u.status != _BODY:
            continue
        names = R.byline_names(u.text)
        if names:
            u.drop("byline")
            found = found or names
    if given and given.strip():
        return R.MARKDOWN_LINK.sub(r"\1", given.strip())
    return found


def _header_fields(units: list[_Unit]) -> None:
    """``Key: value`` fields above the first body paragraph ("Outlet: ...", "Date: ...")."""
    for u in units[: min(_first_long_body(units), 12)]:
        if u.status == _BODY and R.is_header_field(u.text, u.words) and not R.byline_names(u.text):
            u.drop("header_field")


def _header_pass(units: list[_Unit]) -> None:
    """Above the first body paragraph: image alt text, byline continuations, name lines.

    Above the first body paragraph no sub-heading can stand, so a short non-sentence
    right before a caption is the picture's alt text, a line after a byline that is
    not a sentence continues the byline ("MBC News, Kestrel Bay"), and a lone name next
    to a date line is the author.
    """
    limit = min(_first_long_body(units), 12)
    for i in range(limit):
        u = units[i]
        if u.status != _BODY or R.byline_names(u.text):
            continue
        prev = units[i - 1] if i > 0 else None
        nxt = units[i + 1] if i + 1 < len(units) else None
        if nxt is not None and nxt.rule.startswith("caption") and R.is_label_like(u.text, u.words):
            u.drop("image_alt")
        elif (
            prev is not None
            and prev.rule == "byline"
            and R.is_label_like(u.text, u.words)
            and u.words <= 6
        ):
            u.drop("byline")
        elif R.is_name_line(u.text) and nxt is not None and nxt.rule in _STAMP_RULES:
            u.drop("author_name")


_STAMP_RULES = ("date_line", "published_line", "byline")


def _tail_pass(units: list[_Unit]) -> None:
    """After the last body paragraph: author names, bios, credits, stray headings."""
    for u in reversed(units):
        if u.status != _BODY:
            continue
        rule = R.tail_rule(u.text, u.words)
        if rule is None:
            break
        u.drop(rule)


def _dateline_pass(units: list[_Unit]) -> str | None:
    """Strip a dateline ("MOSCOW (AP) —") from the start of one of the first paragraphs."""
    seen = 0
    for u in units:
        if u.status != _BODY:
            continue
        seen += 1
        m = R.dateline(u.text)
        if m is not None:
            rest = u.text[len(m) :].lstrip()
            if has_letters(rest, 3):
                u.text = rest
                u.words = rest.count(" ") + 1
                return m.strip()
        if seen >= 3:
            break
    return None


def clean(doc: Document, config: Config = DEFAULT) -> Cleaned:
    """Clean one scraped document: see the module docstring for what is removed."""
    units = _units(doc.text)
    _line_rules(units)
    _header_fields(units)
    given_title = normalise_text(R.MARKDOWN_LINK.sub(r"\1", doc.title)).strip()
    title = _title_pass(units, given_title, doc.kind == "text")
    _context_rules(units)
    language = _language_pass(units, config)
    _social_pass(units)
    byline = _byline_pass(units, doc.byline)
    _header_pass(units)
    _tail_pass(units)
    dateline = _dateline_pass(units)
    removed = tuple(
        Passage(kind="residue", text=u.text, rule=u.rule) for u in units if u.status == _RESIDUE
    )
    foreign = tuple(
        Passage(kind="foreign", text=u.text, rule=u.rule, language=u.language)
        for u in units
        if u.status == _FOREIGN
    )
    body = "\n\n".join(u.text for u in units if u.status == _BODY)
    if doc.language and not body:
        language = doc.language
    return Cleaned(
        title=title,
        text=body,
        byline=byline,
        dateline=dateline,
        language=language,
        removed=removed,
        foreign=foreign,
    )
