"""Error analysis of attribution spans on a PolNeAR split (train by default).

    python bench/quotes_errors.py [train|dev] [--examples CATEGORY ...]

First it splits the gap to a perfect exact F1 (``gap``): for source and content, the gold
attributions matched exactly, the ones whose cue we find but whose spans differ
(boundaries), and the ones whose cue we miss; the predictions matching no gold cue
(spurious); and the F1 with each kind of error removed alone (boundaries right on every
found cue; spurious predictions dropped; missed cues found with exact spans).

For every gold attribution it finds our prediction whose cue overlaps the gold cue and
counts: gold cues we miss (by cue text), source-span boundary errors and content-span
boundary errors (by how the spans differ: ours longer on the left/right, gold longer,
a different number of spans, other), and how consistent the gold's own span conventions
are (``conventions``). Reads ../shared/eval; prints counts and, for the
categories named after ``--examples``, up to 12 examples each. Used for the error
analysis in docs/quotes.md.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from triangulate.eval.quotes import (
    GoldAttribution,
    Scored,
    article_from_text,
    is_direct_gold,
    parse_ann,
    to_polnear,
)
from triangulate.quotes.extract import extract_attributions
from triangulate.quotes.spans import Span

SPLITS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "quotes" / "polnear"


def _diff(kind: str, gold: str, pred: str, n_gold: int, n_pred: int) -> str:
    if n_gold != n_pred:
        return f"{kind}:spans {n_gold} vs {n_pred}"
    for name, test in (
        ("gold-longer-left", gold.endswith(pred)),
        ("gold-longer-right", gold.startswith(pred)),
        ("pred-longer-left", pred.endswith(gold)),
        ("pred-longer-right", pred.startswith(gold)),
        ("pred-contains", gold in pred),
        ("gold-contains", pred in gold),
    ):
        if test:
            return f"{kind}:{name}"
    return f"{kind}:other"


def conventions(body: str, g: GoldAttribution, hits: list[Scored]) -> list[str]:
    """The span conventions one gold attribution follows (and how our direct call fares)."""
    out = []
    if g.source and g.cue:
        src, cue = g.source[0], g.cue[0]
        text = body[src.start : src.end]
        after = body[src.end : src.end + 8]
        if src.start >= cue.end:  # after an inverted cue
            if "," in text.rstrip(","):
                out.append("inverted speaker: gold keeps the apposition")
            elif after.startswith(","):
                out.append("inverted speaker: gold stops at the name before a comma")
        elif src.end <= cue.start:
            if re.search(r",\s+who\s", text):
                out.append("speaker before cue: gold keeps a ', who' clause")
            elif re.match(r",\s+who\s", after):
                out.append("speaker before cue: gold leaves a ', who' clause out")
            if not hits and re.search(r"(?:['’]s?|^(?:his|her|their|its))$", text.lower()):
                out.append("missed: possessive speaker before a nominal cue ('his claim')")
    if hits and hits[0].direct and not is_direct_gold(body, g):
        out.append("our direct quote, gold content not wholly quoted")
    return out


@dataclass
class Gap:
    """Exact-match outcomes of one role (source or content) over a split."""

    gold_exact: int = 0
    gold_boundary: int = 0
    gold_missed: int = 0
    pred_exact: int = 0
    pred_boundary: int = 0
    pred_spurious: int = 0

    def add(self, pred: list[Scored], gold: list[GoldAttribution], role: str) -> None:
        if role == "source":
            pred = [p for p in pred if p.source]
            gold = [g for g in gold if g.source]

        def cue_hit(p: Scored, g: GoldAttribution) -> bool:
            return any(x.overlaps(y) for x in p.cue for y in g.cue)

        def exact(p: Scored, g: GoldAttribution) -> bool:
            return cue_hit(p, g) and getattr(p, role) == getattr(g, role)

        for g in gold:
            if any(exact(p, g) for p in pred):
                self.gold_exact += 1
            elif any(cue_hit(p, g) for p in pred):
                self.gold_boundary += 1
            else:
                self.gold_missed += 1
        for p in pred:
            if any(exact(p, g) for g in gold):
                self.pred_exact += 1
            elif any(cue_hit(p, g) for g in gold):
                self.pred_boundary += 1
            else:
                self.pred_spurious += 1

    def f1(self, boundaries: bool = False, spurious: bool = False, missed: bool = False) -> float:
        """Exact F1, with the named kinds of error removed."""
        n_gold = self.gold_exact + self.gold_boundary + self.gold_missed
        tp_gold = self.gold_exact + (self.gold_boundary if boundaries else 0)
        tp_gold += self.gold_missed if missed else 0
        tp_pred = self.pred_exact + (self.pred_boundary if boundaries else 0)
        n_pred = self.pred_exact + self.pred_boundary + self.pred_spurious
        n_pred -= self.pred_spurious if spurious else 0
        if missed:
            tp_pred += self.gold_missed
            n_pred += self.gold_missed
        p = tp_pred / n_pred if n_pred else 0.0
        r = tp_gold / n_gold if n_gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def report(self, role: str) -> str:
        return (
            f"{role}: gold exact {self.gold_exact}, boundary {self.gold_boundary}, "
            f"missed cue {self.gold_missed}; predicted exact {self.pred_exact}, "
            f"boundary {self.pred_boundary}, spurious {self.pred_spurious}\n"
            f"  exact F1 {self.f1():.4f}; boundaries fixed {self.f1(boundaries=True):.4f}; "
            f"spurious dropped {self.f1(spurious=True):.4f}; "
            f"missed found {self.f1(missed=True):.4f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("split", nargs="?", default="train")
    ap.add_argument("--examples", nargs="*", default=[])
    args = ap.parse_args()
    split = SPLITS / args.split
    counts: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    conv: Counter[str] = Counter()
    n_gold = 0
    gaps = {"source": Gap(), "content": Gap()}
    for ann in sorted((split / "attributions").glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        body = (split / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        pred = [to_polnear(body, a) for a in extract_attributions(article_from_text(stem, body))]
        gold_atts = parse_ann(ann, body)
        for role in gaps:
            gaps[role].add(pred, gold_atts, role)

        def text(spans: tuple[Span, ...], body: str = body) -> str:
            return " | ".join(body[s.start : s.end] for s in spans)

        for g in gold_atts:
            n_gold += 1
            hits = [p for p in pred if any(x.overlaps(y) for x in p.cue for y in g.cue)]
            conv.update(conventions(body, g, hits))
            if not hits:
                missed[text(g.cue).lower()] += 1
                continue
            p = hits[0]
            pairs = [("source", g.source, p.source), ("content", g.content, p.content)]
            for kind, gs, ps in pairs:
                if not gs or gs == ps:
                    continue
                cat = (
                    f"{kind}:none" if not ps else _diff(kind, text(gs), text(ps), len(gs), len(ps))
                )
                counts[cat] += 1
                examples.setdefault(cat, [])
                if len(examples[cat]) < 12:
                    examples[cat].append(f"gold [{text(gs)[:140]}]  ours [{text(ps)[:140]}]")
    print(f"{args.split}: {n_gold} gold attributions, {sum(missed.values())} with no cue found")
    print("gap:")
    for role, gap in gaps.items():
        print("  " + gap.report(role))
    print("most missed cues:", ", ".join(f"{w!r} {n}" for w, n in missed.most_common(30)))
    for cat, n in counts.most_common():
        print(f"{n:6d}  {cat}")
    print("conventions:")
    for cat, n in sorted(conv.items()):
        print(f"{n:6d}  {cat}")
    for cat in args.examples:
        print(f"== {cat}")
        for line in examples.get(cat, []):
            print("   ", line)


if __name__ == "__main__":
    main()
