"""The pipeline: inputs -> documents -> clean articles -> store -> stories -> report.

Each stage is a plain function over typed values (see ``model``); this module only
wires them together and turns every ``InputError`` into a recorded ``Rejected`` so that
one bad item never stops the batch.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from triangulate import clean, ingest, stories, text
from triangulate.analysis import analyze_story
from triangulate.config import DEFAULT, Config
from triangulate.embed import load_embedder
from triangulate.errors import InputError
from triangulate.model import Article, Document, Rejected, Report, content_hash
from triangulate.outlets import infer_outlet
from triangulate.store import Store, open_store
from triangulate.stories.embed import encode_articles

#: Cleaning rules whose removed lines may name the publisher ("X's reporter contributed").
_CREDIT_RULES = frozenset({"contributor_credit", "author_bio"})


def build_article(doc: Document, config: Config = DEFAULT) -> Article:
    """Clean one document and split it into sentences.

    Raises ``InputError`` when nothing usable is left (empty body, over the size limit).
    """
    cleaned = clean.clean(doc, config)
    body = cleaned.text
    if len(body) > config.max_article_chars:
        raise InputError(
            doc.source,
            f"article body has {len(body):,} characters, over the limit of "
            f"{config.max_article_chars:,} (Config.max_article_chars)",
        )
    if len(body.strip()) < config.min_article_chars:
        raise InputError(
            doc.source,
            f"no article text left after cleaning ({len(body.strip())} characters, "
            f"fewer than {config.min_article_chars})",
        )
    digest = _body_hash(body)
    outlet, metadata = doc.outlet, doc.metadata
    if outlet is None:
        credits = [p.text for p in cleaned.removed if p.rule in _CREDIT_RULES]
        found = infer_outlet(body, cleaned.byline, credits)
        if found is not None:
            outlet = found.outlet
            metadata = {**metadata, "outlet_inferred_from": found.evidence}
    article = Article(
        id=digest[:16],
        source=doc.source,
        kind=doc.kind,
        title=cleaned.title,
        text=body,
        raw=doc.raw,
        sentences=tuple(text.split_sentences(body, config)),
        url=doc.url,
        outlet=outlet,
        published=doc.published,
        byline=cleaned.byline,
        dateline=cleaned.dateline,
        language=cleaned.language,
        foreign=cleaned.foreign,
        removed=cleaned.removed,
        metadata=metadata,
    )
    vars(article)["content_hash"] = digest  # fills the cached property: hashed once, not twice
    return article


#: Every whitespace character but the space (``str.isspace``), ASCII ones first.
_ASCII_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"
_OTHER_SPACES = _ASCII_SPACES + "\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
_OTHER_SPACES += "\u2028\u2029\u202f\u205f\u3000"


def _body_hash(body: str) -> str:
    """``model.content_hash(body)``, without splitting a body that is already normalised.

    A clean body's only whitespace is usually single spaces and the blank lines between
    paragraphs; then the whitespace-normalised form is the body with each blank line
    made a space. Anything else goes the long way.
    """
    flat = body.replace("\n\n", " ")
    others = _ASCII_SPACES if flat.isascii() else _OTHER_SPACES
    if (
        "  " not in flat
        and flat[:1] != " "
        and flat[-1:] != " "
        and not any(ch in flat for ch in others)
    ):
        return hashlib.sha256(flat.encode("utf-8")).hexdigest()
    return content_hash(body)


def articles_from(
    items: Iterable[Document | Rejected], config: Config = DEFAULT
) -> Iterator[Article | Rejected]:
    """Build an article from each document; pass rejections through, add new ones."""
    for item in items:
        if isinstance(item, Rejected):
            yield item
            continue
        try:
            yield build_article(item, config)
        except InputError as exc:
            yield Rejected(source=exc.source, stage="clean", reason=exc.reason)


def ingest_into(
    store: Store, paths: Iterable[str | Path], config: Config = DEFAULT
) -> tuple[list[Article], list[Rejected], Counter[str]]:
    """Read, clean and store every input; return this batch's articles and rejections.

    A duplicate within the batch (same text as an article read earlier in it) is recorded
    as a rejection naming the article it repeats, and is not analysed twice. An article
    already stored by an earlier run is part of this batch all the same (counted as
    ``already_stored``), so analysing the same folder twice gives the same report.
    """
    batch = _Batch()
    with store.batch():
        for item in articles_from(ingest.read(paths, config), config):
            batch.record(store, item)
    return batch.articles, batch.rejected, batch.stats


class _Batch:
    """What one ingest call produced: articles, rejections and counts."""

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.rejected: list[Rejected] = []
        self.stats: Counter[str] = Counter()
        self._seen: dict[str, str] = {}

    def record(self, store: Store, item: Article | Rejected) -> None:
        self.stats["items"] += 1
        if isinstance(item, Rejected):
            self._reject(store, item)
            return
        if item.id in self._seen:
            reason = f"duplicate of {self._seen[item.id]} (same text)"
            self._reject(store, Rejected(item.source, "store", reason), "duplicates")
            return
        result = store.add(item)
        if result.status == "duplicate":
            self.stats["already_stored"] += 1
        elif result.status == "revision":
            self.stats["revisions"] += 1
        self._seen[item.id] = item.source
        self.stats["articles"] += 1
        self.articles.append(item)

    def _reject(self, store: Store, rejected: Rejected, counter: str = "rejected") -> None:
        store.reject(rejected)
        self.rejected.append(rejected)
        self.stats[counter] += 1


def analyze(
    paths: Iterable[str | Path] | str | Path,
    *,
    config: Config = DEFAULT,
    db: str | Path | None = None,
) -> Report:
    """Analyse a batch of inputs (files, folders, ``-`` for JSONL on stdin) into a report.

    ``db`` is the SQLite file to store into (created if absent); by default an in-memory
    store is used and discarded.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    store = open_store(db if db is not None else ":memory:")
    try:
        articles, rejected, stats = ingest_into(store, paths, config)
        embedder, note = load_embedder(cache=store)
        # With the model at hand, stories are grouped with embeddings too (measured better
        # on every dev set: docs/evaluation.md, `triangulate_embeddings`).
        vectors = encode_articles(articles, embedder) if embedder and articles else None
        by_id = {a.id: a for a in articles}
        story_reports = tuple(
            analyze_story(s, [by_id[i] for i in s.article_ids], embedder)
            for s in stories.group(articles, embeddings=vectors)
        )
    finally:
        store.close()
    return Report(
        stories=story_reports,
        rejected=tuple(rejected),
        stats=dict(stats),
        notes=(note,) if note else (),
    )
