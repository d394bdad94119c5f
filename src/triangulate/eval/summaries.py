"""`triangulate eval summaries`: DUC 2004 task 2, scored like ROUGE-1.5.5 ``-n 4 -m -l 100``.

Set ``duc2004`` = ``DIR/summaries/duc2004`` with

    docs/<cluster>t/<DOC>.txt        the cluster's articles, one sentence per line
                                     (e.g. docs/d30002t/APW19981027.0241.txt)
    references/<cluster>.m.100.t.<X> human 100-word summaries, one sentence per line
    peers/<cluster>.<System>         published systems' summaries

For every cluster with documents and references we summarise the documents (100 words,
``GENERIC_SETTINGS``: the learned concept worth; ``fill=True``: the last sentence may pass
100 words and is cut by the scorer, as for the peers, several of which run past 100 words
too) and score ours and every peer with the
same scorer (:mod:`triangulate.eval.rouge`). Metrics: ``rouge1_recall``,
``rouge2_recall``, the mean over clusters; a peer is scored over the clusters it has.
When ``published-rouge-1.5.5-all-clusters.txt`` is present, the notes say how well our
scorer reproduces the published per-cluster ROUGE-1.5.5 numbers of the peers.
"""

from __future__ import annotations

import re
import statistics
import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from triangulate.embed import Embedder, load_embedder
from triangulate.errors import EvalDataError
from triangulate.eval import TaskResult
from triangulate.eval.rouge import score_summary
from triangulate.model import Article, Sentence, content_hash
from triangulate.summarize import GENERIC_SETTINGS, summarize

SET = "duc2004"
LIMIT = 100
_DOC_NAME = re.compile(r"^([A-Z]+)(\d{4})(\d{2})(\d{2})")
_PUBLISHED_LINE = re.compile(r"^(\S+) ROUGE-(\d) Eval (d\d+)\.\S+ R:([\d.]+)")


def _read_lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = path.read_text(encoding="latin-1")
    except OSError as exc:
        raise EvalDataError(f"{path}: cannot be read ({exc.strerror})") from exc
    return text.splitlines()


def load_article(path: Path) -> Article:
    """A DUC document (one sentence per line) as an Article; outlet and date from its name."""
    lines = [line.strip() for line in _read_lines(path)]
    lines = [line for line in lines if line]
    if not lines:
        raise EvalDataError(f"{path}: empty document")
    sentences = []
    offset = 0
    for i, line in enumerate(lines):
        sentences.append(
            Sentence(index=i, start=offset, end=offset + len(line), text=line, paragraph=0)
        )
        offset += len(line) + 1
    text = "\n".join(lines)
    m = _DOC_NAME.match(path.name)
    outlet = m.group(1) if m else None
    published = None
    if m:
        try:
            published = datetime(int(m.group(2)), int(m.group(3)), int(m.group(4)))
        except ValueError:
            published = None
    doc_id = path.name.removesuffix(".txt")
    return Article(
        id=doc_id,
        source=str(path),
        kind="text",
        title="",
        text=text,
        raw=text,
        sentences=tuple(sentences),
        outlet=outlet,
        published=published,
        metadata={"content_hash": content_hash(text)},
    )


def load_clusters(root: Path) -> dict[str, list[Article]]:
    """cluster id (``d30002``) -> its articles, in name order (date, then wire number)."""
    docs = root / "docs"
    if not docs.is_dir():
        raise EvalDataError(f"{docs}: missing (expected docs/<cluster>t/<doc>.txt)")
    clusters: dict[str, list[Article]] = {}
    for folder in sorted(p for p in docs.iterdir() if p.is_dir()):
        files = sorted(p for p in folder.iterdir() if p.is_file())
        if not files:
            raise EvalDataError(f"{folder}: no documents")
        clusters[folder.name.removesuffix("t")] = [load_article(f) for f in files]
    if not clusters:
        raise EvalDataError(f"{docs}: no cluster folders")
    return clusters


def load_summaries(folder: Path, kind: str) -> dict[str, dict[str, list[str]]]:
    """``references`` -> {cluster: {annotator: lines}}; ``peers`` -> {cluster: {system: lines}}."""
    out: dict[str, dict[str, list[str]]] = defaultdict(dict)
    if not folder.is_dir():
        raise EvalDataError(f"{folder}: missing")
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        cluster, _, rest = path.name.partition(".")
        if not rest:
            raise EvalDataError(f"{path}: name is not <cluster>.<{kind} id>")
        name = rest.rsplit(".", 1)[-1] if kind == "references" else rest
        out[cluster][name] = _read_lines(path)
    return dict(out)


def load_published(path: Path) -> dict[tuple[str, int], dict[str, float]]:
    """(system, n) -> {cluster: recall} from ROUGE-1.5.5 ``-d`` output."""
    out: dict[tuple[str, int], dict[str, float]] = defaultdict(dict)
    for line in _read_lines(path):
        m = _PUBLISHED_LINE.match(line)
        if m:
            out[(m.group(1), int(m.group(2)))][m.group(3)] = float(m.group(4))
    return dict(out)


def summary_lines(articles: Sequence[Article], embedder: Embedder | None) -> list[str]:
    """Our 100-word summary of a cluster, one sentence per line."""
    result = summarize(
        articles, words=LIMIT, embedder=embedder, fill=True, settings=GENERIC_SETTINGS
    )
    return [s.text for s in result.sentences]


def score(data: Path, *, embedder: Embedder | str | None = "auto") -> TaskResult:
    """Score our summaries and the peers' on ``data/summaries/duc2004``."""
    root = data / "summaries" / SET
    result = TaskResult(task="summaries")
    if not root.is_dir():
        result.notes.append(f"{root}: absent, nothing scored")
        return result
    clusters = load_clusters(root)
    references = load_summaries(root / "references", "references")
    peers_dir = root / "peers"
    peers = load_summaries(peers_dir, "peers") if peers_dir.is_dir() else {}
    scored = [c for c in clusters if references.get(c)]
    if not scored:
        raise EvalDataError(f"{root}: no cluster has both docs/ and references/")
    missing = sorted(set(clusters) - set(scored))
    if missing:
        result.notes.append(f"clusters without references, skipped: {', '.join(missing)}")

    if embedder == "auto":
        loaded, note = load_embedder()
        embedder = loaded
        if note:
            result.notes.append(note)
    model: Embedder | None = embedder if not isinstance(embedder, str) else None

    ours: dict[int, list[float]] = {1: [], 2: []}
    systems: dict[str, dict[int, dict[str, float]]] = defaultdict(lambda: {1: {}, 2: {}})
    seconds_embed = seconds_select = 0.0
    for cluster in scored:
        articles = clusters[cluster]
        models = list(references[cluster].values())
        if model is not None:
            t0 = time.perf_counter()
            model.encode([s.text for a in articles for s in a.sentences])
            seconds_embed += time.perf_counter() - t0
        t0 = time.perf_counter()
        lines = summary_lines(articles, model)
        seconds_select += time.perf_counter() - t0
        s = score_summary(lines, models, ns=(1, 2), limit=LIMIT)
        ours[1].append(s[1].recall)
        ours[2].append(s[2].recall)
        for system, peer_lines in sorted(peers.get(cluster, {}).items()):
            p = score_summary(peer_lines, models, ns=(1, 2), limit=LIMIT)
            systems[system][1][cluster] = p[1].recall
            systems[system][2][cluster] = p[2].recall

    result.sets[SET] = {
        "rouge1_recall": round(statistics.fmean(ours[1]), 5),
        "rouge2_recall": round(statistics.fmean(ours[2]), 5),
    }
    result.notes.append(f"{len(scored)} clusters scored")
    result.baselines[SET] = {
        system: {
            "rouge1_recall": round(statistics.fmean(v[1].values()), 5),
            "rouge2_recall": round(statistics.fmean(v[2].values()), 5),
        }
        for system, v in sorted(systems.items())
    }
    result.notes.append(
        f"summarising took {1000 * seconds_select / len(scored):.0f} ms per cluster after "
        f"embeddings ({seconds_embed / len(scored):.1f} s per cluster to embed)"
    )
    published = root / "published-rouge-1.5.5-all-clusters.txt"
    if published.is_file() and systems:
        result.notes.append(_agreement(load_published(published), systems))
    return result


def _agreement(
    published: dict[tuple[str, int], dict[str, float]],
    systems: dict[str, dict[int, dict[str, float]]],
) -> str:
    """How closely our scorer reproduces the published ROUGE-1.5.5 per-cluster recalls."""
    parts = []
    for n in (1, 2):
        diffs = [
            abs(round(r, 5) - published[(system, n)][cluster])
            for system, by_n in systems.items()
            for cluster, r in by_n[n].items()
            if cluster in published.get((system, n), {})
        ]
        if not diffs:
            continue
        exact = sum(d < 6e-6 for d in diffs)
        system_means = [
            abs(
                statistics.fmean(by_n[n].values())
                - statistics.fmean(published[(system, n)][c] for c in by_n[n])
            )
            for system, by_n in systems.items()
            if all(c in published.get((system, n), {}) for c in by_n[n])
        ]
        parts.append(
            f"ROUGE-{n}: {exact}/{len(diffs)} system-cluster scores identical to the "
            f"published ROUGE-1.5.5 ones, mean |difference| {statistics.fmean(diffs):.5f}, "
            f"largest {max(diffs):.5f}; per-system means differ by at most "
            f"{max(system_means, default=0.0):.5f}"
        )
    return (
        "scorer vs published: " + "; ".join(parts) if parts else "scorer vs published: no overlap"
    )
