"""Speed of cleaning + sentence splitting alone (no ingest, no store), single process.

    .venv/bin/python bench/clean_split.py [PATH ...]

PATH: files or folders read with ``triangulate.ingest`` (default: examples/harbour-bridge
and, when present, ../shared/eval/quotes/polnear/*/text as real scraped news). Each set is
also cut to "short" articles (the first ~1,500 characters, at a line break). Reports
articles/s and MB/s in CPU time (``time.process_time``, best of 3 runs), with the
per-paragraph language caches cleared before every run so no article is cheaper for
having been seen before.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from triangulate import ingest
from triangulate import text as T
from triangulate.clean import clean
from triangulate.model import Document

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "eval" / "quotes" / "polnear"


def _clear_caches() -> None:
    T.clear_caches()


def _shorten(doc: Document, limit: int = 1500) -> Document:
    text = doc.text[:limit]
    if len(doc.text) > limit and "\n" in text:
        text = text[: text.rfind("\n")]
    return Document(source=doc.source, kind=doc.kind, text=text, raw=text, title=doc.title)


def measure(label: str, docs: list[Document], repeat: int = 3) -> None:
    if not docs:
        return
    best = float("inf")
    sentences = 0
    for _ in range(repeat):
        _clear_caches()
        start = time.process_time()
        sentences = sum(len(T.split_sentences(clean(d).text)) for d in docs)
        best = min(best, time.process_time() - start)
    chars = sum(len(d.text) for d in docs)
    print(
        f"{label:42s} {len(docs):5d} articles, mean {chars / len(docs):6.0f} chars: "
        f"{len(docs) / best:7.0f} articles/s, {chars / best / 1e6:5.2f} MB/s, "
        f"{sentences} sentences"
    )


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or [ROOT / "examples" / "harbour-bridge"]
    T._identifier()  # load the language model outside the timing
    sets: list[tuple[str, list[Document]]] = []
    for path in paths:
        docs = [d for d in ingest.read([path]) if isinstance(d, Document)]
        sets.append((path.name, docs * max(1, 200 // max(1, len(docs)))))
    if not argv and POLNEAR.is_dir():
        texts = sorted(POLNEAR.glob("*/text"))  # the articles, not the .ann annotations
        docs = [d for d in ingest.read(texts) if isinstance(d, Document)]
        sets.append(("polnear (real scraped news)", docs))
    for name, docs in sets:
        measure(name, docs)
        measure(f"{name}, short (<= 1,500 chars)", [_shorten(d) for d in docs])


if __name__ == "__main__":
    main(sys.argv[1:])
