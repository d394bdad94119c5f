"""Fit the sentence-level "same statement" model on the MSRP train half.

    python -m triangulate.eval.provenance_train [--data ../shared/eval] [--lexical-only]

Reads ``paraphrase/msrp_train.txt``, computes the pair features (``provenance.features``,
``provenance.pairtext`` and ``provenance.pairtokens``) with and without embeddings, fits a
standardised logistic regression for each variant (``pairmodel.VARIANTS``), picks the
decision threshold that maximises 10-fold cross-validated accuracy on the same half, and
writes the coefficients (numbers only) to ``src/triangulate/data/provenance_pairs.json``,
with the cross-validated accuracy and F1 of each variant and of the two-stage decision
(``pairdecide``). Deterministic: fixed fold seed.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from triangulate.embed import Embedder, TokenEmbedder, load_embedder
from triangulate.errors import EvalDataError
from triangulate.provenance.features import (
    EMBED_FEATURES,
    LEXICAL_FEATURES,
    SentenceTable,
    pair_features,
)
from triangulate.provenance.pairdecide import cascade
from triangulate.provenance.pairmodel import COEFFICIENTS, VARIANTS, PairModel
from triangulate.provenance.pairtext import TEXT_FEATURES, TextTable, text_features
from triangulate.provenance.pairtokens import TOKEN_FEATURES, TokenIdf, token_features

FOLDS = 10
SEED = 0
C = 1.0
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.30, 0.71, 0.01))
#: the features of each variant (columns picked from ``features()`` by name)
VARIANT_FEATURES: dict[str, tuple[str, ...]] = {
    "embed": EMBED_FEATURES,
    "lexical": LEXICAL_FEATURES,
    "embed_text": (*EMBED_FEATURES, *TEXT_FEATURES),
    "lexical_text": (*LEXICAL_FEATURES, *TEXT_FEATURES),
    "embed_tokens": (*EMBED_FEATURES, *TEXT_FEATURES, *TOKEN_FEATURES),
}
#: the two stages of ``pairdecide`` (with an embedder)
CASCADE = ("embed_text", "embed_tokens")


@dataclass(frozen=True)
class PairSet:
    labels: np.ndarray
    first: list[str]
    second: list[str]


def read_msrp(path: Path) -> PairSet:
    """MSRP pairs: header line, then ``Quality<TAB>id1<TAB>id2<TAB>string1<TAB>string2``."""
    if not path.is_file():
        raise EvalDataError(f"{path}: MSRP file missing")
    labels: list[int] = []
    first: list[str] = []
    second: list[str] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if not header or header[0].strip() != "Quality":
            raise EvalDataError(f"{path}:1: expected a header starting with 'Quality'")
        for row in reader:
            line = reader.line_num
            if not row or not "".join(row).strip():
                continue
            if len(row) != 5 or row[0].strip() not in {"0", "1"}:
                raise EvalDataError(
                    f"{path}:{line}: expected 5 tab-separated fields with quality 0 or 1"
                )
            labels.append(int(row[0]))
            first.append(row[3])
            second.append(row[4])
    if not labels:
        raise EvalDataError(f"{path}: no sentence pairs")
    return PairSet(np.asarray(labels), first, second)


@dataclass(frozen=True)
class Features:
    """All feature columns of a pair set, by name (``select`` picks a variant's)."""

    names: tuple[str, ...]
    matrix: np.ndarray

    def select(self, wanted: tuple[str, ...]) -> np.ndarray:
        where = {name: i for i, name in enumerate(self.names)}
        missing = [w for w in wanted if w not in where]
        if missing:
            raise ValueError(f"features not computed: {', '.join(missing)}")
        return self.matrix[:, [where[w] for w in wanted]]


def features(pairs: PairSet, embedder: Embedder | None) -> Features:
    """Every feature column: ``EMBED_FEATURES`` (``LEXICAL_FEATURES`` without an
    embedder), ``TEXT_FEATURES``, then ``TOKEN_FEATURES`` when the embedder gives token
    vectors (for every pair: ``cross_validated_cascade`` picks the unsure ones)."""
    n = len(pairs.first)
    texts = pairs.first + pairs.second
    table = SentenceTable(texts)
    ia = np.arange(n)
    cos = None
    if embedder is not None:
        vectors = embedder.encode(texts)
        cos = np.einsum("ij,ij->i", vectors[:n], vectors[n:])
    base = pair_features(table, ia, ia + n, cos)
    blocks = [base, text_features(table, TextTable(texts), ia, ia + n)]
    names: tuple[str, ...] = (*EMBED_FEATURES[: base.shape[1]], *TEXT_FEATURES)
    if isinstance(embedder, TokenEmbedder):
        vectors = dict(enumerate(embedder.encode_tokens(texts)))
        idf = TokenIdf(embedder.token_ids(texts))
        blocks.append(token_features(idf, vectors, ia, ia + n))
        names = (*names, *TOKEN_FEATURES)
    return Features(names, np.hstack(blocks))


def _fit_lr(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=C, max_iter=5000)
    lr.fit((x - mean) / scale, y)
    return mean, scale, lr.coef_[0], float(lr.intercept_[0])


def _proba(x: np.ndarray, fitted: tuple[np.ndarray, np.ndarray, np.ndarray, float]) -> np.ndarray:
    mean, scale, coef, intercept = fitted
    z = ((x - mean) / scale) @ coef + intercept
    return 1.0 / (1.0 + np.exp(-z))


def folds(y: np.ndarray, k: int = FOLDS) -> list[np.ndarray]:
    from sklearn.model_selection import StratifiedKFold

    skf = StratifiedKFold(n_splits=k, shuffle=True, random_state=SEED)
    return [test for _, test in skf.split(np.zeros(len(y)), y)]


def cv_probabilities(x: np.ndarray, y: np.ndarray, k: int = FOLDS) -> np.ndarray:
    """Out-of-fold probabilities: each pair scored by a model that never saw it."""
    out = np.zeros(len(y))
    for test in folds(y, k):
        train = np.setdiff1d(np.arange(len(y)), test)
        out[test] = _proba(x[test], _fit_lr(x[train], y[train]))
    return out


def accuracy_f1(pred: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    pred = pred.astype(bool)
    gold = y.astype(bool)
    tp = int((pred & gold).sum())
    denom = int(pred.sum() + gold.sum())
    return float((pred == gold).mean()), (2 * tp / denom if denom else 0.0)


def best_threshold(prob: np.ndarray, y: np.ndarray) -> float:
    scores = [(accuracy_f1(prob >= t, y)[0], -abs(t - 0.5), t) for t in THRESHOLDS]
    return float(max(scores)[2])


def fit_model(
    name: str, names: tuple[str, ...], x: np.ndarray, y: np.ndarray, k: int = FOLDS
) -> PairModel:
    """Fit on all of ``x`` (columns ``names``); the threshold is chosen on ``k``-fold
    out-of-fold probabilities."""
    threshold = best_threshold(cv_probabilities(x, y, k), y)
    mean, scale, coef, intercept = _fit_lr(x, y)
    return PairModel(
        name=name,
        features=tuple(names),
        mean=tuple(float(v) for v in mean),
        scale=tuple(float(v) for v in scale),
        coef=tuple(float(v) for v in coef),
        intercept=intercept,
        threshold=threshold,
    )


def _fold_model(x: np.ndarray, y: np.ndarray) -> PairModel:
    """A model fitted on one training part, its threshold chosen by 5-fold CV inside it."""
    return fit_model("fold", tuple(f"f{i}" for i in range(x.shape[1])), x, y, k=5)


def cross_validated(x: np.ndarray, y: np.ndarray, k: int = FOLDS) -> tuple[float, float]:
    """k-fold accuracy and F1 with the threshold also chosen inside each training part."""
    pred = np.zeros(len(y), dtype=bool)
    for test in folds(y, k):
        train = np.setdiff1d(np.arange(len(y)), test)
        pred[test] = _fold_model(x[train], y[train]).decide(x[test])
    return accuracy_f1(pred, y)


def cross_validated_cascade(
    x_first: np.ndarray, x_second: np.ndarray, y: np.ndarray, k: int = FOLDS
) -> tuple[float, float, float]:
    """k-fold accuracy and F1 of the two-stage decision (``pairdecide.cascade``), both
    stages fitted inside each training part; and the share of pairs the second decided."""
    pred = np.zeros(len(y), dtype=bool)
    rescored = 0
    for test in folds(y, k):
        train = np.setdiff1d(np.arange(len(y)), test)
        first = _fold_model(x_first[train], y[train])
        second = _fold_model(x_second[train], y[train])
        xs = x_second[test]
        decision = cascade(first, x_first[test], second, xs.__getitem__)
        pred[test] = decision.accept
        rescored += len(decision.rescored)
    acc, f1 = accuracy_f1(pred, y)
    return acc, f1, rescored / len(y)


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=here.parents[3].parent / "shared" / "eval")
    ap.add_argument("--out", type=Path, default=here.parents[1] / "data" / COEFFICIENTS)
    args = ap.parse_args(argv)
    pairs = read_msrp(args.data / "paraphrase" / "msrp_train.txt")
    embedder, _ = load_embedder(required=True)
    feats = features(pairs, embedder)
    y = pairs.labels
    models: dict[str, PairModel] = {}
    report = {}
    for name in VARIANTS:
        x = feats.select(VARIANT_FEATURES[name])
        models[name] = fit_model(name, VARIANT_FEATURES[name], x, y)
        acc, f1 = cross_validated(x, y)
        report[name] = {"cv_accuracy": round(acc, 4), "cv_f1": round(f1, 4)}
        print(f"{name}: {FOLDS}-fold cross-validated accuracy {acc:.4f}, F1 {f1:.4f}; "
              f"threshold {models[name].threshold}")
    first, second = (feats.select(VARIANT_FEATURES[v]) for v in CASCADE)
    acc, f1, share = cross_validated_cascade(first, second, y)
    report["two_stage"] = {"cv_accuracy": round(acc, 4), "cv_f1": round(f1, 4),
                           "second_stage_share": round(share, 4)}
    print(f"two stages ({' then '.join(CASCADE)}): {FOLDS}-fold cross-validated accuracy "
          f"{acc:.4f}, F1 {f1:.4f}; {share:.1%} of pairs decided by the second")
    out = {
        "version": 3,
        "trained_on": f"MSRP train half ({len(y)} pairs), python -m triangulate.eval.provenance_train",
        "cross_validation": report,
        "models": {name: m.to_json() for name, m in models.items()},
    }
    args.out.write_text(json.dumps(out, indent=1) + "\n", "utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
