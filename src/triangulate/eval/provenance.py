"""`triangulate eval provenance`: same-statement decisions and origin families.

Sets (scored when their files exist under DIR):

    msrp     ``paraphrase/msrp_test.txt`` if present (scored with the committed
             coefficients), else ``paraphrase/msrp_train.txt`` - the half the model was fitted
             on, so the numbers are 10-fold cross-validated (model and threshold refitted
             inside each fold) and a note says so. Metrics ``accuracy``, ``f1``.
    <stem>   one set per ``provenance/*.jsonl`` (records ``{id, url, outlet, title, date,
             text, event, origin, relation}``). Each event is analysed as one story
             (``provenance.analyze_story`` on the cleaned texts); metrics
             ``relation_macro_f1`` (each article's relation to its family: original,
             verbatim, edited, paraphrase, independent), ``family_ari`` (predicted families
             vs gold origins, within events), ``independent_sources_gold`` and
             ``independent_sources_found`` (number of families, summed over events).

Baselines: ``always-yes``, ``lexical`` (no embeddings), ``one-stage`` (the first stage of
``pairdecide`` alone, without token alignment) and ``sentence-sets`` (the pair model over
the set features only, without word order and leftover words) for msrp; ``each-article`` (every
article its own source, the aggregator's count) and ``exact-copies`` (only identical texts
grouped) for the JSONL sets.
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from triangulate.embed import Embedder, load_embedder
from triangulate.errors import EvalDataError, InputError
from triangulate.eval import TaskResult, jsonl_records
from triangulate.eval.provenance_train import (
    CASCADE,
    VARIANT_FEATURES,
    accuracy_f1,
    cross_validated,
    cross_validated_cascade,
    features,
    read_msrp,
)
from triangulate.model import Article, Document
from triangulate.provenance import analyze_story
from triangulate.provenance.pairdecide import cascade
from triangulate.provenance.pairmodel import packaged_models

RELATIONS = ("original", "verbatim", "edited", "paraphrase", "independent")
REQUIRED = ("id", "text", "event", "origin", "relation")


@dataclass(frozen=True)
class Record:
    article: Article
    event: str
    origin: str
    relation: str


# ----------------------------------------------------------------------------- msrp
def score_msrp(path: Path, embedder: Embedder | None, held_out: bool) -> tuple[dict[str, float], dict[str, dict[str, float]], list[str]]:
    """Ours: the two-stage decision of ``provenance.pairdecide`` (``embed_text``, its unsure
    pairs by ``embed_tokens``), as alignment makes it; ``lexical_text`` without an embedder.
    Baselines: always yes, ``one-stage`` (``embed_text`` alone), ``lexical``
    (``lexical_text``), and ``sentence-sets`` (``embed``/``lexical``: set features alone)."""
    pairs = read_msrp(path)
    y = pairs.labels
    feats = features(pairs, embedder)
    notes: list[str] = []
    baselines: dict[str, dict[str, float]] = {}
    acc_yes, f1_yes = accuracy_f1(np.ones(len(y), dtype=bool), y)
    baselines["always-yes"] = {"accuracy": round(acc_yes, 4), "f1": round(f1_yes, 4)}
    prefix = "embed" if embedder is not None else "lexical"
    systems = {"triangulate": f"{prefix}_text", "sentence-sets": prefix}
    if embedder is not None:
        systems["lexical"] = "lexical_text"
    two_stage = "tok_f" in feats.names
    if two_stage:
        systems["one-stage"] = systems["triangulate"]
    models = packaged_models()
    scores: dict[str, tuple[float, float]] = {}
    for system, variant in systems.items():
        x = feats.select(VARIANT_FEATURES[variant])
        if held_out:
            scores[system] = accuracy_f1(models[variant].decide(x), y)
        else:
            scores[system] = cross_validated(x, y)
    ours = f"the {systems['triangulate']} pair model"
    if two_stage:
        first, second = (feats.select(VARIANT_FEATURES[v]) for v in CASCADE)
        if held_out:
            decision = cascade(models[CASCADE[0]], first, models[CASCADE[1]], second.__getitem__)
            scores["triangulate"] = accuracy_f1(decision.accept, y)
            share = len(decision.rescored) / len(y)
        else:
            acc, f1, share = cross_validated_cascade(first, second, y)
            scores["triangulate"] = (acc, f1)
        ours = f"two stages, {' then '.join(CASCADE)} on {share:.1%} of the pairs"
    if held_out:
        notes.append(f"msrp: {path.name} scored with the committed coefficients (fitted on msrp_train)")
    else:
        notes.append(
            f"msrp: {path.name} is the half the model is fitted on: numbers are 10-fold "
            "cross-validated (model and threshold refitted without the scored fold)"
        )
    for system in systems:
        if system != "triangulate":
            acc, f1 = scores[system]
            baselines[system] = {"accuracy": round(acc, 4), "f1": round(f1, 4)}
    notes.append(f"msrp: {len(y)} sentence pairs; ours: {ours}")
    acc, f1 = scores["triangulate"]
    return {"accuracy": round(acc, 4), "f1": round(f1, 4)}, baselines, notes


# ----------------------------------------------------------------------------- jsonl
def _published(value: object, where: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as exc:
        raise EvalDataError(f"{where}: unreadable date {value!r}") from exc
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def _build(rec: dict[str, object], where: str) -> Article:
    from triangulate.pipeline import build_article

    text = str(rec["text"])
    doc = Document(
        source=where,
        kind="jsonl",
        text=text,
        raw=text,
        title=str(rec.get("title") or ""),
        url=str(rec["url"]) if rec.get("url") else None,
        outlet=str(rec["outlet"]) if rec.get("outlet") else None,
        published=_published(rec.get("date"), where),
    )
    try:
        article = build_article(doc)
    except InputError:
        # too little left after cleaning: analyse the text as given
        article = Article(
            id=str(rec["id"]), source=where, kind="jsonl", title=doc.title, text=text,
            raw=text, sentences=(), url=doc.url, outlet=doc.outlet, published=doc.published,
        )
    return replace(article, id=str(rec["id"]))


def load_records(path: Path) -> list[Record]:
    records: list[Record] = []
    seen: set[str] = set()
    for where, _, rec in jsonl_records(path):
        missing = [k for k in REQUIRED if rec.get(k) in (None, "")]
        if missing:
            raise EvalDataError(f"{where}: missing {', '.join(missing)}")
        relation = str(rec["relation"])
        if relation not in RELATIONS:
            raise EvalDataError(f"{where}: relation {relation!r} is not one of {', '.join(RELATIONS)}")
        rid = str(rec["id"])
        if rid in seen:
            raise EvalDataError(f"{where}: id {rid!r} repeats an earlier record")
        seen.add(rid)
        records.append(Record(_build(rec, where), str(rec["event"]), str(rec["origin"]), relation))
    if not records:
        raise EvalDataError(f"{path}: no records")
    return records


def _macro_f1(pred: Sequence[str], gold: Sequence[str]) -> float:
    from sklearn.metrics import f1_score

    labels = sorted(set(gold) | set(pred))
    return float(f1_score(list(gold), list(pred), labels=labels, average="macro", zero_division=0))


def _ari(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    from sklearn.metrics import adjusted_rand_score

    codes_p = {p: i for i, p in enumerate(dict.fromkeys(pred))}
    codes_g = {g: i for i, g in enumerate(dict.fromkeys(gold))}
    return float(adjusted_rand_score([codes_g[g] for g in gold], [codes_p[p] for p in pred]))


def _metrics(pred_rel: list[str], pred_fam: list[Hashable], records: Sequence[Record]) -> dict[str, float]:
    gold_rel = [r.relation for r in records]
    gold_fam = [(r.event, r.origin) for r in records]
    return {
        "relation_macro_f1": round(_macro_f1(pred_rel, gold_rel), 4),
        "family_ari": round(_ari(pred_fam, gold_fam), 4),
        "independent_sources_gold": float(len(set(gold_fam))),
        "independent_sources_found": float(len(set(pred_fam))),
    }


def predict(records: Sequence[Record], embedder: Embedder | None) -> tuple[list[str], list[Hashable]]:
    """Each record's predicted relation and family key, one story per gold event."""
    relation: dict[str, str] = {}
    family: dict[str, Hashable] = {}
    events: dict[str, list[Article]] = {}
    for r in records:
        events.setdefault(r.event, []).append(r.article)
    for event, arts in sorted(events.items()):
        result = analyze_story(arts, embedder)
        for fam in result.families:
            for m in fam.members:
                rel = m.relation if m.relation in RELATIONS else "independent"
                relation[m.article_id] = rel
                family[m.article_id] = (event, fam.id)
    ids = [r.article.id for r in records]
    return [relation[i] for i in ids], [family[i] for i in ids]


def score_jsonl(path: Path, embedder: Embedder | None) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    records = load_records(path)
    pred_rel, pred_fam = predict(records, embedder)
    ours = _metrics(pred_rel, pred_fam, records)
    each = _metrics(["independent"] * len(records), [r.article.id for r in records], records)
    exact: list[Hashable] = []
    exact_rel: list[str] = []
    first: dict[tuple[str, str], str] = {}
    for r in records:
        key = (r.event, " ".join(r.article.text.split()))
        exact_rel.append("verbatim" if key in first else "independent")
        exact.append(first.setdefault(key, r.article.id))
    return ours, {"each-article": each, "exact-copies": _metrics(exact_rel, exact, records)}


def score(data: Path) -> TaskResult:
    result = TaskResult(task="provenance")
    embedder, note = load_embedder()
    if note:
        result.notes.append(note)
    folder = data / "paraphrase"
    test, train = folder / "msrp_test.txt", folder / "msrp_train.txt"
    msrp = test if test.is_file() else train if train.is_file() else None
    if msrp is None:
        result.notes.append(f"{folder}: no msrp_test.txt or msrp_train.txt: set msrp not scored")
    else:
        started = time.perf_counter()
        sets, baselines, notes = score_msrp(msrp, embedder, held_out=msrp is test)
        result.sets["msrp"] = sets
        result.baselines["msrp"] = baselines
        result.notes += notes
        result.notes.append(f"msrp: {time.perf_counter() - started:.0f} s")
    prov = sorted((data / "provenance").glob("*.jsonl")) if (data / "provenance").is_dir() else []
    if not prov:
        result.notes.append(f"{data / 'provenance'}: no *.jsonl: no family sets scored")
    for path in prov:
        ours, baselines = score_jsonl(path, embedder)
        result.sets[path.stem] = ours
        result.baselines[path.stem] = baselines
    return result
