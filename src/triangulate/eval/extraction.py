"""`triangulate eval extraction`: main-text extraction on the scrapinghub benchmark pages.

Layout under ``DIR/extraction/``: ``ground-truth.json`` ({id: {articleBody, url}}),
``html/<id>.html.gz`` (UTF-8 pages) and optionally ``peers/<system>.json`` (other
extractors' outputs on the same pages, {id: {articleBody}}). Set ``scrapinghub``; metrics
``f1``, ``precision``, ``recall`` as ``triangulate.eval.shingles`` defines them, for
``extract_html``'s text. Under ``baselines``: the same text after ``triangulate.clean``
(what the pipeline stores), plain trafilatura (its defaults, run here), and each peer.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from triangulate.errors import EvalDataError
from triangulate.eval import TaskResult
from triangulate.eval.shingles import Scores, page_counts, scores
from triangulate.extract import Extracted, extract_html

SET_NAME = "scrapinghub"



@dataclass(frozen=True)
class Page:
    id: str
    url: str | None
    truth: str
    html: str


#: A page extractor for scoring: page -> main text.
PageExtractor = Callable[[Page], str]


@dataclass(frozen=True)
class Run:
    """Scores of one extractor over the pages, with its speed (``seconds`` of CPU time)."""

    scores: Scores
    seconds: float
    texts: dict[str, str]

    @property
    def pages_per_second(self) -> float:
        return self.scores.pages / self.seconds if self.seconds > 0 else float("inf")


def score(data: Path) -> TaskResult:
    """Score ``extract_html`` (and the baselines) on ``data/extraction`` if it exists."""
    result = TaskResult(task="extraction")
    folder = data / "extraction"
    if not (folder / "ground-truth.json").is_file():
        result.notes.append(f"{folder}/ground-truth.json absent: set {SET_NAME} not scored")
        return result
    pages = load_pages(folder)
    found: dict[str, Extracted] = {}

    def ours(page: Page) -> str:
        found[page.id] = extract_html(page.html, page.url)
        return found[page.id].text

    mine = run(pages, ours)
    result.sets[SET_NAME] = _metrics(mine.scores)
    result.notes.append(
        f"{SET_NAME}: {len(pages)} pages; triangulate.extract {mine.pages_per_second:.1f} pages per CPU-second "
        "(one process, metadata included)"
    )
    baselines: dict[str, dict[str, float]] = {}
    cleaned = scores(page_counts(p.truth, cleaned_text(found[p.id], p.id)) for p in pages)
    baselines["triangulate extract+clean"] = _metrics(cleaned)
    reference = run(pages, trafilatura_default_text)
    baselines["trafilatura defaults (run here)"] = _metrics(reference.scores)
    result.notes.append(f"{SET_NAME}: trafilatura defaults {reference.pages_per_second:.1f} pages per CPU-second")
    for name, predictions in load_peers(folder, [p.id for p in pages]).items():
        if isinstance(predictions, int):
            result.notes.append(
                f"{SET_NAME}: peers/{name}.json has no output for {predictions} of the "
                f"{len(pages)} pages: not scored"
            )
            continue
        peer = scores(page_counts(p.truth, predictions[p.id]) for p in pages)
        baselines[name] = _metrics(peer)
    result.baselines[SET_NAME] = baselines
    return result


def cleaned_text(found: Extracted, source: str) -> str:
    """The body the pipeline keeps: the extracted text after ``triangulate.clean``."""
    from triangulate.clean import clean
    from triangulate.model import Document

    doc = Document(
        source=source,
        kind="html",
        text=found.text,
        raw="",
        title=found.title,
        url=found.url,
        byline=found.author,
        language=found.language,
    )
    return clean(doc).text


def trafilatura_default_text(page: Page) -> str:
    """trafilatura's ``extract`` with its defaults (fallbacks on, comments included)."""
    import trafilatura

    return trafilatura.extract(page.html, url=page.url) or ""


def run(pages: list[Page], extractor: PageExtractor) -> Run:
    """Extract every page with ``extractor`` and score it.

    Speed is pages per CPU-second of this process (``time.process_time``), extraction
    only: on a shared machine wall-clock time measures the neighbours as much as us.
    """
    texts: dict[str, str] = {}
    started = time.process_time()
    for page in pages:
        texts[page.id] = extractor(page)
    seconds = time.process_time() - started
    result = scores(page_counts(p.truth, texts[p.id]) for p in pages)
    return Run(scores=result, seconds=seconds, texts=texts)


def load_pages(folder: Path) -> list[Page]:
    """Ground truth and HTML of every page, sorted by id; errors name the file and reason."""
    truth_file = folder / "ground-truth.json"
    truth = _read_json(truth_file)
    pages = []
    for page_id in sorted(truth):
        record = truth[page_id]
        if not isinstance(record, dict) or not isinstance(record.get("articleBody"), str):
            raise EvalDataError(f"{truth_file}: {page_id}: needs an 'articleBody' string")
        html_file = folder / "html" / f"{page_id}.html.gz"
        try:
            html = gzip.decompress(html_file.read_bytes()).decode("utf-8")
        except FileNotFoundError:
            raise EvalDataError(f"{html_file}: missing (listed in {truth_file.name})") from None
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            raise EvalDataError(f"{html_file}: not gzipped UTF-8 HTML ({exc})") from None
        url = record.get("url")
        pages.append(Page(page_id, url if isinstance(url, str) else None, record["articleBody"], html))
    if not pages:
        raise EvalDataError(f"{truth_file}: no pages")
    return pages


def load_peers(folder: Path, ids: list[str]) -> dict[str, dict[str, str] | int]:
    """{system: {id: text}} for each ``peers/*.json``, or how many of ``ids`` it lacks."""
    peers: dict[str, dict[str, str] | int] = {}
    for path in sorted((folder / "peers").glob("*.json")):
        data = _read_json(path)
        missing = sum(1 for i in ids if i not in data)
        if missing:
            peers[path.stem] = missing
            continue
        texts = {}
        for i in ids:
            record = data[i]
            body = record.get("articleBody") if isinstance(record, dict) else None
            texts[i] = body if isinstance(body, str) else ""
        peers[path.stem] = texts
    return peers


def _read_json(path: Path) -> Mapping[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EvalDataError(f"{path}: missing") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvalDataError(f"{path}: not a JSON file ({exc})") from None
    if not isinstance(data, dict):
        raise EvalDataError(f"{path}: expected a JSON object {{id: {{articleBody, ...}}}}")
    return data


def _metrics(s: Scores) -> dict[str, float]:
    return {"f1": round(s.f1, 4), "precision": round(s.precision, 4), "recall": round(s.recall, 4)}
