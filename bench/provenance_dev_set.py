"""Write our own labelled provenance dev set in the evaluation layout.

    python bench/provenance_dev_set.py OUT_DIR
    triangulate eval provenance --data OUT_DIR

OUT_DIR/provenance/ours.jsonl gets one record per article ({id, url, outlet, title, date,
text, event, origin, relation}) from two stories written by this team:

- ``harbour-bridge``: examples/harbour-bridge with its gold file (relation and origin of
  each article); the text is what our readers extract from each input (HTML, feed, JSONL);
- ``larkspur-flood``: the invented flood story of tests/provenance_fixtures.py (an original
  wire report, a verbatim, an edited and a reworded copy, one independent report).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def harbour_bridge() -> list[dict[str, str]]:
    from triangulate import ingest
    from triangulate.model import Document

    folder = ROOT / "examples" / "harbour-bridge"
    gold_path = ROOT / "examples" / "harbour-bridge.gold.json"
    if not folder.is_dir() or not gold_path.is_file():
        return []
    gold = json.loads(gold_path.read_text("utf-8"))["articles"]
    out = []
    for doc in ingest.read([folder]):
        if not isinstance(doc, Document):
            continue
        key = Path(doc.source).name
        if key not in gold:
            continue
        g = gold[key]
        out.append(
            {
                "id": key,
                "url": doc.url or "",
                "outlet": doc.outlet or g.get("outlet") or "",
                "title": doc.title,
                "date": doc.published.isoformat() if doc.published else (g.get("published") or ""),
                "text": doc.text,
                "event": "harbour-bridge",
                "origin": g["origin"],
                "relation": g["relation"],
            }
        )
    return out


def larkspur_flood() -> list[dict[str, str]]:
    import provenance_fixtures as fx

    labels = {
        "original": "original",
        "verbatim": "verbatim",
        "edited": "edited",
        "paraphrase": "paraphrase",
        "independent": "independent",
    }
    out = []
    for key, art in fx.story().items():
        out.append(
            {
                "id": art.id,
                "url": "",
                "outlet": art.outlet or "",
                "title": art.title,
                "date": art.published.isoformat() if art.published else "",
                "text": art.text,
                "event": "larkspur-flood",
                "origin": art.id if key == "independent" else "a-original",
                "relation": labels[key],
            }
        )
    return out


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(sys.argv[1]) / "provenance"
    out.mkdir(parents=True, exist_ok=True)
    records = harbour_bridge() + larkspur_flood()
    path = out / "ours.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    print(f"{len(records)} records -> {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
