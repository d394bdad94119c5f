"""Fit the summary concept model (`summary_concepts.LEARNED`) and measure it honestly.

    python bench/summary_concepts.py [--data ../shared/eval] [--grid]

On the DUC 2004 development clusters: every concept (stemmed bigram) the model scores is
labelled by whether one of the cluster's human summaries uses it. Prints

- the coefficients fit on all clusters (paste them into `LEARNED`);
- leave-one-cluster-out ROUGE-1/2 recall: each cluster summarised with a model fit on the
  other clusters only, so no cluster's own references shape its summary (the estimate to
  expect on unseen clusters), beside the frequency model (ICSISumm) and the all-cluster fit;
- with ``--grid``: the same for neighbouring regularisation strengths and concept
  thresholds, to show the result is not a spike.

Embeddings come from the real model (one pass per cluster, reused by every variant).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from triangulate.embed import load_embedder
from triangulate.eval.rouge import score_summary
from triangulate.eval.summaries import LIMIT, load_clusters, load_summaries
from triangulate.model import Article
from triangulate.summarize import (
    DEFAULT_SETTINGS,
    GENERIC_SETTINGS,
    SummarySettings,
    concepts_of,
    content_tokens,
    sentence_texts,
    summarize,
)
from triangulate.summary_concepts import (
    FEATURES,
    SentenceRef,
    concept_features,
    fit_concept_model,
)

ROOT = Path(__file__).resolve().parents[1]
#: The report's default: ICSISumm's frequency worths, support bonus 1.
FREQUENCY = DEFAULT_SETTINGS
Example = tuple[tuple[float, ...], bool]
#: CPU seconds per cluster of the last `rouge` run (selection after embeddings).
CPU_SECONDS: list[float] = []


def cpu_note() -> str:
    return (
        f"selection CPU per cluster: median {statistics.median(CPU_SECONDS):.2f} s, "
        f"max {max(CPU_SECONDS):.2f} s"
    )


def cluster_examples(
    articles: Sequence[Article], references: Sequence[Sequence[str]], min_share: float
) -> list[Example]:
    refs = [
        SentenceRef(a.id, s.index, len(a.sentences), s.text) for a in articles for s in a.sentences
    ]
    used = {k for lines in references for line in lines for k in concepts_of(content_tokens(line))}
    return [(x, k in used) for k, x in concept_features(refs, min_share).items()]


def rouge(
    clusters: dict[str, list[Article]],
    references: dict[str, dict[str, list[str]]],
    vectors: dict[str, np.ndarray],
    settings_for: dict[str, SummarySettings],
) -> tuple[float, float]:
    r1, r2 = [], []
    seconds = []
    for c, settings in settings_for.items():
        t0 = time.process_time()
        s = summarize(clusters[c], words=LIMIT, vectors=vectors[c], fill=True, settings=settings)
        seconds.append(time.process_time() - t0)
        score = score_summary(
            [x.text for x in s.sentences], list(references[c].values()), ns=(1, 2), limit=LIMIT
        )
        r1.append(score[1].recall)
        r2.append(score[2].recall)
    CPU_SECONDS[:] = seconds
    return statistics.fmean(r1), statistics.fmean(r2)


def leave_one_out(
    clusters: dict[str, list[Article]],
    references: dict[str, dict[str, list[str]]],
    vectors: dict[str, np.ndarray],
    c: float = 1.0,
    min_share: float = 0.2,
    support_bonus: float = GENERIC_SETTINGS.support_bonus,
) -> tuple[float, float]:
    examples = {
        k: cluster_examples(clusters[k], list(references[k].values()), min_share)
        for k in references
    }
    settings = {}
    for k in references:
        rest = [e for other, ex in examples.items() if other != k for e in ex]
        model = fit_concept_model(rest, c=c, min_share=min_share)
        settings[k] = replace(GENERIC_SETTINGS, concept_model=model, support_bonus=support_bonus)
    return rouge(clusters, references, vectors, settings)


#: Neighbouring settings for ``--grid``: (C, min_share, support_bonus).
GRID = [(0.01, 0.2, 0.1), (100.0, 0.2, 0.1), (1.0, 0.3, 0.1), (1.0, 0.2, 0.0), (1.0, 0.2, 0.2)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--grid", action="store_true", help="also neighbouring settings")
    args = parser.parse_args()
    root = args.data / "summaries" / "duc2004"
    clusters = load_clusters(root)
    references = {
        k: v for k, v in load_summaries(root / "references", "references").items() if k in clusters
    }
    embedder, note = load_embedder()
    if embedder is None:
        print(f"needs the embedding model: {note}", file=sys.stderr)
        return 1
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    t0 = time.process_time()
    vectors = {k: embedder.encode(sentence_texts(clusters[k])) for k in references}
    print(f"{len(references)} clusters embedded ({time.process_time() - t0:.0f} s CPU)")

    model = fit_concept_model(
        [
            e
            for k in references
            for e in cluster_examples(clusters[k], list(references[k].values()), 0.2)
        ]
    )
    print("fit on all clusters:")
    print("  LEARNED = ConceptModel(")
    print(f"      coefficients=({', '.join(repr(v) for v in model.coefficients)}),")
    print(f"      intercept={model.intercept!r},")
    print("  )")
    for name, v in zip(FEATURES, model.coefficients, strict=True):
        print(f"  {name:24s} {v:+.4f}")

    def same(settings: SummarySettings) -> dict[str, SummarySettings]:
        return dict.fromkeys(references, settings)

    frequency = rouge(clusters, references, vectors, same(FREQUENCY))
    print(f"frequency model (ICSISumm)          R-1 {frequency[0]:.4f}  R-2 {frequency[1]:.4f}")
    print(f"  {cpu_note()}")
    fitted = rouge(
        clusters, references, vectors, same(replace(GENERIC_SETTINGS, concept_model=model))
    )
    print(f"learned, fit on all (in-sample)     R-1 {fitted[0]:.4f}  R-2 {fitted[1]:.4f}")
    print(f"  {cpu_note()}")
    loo = leave_one_out(clusters, references, vectors)
    print(f"learned, leave-one-cluster-out      R-1 {loo[0]:.4f}  R-2 {loo[1]:.4f}")
    if args.grid:
        for c, share, bonus in GRID:
            r = leave_one_out(clusters, references, vectors, c, share, bonus)
            print(
                f"  C={c:<6} min_share={share} support_bonus={bonus}: "
                f"leave-one-out R-1 {r[0]:.4f}  R-2 {r[1]:.4f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
