"""`triangulate eval stories`: B-cubed and ARI of story grouping, next to two baselines.

Sets (scored when their files exist under ``DIR/stories/``):

* ``giveme5w1h`` - ``giveme5w1h.jsonl``, full articles, gold ``event_id`` (records with
  empty text are dropped, as the data's README says);
* ``uci-headlines`` - ``uci-headlines.csv``, headlines only, gold ``STORY``;
* one set per other ``*.jsonl``, named by file stem, records
  ``{id, url, outlet, title, date, text, event}``.

Every set is scored with the same fixed configuration (``StoriesConfig()``). Baselines,
computed in the same run: TF-IDF + average-link agglomerative clustering with the
distance threshold tuned on the very set it is scored on (its best is reported: an upper
bound for that method), and single-pass threshold clustering over TF-IDF centroids
(also its best threshold).

The default row is ``stories.group`` as a reader gets it: with the embedding model
installed, embeddings on demand (thin articles and the headlines of the stories they are
compared with; the notes say how many texts were encoded). Then two more rows:
``triangulate_lexical`` (no embeddings) and ``triangulate_embeddings`` (every article
encoded). ``TRIANGULATE_EVAL_EMBEDDINGS=0`` skips the model: the default row is lexical.
"""

from __future__ import annotations

import csv
import os
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

from triangulate.errors import EvalDataError
from triangulate.eval import TaskResult, jsonl_records
from triangulate.model import Article

#: Thresholds tried for the tuned baselines (cosine similarity).
BASELINE_THRESHOLDS = (0.02, 0.03, 0.04, *(round(0.05 * i, 2) for i in range(1, 19)))


@dataclass(frozen=True)
class LabelledSet:
    name: str
    articles: tuple[Article, ...]
    gold: tuple[Hashable, ...]


# ------------------------------------------------------------------------ metrics
def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998), averaged over items."""
    if len(pred) != len(gold):
        raise ValueError("pred and gold must have the same length")
    if not pred:
        return 0.0, 0.0, 0.0
    joint = Counter(zip(pred, gold, strict=True))
    psize, gsize = Counter(pred), Counter(gold)
    p = sum(n * n / psize[c] for (c, _), n in joint.items()) / len(pred)
    r = sum(n * n / gsize[g] for (_, g), n in joint.items()) / len(pred)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def metrics(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    p, r, f = bcubed(pred, gold)
    codes = {g: i for i, g in enumerate(dict.fromkeys(gold))}
    pcodes = {c: i for i, c in enumerate(dict.fromkeys(pred))}
    ari = adjusted_rand_score([codes[g] for g in gold], [pcodes[c] for c in pred])
    return {
        "bcubed_f1": round(f, 4),
        "bcubed_precision": round(p, 4),
        "bcubed_recall": round(r, 4),
        "ari": round(float(ari), 4),
        "items": len(gold),
        "clusters": len(pcodes),
        "gold_clusters": len(codes),
    }


# ------------------------------------------------------------------------ loading
def _article(rid: str, title: str, text: str, date: str | None, outlet: str | None,
             url: str | None, where: str) -> Article:
    published = None
    if date:
        try:
            published = datetime.fromisoformat(date.replace("Z", "+00:00"))
        except ValueError as exc:
            raise EvalDataError(f"{where}: unreadable date {date!r}") from exc
        if published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
    return Article(id=rid, source=where, kind="jsonl", title=title, text=text, raw="",
                   sentences=(), url=url, outlet=outlet, published=published)


def load_jsonl(path: Path, name: str, gold_key: str) -> LabelledSet:
    arts, gold = [], []
    seen: set[str] = set()
    for where, n, rec in jsonl_records(path):
        if gold_key not in rec or rec[gold_key] in (None, ""):
            raise EvalDataError(f"{where}: no gold label {gold_key!r}")
        text = str(rec.get("text") or "")
        title = str(rec.get("title") or "")
        if not text.strip():
            continue  # records with empty text are dropped (data README)
        rid = str(rec.get("id") or f"{path.stem}-{n}")
        if rid in seen:
            rid = f"{rid}#{n}"
        seen.add(rid)
        date = rec.get("date") or rec.get("date_publish")
        outlet = rec.get("outlet") or rec.get("source_domain")
        arts.append(_article(rid, title, text, str(date) if date else None,
                             outlet, rec.get("url"), where))
        gold.append(rec[gold_key])
    if not arts:
        raise EvalDataError(f"{path}: no records with text")
    return LabelledSet(name, tuple(arts), tuple(gold))


def load_uci(path: Path) -> LabelledSet:
    arts, gold = [], []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"ID", "TITLE", "STORY", "TIMESTAMP"} - set(reader.fieldnames or ())
        if missing:
            raise EvalDataError(f"{path}: missing columns {', '.join(sorted(missing))}")
        for n, row in enumerate(reader, 2):
            try:
                ts = datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, tz=UTC)
            except (TypeError, ValueError) as exc:
                raise EvalDataError(f"{path}:{n}: bad TIMESTAMP {row['TIMESTAMP']!r}") from exc
            a = _article(f"uci-{row['ID']}", row["TITLE"], "", None, row.get("PUBLISHER"),
                         row.get("URL"), f"{path}:{n}")
            arts.append(Article(**{**a.__dict__, "published": ts}))
            gold.append(row["STORY"])
    return LabelledSet("uci-headlines", tuple(arts), tuple(gold))


def load_sets(data: Path) -> list[LabelledSet]:
    folder = data / "stories"
    sets = []
    give = folder / "giveme5w1h.jsonl"
    if give.is_file():
        sets.append(load_jsonl(give, "giveme5w1h", "event_id"))
    uci = folder / "uci-headlines.csv"
    if uci.is_file():
        sets.append(load_uci(uci))
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else []:
        if path.name != "giveme5w1h.jsonl":
            sets.append(load_jsonl(path, path.stem, "event"))
    return sets


# ------------------------------------------------------------------------ baselines
def _tfidf(arts: Sequence[Article]) -> csr_matrix:
    texts = [f"{a.title}\n{a.text}" for a in arts]
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1)
    return csr_matrix(vec.fit_transform(texts))


def baseline_agglomerative(arts: Sequence[Article], gold: Sequence[Hashable]) -> dict[str, float]:
    """TF-IDF + average-link agglomerative, best threshold on this very set."""
    x = _tfidf(arts).astype(np.float32)  # rows are L2-normalised
    sim = (x @ x.T).toarray()
    dist = np.clip(1.0 - sim[np.triu_indices(len(arts), k=1)], 0.0, 1.0).astype(np.float64)
    del sim
    tree = linkage(dist, "average")
    best: dict[str, float] = {}
    for t in BASELINE_THRESHOLDS:
        labels = fcluster(tree, t=1.0 - t, criterion="distance")
        m = metrics(labels.tolist(), gold)
        if not best or m["bcubed_f1"] > best["bcubed_f1"]:
            best = {**m, "threshold": t}
    return best


def single_pass(x: csr_matrix, threshold: float) -> list[int]:
    """Classic single-pass clustering: join the closest centroid if cosine >= threshold.

    ``x`` holds L2-normalised TF-IDF rows in arrival order; every centroid is compared
    (the quadratic method our clusterer's candidate search avoids).
    """
    n, dims = x.shape
    labels: list[int] = []
    sums = np.zeros((n, dims), dtype=np.float32)
    unit = np.zeros((n, dims), dtype=np.float32)
    k = 0
    for r in range(n):
        idx = x.indices[x.indptr[r] : x.indptr[r + 1]]
        vals = x.data[x.indptr[r] : x.indptr[r + 1]]
        if k and len(idx):
            sims = unit[:k, idx] @ vals
            j = int(np.argmax(sims))
            if sims[j] >= threshold:
                sums[j, idx] += vals
                unit[j] = sums[j] / (np.linalg.norm(sums[j]) or 1.0)
                labels.append(j)
                continue
        sums[k, idx] = vals
        unit[k, idx] = vals / (np.linalg.norm(vals) or 1.0)
        labels.append(k)
        k += 1
    return labels


def baseline_single_pass(arts: Sequence[Article], gold: Sequence[Hashable]) -> dict[str, float]:
    """Single-pass threshold clustering in published order, best threshold on this set."""
    order = sorted(range(len(arts)), key=lambda i: (arts[i].published is None,
                                                     arts[i].published or datetime.min.replace(tzinfo=UTC), arts[i].id))
    x = _tfidf([arts[i] for i in order]).astype(np.float32)
    # terms in one document only cannot link two documents: drop them (speed)
    keep = np.flatnonzero(np.asarray((x > 0).sum(axis=0)).ravel() >= 2)
    x = csr_matrix(x[:, keep])
    best: dict[str, float] = {}
    for t in BASELINE_THRESHOLDS[::2]:  # every other threshold: this method is slow
        labels_ordered = single_pass(x, t)
        labels = [0] * len(arts)
        for pos, i in enumerate(order):
            labels[i] = labels_ordered[pos]
        m = metrics(labels, [gold[i] for i in range(len(arts))])
        if not best or m["bcubed_f1"] > best["bcubed_f1"]:
            best = {**m, "threshold": t}
    return best


# ------------------------------------------------------------------------ ours
def predict(arts: Sequence[Article], mode: str = "default", embedder: object | None = None) -> list[str]:
    """Story id per article. ``mode``: ``default`` (embeddings on demand when ``embedder``
    is given, else lexical), ``lexical``, or ``embeddings`` (every article encoded)."""
    from triangulate import stories
    from triangulate.embed import Embedder

    if mode not in ("default", "lexical", "embeddings"):
        raise ValueError(f"unknown mode {mode!r}")
    model = embedder if isinstance(embedder, Embedder) and mode != "lexical" else None
    if mode == "embeddings":
        from triangulate.stories import embed

        groups = stories.group(arts, embeddings=embed.encode_articles(arts, model))
    else:
        groups = stories.group(arts, embedder=model)
    where = {aid: s.id for s in groups for aid in s.article_ids}
    return [where[a.id] for a in arts]


def score(data: Path) -> TaskResult:
    result = TaskResult(task="stories")
    sets = load_sets(data)
    if not sets:
        raise EvalDataError(f"{data / 'stories'}: no story sets (giveme5w1h.jsonl, uci-headlines.csv, *.jsonl)")
    from triangulate.embed import load_embedder, package_model_dir

    embedder = None
    if package_model_dir() is not None and os.environ.get("TRIANGULATE_EVAL_EMBEDDINGS") != "0":
        embedder, _ = load_embedder(required=True)
    else:
        result.notes.append("embedding rows skipped and the default row lexical "
                            "(model package absent or TRIANGULATE_EVAL_EMBEDDINGS=0)")
    for s in sets:
        gold = list(s.gold)
        before = getattr(embedder, "encoded", 0)
        result.sets[s.name] = metrics(predict(s.articles, "default", embedder), gold)
        if embedder is not None:
            result.notes.append(f"{s.name}: the default encoded "
                                f"{getattr(embedder, 'encoded', 0) - before} of {len(gold)} "
                                "texts (thin articles and story headlines, on demand)")
        base: dict[str, dict[str, float]] = defaultdict(dict)
        base["tfidf_agglomerative_best"] = baseline_agglomerative(s.articles, gold)
        base["single_pass_best"] = baseline_single_pass(s.articles, gold)
        if embedder is not None:
            base["triangulate_lexical"] = metrics(predict(s.articles, "lexical"), gold)
            base["triangulate_embeddings"] = metrics(
                predict(s.articles, "embeddings", embedder), gold)
        result.baselines[s.name] = dict(base)
    result.notes.append(
        "baselines: threshold tuned on the set itself (best reported); triangulate (default: "
        "embeddings on demand when the model is installed), triangulate_lexical and "
        "triangulate_embeddings (every article encoded) use one fixed configuration for every set"
    )
    return result
