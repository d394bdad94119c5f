"""Ingest benchmark: articles/s for ingest + clean + split + store, single process.

Two corpora, both real articles read from ../shared/eval (never copied into the repo):
- text: every article of DUC 2004, PolNeAR and Giveme5W1H written out as scraped .txt
  files (headline line, blank line, body) into a temporary folder;
- html: the 92 scrapinghub benchmark pages, decompressed into a temporary folder.
Each corpus goes through `pipeline.ingest_into` into a fresh SQLite file on disk. Peak
memory is the process's max RSS (run one corpus per process for a clean figure).
The language model is loaded before the timing and the per-paragraph caches are cleared
before every repeat, so each repeat costs what an unseen corpus costs.
``articles_per_s`` is the mean over the repeats in wall time, ``cpu_articles_per_s`` the
same in process CPU time;
``best_steady_*`` the best of the repeats after the first; ``load_avg`` is the 1-minute
load average at the end (the machine may be shared).

    python bench/ingest_bench.py text|html [--repeat N] [--split]

``--split`` also reports the CPU milliseconds per article spent in each stage (clean and
its three costliest passes, split, the language model, outlet inference, the store; for
HTML the extraction, trafilatura, lxml, choosing the main container and the metadata:
author search, JSON-LD, date) and how many times each stage ran (``calls_by_stage``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from triangulate import text
from triangulate.pipeline import ingest_into
from triangulate.store import open_store

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def write_text_corpus(out: Path) -> int:
    n = 0
    docs = sorted((SHARED / "summaries" / "duc2004" / "docs").glob("*/*"))
    docs += sorted((SHARED / "quotes" / "polnear").glob("*/text/*"))
    for path in docs:
        body = path.read_text(encoding="utf-8", errors="replace").strip()
        if not body:
            continue
        headline = body.split("\n", 1)[0][:120]
        (out / f"{n:05d}.txt").write_text(f"{headline}\n\n{body}\n", encoding="utf-8")
        n += 1
    g5 = SHARED / "stories" / "giveme5w1h.jsonl"
    for line in g5.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec.get("text"):
            (out / f"{n:05d}.txt").write_text(
                f"{rec.get('title') or ''}\n\n{rec['text']}\n", encoding="utf-8"
            )
            n += 1
    return n


def write_html_corpus(out: Path) -> int:
    pages = sorted((SHARED / "extraction" / "html").glob("*.html.gz"))
    for i, page in enumerate(pages):
        (out / f"{i:03d}.html").write_bytes(gzip.decompress(page.read_bytes()))
    return len(pages)


def clear_caches() -> None:
    """``text.clear_caches()``; on an older checkout (PYTHONPATH=old/src) its caches by name."""
    if hasattr(text, "clear_caches"):
        text.clear_caches()
        return
    for name in ("detect_language", "letter_count", "script_of", "english_evidence", "_facts"):
        cached: Any = getattr(text, name, None)
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


#: How many times each wrapped stage ran in the latest repeat (filled by ``timed_stages``).
CALLS: dict[str, int] = {}


def timed_stages() -> dict[str, float]:
    """Wrap the stages of an ingest so each adds its process CPU time to the returned dict.

    The stages nest: the language model runs inside cleaning and splitting, trafilatura
    and lxml inside extraction (which is part of reading an HTML page).
    """
    import trafilatura

    from triangulate import clean, extract, pipeline, text
    from triangulate.store.sqlite import SqliteStore

    spent: dict[str, float] = {}
    calls = CALLS

    def wrap(owner: Any, name: str, label: str) -> None:
        inner = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - started
                calls[label] = calls.get(label, 0) + 1

        setattr(owner, name, timed)

    # ingest.html imports extract_html from triangulate.extract on each page, so the
    # wrapper goes on the extract module
    wrap(extract, "extract_html", "html extraction (extract.py)")
    wrap(trafilatura, "bare_extraction", "  of which trafilatura.bare_extraction")
    wrap(extract, "load_html", "  of which lxml parsing (load_html)")
    for name, label in (
        ("main_container", "  of which choosing the main container"),
        ("page_metadata", "  of which metadata (page_metadata)"),
        ("extract_author", "    of which the author search"),
        ("extract_meta_json", "    of which JSON-LD"),
        ("find_date", "    of which the date"),
    ):
        if hasattr(extract, name):  # not on an older checkout
            wrap(extract, name, label)
    wrap(clean, "clean", "cleaning")
    wrap(clean, "_units", "  of which cutting units (clean._units)")
    wrap(clean, "_line_rules", "  of which per-line residue rules (clean._line_rules)")
    wrap(clean, "_language_pass", "  of which language facts and model (clean._language_pass)")
    wrap(text, "split_sentences", "sentence splitting")
    wrap(text, "detect_language", "language model (inside cleaning and splitting)")
    wrap(SqliteStore, "add", "store")
    if hasattr(pipeline, "infer_outlet"):
        wrap(pipeline, "infer_outlet", "outlet inference (pipeline.infer_outlet)")
    return spent


def run(kind: str, repeat: int, split: bool = False) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        n = write_text_corpus(corpus) if kind == "text" else write_html_corpus(corpus)
        walls: list[float] = []
        cpus: list[float] = []
        stored = 0
        text._identifier()  # the language model is loaded once per process, not timed
        spent = timed_stages() if split else {}
        stages: dict[str, float] = {}
        counted: dict[str, int] = {}
        for r in range(repeat):
            store = open_store(Path(tmp) / f"bench-{r}.sqlite")
            clear_caches()  # every repeat reads the corpus as unseen articles
            spent.clear()
            CALLS.clear()
            started, cpu_started = time.perf_counter(), time.process_time()
            articles, rejected, _ = ingest_into(store, [corpus])
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu_started)
            store.close()
            stored = len(articles)
            if split and (r == 0 or cpus[-1] <= min(cpus[1:])):  # the best steady run
                total = cpus[-1]
                stages = {k: round(1000 * v / n, 3) for k, v in spent.items()}
                counted = dict(CALLS)
                stages["all (ingest_into)"] = round(1000 * total / n, 3)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seconds = sum(walls) / repeat
    steady = slice(1, None) if repeat > 1 else slice(None)  # after the first (warm-up)
    return {
        "inputs": n,
        "articles_stored": stored,
        "rejected": len(rejected),
        "seconds": round(seconds, 3),
        "articles_per_s": round(n / seconds, 1),
        "cpu_articles_per_s": round(n / (sum(cpus) / repeat), 1),
        "best_steady_per_s": round(n / min(walls[steady]), 1),
        "best_steady_cpu_per_s": round(n / min(cpus[steady]), 1),
        "load_avg": round(os.getloadavg()[0], 2),
        "peak_rss_mb": round(peak_mb, 1),
        **({"cpu_ms_per_article_by_stage": stages, "calls_by_stage": counted} if split else {}),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["text", "html"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--split",
        action="store_true",
        help="also report CPU ms per article spent in each stage (best steady run)",
    )
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent (the benchmark reads real articles from it)")
        return 0
    result = run(args.kind, args.repeat, args.split)
    print(json.dumps({"bench": f"ingest-{args.kind}", **result}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
