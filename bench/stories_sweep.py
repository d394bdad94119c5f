"""Robustness of the story grouping settings: B3 F1 on the development sets across a range
of each setting, not only at the default.

Each setting is varied alone (the others at their default) and the two development sets
(``stories/giveme5w1h.jsonl``, ``stories/uci-headlines.csv`` under the eval folder) are
grouped in the default mode (embeddings on demand when the model package is installed;
``--lexical`` to leave it out). The embedder caches vectors in memory, so a text is
encoded once for the whole sweep.

    python bench/stories_sweep.py                       # ../shared/eval
    python bench/stories_sweep.py --data DIR --lexical
    python bench/stories_sweep.py --setting merge_threshold --setting split_threshold
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from triangulate import stories
from triangulate.embed import Embedder
from triangulate.eval.stories import LabelledSet, load_sets, metrics
from triangulate.stories import StoriesConfig

ROOT = Path(__file__).resolve().parents[1]
#: Values tried per setting (the default is among them).
RANGES: dict[str, tuple[float, ...]] = {
    "thin_chars": (0, 100, 200, 400, 800),
    "represent_candidates": (2, 4, 8, 16),
    "common_min_docs": (0, 30, 100, 300),
    "join_threshold": (0.12, 0.15, 0.18),
    "merge_threshold": (0.15, 0.18, 0.2, 0.22, 0.25, 0.3),
    "split_threshold": (0.0, 0.02, 0.04, 0.06, 0.08),
    "embedding_weight": (0.3, 0.5, 0.7),
    "time_half_life_days": (30.0, 60.0, 120.0),
    "burst_min_size": (0, 3, 4, 5, 8, 12),
    "burst_gap_ratio": (1.0, 1.5, 2.0, 3.0, 4.0),
    "burst_min_hours": (0.25, 0.5, 1.0, 2.0, 4.0),
}
#: Settings changed together (the time factor on the scale of hours, not days).
COMBINED: dict[str, dict[str, float]] = {
    "no grace, half-life 6 hours": {"time_grace_days": 0.0, "time_half_life_days": 0.25},
    "no grace, half-life 1 day": {"time_grace_days": 0.0, "time_half_life_days": 1.0},
}


def f1(s: LabelledSet, config: StoriesConfig, embedder: Embedder | None) -> tuple[float, int]:
    before = getattr(embedder, "encoded", 0)
    groups = stories.group(s.articles, config, embedder=embedder)
    where = {aid: g.id for g in groups for aid in g.article_ids}
    m = metrics([where[a.id] for a in s.articles], list(s.gold))
    return m["bcubed_f1"], getattr(embedder, "encoded", 0) - before


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="story settings sweep on the development sets")
    p.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    p.add_argument("--lexical", action="store_true", help="no embeddings")
    p.add_argument("--setting", action="append", choices=[*RANGES, "time"],
                   help="sweep only this setting (repeatable; 'time': the combined time rows)")
    args = p.parse_args(argv)
    chosen = set(args.setting or [*RANGES, "time"])
    sets = [s for s in load_sets(args.data) if s.name in ("giveme5w1h", "uci-headlines")]
    if not sets:
        print(f"skipped: no development story sets under {args.data}")
        return 0
    embedder = None
    if not args.lexical:
        from triangulate.embed import load_embedder

        embedder, note = load_embedder()
        if note:
            print(f"note: {note}")
    print("setting | value | " + " | ".join(f"{s.name} B3 F1" for s in sets))
    for name, values in RANGES.items():
        if name not in chosen:
            continue
        default = getattr(StoriesConfig(), name)
        for v in values:
            config = StoriesConfig().with_(**{name: type(default)(v)})
            cells = []
            for s in sets:
                score, _ = f1(s, config, embedder)
                cells.append(f"{score:.4f}")
            mark = " (default)" if v == default else ""
            print(f"{name} | {v}{mark} | " + " | ".join(cells), flush=True)
    for label, changes in COMBINED.items() if "time" in chosen else ():
        config = StoriesConfig().with_(**changes)
        cells = [f"{f1(s, config, embedder)[0]:.4f}" for s in sets]
        print(f"time factor | {label} | " + " | ".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
