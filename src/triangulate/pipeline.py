"""The pipeline: inputs -> documents -> clean articles -> store -> stories -> report.

Each stage is a plain function over typed values (see ``model``); this module only
wires them together and turns every ``InputError`` into a recorded ``Rejected`` so that
one bad item never stops the batch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from triangulate import clean, ingest, stories, text
from triangulate.config import DEFAULT, Config
from triangulate.errors import InputError
from triangulate.model import Article, Document, Rejected, Report, StoryReport, content_hash
from triangulate.store import Store, open_store


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
    return Article(
        id=content_hash(body)[:16],
        source=doc.source,
        kind=doc.kind,
        title=cleaned.title,
        text=body,
        raw=doc.raw,
        sentences=tuple(text.split_sentences(body, config)),
        url=doc.url,
        outlet=doc.outlet,
        published=doc.published,
        byline=cleaned.byline,
        dateline=cleaned.dateline,
        language=cleaned.language,
        foreign=cleaned.foreign,
        removed=cleaned.removed,
        metadata=doc.metadata,
    )


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

    A duplicate (same content as an article already stored, in this batch or before) is
    recorded as a rejection naming the article it repeats, and is not analysed twice.
    """
    articles: list[Article] = []
    rejected: list[Rejected] = []
    stats: Counter[str] = Counter()
    with store.batch():
        for item in articles_from(ingest.read(paths, config), config):
            _store_one(store, item, articles, rejected, stats)
    return articles, rejected, stats


def _store_one(
    store: Store,
    item: Article | Rejected,
    articles: list[Article],
    rejected: list[Rejected],
    stats: Counter[str],
) -> None:
    """Record one built article or rejection; duplicates become rejections."""
    stats["items"] += 1
    if isinstance(item, Rejected):
        store.reject(item)
        rejected.append(item)
        stats["rejected"] += 1
        return
    result = store.add(item)
    if result.status == "duplicate":
        dup = Rejected(item.source, "store", f"duplicate of {result.existing} (same text)")
        store.reject(dup)
        rejected.append(dup)
        stats["duplicates"] += 1
        return
    if result.status == "revision":
        stats["revisions"] += 1
    stats["articles"] += 1
    articles.append(item)


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
    finally:
        store.close()
    by_id = {a.id: a for a in articles}
    story_reports = tuple(
        StoryReport(story=s, articles=tuple(by_id[i] for i in s.article_ids))
        for s in stories.group(articles)
    )
    return Report(stories=story_reports, rejected=tuple(rejected), stats=dict(stats))
