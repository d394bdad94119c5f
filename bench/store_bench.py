"""Store speed: articles per second for ``SqliteStore.add_many`` into a file on disk.

    python bench/store_bench.py [--articles 2000] [--sentences 30] [--repeat 3]

Synthetic articles (deterministic, ~30 sentences of ~20 words each, two removed
passages, a little metadata) are written to a fresh file in a temporary folder; then
the same batch is added again (all duplicates), and everything is read back with
``articles()``; last the batch is added again to a fresh file with one ``add`` (one
transaction) per article, as a caller that does not use ``batch()`` would. The best
of ``--repeat`` runs is printed for each step, with the CPU time of this process beside
the wall time (on a busy machine the two differ a lot).
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from triangulate.model import Article, Passage, Sentence, content_hash
from triangulate.store.sqlite import SqliteStore

VOCABULARY = (
    "the minister said on tuesday that a bridge inspection found cracks in two support "
    "beams and officials closed lanes while engineers from the city council reviewed "
    "reports about costs delays repairs traffic safety contractors workers residents"
)
WORDS = VOCABULARY.split()


def synthetic_articles(n: int, sentences: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    start = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
    out = []
    for i in range(n):
        parts: list[str] = []
        spans: list[Sentence] = []
        offset = 0
        for j in range(sentences):
            words = rng.choices(WORDS, k=rng.randint(12, 28))
            text = " ".join(words).capitalize() + "."
            if j and j % 5 == 0:
                parts.append("\n\n")
                offset += 2
            elif j:
                parts.append(" ")
                offset += 1
            spans.append(Sentence(j, offset, offset + len(text), text, j // 5))
            parts.append(text)
            offset += len(text)
        body = "".join(parts)
        out.append(
            Article(
                id=content_hash(body)[:16],
                source=f"synthetic/{i:05d}.txt",
                kind="text",
                title=f"Synthetic report {i}",
                text=body,
                raw=f"Synthetic report {i}\n\n{body}\nShare this article",
                sentences=tuple(spans),
                url=f"https://example.org/news/{i}",
                outlet=f"Outlet {i % 17}",
                published=start + timedelta(minutes=i),
                byline="By A. Writer",
                removed=(
                    Passage("residue", "Share this article", "share-widget"),
                    Passage("residue", "Read More", "read-more"),
                ),
                metadata={"section": "city", "tags": ["bridge", "council"], "n": i},
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--sentences", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    articles = synthetic_articles(args.articles, args.sentences)
    n = len(articles)
    best: dict[str, float] = {}
    cpu: dict[str, float] = {}
    size = 0
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench.sqlite"
            store = SqliteStore(path)
            t0, c0 = time.perf_counter(), time.process_time()
            results = store.add_many(articles)
            t1, c1 = time.perf_counter(), time.process_time()
            again = store.add_many(articles)
            t2, c2 = time.perf_counter(), time.process_time()
            loaded = sum(1 for _ in store.articles())
            t3, c3 = time.perf_counter(), time.process_time()
            store.close()
            size = path.stat().st_size
            assert all(r.status == "new" for r in results), "expected only new articles"
            assert all(r.status == "duplicate" for r in again), "expected only duplicates"
            assert loaded == n
            steps: list[tuple[str, float, float]] = [
                ("add_many new", t1 - t0, c1 - c0),
                ("add_many duplicates", t2 - t1, c2 - c1),
                ("articles() read back", t3 - t2, c3 - c2),
            ]
            single = SqliteStore(Path(tmp) / "single.sqlite")
            t4, c4 = time.perf_counter(), time.process_time()
            for article in articles:
                single.add(article)  # no batch(): one transaction per article
            t5, c5 = time.perf_counter(), time.process_time()
            single.close()
            steps.append(("add() one txn each", t5 - t4, c5 - c4))
            for step, seconds, cpu_seconds in steps:
                if seconds < best.get(step, float("inf")):
                    best[step], cpu[step] = seconds, cpu_seconds
    print(
        f"   {n} articles x {args.sentences} sentences, file {size / 1e6:.1f} MB, "
        f"best of {args.repeat}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    )
    for step, seconds in best.items():
        print(
            f"   {step:<22} {n / seconds:>9,.0f} articles/s  ({seconds:.3f} s wall, "
            f"{cpu[step]:.3f} s CPU)"
        )


if __name__ == "__main__":
    main()
