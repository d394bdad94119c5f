"""Story grouping speed and scale: batch throughput, incremental latency, peak memory.

Corpus: ``bench/make_scale_corpus.py`` (real texts from ../shared/eval, perturbed into
synthetic events; written to /tmp, never committed). Articles are built directly as
``Article`` values (the stories stage is measured, not cleaning).

Measured, in one process (default mode: lexical similarity, no embeddings):

* batch: ``stories.group`` over the first 10,000 articles (features + online pass +
  full consolidation), articles/s; with ``--on-demand`` again with the embedding model
  (embeddings on demand: thin articles only; the count of encoded texts is printed);
* incremental: the clusterer is filled with N stored articles (10k, then 100k); then the
  next ``PROBE`` articles are assigned one at a time (features + assignment) and the
  per-article latency is reported (median, p99), plus the time of the consolidation that
  follows them; the fill itself gives the online throughput;
* peak RSS of the process.

    python bench/stories_bench.py            # 10k and 100k
    python bench/stories_bench.py --sizes 10000
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_scale_corpus import SHARED_EVAL, write  # noqa: E402

from triangulate import stories  # noqa: E402
from triangulate.eval.stories import load_uci, metrics  # noqa: E402
from triangulate.model import Article  # noqa: E402
from triangulate.stories import StoryClusterer, consolidate, extract  # noqa: E402

PROBE = 1000


def load(path: Path, n: int) -> tuple[list[Article], list[str]]:
    arts, gold = [], []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            arts.append(Article(id=rec["id"], source=rec["id"], kind="jsonl", title=rec["title"],
                                text=rec["text"], raw="", sentences=(), outlet=rec["outlet"],
                                published=datetime.fromisoformat(rec["date"])))
            gold.append(rec["event"])
            if len(arts) >= n:
                break
    return arts, gold


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_batch(arts: list[Article], gold: list[str], on_demand: bool = False) -> None:
    embedder = None
    if on_demand:
        from triangulate.embed import load_embedder

        embedder, note = load_embedder()
        if embedder is None:
            print(f"batch with embeddings on demand skipped: {note}")
            return
    t0 = os.times()
    started, cpu0 = time.perf_counter(), time.process_time()
    groups = stories.group(arts, embedder=embedder)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu0
    t1 = os.times()
    workers = (t1.children_user - t0.children_user) + (t1.children_system - t0.children_system)
    where = {aid: s.id for s in groups for aid in s.article_ids}
    m = metrics([where[a.id] for a in arts], gold)
    mode = "lexical" if embedder is None else (
        f"embeddings on demand, {embedder.encoded:,} texts encoded")
    print(f"batch group() ({mode}) on {len(arts):,} articles: {seconds:.1f} s = "
          f"{len(arts) / seconds:,.0f} articles/s wall; CPU: {cpu:.1f} s in this process + "
          f"{workers:.1f} s in the feature workers; {len(arts) / (cpu + workers / 2):,.0f} articles/s "
          f"on 2 idle cores (main CPU + worker CPU / 2); {len(groups):,} stories "
          f"(B3 F1 {m['bcubed_f1']:.3f}; on the synthetic corpus only a sanity check)", flush=True)


def bench_incremental(arts: list[Article], sizes: list[int]) -> None:
    c = StoryClusterer()
    filled = 0
    for size in sizes:
        started, cpu0 = time.perf_counter(), time.process_time()
        for a in arts[filled:size]:
            c.add(extract(a))
            if len(c) % 5000 == 0:
                consolidate(c)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu0
        added = size - filled
        print(f"filled to {size:,} stored: {added:,} articles in {seconds:.1f} s wall, {cpu:.1f} CPU s "
              f"({added / seconds:,.0f} articles/s wall, {added / cpu:,.0f} per CPU-second; online, "
              f"consolidating every 5,000)", flush=True)
        probe = arts[size : size + PROBE]
        lat_all, lat_assign, cpu_all, cands = [], [], [], []
        for a in probe:
            c0 = time.thread_time()
            t0 = time.perf_counter()
            f = extract(a)
            t1 = time.perf_counter()
            c.add(f)
            t2 = time.perf_counter()
            cpu_all.append((time.thread_time() - c0) * 1000)
            lat_all.append((t2 - t0) * 1000)
            lat_assign.append((t2 - t1) * 1000)
            cands.append(c.last_candidates)
        t0 = time.perf_counter()
        result = consolidate(c)
        cons = time.perf_counter() - t0
        print(f"  at {size:,} stored, next {len(probe):,} articles one by one: "
              f"features+assign median {statistics.median(lat_all):.2f} ms, p99 {pct(lat_all, 0.99):.2f} ms; "
              f"assign only median {statistics.median(lat_assign):.2f} ms, p99 {pct(lat_assign, 0.99):.2f} ms; "
              f"CPU per article median {statistics.median(cpu_all):.2f} ms, p99 {pct(cpu_all, 0.99):.2f} ms; "
              f"candidates scored max {max(cands)}, mean {statistics.mean(cands):.1f}", flush=True)
        print(f"  consolidation of the stories they touched: {cons * 1000:.0f} ms "
              f"(moved {result.moved}, merged {len(result.merges)}, split {len(result.splits)}); "
              f"{len(c._stories):,} stories; peak RSS so far {peak_mb():,.0f} MB", flush=True)
        filled = size + len(probe)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="story grouping benchmark")
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    p.add_argument("--batch", type=int, default=10_000)
    p.add_argument("--out", type=Path, default=Path("/tmp/triangulate-scale"))
    p.add_argument("--on-demand", action="store_true",
                   help="batch with embeddings on demand too (needs the model package)")
    p.add_argument("--headlines", action="store_true",
                   help="also time the UCI headlines set (headline-only items), both modes")
    args = p.parse_args(argv)
    if not SHARED_EVAL.is_dir():
        print(f"skipped: {SHARED_EVAL} is absent (the scale corpus is built from it)")
        return 0
    need = max([*args.sizes, args.batch]) + PROBE
    t0 = time.perf_counter()
    path = write(need, args.out)
    arts, gold = load(path, need)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start "
          f"({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})", flush=True)
    print(f"corpus: {path} ({len(arts):,} articles, built/loaded in {time.perf_counter() - t0:.1f} s)",
          flush=True)
    bench_batch(arts[: args.batch], gold[: args.batch])
    if args.on_demand:
        bench_batch(arts[: args.batch], gold[: args.batch], on_demand=True)
    if args.headlines:
        uci = load_uci(SHARED_EVAL / "stories" / "uci-headlines.csv")
        print(f"headlines: {uci.name}, {len(uci.articles):,} headline-only items", flush=True)
        bench_batch(list(uci.articles), [str(g) for g in uci.gold])
        if args.on_demand:
            bench_batch(list(uci.articles), [str(g) for g in uci.gold], on_demand=True)
    print(f"peak RSS after batch: {peak_mb():,.0f} MB", flush=True)
    bench_incremental(arts, sorted(args.sizes))
    print(f"peak RSS: {peak_mb():,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
