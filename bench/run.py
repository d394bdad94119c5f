"""`make bench`: run every benchmark, one process each (clean peak-memory figures).

Each benchmark prints its results; this runner only starts them in turn and says which
were skipped. Numbers quoted in docs/benchmarks.md come from this command.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: (title, script, arguments) in the order they run.
BENCHMARKS: list[tuple[str, str, list[str]]] = [
    ("ingest: plain text", "ingest_bench.py", ["text"]),
    ("ingest: HTML pages", "ingest_bench.py", ["html"]),
    ("HTML extraction variants", "extraction_speed.py", []),
    ("clean + split", "clean_split.py", []),
    ("store", "store_bench.py", []),
    ("stories", "stories_bench.py", []),
    ("provenance", "provenance_bench.py", []),
    ("quotes", "quotes_bench.py", []),
    ("quantities", "quantities_bench.py", []),
    ("analyze end to end", "analyze_bench.py", []),
]


def main() -> int:
    failed = 0
    for title, script, args in BENCHMARKS:
        path = HERE / script
        print(f"== {title} ({' '.join(['bench/' + script, *args])})", flush=True)
        if not path.exists():
            print("   not present yet: skipped")
            continue
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, str(path), *args], check=False)
        print(f"   ({time.perf_counter() - started:.1f} s wall)", flush=True)
        if proc.returncode != 0:
            print(f"   FAILED with exit code {proc.returncode}")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
