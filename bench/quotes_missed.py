"""Gold attributions the extractor misses entirely, grouped by cue (PolNeAR train by default).

    python bench/quotes_missed.py [train|dev] [--top N]

A gold attribution is *missed* when no predicted attribution's cue overlaps its cue. Each
miss is put under the first two words of its cue without auxiliaries (``has said`` ->
``said``, ``is expected`` -> ``expected``, ``called for``; ``according to`` and ``:`` keep
their own names) and
under a construction (``possessive noun`` when the gold source ends in ``'s``/``his``...
right before the cue, ``colon``, ``inverted`` when the source follows the cue, ``no source``,
``before``). For each head word it also counts how often that word occurs in the split's
texts outside every gold cue (the precision risk of making it a cue), and how many times
our rules already use it as a cue. Texts are counted once even when doubly annotated.
Reads ../shared/eval; prints tables only (used for docs/quotes.md, "Missed attributions").
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from triangulate.eval.quotes import GoldAttribution, article_from_text, parse_ann, to_polnear
from triangulate.quotes.extract import extract_attributions

SPLITS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "quotes" / "polnear"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|:")
_AUX = frozenset(
    [
        "has",
        "have",
        "had",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "being",
        "will",
        "would",
        "did",
        "does",
        "do",
        "not",
        "also",
        "still",
        "could",
        "can",
        "should",
        "may",
        "might",
        "must",
        "just",
        "already",
        "never",
    ]
)
_POSSESSIVE = re.compile(r"(?:['’]s?|\b(?:his|her|their|its|our|my))$", re.I)


def head_word(cue: str) -> str:
    """The words a cue is grouped under (lower case, auxiliaries and negation dropped)."""
    low = cue.lower()
    if "according" in low:
        return "according to"
    words = [w for w in _WORD.findall(low) if w not in _AUX]
    return " ".join(words[:2]) if words else low.strip() or "?"


def construction(body: str, g: GoldAttribution) -> str:
    """Where the gold source stands against the cue (the shape a rule would need)."""
    cue = body[g.cue[0].start : g.cue[-1].end].strip() if g.cue else ""
    if cue == ":":
        return "colon"
    if not g.source:
        return "no source"
    src, start = g.source[-1], g.cue[0].start if g.cue else 0
    if src.start >= start:
        return "inverted (source after cue)"
    if _POSSESSIVE.search(body[src.start : src.end].strip()) and start - src.end <= 2:
        return "possessive + noun"
    return "source before cue"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("split", nargs="?", default="train")
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args()
    split = SPLITS / args.split
    missed: Counter[str] = Counter()
    shapes: Counter[str] = Counter()
    shape_by_word: dict[str, Counter[str]] = {}
    tokens: Counter[str] = Counter()
    in_gold_cue: Counter[str] = Counter()
    ours: Counter[str] = Counter()
    seen_texts: set[str] = set()
    n_gold = 0
    for ann in sorted((split / "attributions").glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        body = (split / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        pred = [to_polnear(body, a) for a in extract_attributions(article_from_text(stem, body))]
        gold = parse_ann(ann, body)
        if stem not in seen_texts:
            seen_texts.add(stem)
            tokens.update(w.lower() for w in _WORD.findall(body))
            for p in pred:
                ours.update(head_word(body[s.start : s.end]) for s in p.cue[-1:])
            cue_chars = {i for g in gold for s in g.cue for i in range(s.start, s.end)}
            for m in _WORD.finditer(body):
                if m.start() in cue_chars:
                    in_gold_cue[m.group().lower()] += 1
        for g in gold:
            n_gold += 1
            if not g.cue or any(x.overlaps(y) for p in pred for x in p.cue for y in g.cue):
                continue
            word = head_word(body[g.cue[-1].start : g.cue[-1].end])
            shape = construction(body, g)
            missed[word] += 1
            shapes[shape] += 1
            shape_by_word.setdefault(word, Counter())[shape] += 1
    print(f"{args.split}: {n_gold} gold attributions, {sum(missed.values())} missed entirely")
    print("by construction:", ", ".join(f"{k} {n}" for k, n in shapes.most_common()))
    print(f"{'cue word':16s} {'missed':>6s} {'not cue':>8s} {'ours':>6s}  main shape")
    for word, n in missed.most_common(args.top):
        not_cue = max(tokens[word] - in_gold_cue[word], 0)
        shape, k = shape_by_word[word].most_common(1)[0]
        print(f"{word:16s} {n:6d} {not_cue:8d} {ours[word]:6d}  {shape} ({k})")


if __name__ == "__main__":
    main()
