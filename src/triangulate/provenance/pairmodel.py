"""The fitted "same statement" decision: logistic regression over pair features.

The coefficients live in ``triangulate/data/provenance_pairs.json``, written by
``python -m triangulate.eval.provenance_train`` from the MSRP train half (see
docs/provenance.md). Two variants: ``embed`` (with embedding features) and ``lexical``
(the fallback when the embedding model is not installed).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from triangulate.errors import ModelError

COEFFICIENTS = "provenance_pairs.json"


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
    if not isinstance(models, dict) or not {"embed", "lexical"} <= set(models):
        raise ModelError(f"{where}: needs models 'embed' and 'lexical'")
    return {name: PairModel.from_json(name, spec) for name, spec in models.items()}


@lru_cache(maxsize=1)
def packaged_models() -> dict[str, PairModel]:
    return load_models()


def model_for(embeddings: bool) -> PairModel:
    return packaged_models()["embed" if embeddings else "lexical"]
