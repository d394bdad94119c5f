"""End-to-end analysis time as a user pays it: a fresh process, model load included.

Every case runs ``triangulate analyze DIR --out TMP`` in a new Python process (imports,
model load and checksum, ingest, clean, store, stories, provenance with embeddings, quotes,
figures, dates, facts, summary, framing, report files) into a new output folder, so no
embedding is cached (issue 7's goals: a 5-article story in <= 3 s and a 50-article story in
<= 30 s on 2 cores, model load included, warm cache excluded). Wall seconds and the child
process's CPU seconds (user + system, summed over its threads) are printed with the load
average: on a busy machine the CPU time is the steadier figure.

Cases: our example (8 articles), the five seeds, two DUC 2004 clusters (10 AP/NYT articles
each), and 50 real articles: the five largest DUC 2004 clusters written as plain text into
one folder (five events, so ``analyze`` finds about five stories). There is no labelled
50-article single event in ../shared/eval, so ``one story of 50`` runs the per-story
stages on those same 50 articles forced into one story (a fresh process too: imports, model
load, ingest, article embeddings, then ``analyze_story`` on all 50): an upper bound on the
per-story work of a 50-article story, whose cost grows with the pairs of articles.

    python bench/analyze_bench.py [--precision float32|bfloat16] [--cases seeds,duc50] [--split]

``--split`` also prints the CPU seconds the child spent in the sentence encoder (all its
threads, measured around ``MiniLM._encode``, which every forward pass goes through), how many
texts it encoded, and the CPU seconds of its main thread alone (``main_thread_cpu_s``: the
work no other thread takes off the critical path; on a busy machine the steadiest sign of
what a run would take on two idle cores); the child then runs ``triangulate.cli`` from this
script, with that one function wrapped.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DUC = SHARED / "eval" / "summaries" / "duc2004" / "docs"


def write_duc(out: Path, clusters: list[Path]) -> Path:
    """The clusters' documents as plain-text articles (headline line, blank, body) in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for cluster in clusters:
        for doc in sorted(cluster.iterdir()):
            body = doc.read_text(encoding="utf-8", errors="replace").strip()
            headline = body.split("\n", 1)[0][:120]
            (out / f"{cluster.name}-{doc.name}.txt").write_text(
                f"{headline}\n\n{body}\n", encoding="utf-8"
            )
    return out


def largest_duc_clusters(k: int) -> list[Path]:
    clusters = sorted(DUC.iterdir())
    return sorted(clusters, key=lambda c: (-sum(f.stat().st_size for f in c.iterdir()), c.name))[:k]


def count_encoding() -> None:
    """Child mode (``--split``): at exit, print the encoder's CPU seconds and texts to stderr."""
    import atexit

    from triangulate import minilm

    spent = {"encode_cpu_s": 0.0, "encoded_texts": 0}
    encode = minilm.MiniLM._encode  # every forward pass goes through it

    def timed(self: minilm.MiniLM, texts: list[str], *args: object, **kwargs: object) -> object:
        c0 = time.process_time()
        try:
            return encode(self, texts, *args, **kwargs)  # type: ignore[arg-type]
        finally:
            spent["encode_cpu_s"] += time.process_time() - c0
            spent["encoded_texts"] += len(texts)

    def report() -> None:  # atexit runs in the main thread
        spent["main_thread_cpu_s"] = time.thread_time()
        print("SPLIT " + json.dumps(spent), file=sys.stderr)

    minilm.MiniLM._encode = timed  # type: ignore[method-assign,assignment]
    atexit.register(report)


def encoder_split(stderr: str) -> dict[str, float]:
    for line in stderr.splitlines():
        if line.startswith("SPLIT "):
            return {k: round(v, 2) for k, v in json.loads(line[6:]).items()}
    return {}


def run_child(args: list[str], env: dict[str, str]) -> tuple[float, float, str, str]:
    """Wall and CPU seconds of one child process, its stdout and its stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout, done.stderr


def one_story(folder: str) -> int:
    """Child mode: every article of ``folder`` analysed as one story (see the docstring)."""
    from triangulate.analysis import analyze_story
    from triangulate.embed import load_embedder
    from triangulate.model import Article, Story
    from triangulate.pipeline import ingest_into
    from triangulate.store import open_store
    from triangulate.stories.embed import encode_articles

    store = open_store(":memory:")
    articles, _, _ = ingest_into(store, [folder])
    embedder, _ = load_embedder(cache=store)
    encode_articles(articles, embedder)  # as analyze() does before grouping
    story = Story(id="bench", title="50 articles", article_ids=tuple(a.id for a in articles))
    report = analyze_story(story, list(articles), embedder)
    assert all(isinstance(a, Article) for a in report.articles)
    print(json.dumps({"articles": len(report.articles), "facts": len(report.facts)}))
    store.close()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--precision", help="TRIANGULATE_EMBED_PRECISION for the children")
    parser.add_argument("--cases", help="comma-separated case keys (default: all)")
    parser.add_argument("--split", action="store_true", help="also time the sentence encoder")
    parser.add_argument("--one-story", help=argparse.SUPPRESS)
    parser.add_argument("--analyze", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.split and (args.one_story or args.analyze):
        count_encoding()
    if args.one_story:
        return one_story(args.one_story)
    if args.analyze:
        from triangulate.cli import main as cli_main

        return cli_main(["analyze", args.analyze[0], "--out", args.analyze[1]])
    env = dict(os.environ)
    if args.precision:
        env["TRIANGULATE_EMBED_PRECISION"] = args.precision
    wanted = set(args.cases.split(",")) if args.cases else None
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        cases: list[tuple[str, str, Path, bool]] = [
            ("example", "example (8 articles)", ROOT / "examples" / "harbour-bridge", False)
        ]
        if (SHARED / "seeds").is_dir():
            cases.append(("seeds", "seeds (5 articles)", SHARED / "seeds", False))
        if DUC.is_dir():
            for cluster in sorted(DUC.iterdir())[:2]:
                folder = write_duc(base / cluster.name, [cluster])
                cases.append((cluster.name, f"DUC {cluster.name} (10 articles)", folder, False))
            five = largest_duc_clusters(5)
            folder = write_duc(base / "duc50", five)
            names = "+".join(c.name for c in five)
            cases.append(("duc50", f"50 DUC articles, 5 clusters ({names})", folder, False))
            cases.append(("story50", "one story of those 50 articles", folder, True))
        for key, name, path, forced in cases:
            if wanted is not None and key not in wanted:
                continue
            out = base / f"out-{key}"
            split = ["--split"] if args.split else []
            if forced:
                cmd = [sys.executable, __file__, "--one-story", str(path), *split]
            elif args.split:
                cmd = [sys.executable, __file__, "--analyze", str(path), str(out), *split]
            else:
                cmd = [sys.executable, "-m", "triangulate.cli", "analyze", str(path), "--out", str(out)]
            load = os.getloadavg()[0]
            wall, cpu, stdout, stderr = run_child(cmd, env)
            line = stdout.strip().splitlines()[0] if stdout.strip() else ""
            print(json.dumps({
                "bench": "analyze",
                "case": name,
                "precision": env.get("TRIANGULATE_EMBED_PRECISION", "default"),
                "wall_s": round(wall, 2),
                "cpu_s": round(cpu, 2),
                "load_avg": round(load, 2),
                **encoder_split(stderr),
                "result": line,
            }))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"bench": "analyze", "peak_child_rss_mb": round(peak, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
