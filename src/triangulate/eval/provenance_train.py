"""Fit the sentence-level "same statement" model on the MSRP train half.

    python -m triangulate.eval.provenance_train [--data ../shared/eval] [--lexical-only]

Reads ``paraphrase/msrp_train.txt``, computes the pair features (``provenance.features``
and ``provenance.pairtext``) with and without embedding cosines, fits a standardised
logistic regression for each variant (``pairmodel.VARIANTS``), picks the decision threshold that maximises 10-fold cross-validated accuracy on
the same half, and writes the coefficients (numbers only) to
``src/triangulate/data/provenance_pairs.json``. Deterministic: fixed fold seed.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from triangulate.embed import Embedder, load_embedder
from triangulate.errors import EvalDataError
from triangulate.provenance.features import (
    EMBED_FEATURES,
    LEXICAL_FEATURES,
    SentenceTable,
    pair_features,
)
from triangulate.provenance.pairmodel import COEFFICIENTS, VARIANTS, PairModel
from triangulate.provenance.pairtext import TEXT_FEATURES, TextTable, text_features

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
}


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
    embedder) then ``TEXT_FEATURES``."""
    n = len(pairs.first)
    texts = pairs.first + pairs.second
    table = SentenceTable(texts)
    ia = np.arange(n)
    cos = None
    if embedder is not None:
        vectors = embedder.encode(texts)
        cos = np.einsum("ij,ij->i", vectors[:n], vectors[n:])
    base = pair_features(table, ia, ia + n, cos)
    extra = text_features(table, TextTable(texts), ia, ia + n)
    names = (*EMBED_FEATURES[: base.shape[1]], *TEXT_FEATURES)
    return Features(names, np.hstack([base, extra]))


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


def fit_model(name: str, names: tuple[str, ...], x: np.ndarray, y: np.ndarray) -> PairModel:
    """Fit on all of ``x`` (columns ``names``); the threshold is chosen on out-of-fold
    probabilities."""
    threshold = best_threshold(cv_probabilities(x, y), y)
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


def cross_validated(x: np.ndarray, y: np.ndarray, k: int = FOLDS) -> tuple[float, float]:
    """k-fold accuracy and F1 with the threshold also chosen inside each training part."""
    pred = np.zeros(len(y), dtype=bool)
    for test in folds(y, k):
        train = np.setdiff1d(np.arange(len(y)), test)
        inner = cv_probabilities(x[train], y[train], k=5)
        threshold = best_threshold(inner, y[train])
        pred[test] = _proba(x[test], _fit_lr(x[train], y[train])) >= threshold
    return accuracy_f1(pred, y)


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
    out = {
        "version": 2,
        "trained_on": f"MSRP train half ({len(y)} pairs), python -m triangulate.eval.provenance_train",
        "cross_validation": report,
        "models": {name: m.to_json() for name, m in models.items()},
    }
    args.out.write_text(json.dumps(out, indent=1) + "\n", "utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
