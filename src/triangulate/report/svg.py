"""Small inline SVG pictures for the HTML report: figure ranges and the provenance tree.

Pictures are strings of SVG markup put straight into the page (no files, no scripts, no
external fonts: the page's CSP allows none). Every piece of text that came from the
input (outlet names, relations) is escaped with ``markupsafe.escape``; numbers are
formatted here. Colours come from ``currentColor`` and CSS classes so dark mode works.
Each picture has a ``<title>`` and ``role="img"`` with an ``aria-label`` for screen readers;
the same information is always also in the text next to it.
"""

from __future__ import annotations

import math
from typing import Any

from markupsafe import Markup, escape

WIDTH = 360
_LABEL_W = 130
_ROW = 22


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _fmt_value(x: float) -> str:
    if x == math.floor(x) and abs(x) < 1e15:
        return f"{int(x):,}"
    return f"{x:,.3g}"


def _finite(v: object) -> float | None:
    return float(v) if isinstance(v, int | float) and math.isfinite(v) else None


def interval_chart(rows: list[dict[str, Any]], label: str) -> Markup:
    """One horizontal range per row (``outlet``, ``low``, ``high``) on a shared axis.

    A point figure is a dot, a range a bar; an open end (``None`` or infinite) is drawn
    as an arrow to the edge. Rows without any finite end are left out. Empty markup when
    nothing can be drawn.
    """
    finite = [
        v for r in rows for v in (r.get("low"), r.get("high"))
        if isinstance(v, int | float) and math.isfinite(v)
    ]
    drawable = [r for r in rows if any(
        isinstance(v, int | float) and math.isfinite(v) for v in (r.get("low"), r.get("high"))
    )]
    if not finite or not drawable:
        return Markup("")
    lo, hi = min(finite), max(finite)
    if lo == hi:
        lo, hi = lo - max(abs(lo) * 0.1, 1), hi + max(abs(hi) * 0.1, 1)
    pad = (hi - lo) * 0.08
    lo, hi = lo - pad, hi + pad
    x0, x1 = _LABEL_W + 6, WIDTH - 8

    def x(v: float) -> float:
        return x0 + (v - lo) / (hi - lo) * (x1 - x0)

    height = _ROW * len(drawable) + 26
    parts = [
        f'<svg class="chart interval-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{escape(label)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
    ]
    for i, r in enumerate(drawable):
        y = 12 + i * _ROW
        low, high = _finite(r.get("low")), _finite(r.get("high"))
        lf, hf = low is not None, high is not None
        parts.append(
            f'<text x="{_LABEL_W}" y="{y + 4}" text-anchor="end" class="lbl">'
            f'{escape(_short(str(r.get("outlet", "")), 20))}</text>'
        )
        parts.append(f'<line x1="{x0}" y1="{y}" x2="{x1}" y2="{y}" class="grid"/>')
        a = x(low) if low is not None else x0
        b = x(high) if high is not None else x1
        if lf and hf and abs(b - a) < 1.5:
            parts.append(f'<circle cx="{_num(a)}" cy="{y}" r="4.5" class="pt"/>')
        else:
            parts.append(
                f'<line x1="{_num(a)}" y1="{y}" x2="{_num(b)}" y2="{y}" class="bar"/>'
            )
            if not lf:
                parts.append(f'<path d="M{_num(a)} {y}l7 -5v10z" class="pt"/>')
            if not hf:
                parts.append(f'<path d="M{_num(b)} {y}l-7 -5v10z" class="pt"/>')
    axis_y = 12 + len(drawable) * _ROW - 4
    parts.append(f'<line x1="{x0}" y1="{axis_y}" x2="{x1}" y2="{axis_y}" class="axis"/>')
    ticks = sorted(set(finite))
    shown: list[float] = []
    for t in ticks:
        if all(abs(x(t) - x(s)) > 34 for s in shown):
            shown.append(t)
    for t in shown:
        parts.append(
            f'<line x1="{_num(x(t))}" y1="{axis_y}" x2="{_num(x(t))}" y2="{axis_y + 4}" class="axis"/>'
            f'<text x="{_num(x(t))}" y="{axis_y + 15}" text-anchor="middle" class="tick">'
            f"{escape(_fmt_value(t))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def provenance_tree(families: list[dict[str, Any]], label: str, uid: str = "p") -> Markup:
    """Each origin family as a small tree: the origin, and an arrow to each copy or rewrite.

    ``families`` are the provenance view's families (``origin_article`` and ``members``
    with ``article_id``, ``outlet``, ``relation``, ``aligned``). A family of one article is
    a single box marked independent.
    """
    rows: list[tuple[int, str, str, bool]] = []  # (indent, outlet, note, is_origin)
    starts: list[int] = []
    for fam in families:
        members = fam["members"]
        origin = next(
            (m for m in members if m["article_id"] == fam.get("origin_article")), members[0]
        )
        starts.append(len(rows))
        note = "independent" if len(members) == 1 else "origin"
        rows.append((0, origin["outlet"], note, True))
        for m in members:
            if m is origin:
                continue
            rows.append((1, m["outlet"], f"{m['relation']} · {round(m['aligned'] * 100)}% aligned",
                         False))
    if not rows:
        return Markup("")
    row_h, box_h = 30, 22
    gap = 10
    height = len(rows) * row_h + gap * (len(families) - 1) + 8
    parts = [
        f'<svg class="chart prov-tree" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
        f'<defs><marker id="{escape(uid)}-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0 0L8 4L0 8z" class="pt"/></marker></defs>',
    ]
    y = 4
    fam_index = 0
    origin_y = 0
    for i, (indent, outlet, note, is_origin) in enumerate(rows):
        if is_origin and i:
            y += gap
            fam_index += 1
        x = 6 + indent * 34
        if is_origin:
            origin_y = y
        else:
            ex = 6 + 14
            parts.append(
                f'<path d="M{ex} {origin_y + box_h} V{y + box_h // 2} H{x - 1}" '
                f'class="edge" marker-end="url(#{escape(uid)}-arrow)"/>'
            )
        cls = "node origin" if is_origin else "node"
        parts.append(
            f'<rect x="{x}" y="{y}" width="{min(170, WIDTH - x - 6)}" height="{box_h}" rx="5" '
            f'class="{cls}"/>'
            f'<text x="{x + 7}" y="{y + 15}" class="lbl">{escape(_short(outlet, 24))}</text>'
            f'<text x="{x + 178}" y="{y + 15}" class="note">{escape(_short(note, 24))}</text>'
        )
        y += row_h
    parts.append("</svg>")
    return Markup("".join(parts))
