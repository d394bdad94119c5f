"""PolNeAR scores on the train and dev splits, side by side (the figures in docs/quotes.md).

    python bench/quotes_splits.py [train] [dev]

``triangulate eval quotes`` scores only the dev (or test) split; this scores any split
folder of ../shared/eval/quotes/polnear with the same ``score_split`` and prints the main
metrics and the CPU seconds taken. The rules and the fitted cue words are checked on train;
dev is read only at checkpoints.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from triangulate.eval.quotes import score_split

SPLITS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "quotes" / "polnear"
METRICS = (
    "source_exact",
    "source_overlap",
    "content_exact",
    "content_overlap",
    "direct_content_exact",
    "direct_content_overlap",
    "direct_source_exact",
)


def main(argv: list[str]) -> int:
    for split in argv or ["train", "dev"]:
        start = time.process_time()
        m = score_split(SPLITS / split)
        print(
            f"{split} ({m['documents']} annotation files, {time.process_time() - start:.1f} CPU-s)"
        )
        for name in METRICS:
            p, r, f = (m[f"{name}_{k}"] for k in ("precision", "recall", "f1"))
            print(f"  {name:24s} F1 {f:.4f}  P {p:.4f}  R {r:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
