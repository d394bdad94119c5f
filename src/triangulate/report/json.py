"""``report.json``: the report as one versioned, documented, deterministic JSON object.

``to_dict`` is the one place that decides what the report contains; the Markdown and
HTML writers render the same dict. Every field is documented in ``docs/report-schema.md``.

Determinism: the same ``Report`` gives byte-identical output. Mappings that come from
data (stats, metadata, residue counts) are sorted by key; the rejected inputs are sorted
by source (numbers in a source compare as numbers: ``a.jsonl:9`` before ``a.jsonl:10``);
stories, articles, sentences and passages keep the order the pipeline gave them (that
order means something: story rank, reading order, document order). No run timestamp is
written.

Optional story sections (provenance, quotes, figures, facts, summary, framing) are the
fields later stages add to ``StoryReport``. ``story_sections`` finds those that are
present (not ``None``, not empty) and ``to_jsonable`` converts them: a value with a
``to_report_dict()`` method is asked for its own dict, a dataclass becomes an object of
its fields, tuples/lists/sets become arrays (sets sorted), mappings become objects with
sorted keys, datetimes ISO 8601 strings. Anything else is a ``TypeError`` naming the
field, never a silent ``str()``.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import re
from collections.abc import Mapping, Set
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from triangulate.model import Article, Passage, Rejected, Report, Sentence, StoryReport

#: Version of the JSON layout: the major number changes when a field is removed or its
#: meaning changes, the minor number when a field or a section is added.
SCHEMA_VERSION = "1.2"

#: Order in which optional story sections are rendered (summary first, provenance last);
#: a section not listed here comes after these, in alphabetical order.
SECTION_ORDER: tuple[str, ...] = (
    "summary",
    "facts",
    "disagreements",
    "quotes",
    "figures",
    "framing",
    "provenance",
    "timeline",
)

#: ``StoryReport`` fields that are the core of every story, not optional sections.
_CORE_FIELDS = frozenset({"story", "articles"})

JSONValue = Any  # None | bool | int | float | str | list[JSONValue] | dict[str, JSONValue]


def render(report: Report) -> str:
    """The report as indented JSON text (UTF-8 characters kept, newline at the end)."""
    return render_dict(to_dict(report))


def render_dict(data: dict[str, JSONValue]) -> str:
    """``to_dict``'s dict as indented JSON text."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def to_dict(report: Report) -> dict[str, JSONValue]:
    """The report as a plain JSON-ready dict (see docs/report-schema.md)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": generator(),
        "stats": {str(k): int(v) for k, v in sorted(report.stats.items())},
        "notes": [str(n) for n in report.notes],
        "stories": [story_dict(sr) for sr in report.stories],
        "rejected": [rejected_dict(r) for r in sorted(report.rejected, key=_rejected_key)],
    }


def generator() -> dict[str, str]:
    """The program that wrote the report (name and version)."""
    import triangulate

    return {"name": "triangulate", "version": str(getattr(triangulate, "__version__", "unknown"))}


def story_dict(sr: StoryReport) -> dict[str, JSONValue]:
    story = sr.story
    return {
        "id": story.id,
        "title": story.title,
        "start": _iso(story.start),
        "end": _iso(story.end),
        "article_count": len(sr.articles),
        "outlets": outlet_counts(sr.articles),
        "articles": [article_dict(a) for a in sr.articles],
        "sections": {name: to_jsonable(value, name) for name, value in story_sections(sr)},
    }


def outlet_counts(articles: tuple[Article, ...]) -> list[dict[str, JSONValue]]:
    """Each outlet once, with its number of articles; sorted by name, unknown outlet last."""
    counts: dict[str | None, int] = {}
    for a in articles:
        counts[a.outlet] = counts.get(a.outlet, 0) + 1
    names = sorted(counts, key=lambda n: (n is None, (n or "").casefold(), n or ""))
    return [{"name": n, "articles": counts[n]} for n in names]


def article_dict(a: Article) -> dict[str, JSONValue]:
    return {
        "id": a.id,
        "source": a.source,
        "kind": a.kind,
        "title": a.title,
        "outlet": a.outlet,
        "url": a.url,
        "published": _iso(a.published),
        "byline": a.byline,
        "dateline": a.dateline,
        "language": a.language,
        "word_count": len(a.text.split()),
        "text": a.text,
        "sentences": [sentence_dict(s) for s in a.sentences],
        "foreign": [passage_dict(p) for p in a.foreign],
        "removed": [passage_dict(p) for p in a.removed],
        "removed_by_rule": _count_rules(a.removed),
        "metadata": to_jsonable(a.metadata, f"article {a.id} metadata", strict=False),
    }


def sentence_dict(s: Sentence) -> dict[str, JSONValue]:
    return {
        "index": s.index,
        "start": s.start,
        "end": s.end,
        "paragraph": s.paragraph,
        "language": s.language,
        "text": s.text,
    }


def passage_dict(p: Passage) -> dict[str, JSONValue]:
    return {"kind": p.kind, "rule": p.rule, "language": p.language, "text": p.text}


def rejected_dict(r: Rejected) -> dict[str, JSONValue]:
    return {"source": r.source, "stage": r.stage, "reason": r.reason}


def story_sections(sr: StoryReport) -> list[tuple[str, Any]]:
    """The optional sections present in a story report, in rendering order."""
    present = []
    for f in dataclasses.fields(sr):
        if f.name in _CORE_FIELDS:
            continue
        value = getattr(sr, f.name)
        if value is None or (isinstance(value, tuple | list | Mapping | Set) and not value):
            continue
        present.append((f.name, value))
    rank = {name: i for i, name in enumerate(SECTION_ORDER)}
    return sorted(present, key=lambda item: (rank.get(item[0], len(rank)), item[0]))


def to_jsonable(value: Any, where: str = "value", *, strict: bool = True) -> JSONValue:
    """Convert a value to plain JSON data (rules in the module docstring).

    ``strict=False`` is for data that came from the input (article metadata): a value JSON
    cannot hold becomes ``null`` (NaN, infinity) or its ``str()`` instead of an error.
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            if strict:
                raise TypeError(f"{where}: {value!r} cannot be written as JSON")
            return None
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value, where)
    if isinstance(value, PurePath):
        return str(value)
    own = getattr(value, "to_report_dict", None)
    if callable(own):
        return to_jsonable(own(), where, strict=strict)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_jsonable(getattr(value, f.name), f"{where}.{f.name}", strict=strict)
            for f in dataclasses.fields(value)
        }
    if isinstance(value, Mapping):
        items = sorted(((str(k), v) for k, v in value.items()), key=lambda kv: kv[0])
        return {k: to_jsonable(v, f"{where}.{k}", strict=strict) for k, v in items}
    if isinstance(value, Set):
        converted = [to_jsonable(v, f"{where}[]", strict=strict) for v in value]
        return sorted(converted, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    if isinstance(value, tuple | list):
        return [to_jsonable(v, f"{where}[{i}]", strict=strict) for i, v in enumerate(value)]
    if not strict:
        return str(value)
    raise TypeError(f"{where}: cannot write a {type(value).__name__} into the JSON report")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _count_rules(passages: tuple[Passage, ...]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for p in passages:
        counts[p.rule] = counts.get(p.rule, 0) + 1
    return dict(sorted(counts.items()))


def _natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part
    )


def _rejected_key(r: Rejected) -> tuple[Any, ...]:
    return (_natural_key(r.source), r.source, r.stage, r.reason)
