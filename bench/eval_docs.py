"""Write docs/evaluation.md from `triangulate eval TASK --data DIR --json` runs.

    python bench/eval_docs.py                      # runs every task on ../shared/eval (slow)
    python bench/eval_docs.py --from-dir RESULTS   # uses RESULTS/<task>.json saved earlier
    python bench/eval_docs.py --from-dir RESULTS --only summaries
                                                   # replaces that task's tables only

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


def _fmt(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def load_or_run(task: str, data: Path, from_dir: Path | None) -> dict[str, object] | None:
    """The saved ``--json`` result of ``task`` (None when absent) or a fresh run."""
    if from_dir is None:
        return run_task(task, data)
    saved = from_dir / f"{task}.json"
    if not (saved.exists() and saved.stat().st_size):
        return None
    result: dict[str, object] = json.loads(saved.read_text())
    return result


def update_tasks(tasks: list[str], data: Path, from_dir: Path | None, out: Path) -> int:
    """Replace the ``### task / set`` sections of ``tasks`` in the page ``out``."""
    sections: list[list[str]] = [[]]
    for line in out.read_text(encoding="utf-8").split("\n"):
        if line.startswith("### "):
            sections.append([])
        sections[-1].append(line)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
    for task in tasks:
        result = load_or_run(task, data, from_dir)
        if result is None:
            print(f"{task}: no saved result, left as it was", file=sys.stderr)
            continue
        ours = [n for n, sec in enumerate(sections) if sec[0].split(" / ")[0] in (f"### {task}",)]
        new = table(task, result)
        new[1:1] = ["", f"Updated {stamp} UTC from `triangulate eval {task} --data ../shared/eval --json`."]
        at = ours[0] if ours else len(sections)
        sections = [sec for n, sec in enumerate(sections) if n not in ours]
        sections.insert(at, new)
    out.write_text("\n".join(line for sec in sections for line in sec), encoding="utf-8")
    print(f"updated {', '.join(tasks)} in {out}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--from-dir", type=Path, help="folder of <task>.json saved from --json runs")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "evaluation.md")
    parser.add_argument(
        "--only", nargs="+", choices=TASKS, help="replace these tasks' tables in --out, keep the rest"
    )
    args = parser.parse_args()
    if args.only:
        return update_tasks(args.only, args.data, args.from_dir, args.out)
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
        saved = args.from_dir / f"{task}.json" if args.from_dir else None
        if saved is not None and not (saved.exists() and saved.stat().st_size):
            lines += [f"### {task}", "", "not run for this page", ""]
            continue
        result = json.loads(saved.read_text()) if saved else run_task(task, args.data)
        lines += table(task, result)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
