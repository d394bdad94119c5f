"""Ingest benchmark: articles/s for ingest + clean + split + store, single process.

Two corpora, both real articles read from ../shared/eval (never copied into the repo):
- text: every article of DUC 2004, PolNeAR and Giveme5W1H written out as scraped .txt
  files (headline line, blank line, body) into a temporary folder;
- html: the 92 scrapinghub benchmark pages, decompressed into a temporary folder.
Each corpus goes through `pipeline.ingest_into` into a fresh SQLite file on disk. Peak
memory is the process's max RSS (run one corpus per process for a clean figure).
``articles_per_s`` is the mean over the repeats in wall time (the first repeat includes
loading the language model), ``cpu_articles_per_s`` the same in process CPU time;
``best_steady_*`` the best of the repeats after the first; ``load_avg`` is the 1-minute
load average at the end (the machine may be shared).

    python bench/ingest_bench.py text|html [--repeat N]
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
            (out / f"{n:05d}.txt").write_text(f"{rec.get('title') or ''}\n\n{rec['text']}\n", encoding="utf-8")
            n += 1
    return n


def write_html_corpus(out: Path) -> int:
    pages = sorted((SHARED / "extraction" / "html").glob("*.html.gz"))
    for i, page in enumerate(pages):
        (out / f"{i:03d}.html").write_bytes(gzip.decompress(page.read_bytes()))
    return len(pages)


def run(kind: str, repeat: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        n = write_text_corpus(corpus) if kind == "text" else write_html_corpus(corpus)
        walls: list[float] = []
        cpus: list[float] = []
        stored = 0
        for r in range(repeat):
            store = open_store(Path(tmp) / f"bench-{r}.sqlite")
            started, cpu_started = time.perf_counter(), time.process_time()
            articles, rejected, _ = ingest_into(store, [corpus])
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu_started)
            store.close()
            stored = len(articles)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seconds = sum(walls) / repeat
    steady = slice(1, None) if repeat > 1 else slice(None)  # without the model load
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
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["text", "html"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent (the benchmark reads real articles from it)")
        return 0
    result = run(args.kind, args.repeat)
    print(json.dumps({"bench": f"ingest-{args.kind}", **result}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
