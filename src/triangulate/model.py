"""Typed values passed between the pipeline stages.

Every stage takes and returns these frozen dataclasses, so a stage can be used alone
from Python and its output can be stored, diffed and rendered without guessing.

    Document   what a reader (ingest) found in one input item, before cleaning
    Article    a cleaned article: metadata, clean text, sentences, what was removed
    Sentence   one sentence with character offsets into Article.text
    Passage    a span kept aside from the body (foreign-language insert, removed residue)
    Rejected   an input item (or part of one) that could not be used, and why
    Story      a group of articles about one event
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # stage result types; imported for annotations only (no import cycle)
    from triangulate.claims import FigureGroup, TimelineEntry
    from triangulate.claims.timeline import DateGroup
    from triangulate.corroborate import Fact
    from triangulate.framing import OutletFraming
    from triangulate.provenance import ProvenanceResult
    from triangulate.quotes import Utterance
    from triangulate.summarize import Summary

InputKind = Literal["text", "html", "jsonl", "feed"]
PassageKind = Literal["foreign", "residue"]

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def content_hash(text: str) -> str:
    """Stable identity of a text: SHA-256 of its whitespace-normalised form (hex)."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Document:
    """One article as read from an input, before cleaning.

    ``source`` names the item for humans and error messages: a path, ``path:line`` for a
    JSONL record, or ``path#item-3`` for a feed entry. ``raw`` is the input as received
    (decoded text), kept for audit.
    """

    source: str
    kind: InputKind
    text: str
    raw: str
    title: str = ""
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    byline: str | None = None
    language: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article; ``text == article.text[start:end]``."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    language: str = "en"


_new_object = object.__new__


def new_sentence(
    index: int, start: int, end: int, text: str, paragraph: int, language: str
) -> Sentence:
    """``Sentence(index, start, end, text, paragraph, language)``, for the splitter's loop.

    The same value (equal, same hash, same ``vars``), built by filling the instance's
    ``__dict__`` instead of the frozen dataclass's six ``object.__setattr__`` calls
    (~1 us less a sentence; an article has ~35). tests/test_ingest_fastpaths.py checks it.
    """
    made = _new_object(Sentence)
    fields = made.__dict__
    fields["index"] = index
    fields["start"] = start
    fields["end"] = end
    fields["text"] = text
    fields["paragraph"] = paragraph
    fields["language"] = language
    return made


@dataclass(frozen=True)
class Passage:
    """A span kept out of the article body, with why.

    ``kind`` is ``foreign`` for a passage in another language than the article (kept aside,
    not treated as English sentences) or ``residue`` for scraping residue that cleaning
    removed (share widgets, captions, related links ...). ``rule`` names the cleaning rule
    that matched; ``language`` is the detected language for foreign passages.
    """

    kind: PassageKind
    text: str
    rule: str
    language: str | None = None


@dataclass(frozen=True)
class Article:
    """A cleaned article.

    ``id`` is derived from the clean text (same content twice = one article); ``text`` is
    the clean body, and every ``Sentence`` indexes into it. ``raw`` keeps the input as
    received, ``removed`` and ``foreign`` keep what cleaning set aside, so the report can
    always show why a line is or is not in the body.
    """

    id: str
    source: str
    kind: InputKind
    title: str
    text: str
    raw: str
    sentences: tuple[Sentence, ...]
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    byline: str | None = None
    dateline: str | None = None
    language: str = "en"
    foreign: tuple[Passage, ...] = ()
    removed: tuple[Passage, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)

    @cached_property
    def content_hash(self) -> str:
        """``content_hash(self.text)``, computed once per article (not a field)."""
        return content_hash(self.text)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]

    @property
    def label(self) -> str:
        """What a reader calls the article: its outlet, else its headline, else its input."""
        return self.outlet or self.title or self.source


@dataclass(frozen=True)
class Rejected:
    """An input item that could not be used. ``source`` names it (path, path:line)."""

    source: str
    stage: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class Story:
    """Articles about one real-world event."""

    id: str
    title: str
    article_ids: tuple[str, ...]
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class StoryReport:
    """Everything the report says about one story.

    Later stages (provenance, quotes, figures, facts, summary, framing) add their results
    here as typed fields; the report writers render whatever is present.
    """

    story: Story
    articles: tuple[Article, ...]
    #: number of origin families (copies count once); None before provenance ran
    independent_sources: int | None = None
    #: extractive summary, each sentence with its citations
    summary: Summary | None = None
    #: statements grouped into facts, with independent support and status
    facts: tuple[Fact, ...] = ()
    #: how each outlet framed the story
    framing: tuple[OutletFraming, ...] = ()
    #: utterances across the story: who said what, each rendering with its outlet
    quotes: tuple[Utterance, ...] = ()
    #: figures measuring the same thing, with a verdict (agree/consistent/differ/...)
    figures: tuple[FigureGroup, ...] = ()
    #: dates given for the same event by several articles, with a verdict
    dates: tuple[DateGroup, ...] = ()
    #: copies, rewrites and origin families
    provenance: ProvenanceResult | None = None
    #: dated events of the story with their sources
    timeline: tuple[TimelineEntry, ...] = ()


@dataclass(frozen=True)
class Report:
    """The result of one analysis: stories, and every input item that was rejected."""

    stories: tuple[StoryReport, ...]
    rejected: tuple[Rejected, ...] = ()
    #: counts of what happened to the inputs: items, articles, duplicates, revisions, rejected
    stats: Mapping[str, int] = field(default_factory=lambda: _EMPTY)
    #: notes the reader should see (e.g. "embeddings unavailable: lexical alignment used")
    notes: tuple[str, ...] = ()

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(a for s in self.stories for a in s.articles)
