"""The `triangulate` command: a thin shell over the library."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from triangulate import eval as evaluation
from triangulate.errors import TriangulateError
from triangulate.model import Report, StoryReport


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="triangulate",
        description="Read many outlets' reports of the same events and tell what holds up.",
    )
    sub = p.add_subparsers(dest="command", required=True)

    a = sub.add_parser("analyze", help="analyse articles into a report (JSON, Markdown, HTML)")
    a.add_argument("paths", nargs="+", help="files, folders (recursive), or - for JSONL on stdin")
    a.add_argument("--out", required=True, type=Path, help="folder to write the report into")
    a.add_argument("--db", type=Path, help="SQLite file to store into (default: OUT/triangulate.sqlite)")

    i = sub.add_parser("ingest", help="read, clean and store articles into a SQLite file")
    i.add_argument("paths", nargs="+", help="files, folders (recursive), or - for JSONL on stdin")
    i.add_argument("--db", required=True, type=Path, help="SQLite file (created if absent)")

    st = sub.add_parser("stories", help="group stored articles not yet in a story into stories")
    st.add_argument("--db", required=True, type=Path, help="SQLite file written by `ingest`")
    st.add_argument("--limit", type=int, default=30, help="stories to print (largest first)")

    e = sub.add_parser("eval", help="score the stages on labelled data")
    e.add_argument("task", choices=[*evaluation.TASKS, "all"])
    e.add_argument("--data", required=True, type=Path, help="evaluation folder (../shared/eval layout)")
    e.add_argument("--json", action="store_true", help="print exactly one JSON object")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "analyze":
            return _analyze(args)
        if args.command == "ingest":
            return _ingest(args)
        if args.command == "stories":
            return _stories(args)
        if args.command == "eval":
            return _eval(args)
    except TriangulateError as exc:
        print(f"triangulate: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    return 1


def _analyze(args: argparse.Namespace) -> int:
    from triangulate import warmup

    warm = warmup.start()  # language and embedding models load while the pipeline imports
    from triangulate import report as report_writers
    from triangulate.pipeline import analyze

    started = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    db = args.db or args.out / "triangulate.sqlite"
    try:
        result = analyze(args.paths, db=db)
    finally:
        warm.join()
    written = report_writers.write_all(result, args.out)
    print(summary(result, time.perf_counter() - started))
    for path in written:
        print(f"  wrote {path}")
    return 0


def _ingest(args: argparse.Namespace) -> int:
    from triangulate.pipeline import ingest_into
    from triangulate.store import open_store

    store = open_store(args.db)
    try:
        _, rejected, stats = ingest_into(store, args.paths)
    finally:
        store.close()
    print(
        f"{stats['items']} items: {stats['articles']} stored "
        f"({stats['revisions']} revisions, {stats['already_stored']} already stored), "
        f"{stats['duplicates']} duplicates, "
        f"{stats['rejected']} rejected -> {args.db}"
    )
    for r in rejected:
        print(f"  rejected {r}", file=sys.stderr)
    return 0


def _stories(args: argparse.Namespace) -> int:
    from triangulate.store import SqliteStore
    from triangulate.stories.persist import assign_new

    if not args.db.is_file():
        raise TriangulateError(f"{args.db}: no such store (run `triangulate ingest ... --db` first)")
    store = SqliteStore(args.db)
    try:
        result = assign_new(store)
    finally:
        store.close()
    reasons = [a.reason for a in result.assignments]
    c = result.consolidation
    print(
        f"{len(reasons)} new articles: {reasons.count('joined')} joined a story, "
        f"{reasons.count('duplicate')} near-duplicates, {reasons.count('new')} started one; "
        f"consolidation moved {c.moved}, merged {len(c.merges)}, split {len(c.splits)} "
        f"-> {len(result.stories)} stories in {args.db}"
    )
    for m in c.merges:
        print(f"  merged {m.absorbed} into {m.into} (similarity {m.similarity:.2f})")
    ranked = sorted(result.stories, key=lambda s: (-len(s.article_ids), s.id))
    for s in ranked[: max(0, args.limit)]:
        span = f"{s.start:%Y-%m-%d}..{s.end:%Y-%m-%d}" if s.start and s.end else "undated"
        print(f"  {s.id}  {len(s.article_ids):>4} articles  {span}  {s.title}")
    return 0


def _eval(args: argparse.Namespace) -> int:
    tasks = evaluation.available_tasks() if args.task == "all" else [args.task]
    results = [evaluation.run(t, args.data) for t in tasks]
    result = results[0] if len(results) == 1 else evaluation.merge(results)
    print(evaluation.dumps(result) if args.json else evaluation.format_table(result))
    return 0


def summary(report: Report, seconds: float) -> str:
    """The short terminal summary printed after `analyze`."""
    s = report.stats
    lines = [
        f"{s.get('items', 0)} inputs -> {s.get('articles', 0)} articles in "
        f"{len(report.stories)} stor{'y' if len(report.stories) == 1 else 'ies'}, "
        f"{s.get('duplicates', 0)} duplicates, {s.get('rejected', 0)} rejected "
        f"({seconds:.1f} s)"
    ]
    for sr in report.stories:
        lines += story_summary(sr)
    for note in report.notes:
        lines.append(f"  note: {note}")
    for r in report.rejected:
        lines.append(f"  rejected {r}")
    return "\n".join(lines)


def story_summary(sr: StoryReport) -> list[str]:
    """A story in a few lines: sources, fact support, conflicts."""
    outlets = sorted({a.outlet for a in sr.articles if a.outlet})
    unnamed = sum(1 for a in sr.articles if not a.outlet)
    origins = "" if sr.independent_sources is None else f", {sr.independent_sources} independent origins"
    lines = [
        f"  story {sr.story.id}: {sr.story.title!r}",
        f"    {len(sr.articles)} articles from {len(outlets)} named outlets"
        + (f" and {unnamed} without an outlet" if unnamed else "")
        + f"{origins}: {', '.join(outlets)}",
    ]
    if sr.facts:
        status = Counter(f.status for f in sr.facts)
        lines.append(
            f"    facts: {status['corroborated']} corroborated by 2+ independent origins, "
            f"{status['single-source']} single-source, {status['contested']} contested"
        )
    for group in sr.figures:
        if group.verdict == "differ":
            lines.append(f"    figures differ: {group.counted} - {group.reason}")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
