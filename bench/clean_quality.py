"""The measurements behind docs/cleaning.md, on ../shared/eval (skipped when absent).

    .venv/bin/python bench/clean_quality.py

1. false positives: lines ``clean`` removes from the scrapinghub ground-truth bodies
   (article text written by people) and paragraphs it sets aside as foreign;
2. extraction then cleaning: scrapinghub shingle P/R/F1 of ``extract_html`` alone and of
   ``extract_html`` + ``clean`` against the ground truth;
3. sentence ends: ours against syntok on 400 PolNeAR articles (agreement and time);
4. the English function-word rules against py3langid on every paragraph of >= 40 letters.
"""

from __future__ import annotations

import gzip
import json
import time
from collections import Counter
from pathlib import Path

from triangulate import text as T
from triangulate.clean import clean
from triangulate.eval.shingles import page_counts, scores
from triangulate.extract import extract_html
from triangulate.model import Document

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
EXTRACTION = EVAL / "extraction"
POLNEAR = EVAL / "quotes" / "polnear"


def false_positives(gt: dict[str, dict[str, str]]) -> None:
    lines = 0
    rules: Counter[str] = Counter()
    foreign = 0
    for key, page in gt.items():
        body = page["articleBody"]
        lines += sum(1 for x in body.split("\n") if x.strip())
        cleaned = clean(Document(source=key, kind="text", text=body, raw=body, title="x"))
        rules.update(p.rule for p in cleaned.removed)
        foreign += len(cleaned.foreign)
    print(f"1. ground-truth bodies: {len(gt)} pages, {lines} lines; removed {sum(rules.values())}")
    print(f"   by rule: {dict(rules.most_common())}; set aside as foreign: {foreign}")


def extraction_effect(gt: dict[str, dict[str, str]]) -> None:
    before, after = [], []
    for key, page in gt.items():
        path = EXTRACTION / "html" / f"{key}.html.gz"
        if not path.is_file():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        got = extract_html(html, page.get("url"))
        doc = Document(source=key, kind="html", text=got.text, raw=html, title=got.title or "")
        before.append(page_counts(page["articleBody"], got.text))
        after.append(page_counts(page["articleBody"], clean(doc).text))
    for label, pages in (("extract", before), ("extract + clean", after)):
        s = scores(pages)
        print(
            f"2. {label:16s} P {s.precision:.4f}  R {s.recall:.4f}  F1 {s.f1:.4f}  ({s.pages} pages)"
        )


def _ends_ours(text: str) -> set[int]:
    return {e for ps, pe in T.paragraph_spans(text) for _s, e in T.sentence_spans(text, ps, pe)}


def _ends_syntok(text: str) -> set[int]:
    import syntok.segmenter as segmenter

    ends = set()
    for para in segmenter.analyze(text):
        for sentence in para:
            tokens = list(sentence)
            if tokens:
                ends.add(tokens[-1].offset + len(tokens[-1].value))
    return ends


def splitter_agreement() -> None:
    files = sorted(POLNEAR.glob("*/text/*"))[:400]
    # one paragraph per line, as clean() gives them
    texts = ["\n\n".join(x.strip() for x in f.read_text().split("\n") if x.strip()) for f in files]
    start = time.process_time()
    ours = [_ends_ours(t) for t in texts]
    t_ours = time.process_time() - start
    start = time.process_time()
    theirs = [_ends_syntok(t) for t in texts]
    t_syntok = time.process_time() - start
    common = sum(len(a & b) for a, b in zip(ours, theirs, strict=True))
    only_ours = sum(len(a - b) for a, b in zip(ours, theirs, strict=True))
    only_syntok = sum(len(b - a) for a, b in zip(ours, theirs, strict=True))
    chars = sum(map(len, texts))
    print(
        f"3. sentence ends on {len(texts)} PolNeAR articles ({chars / 1e6:.2f} MB): "
        f"common {common}, only ours {only_ours}, only syntok {only_syntok}; "
        f"CPU ours {t_ours:.2f} s, syntok {t_syntok:.2f} s"
    )


def language_rules(gt: dict[str, dict[str, str]]) -> None:
    paras = [
        x
        for f in sorted(POLNEAR.glob("*/text/*"))
        for x in f.read_text().split("\n")
        if T.letter_count(x) >= 40
    ]
    paras += [
        x for p in gt.values() for x in p["articleBody"].split("\n") if T.letter_count(x) >= 40
    ]
    model = T._identifier()
    strong = weak = strong_bad = weak_bad = english = 0
    for para in paras:
        lang, prob = model.classify(para[:400])
        english += lang == "en"
        evidence = T.english_evidence(para) if T.script_of(para)[0] == "Latn" else 0
        if evidence == 2:
            strong += 1
            strong_bad += lang != "en" and prob >= 0.5
        if evidence >= 1:
            weak += 1
            weak_bad += lang != "en" and prob >= 0.9
    print(
        f"4. {len(paras)} paragraphs, py3langid 'en' on {english}; strong rule fired on "
        f"{strong} (py3langid other language p>=0.5: {strong_bad}); strong or weak on {weak} "
        f"(other language p>=0.9: {weak_bad})"
    )


def main() -> None:
    if not EXTRACTION.is_dir() or not POLNEAR.is_dir():
        print(f"{EVAL} is absent: nothing to measure")
        return
    gt = json.loads((EXTRACTION / "ground-truth.json").read_text(encoding="utf-8"))
    false_positives(gt)
    extraction_effect(gt)
    splitter_agreement()
    language_rules(gt)


if __name__ == "__main__":
    main()
