"""Write docs/evaluation.md from `triangulate eval TASK --data DIR --json` runs.

    python bench/eval_docs.py                      # runs every task on ../shared/eval (slow)
    python bench/eval_docs.py --from-dir RESULTS   # uses RESULTS/<task>.json saved earlier
    python bench/eval_docs.py --from-dir RESULTS --only stories   # rewrites that task's
                                                   # tables in the existing page, keeps the rest

Each table is exactly what the eval command printed (ours first, then the baselines the
command computed or quoted in the same run), so every number in the page is reproducible
by the command named above it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Wider tables are printed with one row per metric instead.
MAX_COLUMNS = 8
TASKS = ["extraction", "stories", "provenance", "quotes", "quantities", "summaries"]


def run_task(task: str, data: Path) -> dict[str, object]:
    exe = Path(sys.executable).with_name("triangulate")
    out = subprocess.run(
        [str(exe), "eval", task, "--data", str(data), "--json"],
        check=True, capture_output=True, text=True,
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def table(task: str, result: dict[str, object]) -> list[str]:
    lines: list[str] = []
    sets = result.get("sets", {})
    baselines = result.get("baselines", {})
    assert isinstance(sets, dict) and isinstance(baselines, dict)
    for name, metrics in sets.items():
        systems = {"**triangulate**": metrics, **baselines.get(name, {})}
        columns: list[str] = []
        for values in systems.values():
            columns += [m for m in values if m not in columns]
        lines += [f"### {task} / {name}", ""]
        if len(columns) <= MAX_COLUMNS:
            lines.append("| system | " + " | ".join(columns) + " |")
            lines.append("|---|" + "---:|" * len(columns))
            for system, values in systems.items():
                cells = [_fmt(values.get(c)) for c in columns]
                lines.append(f"| {system} | " + " | ".join(cells) + " |")
        else:  # many metrics: one row per metric, one column per system
            lines.append("| metric | " + " | ".join(systems) + " |")
            lines.append("|---|" + "---:|" * len(systems))
            for c in columns:
                cells = [_fmt(values.get(c)) for values in systems.values()]
                lines.append(f"| {c} | " + " | ".join(cells) + " |")
        lines.append("")
    return lines


def _load(task: str, from_dir: Path | None, data: Path) -> dict[str, object] | None:
    if from_dir is None:
        return run_task(task, data)
    saved = from_dir / f"{task}.json"
    if not (saved.exists() and saved.stat().st_size):
        return None
    result: dict[str, object] = json.loads(saved.read_text())
    return result


def rewrite_tasks(out: Path, tasks: list[str], from_dir: Path | None, data: Path) -> int:
    """Replace the tables of ``tasks`` in an existing page; every other line is kept.

    A task's tables run from its first ``### task`` heading to the next other heading.
    """
    lines = out.read_text(encoding="utf-8").split("\n")
    for task in tasks:
        result = _load(task, from_dir, data)
        if result is None:
            print(f"{task}: no saved run, page left as it was")
            continue
        mine = [i for i, line in enumerate(lines) if _task_of(line) == task]
        if not mine:
            print(f"{task}: no tables in {out} to replace")
            return 1
        end = next((i for i in range(mine[-1] + 1, len(lines))
                    if lines[i].startswith("#") and _task_of(lines[i]) != task), len(lines))
        stamp = f"({task} tables rewritten {datetime.now(UTC).strftime('%Y-%m-%d %H:%M')} UTC.)"
        lines[mine[0]:end] = [*table(task, result), stamp, ""]
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"rewrote {', '.join(tasks)} in {out}")
    return 0


def _task_of(line: str) -> str | None:
    if not line.startswith("### "):
        return None
    return line[4:].split(" / ")[0].strip()


def _fmt(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--from-dir", type=Path, help="folder of <task>.json saved from --json runs")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "evaluation.md")
    parser.add_argument("--only", choices=TASKS, action="append",
                        help="rewrite only this task's tables in the existing page (repeatable)")
    args = parser.parse_args()
    if args.only:
        return rewrite_tasks(args.out, args.only, args.from_dir, args.data)
    lines = [
        "# Evaluation",
        "",
        "Quality of each stage on the development half of the labelled data in",
        "`../shared/eval` (see its README; a held-out half is scored separately). Each table",
        "is the output of `triangulate eval TASK --data ../shared/eval --json`; this page is",
        "written by `python bench/eval_docs.py`. Baselines are computed in the same run, or",
        "quoted from the publication where the row says so.",
        "",
        f"Written {datetime.now(UTC).strftime('%Y-%m-%d %H:%M')} UTC.",
        "",
    ]
    for task in TASKS:
        result = _load(task, args.from_dir, args.data)
        if result is None:
            lines += [f"### {task}", "", "not run for this page", ""]
            continue
        lines += table(task, result)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
