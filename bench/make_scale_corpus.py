"""Build the story-benchmark scale corpus from real news texts, by deterministic perturbation.

What it is: the real articles in ``../shared/eval`` (DUC 2004 documents, PolNeAR texts,
Giveme5W1H articles with text: about 1,350 texts) are each turned into many *synthetic
events*: for event k of a base text, a share of its named entities (capitalised words) is
swapped for names taken from other texts and its date is moved by k * ``EVENT_GAP_DAYS``
days; each synthetic event is then reported by several *synthetic outlets*, each dropping
some sentences and published within two days. So the corpus has realistic news wording
and length, many near-identical events far apart in time (the hard case for story
grouping), and copies with edits. It is not real news and not a quality benchmark: the
labels (``event``) only say which perturbations came from one synthetic event.

Output: JSONL records ``{id, title, text, date, outlet, event}``, written to a temporary
or given folder (never to the repository). Same arguments, same bytes.

    python bench/make_scale_corpus.py --n 100000 --out /tmp/triangulate-scale
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
#: Days between two synthetic events made from the same base text.
EVENT_GAP_DAYS = 41
#: Reports (synthetic outlets) per synthetic event.
REPORTS_PER_EVENT = 5
#: Share of sentences each report drops, and of entities each event swaps.
DROP_SHARE = 0.25
SWAP_SHARE = 0.5
SEED = 20140310

_ENTITY = re.compile(r"\b[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})*\b")
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_DATE_IN_NAME = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


def base_texts(shared_eval: Path = SHARED_EVAL) -> list[tuple[str, str, datetime]]:
    """(title, text, date) of every real text the corpus is built from, in a fixed order."""
    out: list[tuple[str, str, datetime]] = []
    default = datetime(2016, 1, 1, tzinfo=UTC)
    for path in sorted((shared_eval / "summaries" / "duc2004" / "docs").glob("*/*")):
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        m = re.search(r"(\d{4})(\d{2})(\d{2})", path.name)
        date = datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=UTC) if m else default
        first = text.split("\n", 1)[0]
        out.append((first[:120], text, date))
    for path in sorted((shared_eval / "quotes" / "polnear").glob("*/text/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        title, _, body = text.partition("\n")
        m = _DATE_IN_NAME.search(path.name)
        date = datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=UTC) if m else default
        out.append((title.strip(), body.strip(), date))
    give = shared_eval / "stories" / "giveme5w1h.jsonl"
    if give.is_file():
        for line in give.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if not (rec.get("text") or "").strip():
                continue
            try:
                date = datetime.fromisoformat(rec["date_publish"]).replace(tzinfo=UTC)
            except (KeyError, TypeError, ValueError):
                date = default
            out.append((rec.get("title") or "", rec["text"], date))
    return [t for t in out if len(t[1]) > 200]


def _swap_map(text: str, pool: list[str], rng: random.Random) -> dict[str, str]:
    names = sorted(set(_ENTITY.findall(text)))
    chosen = [n for n in names if rng.random() < SWAP_SHARE]
    return {n: rng.choice(pool) for n in chosen}


def _apply(text: str, swaps: dict[str, str]) -> str:
    if not swaps:
        return text
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(swaps, key=len, reverse=True)) + r")\b")
    return pattern.sub(lambda m: swaps[m.group()], text)


def records(n: int, shared_eval: Path = SHARED_EVAL) -> Iterator[dict[str, str]]:
    """The first ``n`` records of the corpus (deterministic)."""
    bases = base_texts(shared_eval)
    if not bases:
        raise SystemExit(f"{shared_eval}: no base texts found (DUC, PolNeAR, Giveme5W1H)")
    pool = sorted({e for _, text, _ in bases[:400] for e in _ENTITY.findall(text)})
    per_base_events = -(-n // (len(bases) * REPORTS_PER_EVENT))
    made = 0
    for k in range(per_base_events):
        for b, (title, text, date) in enumerate(bases):
            rng = random.Random(SEED * 1_000_003 + b * 1009 + k)
            swaps = _swap_map(title + "\n" + text, pool, rng) if k else {}
            e_title, e_text = _apply(title, swaps), _apply(text, swaps)
            e_date = date + timedelta(days=k * EVENT_GAP_DAYS)
            sentences = _SENT.split(e_text)
            for r in range(REPORTS_PER_EVENT):
                kept = [s for i, s in enumerate(sentences) if i == 0 or rng.random() >= DROP_SHARE]
                when = e_date + timedelta(minutes=rng.randrange(0, 2 * 24 * 60))
                yield {
                    "id": f"b{b}-e{k}-r{r}",
                    "title": e_title if r == 0 else f"{e_title} ({['update', 'report', 'live', 'analysis', 'wire'][r % 5]})",
                    "text": " ".join(kept),
                    "date": when.isoformat(),
                    "outlet": f"outlet{(b + r) % 37}",
                    "event": f"b{b}-e{k}",
                }
                made += 1
                if made >= n:
                    return


def write(n: int, out: Path, shared_eval: Path = SHARED_EVAL) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"scale-{n}.jsonl.gz"
    if path.exists():
        return path
    tmp = path.with_suffix(".part")
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=3) as fh:
        for rec in records(n, shared_eval):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=100_000)
    p.add_argument("--out", type=Path, default=Path("/tmp/triangulate-scale"))
    p.add_argument("--shared-eval", type=Path, default=SHARED_EVAL)
    args = p.parse_args(argv)
    if not args.shared_eval.is_dir():
        print(f"{args.shared_eval}: absent; the scale corpus is built from it", file=sys.stderr)
        return 2
    print(write(args.n, args.out, args.shared_eval))
    return 0


if __name__ == "__main__":
    sys.exit(main())
