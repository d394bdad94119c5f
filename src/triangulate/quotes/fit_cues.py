"""Fit the learned part of the cue lexicon from PolNeAR's train split.

    python -m triangulate.quotes.fit_cues ../shared/eval/quotes/polnear/train

Two steps, both on train only (dev and test splits are never read here):

1. **Candidates**: every lower-case word the annotators marked as (part of) a cue at least
   ``MIN_COUNT`` times, with a cue rate (marked / seen) of at least ``CANDIDATE_RATE``.
2. **In context**: the extractor runs over train with the ``learnable`` candidates added to
   its hand-written cue verbs (as verbs whose clause may follow without ``that``); for each candidate it counts the attributions it headed
   (``predicted``) and those an annotator also marked — a gold cue overlapping ours, with
   the same source span (``correct``). ``lexicon.learned_cues`` keeps a word when
   ``correct >= MIN_PRECISION * predicted`` and ``predicted >= MIN_PREDICTED``: a word is
   judged by what the rules actually do with it, not by how often it is a cue anywhere.

Only word forms and counts are written, to ``src/triangulate/data/quote_cues.json``
(small, committed) — no text from the data.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from triangulate.eval.quotes import article_from_text, parse_ann, to_polnear
from triangulate.quotes import lexicon as lx
from triangulate.quotes.extract import extract_attributions
from triangulate.quotes.spans import tokenize

MIN_COUNT = 8
CANDIDATE_RATE = 0.1
MIN_PRECISION = 0.5
MIN_PREDICTED = 5
OUT = Path(__file__).resolve().parents[1] / "data" / "quote_cues.json"


def _annotated(train: Path) -> list[tuple[str, Path]]:
    """(text, .ann path) for every annotation file of the split."""
    out = []
    for ann in sorted((train / "attributions").glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        out.append(((train / "text" / f"{stem}.txt").read_text(encoding="utf-8"), ann))
    return out


def fit(train: Path) -> dict[str, dict[str, float]]:
    """Candidate words: how often each is seen and marked as a cue."""
    seen: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    for body, ann in _annotated(train):
        cue_spans = [s for g in parse_ann(ann, body) for s in g.cue]
        for tok in tokenize(body):
            if tok.is_cap or not tok.text.isalpha():
                continue
            seen[tok.lower] += 1
            if any(s.start <= tok.start < s.end for s in cue_spans):
                cued[tok.lower] += 1
    out = {}
    for word, n in cued.items():
        rate = n / seen[word]
        if n >= MIN_COUNT and rate >= CANDIDATE_RATE:
            out[word] = {"cue": n, "seen": seen[word], "rate": round(rate, 3)}
    return dict(sorted(out.items()))


def fit_in_context(train: Path, candidates: set[str]) -> dict[str, dict[str, int]]:
    """Per candidate: attributions our rules head with it on train, and how many are right."""
    # hand-written cues that must otherwise be followed by "that" are fitted too: a learned
    # word also takes the rest of its clause as content
    added = frozenset(w for w in candidates if lx.learnable(w)) - lx.HAND_FREE_VERBS
    saved = lx.CUE_VERBS, lx.FREE_VERBS
    lx.CUE_VERBS, lx.FREE_VERBS = lx.HAND_CUES | added, lx.HAND_FREE_VERBS | added
    predicted: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    try:
        for body, ann in _annotated(train):
            gold = parse_ann(ann, body)
            article = article_from_text(ann.stem, body)
            for att in extract_attributions(article):
                if att.cue is None:
                    continue
                word = body[att.cue.start : att.cue.end].split()[-1].lower()
                if word not in added:
                    continue
                scored = to_polnear(body, att)
                predicted[word] += 1
                correct[word] += any(
                    g.source == scored.source and any(c.overlaps(att.cue) for c in g.cue)
                    for g in gold
                )
    finally:
        lx.CUE_VERBS, lx.FREE_VERBS = saved
    return {w: {"predicted": predicted[w], "correct": correct[w]} for w in sorted(predicted)}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    train = Path(argv[0])
    words = fit(train)
    in_context = fit_in_context(train, set(words))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    fitted = {
        "source": "PolNeAR train split",
        "min_count": MIN_COUNT,
        "candidate_rate": CANDIDATE_RATE,
        "min_precision": MIN_PRECISION,
        "min_predicted": MIN_PREDICTED,
        "words": words,
        "in_context": in_context,
    }
    OUT.write_text(json.dumps(fitted, indent=1) + "\n", encoding="utf-8")
    kept = sum(
        1
        for c in in_context.values()
        if c["predicted"] >= MIN_PREDICTED and c["correct"] >= MIN_PRECISION * c["predicted"]
    )
    print(
        f"{len(words)} candidate words, {len(in_context)} heading attributions, {kept} kept -> {OUT}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
