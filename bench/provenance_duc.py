"""Wire write-throughs on DUC 2004: article-pair relations per cluster, no labels.

    python bench/provenance_duc.py [--data ../shared/eval] [--lexical]

Each DUC 2004 cluster (10 AP/NYT articles about one event, read from ../shared/eval, never
copied into the repo) is analysed as one story by ``provenance.analyze_story``. Prints how
many article pairs get each relation (pairs without a link are ``independent``), and how
many of the linked pairs join two AP (APW) articles, two NYT articles or one of each:
successive AP versions of one story should come out ``verbatim``/``edited``, AP and NYT
reports of one event (written apart) at most ``shared-source``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _wire(article_id: str) -> str:
    return article_id[:3]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--lexical", action="store_true", help="no embeddings")
    args = ap.parse_args(argv)
    from triangulate.embed import load_embedder
    from triangulate.eval.summaries import load_clusters
    from triangulate.provenance import analyze_story

    root = args.data / "summaries" / "duc2004"
    if not root.is_dir():
        print(f"{root}: not found (DUC 2004 is read from ../shared/eval)", file=sys.stderr)
        return 2
    embedder = None if args.lexical else load_embedder()[0]
    relations: Counter[str] = Counter()
    by_wires: Counter[tuple[str, str]] = Counter()
    pairs = 0
    clusters = load_clusters(root)
    for articles in clusters.values():
        result = analyze_story(articles, embedder)
        pairs += len(list(combinations(articles, 2)))
        for link in result.links:
            relations[link.relation] += 1
            wires = sorted((_wire(link.a), _wire(link.b)))
            by_wires[(link.relation, "+".join(wires))] += 1
    relations["independent"] = pairs - sum(relations.values())
    mode = "lexical" if embedder is None else "embeddings"
    print(f"{len(clusters)} clusters, {pairs} article pairs ({mode})")
    for relation, n in relations.most_common():
        print(f"  {relation:<14} {n:>5}")
    for (relation, wires), n in sorted(by_wires.items()):
        print(f"  {relation:<14} {wires:<8} {n:>5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
