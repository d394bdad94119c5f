"""`triangulate eval quantities`: NewsQuant, scored the way CQE's evaluation scores it.

Set ``newsquant`` = ``DIR/quantities/newsquant.json`` (a list of ``{text, quantities:
[{value, unit, normalized_unit, change, referred_concepts}]}``). Metrics ``value_f1``,
``value_unit_f1``, ``value_change_f1`` follow ``calculate_metrics`` in
github.com/satya77/CQE_Evaluation ``evaluate_models.py`` exactly (documented in
docs/claims.md):

- a gold value ``"252.0-287.0"`` (a string with a ``-`` not at position 0 and no ``E``) is
  the ordered pair (252.0, 287.0); a predicted range is the pair (value, value_to) as
  written; a pair only matches a pair, both ends with ``numpy.isclose`` defaults
  (rtol 1e-5, atol 1e-8); single values likewise;
- units are compared on the *normalised* unit, both sides lower-cased (``-`` = no unit);
- per sentence, gold and predictions are sorted by normalised unit; for each gold
  quantity, predictions are scanned in order: every value match adds one to the value
  count while the sentence's budget of gold quantities lasts, adds one to the change
  count when the change class is equal, and when the unit is also equal it adds one to
  the value+unit count, that prediction is removed and the scan for this gold stops;
- P = correct / predictions, R = correct / gold, F1 over the whole set.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

from triangulate.claims.quantities import Quantity, quantities_in
from triangulate.errors import EvalDataError
from triangulate.eval import TaskResult

SET = "newsquant"


def load(path: Path) -> list[dict[str, Any]]:
    """The NewsQuant records, checked."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise EvalDataError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(data, list):
        raise EvalDataError(f"{path}: expected a list of sentences, got {type(data).__name__}")
    for i, rec in enumerate(data):
        if not isinstance(rec, dict) or "text" not in rec or "quantities" not in rec:
            raise EvalDataError(f"{path}: item {i} has no 'text' and 'quantities'")
    return data


def to_cqe(q: Quantity) -> dict[str, Any]:
    """One of our quantities in CQE's output form: value (float or pair), unit, change."""
    value: float | tuple[float, float]
    value = (q.value, q.value_to) if q.value_to is not None else q.value
    unit = q.unit or "-"
    if q.kind == "fraction":
        # CQE writes a share as the ratio and "% <of what>": "a third of those" = 0.333, "% -"
        value = q.value / 100
        unit = "% " + (q.unit_text or "-")
    return {"value": value, "normalized_unit": unit.strip(), "change": q.change}


def _decode(value: Any) -> float | tuple[float, float]:
    if isinstance(value, str) and "E" not in value and not value.startswith("-") and "-" in value:
        a, b = value.split("-")[0], value.split("-")[1]
        return (float(a), float(b))
    if isinstance(value, tuple):
        return (float(value[0]), float(value[1]))
    return float(value)


def _close(a: float, b: float) -> bool:
    # numpy.isclose(a, b, rtol=1e-05, atol=1e-08): |a - b| <= atol + rtol * |b|
    return abs(a - b) <= 1e-08 + 1e-05 * abs(b)


def values_match(gold: float | tuple[float, float], pred: float | tuple[float, float]) -> bool:
    if isinstance(gold, tuple) and isinstance(pred, tuple):
        return _close(gold[0], pred[0]) and _close(gold[1], pred[1])
    if isinstance(gold, tuple) or isinstance(pred, tuple):
        return False
    return _close(gold, pred)


def score_predictions(
    records: list[dict[str, Any]], predictions: list[list[dict[str, Any]]]
) -> dict[str, dict[str, float]]:
    """P/R/F1 for value, value+unit, value+change (CQE's ``calculate_metrics``)."""
    total_gt = total_tags = 0
    correct_value = correct_unit = correct_change = 0
    for rec, preds in zip(records, predictions, strict=True):
        gold = sorted(rec["quantities"], key=lambda d: d["normalized_unit"])
        tags = sorted(preds, key=lambda d: d["normalized_unit"])
        total_gt += len(gold)
        total_tags += len(preds)
        budget = len(gold)
        for g in gold:
            g_value = _decode(g["value"])
            g_unit = g["normalized_unit"].lower()
            for t in list(tags):
                if values_match(g_value, _decode(t["value"])):
                    if budget > 0:
                        correct_value += 1
                        budget -= 1
                    if t["change"] == g["change"]:
                        correct_change += 1
                    if t["normalized_unit"].lower() == g_unit:
                        correct_unit += 1
                        tags.remove(t)
                        tags.sort(key=lambda d: d["normalized_unit"])
                        break
    return {
        "value": _prf(correct_value, total_gt, total_tags),
        "value_unit": _prf(correct_unit, total_gt, total_tags),
        "value_change": _prf(correct_change, total_gt, total_tags),
    }


def _prf(correct: int, gold: int, predicted: int) -> dict[str, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f}


def predict(records: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [[to_cqe(q) for q in quantities_in(rec["text"])] for rec in records]


def published_baselines(path: Path) -> dict[str, dict[str, float]]:
    """Rows of ``published-results-NewsQuant.csv`` (tab-separated, percentages)."""
    names = {"value": "value_f1", "value+unit": "value_unit_f1", "value+change": "value_change_f1"}
    systems: dict[str, dict[str, float]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            metric = names.get((row.get("type") or "").strip())
            model = (row.get("model") or "").strip()
            if metric is None or not model:
                continue
            try:
                value = float(row["F1"]) / 100
            except (KeyError, ValueError) as exc:
                raise EvalDataError(f"{path}: bad F1 in row {row}") from exc
            systems.setdefault(f"{model} published (full set)", {})[metric] = round(value, 4)
    return systems


def score(data: Path) -> TaskResult:
    result = TaskResult(task="quantities")
    path = data / "quantities" / "newsquant.json"
    if not path.is_file():
        result.notes.append(f"{path} absent: newsquant not scored")
        return result
    records = load(path)
    scores = score_predictions(records, predict(records))
    result.sets[SET] = {
        "value_f1": round(scores["value"]["f1"], 4),
        "value_unit_f1": round(scores["value_unit"]["f1"], 4),
        "value_change_f1": round(scores["value_change"]["f1"], 4),
        "value_precision": round(scores["value"]["p"], 4),
        "value_recall": round(scores["value"]["r"], 4),
    }
    published = data / "quantities" / "published-results-NewsQuant.csv"
    if published.is_file():
        result.baselines[SET] = published_baselines(published)
    result.notes.append(
        f"newsquant: {len(records)} sentences, "
        f"{sum(len(r['quantities']) for r in records)} gold quantities; "
        "published rows are on the full 590-sentence set"
    )
    if not math.isfinite(result.sets[SET]["value_f1"]):
        raise EvalDataError(f"{path}: score is not finite")
    return result
