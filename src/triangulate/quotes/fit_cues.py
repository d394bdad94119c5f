"""Fit the learned part of the cue lexicon from PolNeAR's train split.

    python -m triangulate.quotes.fit_cues ../shared/eval/quotes/polnear/train

For every lower-case word in the train texts it counts how often the word occurs and how
often an annotator marked that occurrence as (part of) a cue. Words marked at least
``MIN_COUNT`` times with a cue rate of at least ``MIN_RATE`` are written, with their
counts, to ``src/triangulate/data/quote_cues.json`` (small, committed). Only word forms
and counts are stored — no text from the data. The extractor adds these words to its
hand-written reporting verbs; dev and test splits are never read here.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from triangulate.eval.quotes import parse_ann
from triangulate.quotes.spans import tokenize

MIN_COUNT = 8
MIN_RATE = 0.5
OUT = Path(__file__).resolve().parents[1] / "data" / "quote_cues.json"


def fit(train: Path) -> dict[str, dict[str, float]]:
    seen: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    for ann in sorted((train / "attributions").glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        body = (train / "text" / f"{stem}.txt").read_text(encoding="utf-8")
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
        if n >= MIN_COUNT and rate >= MIN_RATE:
            out[word] = {"cue": n, "seen": seen[word], "rate": round(rate, 3)}
    return dict(sorted(out.items()))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    words = fit(Path(argv[0]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "source": "PolNeAR train split",
                "min_count": MIN_COUNT,
                "min_rate": MIN_RATE,
                "words": words,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(words)} cue words -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
