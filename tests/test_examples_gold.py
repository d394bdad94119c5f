"""The example story's gold annotations agree with the article files they describe.

``examples/harbour-bridge.gold.json`` is the fixture later stages are scored against
(cleaning, provenance, quotes, figures, facts). These tests keep it honest: every key names
an article that reads, every quoted string and figure occurs verbatim in that article's
text view (on the line given), every interval matches its hedge, every comparison verdict
follows from the intervals, every independent-origin count follows from the relations, and
every resolved date agrees with the weekday, day, month or year its expression names.

The *text view* of an article is defined in examples/README.md and built
here with the standard library only, so the fixture does not depend on the code it tests.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbour-bridge"
GOLD = EXAMPLE.parent / "harbour-bridge.gold.json"

RELATIONS = {"original", "verbatim", "edited", "paraphrase", "independent"}
VERDICTS = {"agree", "consistent", "differ", "different-things"}
STATUSES = {"corroborated", "single-source", "contested"}
KINDS = {"text", "html", "jsonl", "feed"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]

# ----------------------------------------------------------------------------- text views

_BLOCK = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "footer",
    "nav",
    "section",
    "article",
    "aside",
    "main",
    "figure",
    "figcaption",
    "blockquote",
    "br",
    "tr",
    "td",
    "th",
    "table",
    "button",
    "form",
    "body",
    "html",
    "time",
}
_SKIP = {"script", "style", "head", "noscript", "template", "svg"}


class _TextView(HTMLParser):
    """Visible text of an HTML fragment or page, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_view(markup: str) -> str:
    """Lines of visible text: whitespace collapsed, empty lines dropped."""
    parser = _TextView()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def _feed_items(path: Path) -> list[ET.Element]:
    text = path.read_text(encoding="utf-8")
    assert "<!DOCTYPE" not in text and "<!ENTITY" not in text, f"{path.name}: no DTDs in fixtures"
    root = ET.fromstring(text)
    return root.findall("./channel/item")


def load_record(key: str) -> dict[str, Any]:
    """What a gold article key names: kind, title, text view, and the raw record fields."""
    if "#item-" in key:
        name, number = key.split("#item-")
        items = _feed_items(EXAMPLE / name)
        item = items[int(number) - 1]
        content = item.findtext(_CONTENT) or item.findtext("description") or ""
        fields = {child.tag: (child.text or "") for child in item}
        return {
            "kind": "feed",
            "title": item.findtext("title") or "",
            "view": html_view(content),
            "fields": fields,
        }
    if re.search(r"\.jsonl:\d+$", key):
        name, number = key.rsplit(":", 1)
        lines = (EXAMPLE / name).read_text(encoding="utf-8").splitlines()
        record = json.loads(lines[int(number) - 1])
        return {"kind": "jsonl", "title": record["title"], "view": record["text"], "fields": record}
    path = EXAMPLE / key
    raw = path.read_text(encoding="utf-8")
    if path.suffix in {".html", ".htm"}:
        title = re.search(r"<h1[^>]*>(.*?)</h1>", raw, re.S)
        return {
            "kind": "html",
            "title": html_view(title.group(1)) if title else "",
            "view": html_view(raw),
            "fields": {},
        }
    return {"kind": "text", "title": _text_title(raw), "view": raw, "fields": {}}


_HEADER_KEY = re.compile(r"^(url|outlet|date|byline|title)[ \t]*:", re.IGNORECASE)


def _text_title(raw: str) -> str:
    """The headline: the first line, or the first line after a header block at the top."""
    lines = raw.split("\n")
    if not _HEADER_KEY.match(lines[0]):
        return lines[0]
    after = lines[lines.index("") :] if "" in lines else []
    return next((line for line in after if line.strip()), "")


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def views(gold: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {key: load_record(key) for key in gold["articles"]}


def _line_of(view: str, text: str, line: int, where: str) -> None:
    lines = view.split("\n")
    assert 1 <= line <= len(lines), f"{where}: line {line} outside 1..{len(lines)}"
    assert text in lines[line - 1], f"{where}: {text!r} is not on line {line}: {lines[line - 1]!r}"


def _spans(gold: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(section, field, entry) for every gold entry that quotes an article."""
    for name, fieldname in (("quotes", "content"), ("quantities", "text"), ("dates", "expression")):
        for entry in gold[name]:
            yield name, fieldname, entry


# ----------------------------------------------------------------------------- articles


def test_every_file_in_the_folder_is_annotated(gold: dict[str, Any]) -> None:
    annotated = {re.split(r"[:#]", key)[0] for key in gold["articles"]}
    # only articles in the folder: `make demo` analyses all of it
    on_disk = {p.name for p in EXAMPLE.iterdir()}
    assert annotated == on_disk


def test_articles_read_and_match_their_metadata(
    gold: dict[str, Any], views: dict[str, dict[str, Any]]
) -> None:
    assert len(gold["articles"]) == 8
    for key, art in gold["articles"].items():
        rec = views[key]
        assert art["kind"] in KINDS and art["kind"] == rec["kind"], key
        assert art["title"] == rec["title"], f"{key}: title"
        datetime.fromisoformat(art["published"])
        words = len(rec["view"].split())
        assert 350 <= words <= 900, f"{key}: {words} words"
        for field in ("byline_line", "dateline", "credit_line"):
            if art.get(field):
                assert art[field] in rec["view"], f"{key}: {field} {art[field]!r} not in text"
        if rec["kind"] == "text":
            header = rec["view"].split("\n\n", 1)[0]
            if art.get("url"):
                assert art["url"] in header, f"{key}: url not in header block"
        elif rec["kind"] == "jsonl":
            f = rec["fields"]
            assert (f["url"], f["outlet"], f["byline"]) == (
                art["url"],
                art["outlet"],
                art["byline"],
            )
            assert datetime.fromisoformat(f["date"]) == datetime.fromisoformat(art["published"])


def test_residue_and_foreign_lines_are_whole_lines(
    gold: dict[str, Any], views: dict[str, dict[str, Any]]
) -> None:
    for key, art in gold["articles"].items():
        lines = views[key]["view"].split("\n")
        for entry in art["residue"] + art["foreign"]:
            assert lines[entry["line"] - 1] == entry["text"], f"{key}: line {entry['line']}"
        for entry in art["foreign"]:
            assert re.fullmatch(r"[a-z]{2}", entry["language"]) and entry["language"] != "en"
        body = art["body"]
        for field in ("first_sentence", "last_sentence"):
            assert body[field] in views[key]["view"], f"{key}: {field}"
            assert all(body[field] not in r["text"] for r in art["residue"]), f"{key}: {field}"
        assert 1 <= body["paragraphs"] <= body["sentences"]


def test_relations_and_origins(gold: dict[str, Any]) -> None:
    arts = gold["articles"]
    for key, art in arts.items():
        assert art["relation"] in RELATIONS, key
        if art["relation"] in {"original", "independent"}:
            assert art["origin"] == key, f"{key}: an origin derives from itself"
        else:
            origin = arts[art["origin"]]
            assert origin["relation"] in {"original", "independent"}, f"{key}: origin of origin"
            assert origin["published"] <= art["published"] or _dt(origin) <= _dt(art), key
    assert gold["story"]["independent_origins"] == len({a["origin"] for a in arts.values()})


def _dt(art: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(art["published"])


def _shingles(text: str, n: int = 6) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_relations_are_visible_in_the_text(
    gold: dict[str, Any], views: dict[str, dict[str, Any]]
) -> None:
    """A verbatim copy holds nearly all of its origin; a spun rewrite almost none of it."""
    for key, art in gold["articles"].items():
        if art["relation"] in {"original", "independent"}:
            continue
        mine, theirs = _shingles(views[key]["view"]), _shingles(views[art["origin"]]["view"])
        shared_of_origin = len(mine & theirs) / len(theirs)
        shared_of_copy = len(mine & theirs) / len(mine)
        if art["relation"] == "verbatim":
            assert shared_of_origin > 0.9, (key, shared_of_origin)
        elif art["relation"] == "edited":
            assert shared_of_copy > 0.4 and shared_of_origin < 0.9, (key, shared_of_copy)
        else:  # paraphrase: the same sentences, reworded
            assert shared_of_copy < 0.3, (key, shared_of_copy)


# ----------------------------------------------------------------------------- spans


def test_every_gold_string_occurs_on_its_line(
    gold: dict[str, Any], views: dict[str, dict[str, Any]]
) -> None:
    ids: set[str] = set()
    for section, fieldname, entry in _spans(gold):
        where = f"{section} {entry.get('id', '')} in {entry['article']}"
        assert entry["article"] in gold["articles"], where
        view = views[entry["article"]]["view"]
        if "context" in entry:
            assert entry[fieldname] in entry["context"] and entry["context"] in view, where
        _line_of(view, entry[fieldname], entry["line"], where)
        if "id" in entry:
            assert entry["id"] not in ids, f"duplicate id {entry['id']}"
            ids.add(entry["id"])


def test_quotes(gold: dict[str, Any], views: dict[str, dict[str, Any]]) -> None:
    speakers = gold["speakers"]
    by_utterance: dict[str, set[str]] = {}
    for q in gold["quotes"]:
        assert q["speaker"] in speakers, q["id"]
        assert q["utterance"] in gold["utterances"], q["id"]
        assert gold["utterances"][q["utterance"]]["speaker"] == q["speaker"], q["id"]
        assert isinstance(q["direct"], bool)
        assert q["speaker_mention"] in views[q["article"]]["view"], q["id"]
        by_utterance.setdefault(q["utterance"], set()).add(q["content"])
    # the mayor's Monday-night statement is rendered at least four different ways
    assert len(by_utterance["u-calloway-monday"]) >= 4
    assert set(gold["utterances"]) == set(by_utterance), "utterance without renderings"


def _interval(q: dict[str, Any]) -> tuple[float, float]:
    low = q["low"] if q["low"] is not None else float("-inf")
    high = q["high"] if q["high"] is not None else float("inf")
    return low, high


def test_quantities_have_coherent_intervals(gold: dict[str, Any]) -> None:
    for q in gold["quantities"]:
        low, high = _interval(q)
        assert low <= q["value"] <= high or q["qualifier"] in {"more than"}, q["id"]
        if q["qualifier"] == "exact":
            assert low == high == q["value"], q["id"]
        if q["qualifier"] in {"more than", "at least"}:
            assert q["low"] == q["value"] and q["high"] is None, q["id"]
        assert q["unit"] and q["counted"], q["id"]


def test_comparison_verdicts_follow_from_the_intervals(gold: dict[str, Any]) -> None:
    quantities = {q["id"]: q for q in gold["quantities"]}
    seen_verdicts = set()
    for c in gold["comparisons"]:
        assert c["verdict"] in VERDICTS and c["why"], c["id"]
        seen_verdicts.add(c["verdict"])
        members = [quantities[i] for i in c["quantities"]]
        assert len(members) >= 2, c["id"]
        counted = {m["counted"] for m in members}
        intervals = [_interval(m) for m in members]
        common = max(i[0] for i in intervals) <= min(i[1] for i in intervals)
        if c["verdict"] == "different-things":
            assert len(counted) > 1, c["id"]
            continue
        assert len(counted) == 1 and len({m["unit"] for m in members}) == 1, c["id"]
        if c["verdict"] == "agree":
            assert len({m["value"] for m in members}) == 1 and common, c["id"]
        elif c["verdict"] == "consistent":
            assert common and len({m["value"] for m in members}) > 1, c["id"]
        else:  # differ: two sides, no shared value, each side named with its origins
            assert not common, c["id"]
            sides = c["sides"]
            assert sorted(i for s in sides for i in s["quantities"]) == sorted(c["quantities"])
            arts = gold["articles"]
            for side in sides:
                origins = {arts[quantities[i]["article"]]["origin"] for i in side["quantities"]}
                assert side["independent_origins"] == len(origins), c["id"]
    assert seen_verdicts == VERDICTS
    assert sum(c["verdict"] == "differ" for c in gold["comparisons"]) == 1


def test_dates_resolve_to_what_their_words_say(gold: dict[str, Any]) -> None:
    for d in gold["dates"]:
        expr, resolved = d["expression"].lower(), d["resolved"]
        parts = [p for p in resolved.split("/")]
        for p in parts:
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", p), resolved
        if len(parts) == 2:
            assert parts[0] <= parts[1], resolved
            continue
        years = re.findall(r"\b(19\d\d|20\d\d)\b", expr)
        if years:
            assert resolved.startswith(years[-1]), d
        if len(resolved) != 10:
            continue
        day = date.fromisoformat(resolved)
        for i, name in enumerate(WEEKDAYS):
            if name in expr:
                assert day.weekday() == i, d
        for i, name in enumerate(MONTHS):
            if re.search(rf"\b{name}\b", expr):
                assert day.month == i + 1, d
        nth = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)\b", expr) or re.search(
            r"\b(?:" + "|".join(MONTHS) + r") (\d{1,2})\b", expr
        )
        if nth:
            assert day.day == int(nth.group(1)), d


def test_facts_count_origins_not_copies(gold: dict[str, Any]) -> None:
    arts = gold["articles"]
    facts = {f["id"]: f for f in gold["facts"]}
    for f in facts.values():
        assert f["status"] in STATUSES, f["id"]
        assert f["supported_by"] and all(a in arts for a in f["supported_by"]), f["id"]
        origins = {arts[a]["origin"] for a in f["supported_by"]}
        assert f["independent_origins"] == len(origins), f["id"]
        if f["status"] == "contested":
            assert f["contradicts"] and all(c in facts for c in f["contradicts"]), f["id"]
        elif f["status"] == "corroborated":
            assert len(origins) >= 2, f["id"]
        else:
            assert len(origins) == 1, f["id"]
    for f in facts.values():
        for other in f.get("contradicts", []):
            assert f["id"] in facts[other]["contradicts"], f"{f['id']} <-> {other}"
