"""``report.html``: one self-contained page, rendered from ``json.to_dict`` with jinja2.

Safety: autoescape is on for every template, so every piece of article text (titles,
body, outlets, bylines, URLs, rejection reasons) is HTML-escaped; a URL becomes a link
only when it is an absolute http(s) URL (``_view.http_url``); the page carries a Content
Security Policy that forbids every network load and every script, so even a template
mistake cannot make it fetch anything. CSS is inline, there are no images, fonts or
scripts.

Templates live in ``templates/``: ``report.html.j2`` (the page), ``_article.html.j2``,
``_macros.html.j2``, ``style.css``. An optional story section ``name`` is rendered by
``sections/<name>.html.j2`` when that template exists, else by ``sections/_generic.html.j2``
(its data as nested lists), so a new section shows up before it has a template. Sections
are listed and prepared by ``story_view.sections`` (each template gets ``section``, the
data, and ``view``, the prepared view); pictures are inline SVG from ``svg``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from triangulate.model import Report
from triangulate.report import _view, story_view, svg
from triangulate.report import json as report_json

TEMPLATES = Path(__file__).with_name("templates")

#: No network loads, no scripts, no plugins, no forms; inline styles only.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

_LANG_CODE = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


def render(report: Report) -> str:
    """The report as one HTML page."""
    return render_dict(report_json.to_dict(report))


def render_dict(data: dict[str, Any]) -> str:
    html = environment().get_template("report.html.j2").render(report=data, csp=CSP)
    return html.rstrip("\n") + "\n"


def lang_code(code: object) -> str | None:
    """``code`` if it looks like a BCP 47 language tag (safe for a ``lang`` attribute)."""
    return code if isinstance(code, str) and _LANG_CODE.match(code) else None


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.globals.update(
        anchor=_view.anchor,
        display_time=_view.display_time,
        http_url=_view.http_url,
        lang_code=lang_code,
        outlet_name=_view.outlet_name,
        paragraph_segments=_view.paragraph_segments,
        plural=_view.plural,
        section_title=_view.section_title,
        stat_items=_view.stat_items,
        time_span=_view.time_span,
        story_overview=story_view.overview,
        outlet_chips=story_view.outlet_chips,
        story_sections=story_view.sections,
        interval_chart=svg.interval_chart,
        provenance_tree=svg.provenance_tree,
        percent=lambda x: f"{round(float(x) * 100)}%",
    )
    return env
