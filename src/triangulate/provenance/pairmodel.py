"""The fitted "same statement" decision: logistic regression over pair features.

The coefficients live in ``triangulate/data/provenance_pairs.json``, written by
``python -m triangulate.eval.provenance_train`` from the MSRP train half (see
docs/provenance.md). Five variants: ``embed`` (with embedding features) and ``lexical``
(the fallback when the embedding model is not installed) over the sentence-set features
of ``features.pair_features``; ``embed_text`` and ``lexical_text`` add the word-order,
leftover-word and character features of ``pairtext.text_features`` (more accurate; the
caller passes the sentence texts); ``embed_tokens`` adds the token-alignment features of
``pairtokens`` (the most accurate, and a forward pass per sentence: ``pairdecide`` uses it
only for the pairs ``embed_text`` is unsure of):

    model = model_for(embeddings=True, text=True)
    x = pair_matrix(model, table, TextTable(texts), ia, ib, cos)
    keep = model.decide(x)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from triangulate.errors import ModelError
from triangulate.provenance.features import EMBED_FEATURES, SentenceTable, pair_features
from triangulate.provenance.pairtext import TEXT_FEATURES, TextTable, text_features
from triangulate.provenance.pairtokens import TOKEN_FEATURES

COEFFICIENTS = "provenance_pairs.json"
VARIANTS = ("embed", "lexical", "embed_text", "lexical_text", "embed_tokens")


@dataclass(frozen=True)
class PairModel:
    """Standardise, weight, squash: ``p = sigmoid(((x - mean) / scale) @ coef + intercept)``."""

    name: str
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    def __post_init__(self) -> None:
        n = len(self.features)
        if not (len(self.mean) == len(self.scale) == len(self.coef) == n):
            raise ModelError(f"pair model {self.name!r}: coefficient lengths differ")
        if not 0.0 < self.threshold < 1.0:
            raise ModelError(f"pair model {self.name!r}: threshold must be in (0, 1)")

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P(same statement) for each feature row (columns in ``features`` order)."""
        x = np.atleast_2d(np.asarray(x, dtype=np.float64))
        if x.shape[1] != len(self.features):
            raise ValueError(
                f"pair model {self.name!r} needs {len(self.features)} features, got {x.shape[1]}"
            )
        z = ((x - np.asarray(self.mean)) / np.asarray(self.scale)) @ np.asarray(self.coef)
        z = z + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def decide(self, x: np.ndarray) -> np.ndarray:
        return self.probability(x) >= self.threshold

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": [round(v, 8) for v in self.mean],
            "scale": [round(v, 8) for v in self.scale],
            "coef": [round(v, 8) for v in self.coef],
            "intercept": round(self.intercept, 8),
            "threshold": round(self.threshold, 4),
        }

    @classmethod
    def from_json(cls, name: str, data: dict[str, Any]) -> PairModel:
        try:
            return cls(
                name=name,
                features=tuple(data["features"]),
                mean=tuple(float(v) for v in data["mean"]),
                scale=tuple(float(v) for v in data["scale"]),
                coef=tuple(float(v) for v in data["coef"]),
                intercept=float(data["intercept"]),
                threshold=float(data["threshold"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"pair model {name!r}: malformed coefficients ({exc})") from exc


def load_models(path: Path | None = None) -> dict[str, PairModel]:
    """Both fitted variants, from ``path`` or the packaged coefficients file."""
    try:
        if path is None:
            text = resources.files("triangulate").joinpath("data", COEFFICIENTS).read_text("utf-8")
            where = f"triangulate/data/{COEFFICIENTS}"
        else:
            text = path.read_text("utf-8")
            where = str(path)
        data = json.loads(text)
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"pair-model coefficients cannot be read: {exc}") from exc
    models = data.get("models") if isinstance(data, dict) else None
    if not isinstance(models, dict) or not set(VARIANTS) <= set(models):
        raise ModelError(f"{where}: needs models {', '.join(repr(v) for v in VARIANTS)}")
    return {name: PairModel.from_json(name, spec) for name, spec in models.items()}


@lru_cache(maxsize=1)
def packaged_models() -> dict[str, PairModel]:
    return load_models()


def model_for(embeddings: bool, text: bool = False) -> PairModel:
    """The packaged variant: with embedding features or not, with text features or not
    (the token-alignment variant is ``packaged_models()["embed_tokens"]``)."""
    name = "embed" if embeddings else "lexical"
    return packaged_models()[f"{name}_text" if text else name]


def pair_matrix(
    model: PairModel,
    table: SentenceTable,
    text: TextTable | None,
    ia: np.ndarray,
    ib: np.ndarray,
    cos: np.ndarray | None = None,
    token_rows: np.ndarray | None = None,
) -> np.ndarray:
    """The feature rows ``model`` needs (its ``features`` order) for the pairs ``(ia, ib)``.

    ``table`` and ``text`` must be built from the same sentences; ``text`` may be ``None``
    for a model without text features, ``cos`` for one without embedding features,
    ``token_rows`` (``pairtokens.token_features`` of the same pairs) for one without
    token features.
    """
    wanted = set(model.features)
    if wanted & {"cos", "cos2"} and cos is None:
        raise ValueError(f"pair model {model.name!r} needs embedding cosines")
    if wanted & set(TEXT_FEATURES) and text is None:
        raise ValueError(f"pair model {model.name!r} needs a TextTable of the sentences")
    if wanted & set(TOKEN_FEATURES) and token_rows is None:
        raise ValueError(f"pair model {model.name!r} needs token-alignment features")
    names, matrix = feature_block(
        table,
        text if wanted & set(TEXT_FEATURES) else None,
        ia,
        ib,
        cos if wanted & {"cos", "cos2"} else None,
        token_rows if wanted & set(TOKEN_FEATURES) else None,
    )
    return select(model, names, matrix)


def feature_block(
    table: SentenceTable,
    text: TextTable | None,
    ia: np.ndarray,
    ib: np.ndarray,
    cos: np.ndarray | None = None,
    token_rows: np.ndarray | None = None,
) -> tuple[tuple[str, ...], np.ndarray]:
    """Feature columns for the pairs ``(ia, ib)`` and their names: the sentence-set
    features (with the cosine ones when ``cos`` is given), the text features when ``text``
    is given, the token features when ``token_rows`` is given."""
    base = pair_features(table, ia, ib, cos)
    names: list[str] = list(EMBED_FEATURES[: base.shape[1]])
    blocks = [base]
    if text is not None:
        blocks.append(text_features(table, text, ia, ib))
        names += TEXT_FEATURES
    if token_rows is not None:
        blocks.append(np.asarray(token_rows, dtype=np.float64).reshape(len(ia), len(TOKEN_FEATURES)))
        names += TOKEN_FEATURES
    return tuple(names), np.hstack(blocks)


def select(model: PairModel, names: Sequence[str], matrix: np.ndarray) -> np.ndarray:
    """The columns of ``matrix`` (named ``names``) that ``model`` takes, in its order."""
    where = {name: i for i, name in enumerate(names)}
    unknown = [f for f in model.features if f not in where]
    if unknown:
        raise ModelError(f"pair model {model.name!r}: unknown features {', '.join(unknown)}")
    return matrix[:, [where[f] for f in model.features]]
