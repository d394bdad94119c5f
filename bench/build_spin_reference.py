"""Rebuild triangulate/data/spin_reference.json: machine-rewording signal rates of ordinary news.

Reads ordinary (not machine-reworded) news articles from ../shared/eval and stores only
numbers (per-article signal rates and combined statistics), never text:

    python bench/build_spin_reference.py [--eval ../shared/eval]

Sources: quotes/polnear/{train,dev}/text/*.txt and stories/giveme5w1h.jsonl.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from triangulate.provenance.spin import REFERENCE_FILE, Reference  # noqa: E402


def reference_texts(data: Path) -> list[str]:
    texts: list[str] = []
    for split in ("train", "dev"):
        folder = data / "quotes" / "polnear" / split / "text"
        texts += [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))]
    jsonl = data / "stories" / "giveme5w1h.jsonl"
    if jsonl.is_file():
        for line in jsonl.read_text("utf-8").splitlines():
            if line.strip():
                text = json.loads(line).get("text") or ""
                if text.strip():
                    texts.append(text)
    return texts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    args = ap.parse_args()
    texts = reference_texts(args.eval)
    if not texts:
        print(f"no reference articles under {args.eval}", file=sys.stderr)
        return 1
    ref = Reference.build(texts)
    out = ROOT / "src" / "triangulate" / "data" / REFERENCE_FILE
    out.write_text(json.dumps(ref.to_json(), separators=(",", ":")) + "\n", "utf-8")
    print(f"{len(texts)} reference articles -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
