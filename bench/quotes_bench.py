"""Quotes benchmark: attributions per second on real articles, one core.

Corpus: every PolNeAR article text (train and dev, ~920 political news articles) and the
Giveme5W1H articles, read from ../shared/eval (never copied into the repo). Each text is
turned into an ``Article`` (sentence split included, timed separately) and then run through
``extract_attributions`` and ``resolve_speakers``; the story-level grouping is timed on the
Giveme5W1H events (articles grouped by their gold event, lexical matching).

    python bench/quotes_bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

from triangulate.eval.quotes import article_from_text
from triangulate.model import Article
from triangulate.quotes import extract_attributions
from triangulate.quotes.speakers import resolve_speakers
from triangulate.quotes.utterances import group_utterances

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def corpus() -> tuple[list[Article], dict[str, list[Article]]]:
    texts: list[tuple[str, str]] = []
    for path in sorted((SHARED / "quotes" / "polnear").glob("*/text/*.txt")):
        texts.append((path.stem, path.read_text(encoding="utf-8")))
    events: dict[str, list[Article]] = defaultdict(list)
    g5 = SHARED / "stories" / "giveme5w1h.jsonl"
    arts = [article_from_text(stem, body) for stem, body in texts]
    if g5.is_file():
        for n, line in enumerate(g5.read_text(encoding="utf-8").splitlines()):
            rec = json.loads(line)
            if rec.get("text"):
                a = article_from_text(f"g5-{n}", rec["text"])
                arts.append(a)
                events[str(rec.get("event_id"))].append(a)
    return arts, events


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"   {SHARED} absent: skipped")
        return 0
    t0 = time.process_time()
    arts, events = corpus()
    split_s = time.process_time() - t0
    chars = sum(len(a.text) for a in arts)
    best = float("inf")
    n_atts = 0
    for _ in range(args.repeat):
        t = time.process_time()
        n_atts = 0
        for a in arts:
            atts = extract_attributions(a)
            resolve_speakers(a, atts)
            n_atts += len(atts)
        best = min(best, time.process_time() - t)
    t = time.process_time()
    n_utts = 0
    for group in events.values():
        n_utts += len(group_utterances(group, {a.id: extract_attributions(a) for a in group}))
    group_s = time.process_time() - t
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"   articles: {len(arts)} ({chars / 1e6:.1f} M characters), attributions: {n_atts}")
    print(f"   sentence split (not counted below): {len(arts) / split_s:,.0f} articles/CPU-s")
    print(
        f"   extract + resolve speakers: {len(arts) / best:,.0f} articles/CPU-s, "
        f"{n_atts / best:,.0f} attributions/CPU-s (best of {args.repeat})"
    )
    print(
        f"   group utterances: {len(events)} stories, {n_utts} utterances in {group_s:.2f} CPU-s "
        f"(extraction included)"
    )
    print(f"   peak RSS: {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
