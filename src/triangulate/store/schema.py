"""The SQLite schema: the one place where the store's tables are defined.

A store file is marked with ``PRAGMA application_id`` (so another program's SQLite file
is refused) and ``PRAGMA user_version`` (the schema version below). Changing a table
means: bump ``SCHEMA_VERSION``, add the step from the previous version to ``MIGRATIONS``,
and describe it in docs/storage.md.

Stages that keep their own tables in the same file create them through
``SqliteStore.execute_schema`` with ``CREATE TABLE IF NOT EXISTS <stage>_...``; they are
not listed here.
"""

from __future__ import annotations

#: Marks a file as a triangulate store: ASCII "TRI1" read as a big-endian 32-bit integer.
APPLICATION_ID = 0x54524931

#: The version this code writes and reads. A file with a newer version is refused.
SCHEMA_VERSION = 1

#: Tables and views the store itself owns (``execute_schema`` may not change them).
TABLES = ("articles", "sentence_spans", "sentences", "passages", "rejections", "embeddings")

SCHEMA = """
-- One row per distinct article text. ``id`` is derived from the clean text (see
-- model.Article), ``content_hash`` is the full SHA-256 of its whitespace-normalised form.
-- The same URL with other content is stored again as the next ``revision``.
CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    content_hash  TEXT NOT NULL UNIQUE,
    url           TEXT,
    revision      INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    source        TEXT NOT NULL,
    kind          TEXT NOT NULL,
    outlet        TEXT,
    title         TEXT NOT NULL,
    published     TEXT,              -- ISO 8601, with its UTC offset when known
    published_tz  TEXT,              -- IANA zone name when the date carried one
    byline        TEXT,
    dateline      TEXT,
    language      TEXT NOT NULL,
    text          TEXT NOT NULL,
    raw           TEXT NOT NULL,
    metadata      TEXT NOT NULL DEFAULT '{}',   -- JSON object
    added_at      TEXT NOT NULL,     -- ISO 8601 UTC, when this row was written
    UNIQUE (url, revision)
);

-- Sentences of an article as character offsets into articles.text (Python str
-- indices: code points). The text itself is not stored twice: read ``sentences``.
CREATE TABLE sentence_spans (
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL CHECK (idx >= 0),
    start       INTEGER NOT NULL CHECK (start >= 0),
    "end"       INTEGER NOT NULL CHECK ("end" >= start),
    paragraph   INTEGER NOT NULL,
    language    TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

-- Sentences with their text (SQLite's substr counts characters, as Python does).
CREATE VIEW sentences AS
SELECT s.article_id, s.idx, s.start, s."end",
       substr(a.text, s.start + 1, s."end" - s.start) AS text,
       s.paragraph, s.language
FROM sentence_spans AS s JOIN articles AS a ON a.id = s.article_id;

-- Spans kept out of the body: ``part`` says which Article field (foreign or removed)
-- the passage belongs to, ``idx`` its position there.
CREATE TABLE passages (
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    part        TEXT NOT NULL CHECK (part IN ('foreign', 'removed')),
    idx         INTEGER NOT NULL CHECK (idx >= 0),
    kind        TEXT NOT NULL,
    rule        TEXT NOT NULL,
    language    TEXT,
    text        TEXT NOT NULL,
    PRIMARY KEY (article_id, part, idx)
) WITHOUT ROWID;

-- Input items (or parts of them) that could not be used, and why.
CREATE TABLE rejections (
    id      INTEGER PRIMARY KEY,
    source  TEXT NOT NULL,
    stage   TEXT NOT NULL,
    reason  TEXT NOT NULL,
    at      TEXT NOT NULL            -- ISO 8601 UTC
);

-- Cached vectors (e.g. sentence embeddings), little-endian float32, per model.
CREATE TABLE embeddings (
    model   TEXT NOT NULL,
    key     TEXT NOT NULL,
    dim     INTEGER NOT NULL CHECK (dim > 0),
    vector  BLOB NOT NULL CHECK (length(vector) = 4 * dim),
    PRIMARY KEY (model, key)
);
"""

#: ``MIGRATIONS[n]`` turns a version ``n - 1`` file into version ``n`` (none yet).
MIGRATIONS: dict[int, str] = {}
