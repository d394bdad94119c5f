"""Quantities benchmark: sentences per second for figure and date extraction, one core.

Real news sentences read from ../shared/eval (never copied into the repo): the NewsQuant
sentences, and the sentences of the DUC 2004 and PolNeAR articles split with our own
splitter. Timed per stage on the same sentences, single process:

- quantities: ``claims.quantities_in`` (numbers, units, hedges, ranges, counted thing, scope);
- dates: ``claims.dates_in`` against a fixed reference day;
- both, as the pipeline would run them per sentence.

    python bench/quantities_bench.py [--limit N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

from triangulate.claims.dates import dates_in
from triangulate.claims.quantities import quantities_in
from triangulate.text import sentence_spans

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def load_sentences(limit: int) -> list[str]:
    sentences: list[str] = []
    newsquant = SHARED / "quantities" / "newsquant.json"
    if newsquant.is_file():
        sentences += [r["text"] for r in json.loads(newsquant.read_text(encoding="utf-8"))]
    docs = sorted((SHARED / "summaries" / "duc2004" / "docs").glob("*/*"))
    docs += sorted((SHARED / "quotes" / "polnear").glob("*/text/*"))
    for path in docs:
        text = path.read_text(encoding="utf-8", errors="replace")
        for start, end in sentence_spans(text):
            piece = " ".join(text[start:end].split())
            if len(piece) > 20:
                sentences.append(piece)
        if len(sentences) >= limit:
            break
    return sentences[:limit]


def timed(label: str, fn, sentences: list[str], repeat: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    found = 0
    for _ in range(repeat):
        started = time.process_time()
        found = 0
        for s in sentences:
            found += len(fn(s))
        best = min(best, time.process_time() - started)
    rate = len(sentences) / best if best else float("inf")
    print(f"   {label:<12} {rate:>10,.0f} sentences/s  ({found:,} found, {best:.2f} s CPU)")
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--limit", type=int, default=20_000, help="sentences to time")
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"   {SHARED} is absent: benchmark skipped")
        return 0
    sentences = load_sentences(args.limit)
    ref = date(2025, 3, 4)
    print(f"   {len(sentences):,} real news sentences from {SHARED}")
    quantities_in(sentences[0])  # compile the patterns outside the timing
    dates_in(sentences[0], ref)
    timed("quantities", quantities_in, sentences, args.repeat)
    timed("dates", lambda s: dates_in(s, ref), sentences, args.repeat)
    timed("both", lambda s: [*quantities_in(s), *dates_in(s, ref)], sentences, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
