"""Dump everything ingest produces, to check that a speed change keeps the output exact.

    .venv/bin/python bench/ingest_dump.py OUT.jsonl        # write the dump
    .venv/bin/python bench/ingest_dump.py --compare A B    # name every difference

For each input set (examples/harbour-bridge; ../shared/seeds; the plain-text and HTML
corpora of bench/ingest_bench.py, built from ../shared/eval when present) it runs
``pipeline.ingest_into`` into a fresh SQLite file and writes one JSON line per returned
article (every field: clean text, sentences with offsets, paragraph and language,
metadata, languages, removed and foreign passages) and per rejection, then the rows of
the store's tables (without the write timestamps). Paths are written relative to the
set's folder, so two dumps made from different temporary folders compare equal.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_bench import SHARED, write_html_corpus, write_text_corpus

from triangulate.model import Article
from triangulate.pipeline import ingest_into
from triangulate.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def _plain(value: Any, root: str) -> Any:
    if isinstance(value, str):
        return value.replace(root, "<root>")
    if isinstance(value, dict):
        return {k: _plain(v, root) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, root) for v in value]
    if value is None or isinstance(value, int | float | bool):
        return value
    return str(value)


def _article(a: Article, root: str) -> dict[str, Any]:
    d = {f.name: getattr(a, f.name) for f in fields(a)}
    d["metadata"] = dict(a.metadata)
    d["sentences"] = [asdict(s) for s in a.sentences]
    d["removed"] = [asdict(p) for p in a.removed]
    d["foreign"] = [asdict(p) for p in a.foreign]
    d["published"] = a.published.isoformat() if a.published else None
    d["content_hash"] = a.content_hash
    return {"article": _plain(d, root)}


def _tables(db: Path, root: str) -> Iterator[dict[str, Any]]:
    conn = sqlite3.connect(db)
    queries = {
        "articles": "SELECT id, content_hash, url, revision, source, kind, outlet, title, "
        "published, published_tz, byline, dateline, language, text, raw, metadata "
        "FROM articles ORDER BY rowid",
        "sentence_spans": 'SELECT article_id, idx, start, "end", paragraph, language '
        "FROM sentence_spans ORDER BY article_id, idx",
        "passages": "SELECT * FROM passages ORDER BY article_id, part, idx",
        "rejections": "SELECT id, source, stage, reason FROM rejections ORDER BY id",
    }
    for table, sql in queries.items():
        for row in conn.execute(sql):
            yield {"table": table, "row": _plain(list(row), root)}
    conn.close()


def dump_set(name: str, folder: Path, out: Any) -> int:
    root = str(folder)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "dump.sqlite"
        store = open_store(db)
        articles, rejected, stats = ingest_into(store, [folder])
        store.close()
        lines = [{"set": name, "stats": dict(sorted(stats.items()))}]
        lines += [{"set": name, **_article(a, root)} for a in articles]
        lines += [{"set": name, "rejected": _plain(list(asdict(r).values()), root)} for r in rejected]
        lines += [{"set": name, **row} for row in _tables(db, root)]
    for line in lines:
        out.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    return len(articles)


def dump(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out, tempfile.TemporaryDirectory() as tmp:
        sets: list[tuple[str, Path]] = [("examples", ROOT / "examples" / "harbour-bridge")]
        if SEEDS.is_dir():
            sets.append(("seeds", SEEDS))
        if SHARED.is_dir():
            text_dir, html_dir = Path(tmp) / "text", Path(tmp) / "html"
            text_dir.mkdir()
            html_dir.mkdir()
            write_text_corpus(text_dir)
            write_html_corpus(html_dir)
            sets += [("text-corpus", text_dir), ("html-corpus", html_dir)]
        for name, folder in sets:
            n = dump_set(name, folder, out)
            print(f"{name}: {n} articles", file=sys.stderr)


def compare(a: Path, b: Path) -> int:
    left = a.read_text(encoding="utf-8").splitlines()
    right = b.read_text(encoding="utf-8").splitlines()
    differ = 0
    for i, (x, y) in enumerate(zip(left, right, strict=False)):
        if x != y:
            differ += 1
            if differ <= 20:
                print(f"line {i + 1} differs:\n  - {x[:400]}\n  + {y[:400]}")
    if len(left) != len(right):
        print(f"line counts differ: {len(left)} vs {len(right)}")
        differ += 1
    print(f"{differ} differing lines of {max(len(left), len(right))}")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        parser.error("give OUT.jsonl or --compare A B")
    dump(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
