"""Where story grouping loses B-cubed: precision and recall loss by predicted story and by
gold story, with what each consolidation step does.

B3 precision of an article is the share of its predicted story that is in its gold story;
its *precision loss* (1 minus that) is spread over the cluster-mates from other gold
stories, and is reported here by the time between the article and those mates (are wrong
merges the same topic hours or days apart?). Its *recall loss* is the share of its gold
story outside its predicted story, reported by the size of the predicted story it sits in
(alone or in a small story: over-splitting; in a big one: the article went elsewhere).

    python bench/stories_errors.py                      # ../shared/eval, default mode
    python bench/stories_errors.py --set uci-headlines --lexical --top 8
    python bench/stories_errors.py --steps              # also without each consolidation step
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from pathlib import Path

from triangulate import stories
from triangulate.embed import Embedder
from triangulate.eval.stories import LabelledSet, load_sets, metrics
from triangulate.stories.consolidate import STEPS

ROOT = Path(__file__).resolve().parents[1]
#: Time between an article and a wrongly grouped cluster-mate, upper bounds in hours.
GAP_BUCKETS = ((1.0, "< 1 h"), (24.0, "1-24 h"), (float("inf"), ">= 24 h"))
#: Predicted stories of at most this many articles count as small (over-splitting).
SMALL = 3


def predict(s: LabelledSet, embedder: Embedder | None, steps: Sequence[str] = STEPS) -> list[str]:
    groups = stories.group(s.articles, embedder=embedder, steps=steps)
    where = {aid: g.id for g in groups for aid in g.article_ids}
    return [where[a.id] for a in s.articles]


def _hours(s: LabelledSet, i: int, j: int) -> float | None:
    a, b = s.articles[i].published, s.articles[j].published
    return None if a is None or b is None else abs((a - b).total_seconds()) / 3600


def precision_loss_by_gap(s: LabelledSet, pred: Sequence[str]) -> dict[str, float]:
    """B3 precision loss (summed over articles, divided by their number) by time to the mates."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(pred):
        members[c].append(i)
    out: Counter[str] = Counter()
    for group in members.values():
        for i in group:
            for j in group:
                if s.gold[j] == s.gold[i]:
                    continue
                h = _hours(s, i, j)
                label = "no date" if h is None else next(n for b, n in GAP_BUCKETS if h < b)
                out[label] += 1 / len(group)
    return {k: v / len(pred) for k, v in out.items()}


def recall_loss_by_part(gold: Sequence[Hashable], pred: Sequence[str]) -> dict[str, float]:
    """B3 recall loss by the size of the predicted story the article is in."""
    joint = Counter(zip(pred, gold, strict=True))
    psize, gsize = Counter(pred), Counter(gold)
    out: Counter[str] = Counter()
    for (c, g), n in joint.items():
        label = "alone" if psize[c] == 1 else f"story of 2-{SMALL}" if psize[c] <= SMALL else "bigger story"
        out[label] += n * (1 - n / gsize[g])
    return {k: v / len(pred) for k, v in out.items()}


def worst_stories(s: LabelledSet, pred: Sequence[str], top: int) -> list[str]:
    """The predicted stories losing most precision: their gold mix and one headline each."""
    joint = Counter(zip(pred, s.gold, strict=True))
    psize, gsize = Counter(pred), Counter(s.gold)
    loss: Counter[str] = Counter()
    for (c, _), n in joint.items():
        loss[c] += n * (1 - n / psize[c])
    lines = []
    for c, lost in loss.most_common(top):
        mix = sorted(((n, g) for (cc, g), n in joint.items() if cc == c), key=lambda t: -t[0])[:4]
        lines.append(f"  -{lost / len(pred):.4f}  story of {psize[c]}: " + ", ".join(
            f"{n} of gold {str(g)[:8]} ({gsize[g]})" for n, g in mix))
        for _, g in mix[:3]:
            i = next(i for i, (p, gg) in enumerate(zip(pred, s.gold, strict=True)) if p == c and gg == g)
            when = s.articles[i].published
            lines.append(f"      {str(g)[:8]} {when:%d %b %H:%M}  {s.articles[i].title[:80]}"
                         if when else f"      {str(g)[:8]}  {s.articles[i].title[:80]}")
    return lines


def worst_gold(s: LabelledSet, pred: Sequence[str], top: int) -> list[str]:
    """The gold stories losing most recall: how many predicted stories they fall into."""
    joint = Counter(zip(pred, s.gold, strict=True))
    psize, gsize = Counter(pred), Counter(s.gold)
    loss: Counter[Hashable] = Counter()
    for (_, g), n in joint.items():
        loss[g] += n * (1 - n / gsize[g])
    lines = []
    for g, lost in loss.most_common(top):
        parts = sorted(((n, c) for (c, gg), n in joint.items() if gg == g), key=lambda t: -t[0])
        shown = ", ".join(f"{n} in a story of {psize[c]}" for n, c in parts[:5])
        lines.append(f"  -{lost / len(pred):.4f}  gold {str(g)[:8]} ({gsize[g]}): {len(parts)} parts: {shown}")
    return lines


def report(s: LabelledSet, embedder: Embedder | None, top: int, steps: bool) -> None:
    pred = predict(s, embedder)
    m = metrics(pred, list(s.gold))
    print(f"## {s.name}: B3 F1 {m['bcubed_f1']:.4f}, P {m['bcubed_precision']:.4f}, "
          f"R {m['bcubed_recall']:.4f}, {m['clusters']} stories ({m['gold_clusters']} gold)")
    sizes = Counter(Counter(pred).values())
    print(f"stories of 1 / 2-{SMALL} / more articles: {sizes[1]} / "
          f"{sum(v for k, v in sizes.items() if 2 <= k <= SMALL)} / "
          f"{sum(v for k, v in sizes.items() if k > SMALL)}")
    ploss = precision_loss_by_gap(s, pred)
    rloss = recall_loss_by_part(list(s.gold), pred)
    print(f"precision loss {sum(ploss.values()):.4f}, by time to the wrong mates: "
          + ", ".join(f"{k} {v:.4f}" for k, v in sorted(ploss.items())))
    print(f"recall loss {sum(rloss.values()):.4f}, by where the article sits: "
          + ", ".join(f"{k} {v:.4f}" for k, v in sorted(rloss.items())))
    print("predicted stories losing most precision:")
    print("\n".join(worst_stories(s, pred, top)))
    print("gold stories losing most recall:")
    print("\n".join(worst_gold(s, pred, top)))
    if steps:
        for left_out in STEPS:
            kept = [x for x in STEPS if x != left_out]
            mm = metrics(predict(s, embedder, kept), list(s.gold))
            print(f"without {left_out}: B3 F1 {mm['bcubed_f1']:.4f}, P {mm['bcubed_precision']:.4f}, "
                  f"R {mm['bcubed_recall']:.4f}, {mm['clusters']} stories")
        mm = metrics(predict(s, embedder, ()), list(s.gold))
        print(f"without consolidation: B3 F1 {mm['bcubed_f1']:.4f}, P {mm['bcubed_precision']:.4f}, "
              f"R {mm['bcubed_recall']:.4f}, {mm['clusters']} stories")
    print()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="story grouping errors on the development sets")
    p.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    p.add_argument("--set", action="append", help="set name (repeatable; default: all)")
    p.add_argument("--lexical", action="store_true", help="no embeddings")
    p.add_argument("--top", type=int, default=10, help="stories listed per table")
    p.add_argument("--steps", action="store_true", help="also score without each consolidation step")
    args = p.parse_args(argv)
    sets = [s for s in load_sets(args.data) if not args.set or s.name in args.set]
    if not sets:
        print(f"skipped: no story sets under {args.data}")
        return 0
    embedder = None
    if not args.lexical:
        from triangulate.embed import load_embedder

        embedder, note = load_embedder()
        if note:
            print(f"note: {note}")
    for s in sets:
        report(s, embedder, args.top, args.steps)
    return 0


if __name__ == "__main__":
    sys.exit(main())
