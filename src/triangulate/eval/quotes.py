"""`triangulate eval quotes`: attribution spans scored on PolNeAR (BRAT standoff).

Data: ``DIR/quotes/polnear/{test|dev}/text/<stem>.txt`` and
``.../attributions/<stem>_<annotator>.ann`` (the ``test`` split when present, else ``dev``).
Each ``.ann`` file is one scoring unit (an article annotated twice counts twice, i.e. each
annotator is scored against); ``E`` lines tie ``Source``/``Cue``/``Content`` ``T`` spans
into one attribution. ``Discard``/``Discuss`` spans are ignored.

Matching follows citron's ``metrics.py`` (BBC), so the published PARC 3.0 figures are a
fair reference:

- **exact**: a predicted attribution is a true positive for *source* (or *content*) when a
  gold attribution of the same document has a cue that overlaps its cue and exactly the
  same list of source (content) spans; a gold attribution is found when such a prediction
  exists. Spans compare by character offsets after stripping surrounding whitespace.
  Attributions without a source on either side are left out of the source metrics.
- **overlap**: precision is the share of predicted span tokens that fall inside some gold
  span of the same role in the document, recall the share of gold span tokens inside
  some predicted span; F1 from those (citron sums token overlaps the same way).
- **direct** (``direct_content_exact_f1``): content exact F1 restricted to direct quotes:
  gold attributions whose every content span is enclosed in quotation marks, predictions
  marked direct (their content is wholly quoted).

Our spans follow the reader's convention (quote content without marks, reported speech
without ``that``); before scoring they are mapped to PolNeAR's convention, as read from
its train split: quoted content takes its marks (and the comma or full stop inside them),
reported content takes a preceding ``that``, a source with an apposition before the cue
takes the comma that closes it, and the content of a label verb (``called Trump a
"blowhard"``) takes the object before the quote (so it is not counted as direct).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from triangulate import text as textmod
from triangulate.errors import EvalDataError
from triangulate.eval import TaskResult
from triangulate.model import Article, content_hash
from triangulate.quotes.extract import Attribution, extract_attributions
from triangulate.quotes.lexicon import LABEL_VERBS
from triangulate.quotes.spans import CLOSERS, OPENERS, Span, tokenize

BASELINES = {
    "citron (PARC 3.0, published)": {
        "source_exact_f1": 0.820,
        "content_exact_f1": 0.593,
        "content_overlap_f1": 0.832,
    }
}
_MARKS = OPENERS + CLOSERS + '"'
_ANN_ID = re.compile(r"^[TE]\d+\t")


@dataclass(frozen=True)
class GoldAttribution:
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]


@dataclass(frozen=True)
class Scored:
    """Spans of one attribution in PolNeAR's convention."""

    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]
    direct: bool


def parse_ann(path: Path, text: str) -> list[GoldAttribution]:
    """Attributions of one BRAT ``.ann`` file; errors name the file and line."""
    spans: dict[str, tuple[str, tuple[Span, ...]]] = {}
    relations: list[tuple[int, dict[str, list[str]]]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line[0] in "#AMRN":
            continue
        if not _ANN_ID.match(line):
            continue  # the rest of a span text that itself held a line break
        parts = line.split("\t")
        if line[0] == "T":
            if len(parts) < 2 or " " not in parts[1]:
                raise EvalDataError(f"{path}:{n}: T line without 'Type start end': {line[:60]!r}")
            kind, offsets = parts[1].split(" ", 1)
            try:
                pieces = tuple(
                    _clean(text, Span(int(a), int(b)))
                    for a, b in (o.split() for o in offsets.split(";"))
                )
            except ValueError as exc:
                raise EvalDataError(f"{path}:{n}: bad offsets {offsets!r}: {exc}") from exc
            if any(s.end > len(text) for s in pieces):
                raise EvalDataError(f"{path}:{n}: span beyond the end of the text ({len(text)})")
            spans[parts[0]] = (kind, pieces)
        elif line[0] == "E":
            if len(parts) < 2:
                raise EvalDataError(f"{path}:{n}: E line without arguments")
            roles: dict[str, list[str]] = {}
            for arg in parts[1].split():
                if ":" not in arg:
                    raise EvalDataError(f"{path}:{n}: argument {arg!r} is not Role:Tid")
                role, tid = arg.split(":", 1)
                roles.setdefault(re.sub(r"\d+$", "", role), []).append(tid)
            relations.append((n, roles))
    out = []
    for n, roles in relations:
        got: dict[str, list[Span]] = {"Source": [], "Cue": [], "Content": []}
        for role, tids in roles.items():
            if role not in got:
                continue
            for tid in tids:
                if tid not in spans:
                    raise EvalDataError(f"{path}:{n}: relation names unknown span {tid}")
                got[role].extend(spans[tid][1])
        if got["Content"] or got["Cue"]:
            out.append(
                GoldAttribution(
                    tuple(sorted(got["Source"])),
                    tuple(sorted(got["Cue"])),
                    tuple(sorted(got["Content"])),
                )
            )
    return out


def _clean(text: str, span: Span) -> Span:
    s, e = span.start, span.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Span(s, e)


def is_direct_gold(text: str, att: GoldAttribution) -> bool:
    if not att.content:
        return False
    return all(
        (text[s.start : s.start + 1] in _MARKS or text[s.start : s.start + 2] in ("''", "``"))
        and (text[s.end - 1 : s.end] in _MARKS or text[s.end - 2 : s.end] == "''")
        for s in att.content
    )


def to_polnear(text: str, att: Attribution) -> Scored:
    """Our spans in PolNeAR's convention (marks and ``that`` included)."""
    content = []
    for span in att.content:
        s, e = span.start, span.end
        quoted = any(q == span for q in att.quoted) or att.kind == "direct"
        if quoted and s > 0 and (text[s - 1] in _MARKS or text[s - 2 : s] in ("''", "``")):
            s -= 2 if text[s - 2 : s] in ("''", "``") else 1
            k = e
            while k < len(text) and text[k] in ",.?!;:":
                k += 1
            if text[k : k + 2] == "''":
                e = k + 2
            elif k < len(text) and text[k] in _MARKS:
                e = k + 1
        elif text[max(0, s - 5) : s].lower() == "that ":
            s -= 5
        content.append(Span(s, e))
    source: tuple[Span, ...] = ()
    if att.source is not None:
        src = att.source
        src_text = text[src.start : src.end]
        rel = re.search(r",\s+(?:who|which)\s", src_text)
        if att.cue is not None and src.end <= att.cue.start and rel:
            # before the cue, PolNeAR leaves a relative clause out of the source
            src = Span(src.start, src.start + rel.start())
        elif att.cue is not None and src.start >= att.cue.end:
            # after an inverted cue it takes one in ("said Dino Spencer, who runs ...")
            m = _RELATIVE_AFTER.match(text, src.end)
            if m and not _has_cue_word(m.group(1)):
                src = Span(src.start, src.end + len(m.group(0).rstrip()))
        # PolNeAR keeps the comma that closes an apposition before the cue
        if (
            att.cue is not None
            and "," in text[src.start : src.end]
            and text[src.end : src.end + 1] == ","
            and src.end < att.cue.start
            and not text[src.end + 1 : att.cue.start].strip()
        ):
            src = Span(src.start, src.end + 1)
        source = (src,)
    if att.source is not None and att.kind == "reported" and content:
        rel = _RELATIVE_BEFORE.search(text, max(0, att.source.start - 12), att.source.start)
        if rel and content[0].start > att.source.start:
            # "which he said was ...": PolNeAR's content starts with the relative pronoun
            content.insert(0, Span(rel.start(1), rel.end(1)))
    cue = (att.cue,) if att.cue is not None else ()
    direct = att.kind == "direct" or att.kind == "signature"
    if att.cue is not None and direct and len(content) == 1:
        verb = text[att.cue.start : att.cue.end].split()[-1].lower()
        between = text[att.cue.end : content[0].start]
        if verb in LABEL_VERBS and between.strip() and len(between.split()) <= 6:
            # "called Trump a 'blowhard'": PolNeAR's content takes the object too
            start = att.cue.end + len(between) - len(between.lstrip())
            content = [Span(start, content[0].end)]
            direct = False
    return Scored(source, cue, tuple(content), direct)


_RELATIVE_BEFORE = re.compile(r"\b(which|what)\s+$")
_RELATIVE_AFTER = re.compile(r",?\s+(?:who|which)\s+([^.;:\n\"“”]*[^.;:\n\"“”,\s])")


def _has_cue_word(clause: str) -> bool:
    from triangulate.quotes.lexicon import SPEECH_VERBS

    return any(w in SPEECH_VERBS for w in re.findall(r"[a-z]+", clause.lower()))


def article_from_text(stem: str, body: str) -> Article:
    return Article(
        id=content_hash(body)[:16],
        source=stem,
        kind="text",
        title="",
        text=body,
        raw=body,
        sentences=tuple(textmod.split_sentences(body)),
    )


@dataclass
class _Counts:
    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    def add(self, other: tuple[int, int, int, int]) -> None:
        self.tp_pred += other[0]
        self.n_pred += other[1]
        self.tp_gold += other[2]
        self.n_gold += other[3]

    def prf(self) -> tuple[float, float, float]:
        p = self.tp_pred / self.n_pred if self.n_pred else 0.0
        r = self.tp_gold / self.n_gold if self.n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _overlapping(a: tuple[Span, ...], b: tuple[Span, ...]) -> bool:
    return any(x.overlaps(y) for x in a for y in b)


def exact_counts(
    pred: list[Scored], gold: list[GoldAttribution], role: str
) -> tuple[int, int, int, int]:
    """(matched predictions, predictions, matched gold, gold) for ``role`` (source/content)."""
    if role == "source":
        pred = [p for p in pred if p.source]
        gold = [g for g in gold if g.source]

    def match(p: Scored, g: GoldAttribution) -> bool:
        return _overlapping(p.cue, g.cue) and getattr(p, role) == getattr(g, role)

    tp_pred = sum(1 for p in pred if any(match(p, g) for g in gold))
    tp_gold = sum(1 for g in gold if any(match(p, g) for p in pred))
    return tp_pred, len(pred), tp_gold, len(gold)


def overlap_counts(
    text: str, pred: list[Scored], gold: list[GoldAttribution], role: str
) -> tuple[int, int, int, int]:
    """Token overlap: (predicted tokens in gold, predicted tokens, gold tokens in pred, gold tokens)."""
    starts = [t.start for t in tokenize(text) if t.text not in _MARKS]

    def covered(spans: list[Span]) -> set[int]:
        out: set[int] = set()
        for s in spans:
            out.update(x for x in starts if s.start <= x < s.end)
        return out

    p_tok = covered([s for p in pred for s in getattr(p, role)])
    g_tok = covered([s for g in gold for s in getattr(g, role)])
    both = len(p_tok & g_tok)
    return both, len(p_tok), both, len(g_tok)


def polnear_split(data: Path) -> Path | None:
    base = data / "quotes" / "polnear"
    for split in ("test", "dev"):
        if (base / split / "attributions").is_dir():
            return base / split
    return None


def score_split(split_dir: Path) -> dict[str, float]:
    """All PolNeAR metrics for one split folder (``text/`` and ``attributions/``)."""
    counts = {
        k: _Counts()
        for k in (
            "source_exact",
            "content_exact",
            "direct_content_exact",
            "source_overlap",
            "content_overlap",
            "direct_source_exact",
            "direct_content_overlap",
        )
    }
    anns = sorted((split_dir / "attributions").glob("*.ann"))
    if not anns:
        raise EvalDataError(f"{split_dir}/attributions: no .ann files")
    cache: dict[str, list[Scored]] = {}
    for ann in anns:
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        txt_path = split_dir / "text" / f"{stem}.txt"
        if not txt_path.is_file():
            raise EvalDataError(f"{ann}: no text file {txt_path.name} beside it in text/")
        body = txt_path.read_text(encoding="utf-8")
        gold = parse_ann(ann, body)
        if stem not in cache:
            article = article_from_text(stem, body)
            cache[stem] = [to_polnear(body, a) for a in extract_attributions(article)]
        pred = cache[stem]
        counts["source_exact"].add(exact_counts(pred, gold, "source"))
        counts["content_exact"].add(exact_counts(pred, gold, "content"))
        counts["direct_content_exact"].add(
            exact_counts(
                [p for p in pred if p.direct],
                [g for g in gold if is_direct_gold(body, g)],
                "content",
            )
        )
        direct_pred = [p for p in pred if p.direct]
        direct_gold = [g for g in gold if is_direct_gold(body, g)]
        counts["direct_source_exact"].add(exact_counts(direct_pred, direct_gold, "source"))
        counts["direct_content_overlap"].add(
            overlap_counts(body, direct_pred, direct_gold, "content")
        )
        counts["source_overlap"].add(overlap_counts(body, pred, gold, "source"))
        counts["content_overlap"].add(overlap_counts(body, pred, gold, "content"))
    metrics: dict[str, float] = {}
    for name, c in counts.items():
        p, r, f = c.prf()
        metrics[f"{name}_f1"] = round(f, 4)
        metrics[f"{name}_precision"] = round(p, 4)
        metrics[f"{name}_recall"] = round(r, 4)
    metrics["documents"] = len(anns)
    return metrics


def annotator_agreement(split_dir: Path) -> dict[str, float] | None:
    """The same metrics with one annotator scored against another on articles annotated twice.

    A ceiling for any system: how far two trained annotators agree under these matching
    rules. ``None`` when no article of the split has two annotation files.
    """
    by_stem: dict[str, list[Path]] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        by_stem.setdefault(re.sub(r"_[0-9a-f]{4}$", "", ann.stem), []).append(ann)
    counts = {k: _Counts() for k in ("source_exact", "content_exact", "content_overlap")}
    pairs = 0
    for stem, anns in by_stem.items():
        if len(anns) < 2:
            continue
        body = (split_dir / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        first, second = parse_ann(anns[0], body), parse_ann(anns[1], body)
        as_pred = [Scored(g.source, g.cue, g.content, is_direct_gold(body, g)) for g in second]
        counts["source_exact"].add(exact_counts(as_pred, first, "source"))
        counts["content_exact"].add(exact_counts(as_pred, first, "content"))
        counts["content_overlap"].add(overlap_counts(body, as_pred, first, "content"))
        pairs += 1
    if not pairs:
        return None
    out = {f"{k}_f1": round(c.prf()[2], 4) for k, c in counts.items()}
    out["documents"] = pairs
    return out


def score(data: Path) -> TaskResult:
    result = TaskResult(task="quotes")
    split = polnear_split(data)
    if split is None:
        result.notes.append(f"{data}/quotes/polnear: absent (no test/ or dev/ split), not scored")
        return result
    result.sets["polnear"] = score_split(split)
    result.baselines["polnear"] = {k: dict(v) for k, v in BASELINES.items()}
    agreement = annotator_agreement(split)
    if agreement is not None:
        result.baselines["polnear"]["second annotator (PolNeAR, doubly annotated)"] = agreement
    result.notes.append(
        f"polnear: split {split.name}; exact = same spans with overlapping cues (citron), "
        "overlap = token overlap; citron's figures are on PARC 3.0, not on PolNeAR"
    )
    return result


def score_examples(
    folder: Path, gold_path: Path, embedder: object | None = None
) -> dict[str, float]:
    """Recall/precision of attributions, speakers and utterance grouping on an example gold.

    A gold quote is *found* when an attribution of its article has a content span
    overlapping the gold content (located by exact string search in the clean text; a
    quote whose text is not in the clean body, e.g. a foreign passage set aside, counts as
    missed); *attributed* when it is found and the utterance's canonical speaker shares a
    name word with the gold speaker; *grouped*: over pairs of gold quotes of one utterance
    in different articles, both found, the share we put in one utterance (pair recall),
    and over pairs we put in one utterance that map to gold quotes, the share that gold
    puts in one utterance (pair precision). Precision of extraction: share of our
    attributions whose content overlaps a gold quote of their article.
    """
    import json

    from triangulate import ingest
    from triangulate.pipeline import articles_from
    from triangulate.quotes.utterances import group_utterances

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    arts = [a for a in articles_from(ingest.read([folder])) if isinstance(a, Article)]
    by_key: dict[str, Article] = {}
    for key in gold["articles"]:
        for a in arts:
            if a.source.endswith("/" + key) or a.source == key:
                by_key[key] = a
    atts = {a.id: extract_attributions(a) for a in arts}
    utts = group_utterances(arts, atts, embedder=embedder)  # type: ignore[arg-type]
    where: dict[tuple[str, int], int] = {}
    speaker_of: dict[tuple[str, int], str] = {}
    for ui, u in enumerate(utts):
        for r in u.renderings:
            where[(r.article_id, r.attribution.index)] = ui
            speaker_of[(r.article_id, r.attribution.index)] = u.speaker.name
    found = attributed = total = 0
    match_of: dict[str, tuple[str, int]] = {}
    hit_atts: set[tuple[str, int]] = set()
    for q in gold["quotes"]:
        total += 1
        art = by_key.get(q["article"])
        if art is None:
            continue
        pos = art.text.find(q["content"])
        if pos < 0:
            continue
        span = Span(pos, pos + len(q["content"]))
        best = None
        for att in atts[art.id]:
            if any(c.overlaps(span) for c in att.content):
                best = (art.id, att.index)
                break
        if best is None:
            continue
        found += 1
        hit_atts.add(best)
        match_of[q["id"]] = best
        gold_words = {w.lower() for w in re.findall(r"\w+", q["speaker"]) if len(w) > 2}
        ours = {w.lower() for w in re.findall(r"\w+", speaker_of.get(best, "")) if len(w) > 2}
        if gold_words & ours:
            attributed += 1
    n_atts = sum(len(v) for k, v in atts.items() if any(a.id == k for a in by_key.values()))
    n_hit = len(
        {
            (aid, att.index)
            for aid, lst in atts.items()
            for att in lst
            if any((aid, att.index) == h for h in hit_atts)
        }
    )
    qs = [q for q in gold["quotes"] if q["id"] in match_of]
    pair_total = pair_ok = 0
    ours_total = ours_ok = 0
    for i, a in enumerate(qs):
        for b in qs[i + 1 :]:
            if a["article"] == b["article"]:
                continue
            same_gold = a["utterance"] == b["utterance"]
            same_ours = where.get(match_of[a["id"]]) == where.get(match_of[b["id"]])
            if same_gold:
                pair_total += 1
                pair_ok += same_ours
            if same_ours:
                ours_total += 1
                ours_ok += same_gold
    return {
        "gold_quotes": total,
        "found_recall": round(found / total, 4) if total else 0.0,
        "attributed_recall": round(attributed / total, 4) if total else 0.0,
        "extraction_precision": round(n_hit / n_atts, 4) if n_atts else 0.0,
        "grouping_pair_recall": round(pair_ok / pair_total, 4) if pair_total else 0.0,
        "grouping_pair_precision": round(ours_ok / ours_total, 4) if ours_total else 0.0,
    }


def score_entities_examples(folder: Path, gold_path: Path) -> dict[str, float]:
    """Entity recall on an example gold: named speakers found with the right kind.

    For every gold speaker of kind ``person`` or ``organisation`` and every article whose
    clean text contains its name verbatim, the name counts as found when an entity of the
    same kind covers that occurrence (the entity may be longer: ``Mayor Ruth Calloway``).
    Person precision: share of person entities that contain a gold person's surname (every
    named person in the example story is a speaker, so other "persons" are errors).
    """
    import json

    from triangulate import ingest
    from triangulate.entities import extract_entities
    from triangulate.pipeline import articles_from

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    arts = [a for a in articles_from(ingest.read([folder])) if isinstance(a, Article)]
    wanted = {
        name: info["kind"]
        for name, info in gold["speakers"].items()
        if info["kind"] in ("person", "organisation")
    }
    total = hit = n_person = ok_person = 0
    surnames = {n.split()[-1] for n, k in wanted.items() if k == "person"}
    for art in arts:
        ents = extract_entities(art)
        for e in ents:
            if e.kind == "person":
                n_person += 1
                ok_person += any(
                    re.sub(r"['’]s$", "", w.strip(".,")) in surnames for w in e.text.split()
                )
        for name, kind in wanted.items():
            start = art.text.find(name)
            while start >= 0:
                total += 1
                end = start + len(name)
                if any(e.kind == kind and e.start <= start and end <= e.end for e in ents):
                    hit += 1
                start = art.text.find(name, end)
    return {
        "speaker_names": total,
        "recall": round(hit / total, 4) if total else 0.0,
        "person_entities": n_person,
        "person_precision": round(ok_person / n_person, 4) if n_person else 0.0,
    }
