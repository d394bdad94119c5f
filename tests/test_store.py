"""The SQLite store: idempotent ingest, revisions, transactions, round-trips, schema."""

from __future__ import annotations

import os
import pickle
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import triangulate.store.sqlite as sqlite_store
from triangulate.errors import StoreError
from triangulate.model import Article, Passage, Rejected, Sentence, content_hash
from triangulate.store import open_store
from triangulate.store.schema import APPLICATION_ID, SCHEMA_VERSION
from triangulate.store.sqlite import SqliteStore

# -- fixtures -------------------------------------------------------------------------


def make_article(paragraphs: list[list[str]], *, source: str = "a.txt", **fields: Any) -> Article:
    """An article whose sentences are the given strings, with exact offsets."""
    parts: list[str] = []
    sentences: list[Sentence] = []
    offset = 0
    for p, paragraph in enumerate(paragraphs):
        if p:
            parts.append("\n\n")
            offset += 2
        for i, sentence in enumerate(paragraph):
            if i:
                parts.append(" ")
                offset += 1
            sentences.append(Sentence(len(sentences), offset, offset + len(sentence), sentence, p))
            parts.append(sentence)
            offset += len(sentence)
    text = "".join(parts)
    fields.setdefault("title", "A headline")
    fields.setdefault("raw", "A headline\n\n" + text)
    fields.setdefault("kind", "text")
    return Article(
        id=content_hash(text)[:16], source=source, text=text, sentences=tuple(sentences), **fields
    )


def synthetic(n: int, sentences: int = 20, tag: str = "s") -> list[Article]:
    """``n`` distinct articles with ``sentences`` sentences each, plain picklable values."""
    return [
        make_article(
            [
                [
                    f"Sentence {j} of article {i} in batch {tag} says something."
                    for j in range(k, min(k + 5, sentences))
                ]
                for k in range(0, sentences, 5)
            ],
            source=f"{tag}/{i}.txt",
            url=f"https://example.org/{tag}/{i}",
            outlet="Example Times",
            published=datetime(2024, 3, 1, 8, 0, tzinfo=UTC) + timedelta(minutes=i),
            removed=(Passage("residue", "Share this article", "share-widget"),),
            metadata={"n": i, "tags": ["a", "b"]},
        )
        for i in range(n)
    ]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    s = SqliteStore(tmp_path / "store.sqlite")
    yield s
    s.close()


def rows(store: SqliteStore, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    return store.connection.execute(sql, args).fetchall()


def article_rows(store: SqliteStore, article_id: str) -> tuple[int, int, int]:
    """How many rows of one article exist in articles, sentence_spans and passages."""
    return (
        rows(store, "SELECT count(*) FROM articles WHERE id = ?", article_id)[0][0],
        rows(store, "SELECT count(*) FROM sentence_spans WHERE article_id = ?", article_id)[0][0],
        rows(store, "SELECT count(*) FROM passages WHERE article_id = ?", article_id)[0][0],
    )


# -- idempotent ingest and revisions --------------------------------------------------

EURO = make_article(
    [
        ["MOSCOW (AP) — Officials said on Tuesday that 12 people were hurt.", "Zoë asked why."],
        ["«Это заявление» — a quote in Russian, kept aside.", "Prices rose 4.5% (€3bn) 🚀."],
    ],
    source="euro.html",
    kind="html",
    url="https://example.org/a",
    outlet="Euronews",
    published=datetime(2024, 2, 15, 9, 30, tzinfo=timezone(timedelta(hours=3))),
    byline="By Euronews with AFP",
    dateline="MOSCOW (AP) —",
    language="en",
    foreign=(Passage("foreign", "Это заявление МИД России.", "language", "ru"),),
    removed=(
        Passage("residue", "Share this articleComments", "share-widget"),
        Passage("residue", "Read More", "read-more"),
    ),
    metadata={"section": "world", "nested": {"tags": ["a", "é"], "n": 3, "ok": True, "x": None}},
)


def test_new_article_reads_back_equal(store: SqliteStore) -> None:
    result = store.add(EURO)
    assert result.status == "new" and result.article_id == EURO.id and result.revision == 1
    assert store.article(EURO.id) == EURO
    assert list(store.articles()) == [EURO]
    assert store.article("no-such-id") is None


def test_same_content_twice_is_one_article(store: SqliteStore) -> None:
    store.add(EURO)
    again = store.add(replace(EURO, source="copy/euro.html"))
    assert again.status == "duplicate"
    assert again.article_id == EURO.id
    assert again.existing == "euro.html"
    assert store.count() == 1
    assert store.article(EURO.id) == EURO  # the first one is kept as it was


def test_same_text_from_another_url_is_a_duplicate(store: SqliteStore) -> None:
    store.add(EURO)
    other = replace(EURO, source="mirror.html", url="https://mirror.example/x", title="Other")
    result = store.add(other)
    assert (result.status, result.existing) == ("duplicate", "euro.html")
    assert store.count() == 1


def test_whitespace_only_change_is_a_duplicate(store: SqliteStore) -> None:
    first = make_article([["One sentence here.", "Another one."]], source="a.txt")
    spaced_text = first.text.replace(" ", "   ")
    spaced = make_article([["One sentence here.", "Another one."]], source="b.txt")
    spaced = replace(spaced, text=spaced_text, sentences=())
    assert spaced.content_hash == first.content_hash
    store.add(first)
    assert store.add(spaced).status == "duplicate"


def test_changed_version_of_a_url_is_a_revision(store: SqliteStore) -> None:
    url = "https://example.org/story"
    v1 = make_article([["Two people were hurt."]], source="v1.html", url=url)
    v2 = make_article([["Three people were hurt."]], source="v2.html", url=url)
    v3 = make_article([["Four people were hurt, police said."]], source="v3.html", url=url)
    assert store.add(v1) == sqlite_store.AddResult("new", v1.id)
    r2 = store.add(v2)
    assert (r2.status, r2.revision, r2.existing, r2.article_id) == ("revision", 2, "v1.html", v2.id)
    r3 = store.add(v3)
    assert (r3.status, r3.revision, r3.existing) == ("revision", 3, "v2.html")
    assert store.revisions(url) == [v1, v2, v3]  # earlier revisions kept, in order
    assert [a.source for a in store.articles()] == ["v1.html", "v2.html", "v3.html"]
    # going back to the first text is not a new revision: that content is stored
    back = store.add(replace(v1, source="v4.html"))
    assert (back.status, back.existing) == ("duplicate", "v1.html")
    assert rows(store, "SELECT revision FROM articles WHERE url = ? ORDER BY 1", url) == [
        (1,),
        (2,),
        (3,),
    ]


def test_articles_without_url_are_never_revisions(store: SqliteStore) -> None:
    a = make_article([["First text."]], source="a.txt")
    b = make_article([["Second text."]], source="b.txt")
    assert [store.add(a).status, store.add(b).status] == ["new", "new"]


def test_id_used_for_other_text_is_refused(store: SqliteStore) -> None:
    store.add(EURO)
    clash = replace(make_article([["Entirely different words."]], source="clash.txt"), id=EURO.id)
    with pytest.raises(StoreError, match=r"clash\.txt.*already used by euro\.html"):
        store.add(clash)
    assert store.count() == 1


# -- transactions: no half article ----------------------------------------------------


def test_constraint_violation_midway_leaves_no_half_article(store: SqliteStore) -> None:
    good = synthetic(3, tag="good")
    bad = synthetic(1, sentences=30, tag="bad")[0]
    sentences = list(bad.sentences)
    sentences[15] = replace(sentences[15], index=3)  # duplicate primary key, midway
    bad = replace(bad, sentences=tuple(sentences))
    with pytest.raises(StoreError, match=r"bad/0\.txt.*UNIQUE constraint failed"):
        store.add_many([*good, bad, *synthetic(2, tag="after")])
    assert article_rows(store, bad.id) == (0, 0, 0)
    assert [a.id for a in store.articles()] == [a.id for a in good]
    for a in good:
        assert store.article(a.id) == a
    assert rows(store, "SELECT count(*) FROM sentence_spans")[0][0] == 3 * 20
    # the store is usable afterwards
    assert store.add(synthetic(1, tag="later")[0]).status == "new"


def test_failure_inside_sentence_insert_rolls_the_article_back(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = synthetic(4, sentences=30)
    real_rows = sqlite_store._sentence_rows

    def failing_rows(article: Article) -> Iterator[tuple[Any, ...]]:
        for n, row in enumerate(real_rows(article)):
            if article is articles[2] and n == 12:
                raise RuntimeError("disk on fire")
            yield row

    monkeypatch.setattr(sqlite_store, "_sentence_rows", failing_rows)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add_many(articles)
    assert article_rows(store, articles[2].id) == (0, 0, 0)
    assert [a.id for a in store.articles()] == [articles[0].id, articles[1].id]
    assert store.article(articles[1].id) == articles[1]
    assert not store.connection.in_transaction


def test_sentence_that_is_not_its_span_is_refused(store: SqliteStore) -> None:
    a = make_article([["First sentence.", "Second sentence."]], source="off.txt")
    broken = replace(a, sentences=(a.sentences[0], replace(a.sentences[1], start=3)))
    with pytest.raises(StoreError, match=r"off\.txt: sentence 1 is not article\.text\[3:"):
        store.add(broken)
    assert article_rows(store, a.id) == (0, 0, 0)


KILL_SCRIPT = """
import os, pickle, sys
import triangulate.store.sqlite as s
path, pickled, kill_at, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
articles = pickle.load(open(pickled, "rb"))
real = s._sentence_rows
def dying_rows(article):
    for n, row in enumerate(real(article)):
        if article.id == articles[kill_at].id and n == 7:
            os._exit(3)  # no cleanup, no commit, no close: like a crash or kill -9
        yield row
s._sentence_rows = dying_rows
store = s.SqliteStore(path)
if batch:
    with store.batch(size=batch):
        for a in articles:
            store.add(a)
else:
    for a in articles:
        store.add(a)  # one transaction per article
"""


@pytest.mark.parametrize(("batch", "committed"), [(0, 23), (5, 20), (200, 0)])
def test_killed_process_mid_article_leaves_only_whole_articles(
    tmp_path: Path, batch: int, committed: int
) -> None:
    path = tmp_path / "crash.sqlite"
    articles = synthetic(40, sentences=25, tag="crash")
    pickled = tmp_path / "articles.pickle"
    pickled.write_bytes(pickle.dumps(articles))
    src = Path(sqlite_store.__file__).parents[2]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")]),
    }
    proc = subprocess.run(
        [sys.executable, "-c", KILL_SCRIPT, str(path), str(pickled), "23", str(batch)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 3, proc.stderr
    with SqliteStore(path) as store:
        assert rows(store, "PRAGMA integrity_check") == [("ok",)]
        assert rows(store, "PRAGMA foreign_key_check") == []
        stored = list(store.articles())
        assert stored == articles[:committed]  # whole, equal articles; nothing after them
        assert rows(store, "SELECT count(*) FROM sentence_spans")[0][0] == 25 * committed
        assert article_rows(store, articles[23].id) == (0, 0, 0)
        # ingest is idempotent: running the whole batch again completes it
        results = store.add_many(articles)
        assert [r.status for r in results] == ["duplicate"] * committed + ["new"] * (40 - committed)
        assert list(store.articles()) == articles


def test_transaction_is_all_or_nothing_and_nests(store: SqliteStore) -> None:
    a, b, c = synthetic(3)
    with pytest.raises(KeyError), store.transaction():
        store.add(a)
        store.reject(Rejected("x.txt", "ingest", "empty file"))
        raise KeyError("abort")
    assert store.count() == 0 and store.rejections() == []
    with store.transaction():
        store.add(a)
        with pytest.raises(ValueError), store.transaction():
            store.add(b)
            raise ValueError("inner only")
        store.add(c)
    assert [x.id for x in store.articles()] == [a.id, c.id]


def test_batch_commits_finished_articles_when_the_block_fails(tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite"
    articles = synthetic(7)
    with SqliteStore(path) as store, pytest.raises(RuntimeError), store.batch(size=3):
        for a in articles[:5]:
            store.add(a)
        raise RuntimeError("reader failed")
    with SqliteStore(path) as reopened:
        assert list(reopened.articles()) == articles[:5]


def test_batch_is_visible_to_other_connections_once_committed(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    writer, reader = SqliteStore(path), SqliteStore(path)
    articles = synthetic(5)
    with writer.batch(size=2):
        for a in articles[:3]:
            writer.add(a)
        assert reader.count() == 2  # the first group of two is committed, the third is not
    assert reader.count() == 3
    writer.close()
    reader.close()


# -- round trips ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "published",
    [
        None,
        datetime(2024, 2, 15, 9, 30),
        datetime(2024, 2, 15, 9, 30, 5, 123456, tzinfo=UTC),
        datetime(2024, 2, 15, 9, 30, tzinfo=timezone(timedelta(hours=-5, minutes=-30))),
        datetime(2024, 10, 27, 2, 30, tzinfo=ZoneInfo("Europe/Paris")),  # ambiguous, fold 0
        datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=ZoneInfo("Europe/Paris")),
        datetime(2024, 3, 31, 2, 30, tzinfo=ZoneInfo("Europe/Paris")),  # in the spring gap
    ],
)
def test_published_date_round_trips(store: SqliteStore, published: datetime | None) -> None:
    a = replace(EURO, published=published)
    store.add(a)
    back = store.article(a.id)
    assert back is not None
    got = back.published
    assert got == published
    if published is not None:
        assert got is not None
        assert (got.tzinfo, got.fold, got.utcoffset()) == (
            published.tzinfo,
            published.fold,
            published.utcoffset(),
        )


def test_sentences_view_gives_the_same_text_as_python(store: SqliteStore) -> None:
    store.add(EURO)
    got = rows(store, "SELECT idx, text FROM sentences WHERE article_id = ? ORDER BY idx", EURO.id)
    assert got == [(s.index, s.text) for s in EURO.sentences]


def test_metadata_that_json_cannot_hold_is_refused(store: SqliteStore) -> None:
    bad = replace(EURO, metadata={"fetched": {"at": datetime(2024, 1, 1)}})
    with pytest.raises(
        StoreError, match=r"euro\.html: metadata\['fetched'\]\['at'\] is a datetime"
    ):
        store.add(bad)
    with pytest.raises(StoreError, match=r"key that is not a string: 1"):
        store.add(replace(EURO, metadata=cast(Any, {1: "one"})))
    assert store.count() == 0


def test_rejections_are_kept_in_order(store: SqliteStore) -> None:
    rejected = [
        Rejected("feeds/bad.xml", "ingest", "not a feed (no <rss> or <feed> root)"),
        Rejected("items.jsonl:7", "ingest", "broken JSON: Expecting ','"),
        Rejected("empty.txt", "clean", "no article text left after cleaning"),
    ]
    for r in rejected:
        store.reject(r)
    assert store.rejections() == rejected
    assert all(at for (at,) in rows(store, "SELECT at FROM rejections"))


def test_reopened_file_has_everything(tmp_path: Path) -> None:
    path = tmp_path / "keep.sqlite"
    articles = [EURO, *synthetic(30)]
    created = open_store(path)
    created.add_many(articles)
    created.reject(Rejected("x", "ingest", "why"))
    created.close()
    with SqliteStore(path) as store:
        assert list(store.articles()) == articles
        assert store.rejections() == [Rejected("x", "ingest", "why")]


def test_articles_can_be_read_while_writing(store: SqliteStore) -> None:
    first = synthetic(450, sentences=2, tag="a")
    store.add_many(first)
    extra = synthetic(450, sentences=2, tag="b")
    seen = []
    for a in store.articles():  # a live view: what is added meanwhile is included
        seen.append(a.id)
        if len(seen) <= len(extra):
            store.add(extra[len(seen) - 1])
    assert seen == [a.id for a in first + extra]


# hypothesis: whatever is stored comes back equal (sqlite-utils style)

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
OFFSETS = st.builds(
    timezone,
    st.timedeltas(
        min_value=timedelta(hours=-23, minutes=-59), max_value=timedelta(hours=23, minutes=59)
    ),
)
DATES = st.none() | st.datetimes() | st.datetimes(timezones=st.timezones() | OFFSETS)
MAYBE_TEXT = st.none() | st.text(max_size=30)
PASSAGES = st.lists(
    st.builds(
        Passage,
        kind=st.sampled_from(["foreign", "residue"]),
        text=st.text(max_size=60),
        rule=st.text(max_size=15),
        language=st.none() | st.sampled_from(["ru", "fr", "de"]),
    ),
    max_size=3,
)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    text = draw(st.text(max_size=400))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
    sentences = tuple(
        Sentence(i, a, b, text[a:b], draw(st.integers(0, 40)), draw(st.sampled_from(["en", "ru"])))
        for i, (a, b) in enumerate(zip(cuts[::2], cuts[1::2], strict=False))
    )
    return Article(
        id=content_hash(text)[:16],
        source=draw(st.text(min_size=1, max_size=40)),
        kind=draw(st.sampled_from(["text", "html", "jsonl", "feed"])),
        title=draw(st.text(max_size=60)),
        text=text,
        raw=draw(st.text(max_size=200)),
        sentences=sentences,
        url=draw(MAYBE_TEXT),
        outlet=draw(MAYBE_TEXT),
        published=draw(DATES),
        byline=draw(MAYBE_TEXT),
        dateline=draw(MAYBE_TEXT),
        language=draw(st.sampled_from(["en", "ru", "und"])),
        foreign=tuple(draw(PASSAGES)),
        removed=tuple(draw(PASSAGES)),
        metadata=draw(st.dictionaries(st.text(max_size=10), JSON, max_size=5)),
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(articles(), max_size=4, unique_by=lambda a: a.content_hash))
def test_round_trip_any_articles(batch: list[Article]) -> None:
    with SqliteStore(":memory:") as store:
        results = store.add_many(batch)
        assert [r.status for r in results if r.status == "duplicate"] == []
        assert list(store.articles()) == batch
        for a in batch:
            assert store.article(a.id) == a


# -- schema, files, pragmas -----------------------------------------------------------


def test_file_store_uses_wal_and_foreign_keys(store: SqliteStore, tmp_path: Path) -> None:
    assert rows(store, "PRAGMA journal_mode") == [("wal",)]
    assert rows(store, "PRAGMA foreign_keys") == [(1,)]
    assert rows(store, "PRAGMA synchronous") == [(1,)]  # NORMAL
    assert rows(store, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert rows(store, "PRAGMA application_id") == [(APPLICATION_ID,)]


def test_memory_store_works() -> None:
    with SqliteStore(":memory:") as store:
        store.add(EURO)
        assert store.article(EURO.id) == EURO


def test_newer_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    SqliteStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(
        StoreError, match=rf"future\.sqlite: store schema version {SCHEMA_VERSION + 1} is newer"
    ):
        SqliteStore(path)


def test_unknown_older_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    SqliteStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 0")
    with pytest.raises(StoreError, match=r"old\.sqlite: unknown store schema version 0"):
        SqliteStore(path)


def test_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database\n")
    with pytest.raises(StoreError, match=r"notes\.sqlite: not a SQLite database"):
        SqliteStore(path)
    assert path.read_text() == "these are my notes, not a database\n"


def test_other_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
    with pytest.raises(
        StoreError, match=r"app\.db: a SQLite database but not a triangulate store.*users"
    ):
        SqliteStore(path)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("PRAGMA application_id = 42")
    with pytest.raises(StoreError, match=r"other\.db: not a triangulate store"):
        SqliteStore(other)


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        SqliteStore(tmp_path)


def test_missing_parent_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "out" / "deep" / "store.sqlite"
    SqliteStore(path).close()
    assert path.is_file()


def test_closed_store_says_so(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "c.sqlite")
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreError, match="the store is closed"):
        store.article("x")


def test_stage_tables_live_in_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "stage.sqlite"
    ddl = """
        -- provenance keeps its links here; a ';' in a comment is fine
        CREATE TABLE IF NOT EXISTS provenance_links (
            source_id TEXT NOT NULL REFERENCES articles (id),
            target_id TEXT NOT NULL REFERENCES articles (id),
            note TEXT DEFAULT 'a; b'
        );
        CREATE INDEX IF NOT EXISTS provenance_links_target ON provenance_links (target_id)
    """
    with SqliteStore(path) as store:
        store.execute_schema(ddl)
        store.execute_schema(ddl)  # running it again is harmless
        store.add(EURO)
        with store.transaction() as conn:
            conn.execute("INSERT INTO provenance_links VALUES (?, ?, 'x')", (EURO.id, EURO.id))
        with pytest.raises(sqlite3.IntegrityError):
            store.connection.execute("INSERT INTO provenance_links VALUES ('nope', 'nope', 'x')")
    with SqliteStore(path) as store:
        assert rows(store, "SELECT count(*) FROM provenance_links") == [(1,)]


def test_stage_schema_may_not_touch_the_stores_tables(store: SqliteStore) -> None:
    with pytest.raises(StoreError, match="may not change the store's own tables"):
        store.execute_schema("CREATE TABLE x (a); DROP TABLE rejections;")
    assert rows(store, "SELECT name FROM sqlite_master WHERE name IN ('x', 'rejections')") == [
        ("rejections",)
    ]
    with pytest.raises(StoreError, match=r"incomplete SQL statement: \"CREATE TABLE s \(a '"):
        store.execute_schema("CREATE TABLE s (a 'unterminated")
    with pytest.raises(StoreError, match=r"statement failed \(incomplete input\): CREATE TABLE y"):
        store.execute_schema("CREATE TABLE ok (a); CREATE TABLE y (a")
    with pytest.raises(StoreError, match=r"schema statement failed \(.*\): CREATE TABLE z"):
        store.execute_schema("CREATE TABLE z (a) WITH NONSENSE;")
    assert rows(store, "SELECT name FROM sqlite_master WHERE name = 'ok'") == []


# -- embeddings -----------------------------------------------------------------------


def test_embeddings_round_trip(store: SqliteStore) -> None:
    rng = np.random.default_rng(0)
    vectors = {f"{EURO.id}:{i}": rng.standard_normal(384) for i in range(50)}
    assert store.put_embeddings("minilm", vectors) == 50
    got = store.get_embeddings([*vectors, "missing"], "minilm")
    assert set(got) == set(vectors)
    for key, vector in vectors.items():
        assert got[key].dtype == np.float32 and got[key].shape == (384,)
        np.testing.assert_array_equal(got[key], vector.astype(np.float32))
    assert store.get_embeddings(vectors, "another-model") == {}
    # replacing a vector, pairs instead of a mapping
    store.put_embeddings("minilm", [("k0", np.ones(384))])
    np.testing.assert_array_equal(store.get_embeddings(["k0"], "minilm")["k0"], np.ones(384))
    many = {f"k{i}": np.full(384, i, dtype=np.float32) for i in range(1200)}
    store.put_embeddings("minilm", many)
    assert len(store.get_embeddings(list(many), "minilm")) == 1200  # more keys than one query


def test_embeddings_of_the_wrong_shape_are_refused(store: SqliteStore) -> None:
    store.put_embeddings("m", {"a": np.zeros(8)})
    with pytest.raises(
        StoreError, match=r"'b' for m: length 4, but this model's vectors have length 8"
    ):
        store.put_embeddings("m", {"c": np.zeros(8), "b": np.zeros(4)})
    with pytest.raises(StoreError, match=r"expected a non-empty 1-D vector, got shape \(2, 4\)"):
        store.put_embeddings("m2", {"x": np.zeros((2, 4))})
    assert set(store.get_embeddings(["a", "b", "c"], "m")) == {"a"}  # nothing of the bad batch
