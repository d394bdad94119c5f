"""End-to-end `triangulate.analyze` time, model load included, nothing cached.

Stories: our example (8 articles), the five seeds and the largest DUC 2004 clusters (10
AP/NYT articles each, written out as plain text into a temporary folder) when
../shared is present. Each run uses a fresh in-memory store, so no embedding is cached;
the model is loaded once per process, and its load time is reported on its own.

    python bench/analyze_bench.py
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def duc_cluster(out: Path, cluster: Path) -> Path:
    folder = out / cluster.name
    folder.mkdir()
    for doc in sorted(cluster.iterdir()):
        body = doc.read_text(encoding="utf-8", errors="replace").strip()
        headline = body.split("\n", 1)[0][:120]
        (folder / f"{doc.name}.txt").write_text(f"{headline}\n\n{body}\n", encoding="utf-8")
    return folder


def main() -> int:
    started = time.perf_counter()
    import triangulate
    from triangulate.embed import load_embedder

    embedder, _ = load_embedder()
    if embedder is not None:
        embedder.encode(["warm up the model"])
    load_s = time.perf_counter() - started
    print(json.dumps({"bench": "analyze", "model_load_s": round(load_s, 2)}))
    with tempfile.TemporaryDirectory() as tmp:
        cases: list[tuple[str, Path]] = [("example (8 articles)", ROOT / "examples" / "harbour-bridge")]
        if (SHARED / "seeds").is_dir():
            cases.append(("seeds (5 articles)", SHARED / "seeds"))
        duc = SHARED / "eval" / "summaries" / "duc2004" / "docs"
        if duc.is_dir():
            for cluster in sorted(duc.iterdir())[:2]:
                cases.append((f"DUC {cluster.name} (10 articles)", duc_cluster(Path(tmp), cluster)))
        for name, path in cases:
            t0 = time.perf_counter()
            cpu0 = time.process_time()
            report = triangulate.analyze([path])
            print(json.dumps({
                "bench": "analyze",
                "case": name,
                "articles": len(report.articles),
                "stories": len(report.stories),
                "wall_s": round(time.perf_counter() - t0, 2),
                "cpu_s": round(time.process_time() - cpu0, 2),
            }))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"bench": "analyze", "peak_rss_mb": round(peak, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
