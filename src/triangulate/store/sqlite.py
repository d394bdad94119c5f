"""The default store: one SQLite file in WAL mode (see docs/storage.md).

    store = SqliteStore("corpus.sqlite")      # or ":memory:"
    result = store.add(article)               # AddResult: new / duplicate / revision
    article = store.article(result.article_id)

Each article (its row, sentences and passages) is written in one ``BEGIN IMMEDIATE``
transaction, so a crash leaves either the whole article or none of it. Stages may keep
their own tables in the same file (``execute_schema``) and cache vectors in the
``embeddings`` table (``put_embeddings`` / ``get_embeddings``). The tables are defined in
``triangulate.store.schema``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from triangulate.errors import StoreError
from triangulate.model import Article, InputKind, Passage, PassageKind, Rejected, Sentence
from triangulate.store.base import AddResult
from triangulate.store.codec import (
    decode_datetime,
    encode_datetime,
    metadata_json,
    split_statements,
)
from triangulate.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA, SCHEMA_VERSION, TABLES

MEMORY = ":memory:"
#: The first 16 bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"
#: How long a writer waits for another process's write lock before giving up, in ms.
BUSY_TIMEOUT_MS = 10_000
#: Articles written per transaction by ``add_many`` and ``batch()``.
BATCH_ARTICLES = 200
#: SQLite's page cache per connection, in KiB (its default is 2,000): a batch of 200
#: plain-text articles (~10 KB each with raw text, sentences and indexes) stays in memory
#: instead of being read back from the WAL file page by page.
CACHE_KIB = 16_384
#: Articles loaded per query page by ``articles()`` (also bounds the SQL parameters used).
PAGE_SIZE = 200

_ARTICLE_COLUMNS = (
    "id, content_hash, url, revision, source, kind, outlet, title, published, published_tz, "
    "byline, dateline, language, text, raw, metadata, added_at"
)
_INSERT_ARTICLE = f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES ({', '.join('?' * 17)})"
_SELECT_ARTICLE = (
    "SELECT rowid, id, source, kind, title, text, raw, url, outlet, published, published_tz, "
    "byline, dateline, language, metadata FROM articles"
)
_INSERT_SENTENCE = (
    'INSERT INTO sentence_spans (article_id, idx, start, "end", paragraph, language) '
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_INSERT_PASSAGE = (
    "INSERT INTO passages (article_id, part, idx, kind, rule, language, text) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)

SentenceRow = tuple[str, int, int, int, int, str]
PassageRow = tuple[str, str, int, str, str, str | None, str]
Vector = npt.NDArray[np.float32]


class SqliteStore:
    """Articles, sentences, passages, rejections and cached embeddings in one SQLite file.

    ``path`` is created (with its parent folders) when absent; ``":memory:"`` gives a
    throwaway store. A file that is not SQLite, belongs to another program, or has a
    schema version this code does not know is refused with a ``StoreError`` naming it.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._conn: sqlite3.Connection | None = None
        self._savepoints = 0
        self._batch_size: int | None = None  # set inside batch()
        self._batch_open = False  # batch() began the open transaction
        self._batch_pending = 0  # articles written in it so far
        if self.path != MEMORY:
            _check_is_sqlite(Path(self.path))
        try:
            if self.path != MEMORY:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc})") from exc
        self._conn = conn
        try:
            self._configure(conn)
            self._ensure_schema(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            self._conn = None
            raise StoreError(f"{self.path}: cannot use this file as a store ({exc})") from exc
        except StoreError:
            conn.close()
            self._conn = None
            raise

    # -- connection and schema -------------------------------------------------------

    @property
    def connection(self) -> sqlite3.Connection:
        """The open ``sqlite3.Connection`` (autocommit; use ``transaction()`` to write)."""
        if self._conn is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._conn

    def _configure(self, conn: sqlite3.Connection) -> None:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")

    def _ensure_schema(self, conn: sqlite3.Connection) -> None:
        with self.transaction():
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id == 0 and version == 0:
                tables = [
                    r[0]
                    for r in conn.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table' "
                        "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                    )
                ]
                if tables:
                    raise StoreError(
                        f"{self.path}: a SQLite database but not a triangulate store "
                        f"(it already has tables: {', '.join(tables[:5])})"
                    )
                for statement in split_statements(SCHEMA):
                    conn.execute(statement)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                return
            if app_id != APPLICATION_ID:
                raise StoreError(
                    f"{self.path}: not a triangulate store (SQLite application_id is "
                    f"{app_id:#x}, expected {APPLICATION_ID:#x})"
                )
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: store schema version {version} is newer than this "
                    f"triangulate understands (up to {SCHEMA_VERSION}); upgrade triangulate"
                )
            if version < 1:
                raise StoreError(f"{self.path}: unknown store schema version {version}")
            for step in range(version + 1, SCHEMA_VERSION + 1):
                if step not in MIGRATIONS:
                    raise StoreError(
                        f"{self.path}: store schema version {version} cannot be upgraded "
                        f"to {SCHEMA_VERSION} (no migration to version {step})"
                    )
                for statement in split_statements(MIGRATIONS[step]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {step}")

    def execute_schema(self, ddl: str) -> None:
        """Run a stage's DDL (one or more statements) in one transaction.

        For stages that keep their own tables in the store file: name them after the
        stage and use ``CREATE TABLE IF NOT EXISTS provenance_...`` so that running the
        DDL again is harmless. DDL that changes the store's own tables is refused.
        """
        statements = split_statements(ddl)
        statement = ""
        try:
            with self.transaction() as conn:
                before = self._own_tables(conn)
                for statement in statements:
                    conn.execute(statement)
                if self._own_tables(conn) != before:
                    raise StoreError(
                        f"{self.path}: execute_schema may not change the store's own tables "
                        f"({', '.join(TABLES)})"
                    )
        except sqlite3.Error as exc:
            first = " ".join(statement.split())[:80]
            raise StoreError(f"{self.path}: schema statement failed ({exc}): {first}") from exc

    @staticmethod
    def _own_tables(conn: sqlite3.Connection) -> list[tuple[str, str]]:
        marks = ", ".join("?" * len(TABLES))
        return conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'view') "
            f"AND name IN ({marks}) "
            "ORDER BY name",
            TABLES,
        ).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block in one transaction: all of it is written, or none of it.

        The outermost level is ``BEGIN IMMEDIATE`` (takes the write lock at once, so a
        read-then-write inside cannot be raced by another process); nested levels are
        savepoints. Any exception rolls the level back and is re-raised.
        """
        conn = self.connection
        if conn.in_transaction:
            self._savepoints += 1
            name = f"sp{self._savepoints}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:  # an I/O error may have rolled back everything
                    conn.execute(f"ROLLBACK TO {name}")
                    conn.execute(f"RELEASE {name}")
                raise
            else:
                conn.execute(f"RELEASE {name}")
            finally:
                self._savepoints -= 1
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def close(self) -> None:
        """Close the file (idempotent). The WAL is checkpointed into the main file."""
        if self._conn is not None:
            with suppress(sqlite3.Error):
                self._conn.execute("PRAGMA optimize")
            self._conn.close()
            self._conn = None

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._conn is None else "open"
        return f"SqliteStore({self.path!r}, {state})"

    # -- articles --------------------------------------------------------------------

    def add(self, article: Article) -> AddResult:
        """Store one article unless its content is already stored.

        Same content (whatever the URL) -> ``duplicate`` naming the stored article's
        source; a URL stored before with other content -> ``revision`` n (earlier
        revisions are kept, ``existing`` names the previous one's source); else ``new``.
        The article is written in its own transaction, or inside ``batch()`` in the
        batch's current one (a savepoint keeps it whole either way).
        """
        content_hash = article.content_hash
        try:
            if self._batch_size is not None and not self.connection.in_transaction:
                self.connection.execute("BEGIN IMMEDIATE")
                self._batch_open = True
            with self.transaction() as conn:
                result = self._write_article(conn, article, content_hash)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot store {article.source}: {exc}") from exc
        if self._batch_open and self._savepoints == 0:
            self._batch_pending += 1
            if self._batch_size is not None and self._batch_pending >= self._batch_size:
                self._commit_batch()
        return result

    def _write_article(
        self,
        conn: sqlite3.Connection,
        article: Article,
        content_hash: str,
    ) -> AddResult:
        for stored_id, stored_source, stored_hash in conn.execute(
            "SELECT id, source, content_hash FROM articles WHERE content_hash = ? OR id = ?",
            (content_hash, article.id),
        ):
            if stored_hash == content_hash:
                return AddResult("duplicate", stored_id, existing=stored_source)
            raise StoreError(
                f"{self.path}: cannot store {article.source}: article id {article.id} "
                f"is already used by {stored_source} for other text"
            )
        metadata = metadata_json(article)
        published, published_tz = encode_datetime(article.published)
        revision, previous = 1, None
        if article.url is not None:
            last = conn.execute(
                "SELECT revision, source FROM articles WHERE url = ? "
                "ORDER BY revision DESC LIMIT 1",
                (article.url,),
            ).fetchone()
            if last is not None:
                revision, previous = last[0] + 1, last[1]
        conn.execute(
            _INSERT_ARTICLE,
            (
                article.id,
                content_hash,
                article.url,
                revision,
                article.source,
                article.kind,
                article.outlet,
                article.title,
                published,
                published_tz,
                article.byline,
                article.dateline,
                article.language,
                article.text,
                article.raw,
                metadata,
                _now(),
            ),
        )
        conn.executemany(_INSERT_SENTENCE, _sentence_rows(article))
        if article.foreign or article.removed:
            conn.executemany(_INSERT_PASSAGE, _passage_rows(article))
        if previous is None:
            return AddResult("new", article.id)
        return AddResult("revision", article.id, revision=revision, existing=previous)

    def add_many(self, articles: Iterable[Article]) -> list[AddResult]:
        """Store articles in order, as ``add`` would, grouped by ``batch()``.

        A failure stops the batch with the error: the articles before it stay stored
        and nothing of the failing one is written.
        """
        with self.batch():
            return [self.add(article) for article in articles]

    @contextmanager
    def batch(self, size: int = BATCH_ARTICLES) -> Iterator[None]:
        """Group the articles added in the block into transactions of ``size`` articles.

        One transaction per article costs a WAL commit each; grouping saves most of
        that (docs/storage.md has the numbers). Every article is still written whole or not at all (each
        is a savepoint): a crash loses at most the articles of the open group, never
        part of one. When the block ends, normally or by an exception, the articles
        added so far are committed. Other connections see a group once it commits.
        Inside ``transaction()`` (or another ``batch()``) this does nothing extra.
        """
        if size < 1:
            raise ValueError(f"batch size must be >= 1, got {size}")
        conn = self.connection
        if self._batch_size is not None or conn.in_transaction:
            yield
            return
        self._batch_size = size
        try:
            yield
        finally:
            self._batch_size = None
            self._commit_batch()

    def _commit_batch(self) -> None:
        if self._batch_open and self.connection.in_transaction:
            self.connection.execute("COMMIT")
        self._batch_open = False
        self._batch_pending = 0

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id, or ``None``."""
        rows = self.connection.execute(f"{_SELECT_ARTICLE} WHERE id = ?", (article_id,)).fetchall()
        built = self._build(rows)
        return built[0] if built else None

    def articles(self) -> Iterator[Article]:
        """Every stored article (all revisions), in the order they were added.

        Loaded a page at a time, so the store can be written while this is iterated.
        """
        conn = self.connection
        last = 0
        while True:
            rows = conn.execute(
                f"{_SELECT_ARTICLE} WHERE rowid > ? ORDER BY rowid LIMIT ?", (last, PAGE_SIZE)
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield from self._build(rows)

    def revisions(self, url: str) -> list[Article]:
        """Every stored version of ``url``, oldest (revision 1) first."""
        rows = self.connection.execute(
            f"{_SELECT_ARTICLE} WHERE url = ? ORDER BY revision", (url,)
        ).fetchall()
        return self._build(rows)

    def count(self) -> int:
        """How many articles (counting each revision) are stored."""
        return int(self.connection.execute("SELECT count(*) FROM articles").fetchone()[0])

    def _build(self, rows: Sequence[tuple[Any, ...]]) -> list[Article]:
        if not rows:
            return []
        conn = self.connection
        ids = [row[1] for row in rows]
        marks = ", ".join("?" * len(ids))
        texts = {row[1]: row[5] for row in rows}
        sentences: dict[str, list[Sentence]] = {i: [] for i in ids}
        for aid, idx, start, end, paragraph, language in conn.execute(
            f'SELECT article_id, idx, start, "end", paragraph, language FROM sentence_spans '
            f"WHERE article_id IN ({marks}) ORDER BY article_id, idx",
            ids,
        ):
            text = texts[aid][start:end]
            sentences[aid].append(Sentence(idx, start, end, text, paragraph, language))
        passages: dict[tuple[str, str], list[Passage]] = {}
        for aid, part, kind, rule, language, text in conn.execute(
            f"SELECT article_id, part, kind, rule, language, text FROM passages "
            f"WHERE article_id IN ({marks}) ORDER BY article_id, part, idx",
            ids,
        ):
            passages.setdefault((aid, part), []).append(
                Passage(kind=cast(PassageKind, kind), text=text, rule=rule, language=language)
            )
        built = []
        for row in rows:
            (
                _,
                aid,
                source,
                kind,
                title,
                text,
                raw,
                url,
                outlet,
                published,
                published_tz,
                byline,
                dateline,
                language,
                metadata,
            ) = row
            built.append(
                Article(
                    id=aid,
                    source=source,
                    kind=cast(InputKind, kind),
                    title=title,
                    text=text,
                    raw=raw,
                    sentences=tuple(sentences[aid]),
                    url=url,
                    outlet=outlet,
                    published=decode_datetime(published, published_tz),
                    byline=byline,
                    dateline=dateline,
                    language=language,
                    foreign=tuple(passages.get((aid, "foreign"), ())),
                    removed=tuple(passages.get((aid, "removed"), ())),
                    metadata=MappingProxyType(json.loads(metadata)),
                )
            )
        return built

    # -- rejections ------------------------------------------------------------------

    def reject(self, rejected: Rejected) -> None:
        """Record an input item that could not be used."""
        try:
            with self.transaction() as conn:
                conn.execute(
                    "INSERT INTO rejections (source, stage, reason, at) VALUES (?, ?, ?, ?)",
                    (rejected.source, rejected.stage, rejected.reason, _now()),
                )
        except sqlite3.Error as exc:
            raise StoreError(
                f"{self.path}: cannot record the rejection of {rejected.source}: {exc}"
            ) from exc

    def rejections(self) -> list[Rejected]:
        """Every recorded rejection, in the order they were recorded."""
        return [
            Rejected(source=s, stage=st, reason=r)
            for s, st, r in self.connection.execute(
                "SELECT source, stage, reason FROM rejections ORDER BY id"
            )
        ]

    # -- embeddings ------------------------------------------------------------------

    def put_embeddings(
        self,
        model: str,
        items: Mapping[str, npt.ArrayLike] | Iterable[tuple[str, npt.ArrayLike]],
    ) -> int:
        """Cache vectors for ``model`` under their keys (replacing older ones); return count.

        Vectors are stored as float32. Every vector of one model must have the same
        length; a vector that is not one-dimensional, empty, or of another length than
        the model's stored vectors is refused, and nothing of the batch is written.
        """
        pairs = items.items() if isinstance(items, Mapping) else items
        rows: list[tuple[str, str, int, bytes]] = []
        dim: int | None = self._model_dim(model)
        for key, value in pairs:
            vector = np.asarray(value, dtype="<f4")
            if vector.ndim != 1 or vector.size == 0:
                raise StoreError(
                    f"embedding {key!r} for {model}: expected a non-empty 1-D vector, "
                    f"got shape {vector.shape}"
                )
            if dim is None:
                dim = int(vector.size)
            elif vector.size != dim:
                raise StoreError(
                    f"embedding {key!r} for {model}: length {vector.size}, but this "
                    f"model's vectors have length {dim}"
                )
            rows.append((model, str(key), int(vector.size), vector.tobytes()))
        try:
            with self.transaction() as conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO embeddings (model, key, dim, vector) "
                    "VALUES (?, ?, ?, ?)",
                    rows,
                )
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot store embeddings for {model}: {exc}") from exc
        return len(rows)

    def get_embeddings(self, keys: Iterable[str], model: str) -> dict[str, Vector]:
        """The cached float32 vectors of ``model`` for those ``keys`` that have one."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Vector] = {}
        conn = self.connection
        it = iter(wanted)
        while chunk := list(islice(it, 500)):
            marks = ", ".join("?" * len(chunk))
            for key, dim, blob in conn.execute(
                f"SELECT key, dim, vector FROM embeddings WHERE model = ? AND key IN ({marks})",
                [model, *chunk],
            ):
                vector = np.frombuffer(blob, dtype="<f4").astype(np.float32)
                if vector.size != dim:
                    raise StoreError(
                        f"{self.path}: embedding {key!r} for {model} is corrupt "
                        f"({len(blob)} bytes for dim {dim})"
                    )
                found[key] = vector
        return found

    def _model_dim(self, model: str) -> int | None:
        row = self.connection.execute(
            "SELECT dim FROM embeddings WHERE model = ? LIMIT 1", (model,)
        ).fetchone()
        return None if row is None else int(row[0])


# -- rows (module level so tests can inject failures) ---------------------------------


def _sentence_rows(article: Article) -> list[SentenceRow]:
    """Rows for ``sentence_spans``; refuses a sentence whose text is not its span."""
    aid, text = article.id, article.text
    size = len(text)
    for s in article.sentences:
        if s.end > size or text[s.start : s.end] != s.text:
            raise StoreError(
                f"{article.source}: sentence {s.index} is not article.text[{s.start}:{s.end}] "
                f"(the text has {len(text)} characters; sentence starts {s.text[:40]!r})"
            )
    return [(aid, s.index, s.start, s.end, s.paragraph, s.language) for s in article.sentences]


def _passage_rows(article: Article) -> Iterator[PassageRow]:
    aid = article.id
    for part, passages in (("foreign", article.foreign), ("removed", article.removed)):
        for i, p in enumerate(passages):
            yield (aid, part, i, p.kind, p.rule, p.language, p.text)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _check_is_sqlite(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a store file")
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the store file ({exc})") from exc
    if head and head != SQLITE_HEADER:
        raise StoreError(f"{path}: not a SQLite database (the file starts with {head!r})")
