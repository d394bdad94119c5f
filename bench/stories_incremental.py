"""Story grouping done incrementally: B-cubed on the development sets when the articles
arrive in batches, each batch assigned and then consolidated over the stories it touched.

This is the path of ``triangulate stories --db FILE`` (``StoryClusterer.add`` for each new
article in published order, then ``consolidate`` of the changed stories), run in one
process: the command also rebuilds the clusterer from the store between runs, which
recomputes the vectors with the grown IDF. Lexical, as the command is (the stored state
keeps no vectors). For each setting it prints B3 F1 / P / R after the last batch, the
splits and merges recorded over all runs, and how many articles of the first half ended
in a story whose id (after following merges) differs from the one they had when their
own batch was consolidated.

    python bench/stories_incremental.py                    # ../shared/eval, 10 batches
    python bench/stories_incremental.py --batches 30 --set uci-headlines
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from triangulate.eval.stories import LabelledSet, load_sets, metrics
from triangulate.stories import StoriesConfig, StoryClusterer, consolidate, extract_all

ROOT = Path(__file__).resolve().parents[1]
#: Settings compared (name -> changes to the default configuration).
SETTINGS: dict[str, dict[str, int]] = {
    "default": {},
    "no burst cut (burst_min_size 0)": {"burst_min_size": 0},
}


def run(s: LabelledSet, config: StoriesConfig, batches: int) -> str:
    feats = extract_all(s.articles, config.body_chars)
    order = sorted(range(len(feats)), key=lambda i: (feats[i].time is None, feats[i].time or 0.0, feats[i].id))
    c = StoryClusterer(config)
    first_seen: dict[str, str] = {}
    size = -(-len(order) // batches)
    for start in range(0, len(order), size):
        batch = order[start : start + size]
        for i in batch:
            c.add(feats[i])
        consolidate(c)
        for i in batch:
            first_seen[feats[i].id] = c.story_of(feats[i].id)
    pred = [c.story_of(a.id) for a in s.articles]
    m = metrics(pred, list(s.gold))
    early = [feats[i].id for i in order[: len(order) // 2]]
    moved = sum(c.resolve(first_seen[a]) != c.story_of(a) for a in early)
    return (f"B3 F1 {m['bcubed_f1']:.4f} P {m['bcubed_precision']:.4f} R {m['bcubed_recall']:.4f}, "
            f"{m['clusters']} stories, {len(c.splits)} splits, {len(c.merges)} merges, "
            f"{moved} of {len(early)} early articles not where their first id leads")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="incremental story grouping on the development sets")
    p.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    p.add_argument("--set", action="append", help="set name (repeatable; default: both)")
    p.add_argument("--batches", type=int, default=10, help="arrival batches, equal counts in published order")
    args = p.parse_args(argv)
    names = args.set or ["giveme5w1h", "uci-headlines"]
    sets = [s for s in load_sets(args.data) if s.name in names]
    if not sets:
        print(f"skipped: no development story sets under {args.data}")
        return 0
    for s in sets:
        for label, changes in SETTINGS.items():
            print(f"{s.name} | {args.batches} batches | {label} | "
                  f"{run(s, StoriesConfig().with_(**changes), args.batches)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
