"""`triangulate eval TASK --data DIR`: score our stages on labelled data.

Each task lives in its own module exposing ``score(data: Path) -> TaskResult``; the
contract for tasks, set names and metric names is the one in ``../shared/eval/README.md``.
A set is scored only when its files exist under ``data``.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from triangulate.errors import EvalDataError

#: task name -> module under triangulate.eval that provides ``score``.
TASKS: dict[str, str] = {
    "extraction": "triangulate.eval.extraction",
    "stories": "triangulate.eval.stories",
    "provenance": "triangulate.eval.provenance",
    "quotes": "triangulate.eval.quotes",
    "quantities": "triangulate.eval.quantities",
    "summaries": "triangulate.eval.summaries",
}


@dataclass
class TaskResult:
    """Scores of one task: ``sets[set][metric]`` and ``baselines[set][system][metric]``."""

    task: str
    sets: dict[str, dict[str, float]] = field(default_factory=dict)
    baselines: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"task": self.task, "sets": self.sets, "baselines": self.baselines}


def jsonl_records(path: Path) -> Iterator[tuple[str, int, dict[str, Any]]]:
    """``(where, line number, record)`` for each non-blank line of a labelled JSONL file.

    A line that is not a JSON object raises ``EvalDataError`` naming ``path:line``.
    """
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalDataError(f"{where}: not JSON ({exc.msg})") from exc
            if not isinstance(rec, dict):
                raise EvalDataError(f"{where}: a record must be a JSON object")
            yield where, n, rec


def available_tasks() -> list[str]:
    """Tasks whose scorer module is installed."""
    found = []
    for name, module in TASKS.items():
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        found.append(name)
    return found


def run(task: str, data: Path) -> TaskResult:
    """Score one task on the data folder ``data``."""
    if task not in TASKS:
        raise EvalDataError(f"unknown task {task!r}; one of: {', '.join(TASKS)}, all")
    if not data.is_dir():
        raise EvalDataError(f"{data}: not a folder")
    module = importlib.import_module(TASKS[task])
    result: TaskResult = module.score(data)
    return result


def merge(results: list[TaskResult]) -> TaskResult:
    """One result for `eval all`: set names are prefixed with their task."""
    merged = TaskResult(task="all")
    for r in results:
        for name, metrics in r.sets.items():
            merged.sets[f"{r.task}/{name}"] = metrics
        for name, systems in r.baselines.items():
            merged.baselines[f"{r.task}/{name}"] = systems
        merged.notes.extend(f"{r.task}: {n}" for n in r.notes)
    return merged


def format_table(result: TaskResult) -> str:
    """A readable table: one block per set, ours first, then the baselines."""
    lines = [f"task: {result.task}"]
    for set_name, metrics in result.sets.items():
        names = list(metrics)
        systems = result.baselines.get(set_name, {})
        for sys_metrics in systems.values():
            names += [m for m in sys_metrics if m not in names]
        width = max([len("system"), len("triangulate"), *(len(s) for s in systems)])
        lines.append("")
        lines.append(f"[{set_name}]")
        lines.append("  " + "system".ljust(width) + "".join(f"  {n:>14}" for n in names))
        rows = [("triangulate", metrics), *systems.items()]
        for system, values in rows:
            cells = "".join(f"  {_fmt(values.get(n)):>14}" for n in names)
            lines.append("  " + system.ljust(width) + cells)
    for note in result.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines)


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, int) or (float(value).is_integer() and abs(value) > 1):
        return str(int(value))
    return f"{value:.4f}"


def dumps(result: TaskResult) -> str:
    return json.dumps(result.to_json(), sort_keys=False)
