"""Quantities in news text: value, unit, what is counted, the hedge, scope, time, who says so.

    quantities_in(text)            -> list[Quantity]   one sentence (offsets into ``text``)
    extract_quantities(article)    -> list[Quantity]   every sentence, offsets into article.text

A ``Quantity`` carries the number as written (``value``, and ``value_to`` for a range
written "15 to 22"), the normalised ``unit`` ("" when there is none), the ``counted``
thing ("people injured", "wind"), the hedge as a CQE change class (``=``, ``~``, ``>``,
``<``, ``up``, ``down``) and as an ``Interval`` the value may lie in, a ``scope`` ("Belarus"),
the ``time`` it holds for (ISO date of a date mention in the same sentence, when given),
and ``asserted_by`` (a quoted speaker, or the outlet).

Rules, all general English news conventions (see docs/claims.md):

- years, dates, clock times, ordinals, and numbers that are part of a name ("Game 6",
  "S&P 500", "iPhone 11", "COVID-19") are not quantities;
- a hedge before the number sets the interval: about/around/roughly/some -> ±10 %,
  nearly/almost -> [0.9 v, v], more than/over/well over -> (v, inf), at least -> [v, inf),
  up to/as many as/within -> [0, v], less than/under/below -> [0, v);
- a change verb right before the number ("rose 3%", "fell by 190 points", "down 2.3%")
  makes the figure a change ``up``/``down``; "to X" after it is the new level (``=``);
- a range "15 to 22", "15-22", "between 15 and 22", "from 15 to 22" is one quantity.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from triangulate.claims import attribution
from triangulate.claims.counted import (
    counted_head,
    noun_after,
    per_tail,
    scope_of,
    with_event,
)
from triangulate.claims.lexicon import (
    _AGE_AFTER,
    _AGE_BEFORE,
    _BETWEEN_BEFORE,
    _BY_BEFORE,
    _BY_CLAUSE,
    _COLLECTIVE,
    _DECADE_AFTER,
    _DOWN_ANY,
    _DOWN_RE,
    _FOLLOWS_FIGURE,
    _FROM_BEFORE,
    _HALF_PERIOD_BEFORE,
    _MINUS_BEFORE,
    _MONTH_AFTER,
    _MONTH_BEFORE,
    _NAME_BEFORE,
    _NOT_NAMES,
    _NUMBER_SIGN_BEFORE,
    _OF_AFTER,
    _ONE_IDIOM_AFTER,
    _ONE_IDIOM_BEFORE,
    _PHRASAL_UP_RE,
    _QUALIFIER_RES,
    _RANGE_CONNECTOR,
    _TALLY_BEFORE,
    _TIME_AFTER,
    _TIME_BEFORE,
    _UP_ANY,
    _UP_RE,
    _WORD,
)
from triangulate.claims.numbers import NumberSpan, find_numbers
from triangulate.claims.types import Change, Interval, Quantity, interval_for
from triangulate.claims.units import (
    is_plural,
    match_currency_before,
    match_unit_after,
)
from triangulate.model import Article

__all__ = ["Change", "Interval", "Quantity", "extract_quantities", "interval_for", "quantities_in"]

SpeakerFor = Callable[[Article, int], "str | None"]


# --------------------------------------------------------------------------- extraction


@dataclass
class _Draft:
    span: NumberSpan
    start: int
    end: int
    value: float
    value_to: float | None = None
    unit: str = ""
    unit_text: str = ""
    kind: str = "count"
    head: str = ""


def _is_skipped(
    text: str, span: NumberSpan, before: str, after: str, in_range: bool = False
) -> bool:
    """Numbers that are not quantities: years, dates, times, ordinals, names, codes."""
    if span.kind == "ordinal":
        return True
    if span.kind == "multiple" and span.text.lower() in ("twice", "thrice"):
        return True
    if span.kind == "slash":
        return True
    if _TIME_AFTER.match(after) or _TIME_BEFORE.search(before):
        return True
    if span.kind == "digits" and _MONTH_AFTER.match(after) and span.value <= 31:
        return True
    if _MONTH_BEFORE.search(before) and (span.value <= 31 or 1800 <= span.value <= 2100):
        return True
    if span.kind in ("digits",) and _DECADE_AFTER.match(after):
        return not (span.value >= 100 and math.log10(span.value).is_integer())
    if _is_year(span, before, after):
        return True
    if _NUMBER_SIGN_BEFORE.search(before):
        return True
    if span.kind in ("digits", "words"):
        m = _NAME_BEFORE.search(before)
        if (
            m
            and m.group(1).rstrip(".") not in _NOT_NAMES
            and match_currency_before(text, span.start) is None
        ):
            unit = match_unit_after(after, 0)
            if unit is None or unit[0] in ("point", "percentage"):
                return True
    if (
        span.kind == "words"
        and span.text.lower() == "one"
        and (_ONE_IDIOM_BEFORE.search(before) or _ONE_IDIOM_AFTER.match(after))
    ):
        return True
    if (
        span.kind in ("digits", "words")
        and re.match(r"-[A-Za-z]", after)
        and not after.startswith("-to-")
        and match_unit_after(after, 0) is None
    ):
        return True  # a compound modifier, not an amount: "six-speed gearbox", "V-6"
    if (
        span.kind == "fraction"
        and span.text.lower() == "half"
        and _HALF_PERIOD_BEFORE.search(before)
        and not re.match(r"\s+(?:of|the|a|an|its|their)\b", after)
    ):
        return True  # "this half", "the second half": a period, not a share
        return True
    if span.kind == "fraction" and re.match(
        r"^[- ](?:time|hour|way|century|decade|day)\b", after, re.I
    ):
        return span.text.lower() in ("half",) and after.startswith("-")
    # hyphenated codes: "TA-35", "F-16", "COVID-19" (a letter right before the hyphen)
    if (
        not in_range
        and span.kind == "digits"
        and re.search(r"\d[-–]$", before)
        and not _TALLY_BEFORE.search(re.sub(r"\d+[-–]$", "", before))
    ):
        return True  # the second half of a score or code whose first half was not a figure
    return span.kind == "digits" and bool(re.search(r"[A-Z]\s?[-‐]$", before))


def _is_year(span: NumberSpan, before: str, after: str) -> bool:
    if span.kind != "digits" or "," in span.text or "." in span.text:
        return False
    if not (1500 <= span.value <= 2199 and len(span.text.strip()) == 4):
        return False
    if match_unit_after(after, 0) is not None and not re.match(r"^\s*(?:points?|pts)\b", after):
        unit = match_unit_after(after, 0)
        return unit is None or unit[0] in ("year",)  # "2019 year" is odd; "2000 km" is not a year
    nxt = _WORD.match(after)
    if nxt and (
        nxt.group(1).lower() in _COLLECTIVE
        or (is_plural(nxt.group(1)) and nxt.group(1)[0].islower())
    ):
        return False
    return not re.search(r"(?:\$|€|£|¥)\s?$", before)


def _qualifier(before: str) -> tuple[str, Change]:
    for rx, qualifier, change in _QUALIFIER_RES:
        if rx.search(before):
            return qualifier, change
    return "exact", "="


def _verb_change(before: str) -> Change | None:
    if re.search(r"\bup\s+(?:to|from)\s*$", before, re.IGNORECASE):
        return None
    if re.search(r"\b(?:from)\s*$", before, re.IGNORECASE):
        return None
    if _UP_RE.search(before) and not _PHRASAL_UP_RE.search(before):
        return "up"
    if _DOWN_RE.search(before):
        return "down"
    # "cut the budget for maintenance by nearly a fifth": the verb governs "by N"
    m = _BY_CLAUSE.search(before)
    if m:
        clause = m.group(1)
        if _UP_ANY.search(clause) and not _PHRASAL_UP_RE.search(clause + " up"):
            return "up"
        if _DOWN_ANY.search(clause):
            return "down"
    return None


def quantities_in(text: str) -> list[Quantity]:
    """Every quantity in one sentence; offsets are into ``text``."""
    spans = find_numbers(text)
    out: list[Quantity] = []
    i = 0
    last_head = ""
    while i < len(spans):
        span = spans[i]
        before = text[: span.start]
        after = text[span.end :]
        if _is_skipped(text, span, before, after):
            i += 1
            continue
        draft = _Draft(span, span.start, span.end, span.low, kind=_kind_of(span))
        if span.kind == "vague":
            draft.value, draft.value_to = span.low, span.high
        if _MINUS_BEFORE.search(before) and draft.value > 0:
            draft.value = -draft.value
        if span.kind == "digits" and _DECADE_AFTER.match(after):
            # "1000's of residents": the plural of a power of ten, like "thousands"
            draft.value, draft.value_to, draft.kind = span.low, span.low * 10, "vague"
            draft.end = span.end + len(_DECADE_AFTER.match(after).group(0))  # type: ignore[union-attr]
        currency = match_currency_before(text, span.start)
        if currency is not None:
            draft.unit, draft.start, draft.kind = currency[0], currency[1], "money"
            draft.unit_text = text[currency[1] : span.start].strip()
        end = max(span.end, draft.end)
        if span.kind == "multiple":
            draft.unit, draft.unit_text = "count", "fold"
        unit = (
            match_unit_after(text, end)
            if span.kind not in ("fraction", "multiple") and draft.kind != "vague"
            else None
        )
        if unit is not None and not (
            currency and unit[0] in ("penny", "cent", "point", "percentage")
        ):
            if not draft.unit or (
                unit[0] in ("dollar", "euro", "pound sterling") and draft.unit == unit[0]
            ):
                draft.unit, end, draft.unit_text = unit[0], unit[1], unit[2]
                draft.kind = _unit_kind(unit[0])
            elif draft.unit == "dollar" and unit[0] == "pound sterling":
                draft.unit, end = unit[0], unit[1]
        # ranges: "15 to 22 mph", "$62 and $68", "5-10W", "from 208 pounds to 193"
        end, consumed = _extend_range(text, spans, i, draft, before, end)
        ratio = _one_in(text, spans, i, draft)
        if ratio is not None:
            # "one in five adults": a share, 20 percent of adults
            end, consumed = ratio, 2
        per, per_end = per_tail(text, end)
        # age: "Maddon, 66," / "aged 35" / "35-year-old"
        if (
            not draft.unit
            and span.kind == "digits"
            and draft.value_to is None
            and 1 <= draft.value <= 120
            and float(draft.value).is_integer()
            and _AGE_BEFORE.search(before)
            and _AGE_AFTER.match(text[end:])
        ):
            draft.unit, draft.kind = "year of age", "age"
        if not draft.unit and re.search(r"\baged\s+(?:between\s+)?$", before, re.IGNORECASE):
            draft.unit, draft.kind = "year of age", "age"
        if not draft.unit and span.kind not in ("fraction",):
            m_of = _OF_AFTER.match(text, end) if span.kind in ("vague", "words", "digits") else None
            pos = (
                m_of.end()
                if m_of
                and (
                    span.kind in ("vague", "words")
                    or draft.kind == "vague"
                    or m_of.group(0).strip().lower() != "of"
                )
                else end
            )
            if m_of and re.search(r"\b(?:them|us|which)\s*$", m_of.group(0), re.IGNORECASE):
                # "three of them": a part of the figure just counted
                draft.head = last_head
                draft.unit = out[-1].unit if out and out[-1].kind == "count" else ""
            else:
                noun, noun_end = noun_after(text, pos, draft.value if draft.value_to is None else 2)
                if noun:
                    draft.unit, draft.head = noun, noun
                    draft.kind = "count"
                    end = noun_end
                    per, per_end = per_tail(text, noun_end)
        if (
            span.kind == "words"
            and span.text.lower() == "one"
            and not draft.unit
            and not (draft.value_to is not None or _OF_AFTER.match(text, end))
        ):
            i += consumed
            continue  # "one" as a pronoun: "the same one across accounts"
        if span.kind == "fraction":
            m_of = _OF_AFTER.match(text, end)
            pos = m_of.end() if m_of else end
            if m_of is None and re.match(r"\s+(?:the|its|their)\s", text[end:]):
                pos = end + len(re.match(r"\s+(?:the|its|their)", text[end:]).group(0))  # type: ignore[union-attr]
            noun, _ = noun_after(text, pos, 2)
            # a share: "a third of those screened" = 33.3 percent of "those screened"
            draft.value *= 100
            draft.unit, draft.unit_text, draft.head = "percentage", noun, noun
        if per and draft.unit and draft.kind != "fraction":
            draft.unit += per
            end = per_end
        if (
            not draft.unit
            and out
            and out[-1].unit == "point"
            and re.fullmatch(r"\s+(?:to|at)\s+", text[out[-1].end : draft.start])
        ):
            draft.unit, draft.kind = "point", "measure"  # "rose 64.06 points to 4,577.10"
        if not draft.unit and out and out[-1].kind == "count" and out[-1].unit:
            between = text[out[-1].end : draft.start]
            if _COMPARED_WITH.search(between) or re.match(r"\s+who\b", text[end:]):
                # "460 vehicles ... compared with 63", "68,400 people ... and 95,800 who":
                # the second figure counts what the first one counts
                draft.unit, draft.head, draft.kind = out[-1].unit, out[-1].counted, "count"
        lead = _MINUS_BEFORE.sub("", text[: draft.start])
        qualifier, change = _qualifier(lead)
        verb = _verb_change(lead)
        if (
            out
            and qualifier == "exact"
            and verb is None
            and _FOLLOWS_FIGURE.search(text[out[-1].end : draft.start])
        ):
            # "more than 100 kilometres (60 miles)", "lost 190 points, or 0.6%": the
            # conversion or restatement of a figure carries that figure's hedge
            qualifier, change = out[-1].qualifier, out[-1].change
        if verb is not None and change not in (">", "<"):
            change = verb  # "rose about 1.5%" is a rise; "lost more than 60%" stays ">"
        if draft.kind == "vague":
            qualifier = "vague"
        elif draft.value_to is not None and qualifier == "exact":
            qualifier = "range"
        quantity = Quantity(
            start=draft.start,
            end=max(end, span.end),
            text=text[draft.start : max(end, span.end)],
            value=draft.value,
            value_to=draft.value_to,
            unit=draft.unit,
            unit_text=draft.unit_text,
            counted=draft.head or counted_head(text, draft.start, end, draft.kind),
            change=change,
            qualifier=qualifier,
            interval=interval_for(draft.value, draft.value_to, qualifier, draft.kind),
            kind=draft.kind,
        )
        quantity = replace(with_event(text, quantity), scope=scope_of(text, quantity.end))
        if draft.head:
            last_head = quantity.counted
        out.append(quantity)
        i += consumed
    return out


def _extend_range(
    text: str, spans: list[NumberSpan], i: int, draft: _Draft, before: str, end: int
) -> tuple[int, int]:
    """Read "X to Y", "X-Y", "between X and Y" into ``draft``; (new end, spans used)."""
    span = spans[i]
    consumed = 1
    if i + 1 < len(spans) and span.kind in ("digits", "words"):
        nxt = spans[i + 1]
        conn = _RANGE_CONNECTOR.fullmatch(text[end : nxt.start]) or (
            _RANGE_CONNECTOR.fullmatch(text[end : _currency_start(text, nxt)])
        )
        pre = before[: len(before) - len(text[draft.start : span.start])]
        far = None if conn else _distant_end(text, spans, i, end, pre)
        if far is not None:
            # "from $36,040 at 10.45pm last night to $34,935": the words between are aside
            nxt, conn, consumed = spans[far], _RANGE_CONNECTOR.fullmatch(" to "), far - i
        unit2 = match_unit_after(text, nxt.end)
        cur2 = match_currency_before(text, nxt.start)
        u2 = unit2[0] if unit2 else (cur2[0] if cur2 else "")
        if (
            conn
            and conn.group(0).strip().lower() == "or"
            and not draft.unit
            and u2
            and nxt.kind in ("digits", "words")
        ):
            # "three or four years", "8 or $9": the unit written once serves both
            draft.unit, draft.kind = u2, _unit_kind(u2)
        elif (
            conn
            and nxt.kind in ("digits", "words")
            and _range_allowed(conn.group(0), pre, draft, u2)
        ):
            nxt_after = text[nxt.end :]
            if not _is_skipped(text, nxt, text[: nxt.start], nxt_after, in_range=True) and (
                not draft.unit or not u2 or u2 == draft.unit
            ):
                v2 = nxt.low
                v1 = draft.value
                if (
                    nxt.text != str(nxt.low)
                    and span.kind == "digits"
                    and nxt.kind == "digits"
                    and re.search(r"[ -](?:million|billion|trillion|thousand)|[mbkMB]n?$", nxt.text)
                    and not re.search(
                        r"[ -](?:million|billion|trillion|thousand)|[mbkMB]n?$", span.text
                    )
                    and v1 < _raw_number(nxt.text)
                ):
                    v1 = v1 * (v2 / _raw_number(nxt.text))
                draft.value, draft.value_to = v1, (v2 if v2 != v1 else None)
                end = nxt.end
                if unit2 and not draft.unit:
                    draft.unit, end, draft.unit_text = unit2[0], unit2[1], unit2[2]
                    draft.kind = _unit_kind(unit2[0])
                elif unit2:
                    end = unit2[1]
                elif cur2 and not draft.unit:
                    draft.unit, draft.kind = cur2[0], "money"
                consumed += 1
    return end, consumed


_COMPARED_WITH = re.compile(
    r"\b(?:up|down)\s+from\s*$|\b(?:compared\s+(?:with|to)|versus|vs\.?|against)\s*$",
    re.IGNORECASE,
)
_TO_AFTER_ASIDE = re.compile(r"[^,;:()\"“”]{1,50}?\s(?:up\s+)?to\s*", re.IGNORECASE)


def _distant_end(text: str, spans: list[NumberSpan], i: int, end: int, pre: str) -> int | None:
    """In "from X <a few words> to Y", the index of Y's span, else None."""
    if not _FROM_BEFORE.search(pre) or _BETWEEN_BEFORE.search(pre):
        return None
    for k in range(i + 1, min(i + 4, len(spans))):
        cand = spans[k]
        if _is_skipped(text, cand, text[: cand.start], text[cand.end :]):
            continue  # a clock time or a date between the two ends
        if _TO_AFTER_ASIDE.fullmatch(text[end : _currency_start(text, cand)]):
            return k
        return None
    return None


def _one_in(text: str, spans: list[NumberSpan], i: int, draft: _Draft) -> int | None:
    """Read "one in five adults" into ``draft`` as a share; the end of the phrase, or None."""
    if draft.unit or draft.value_to is not None or i + 1 >= len(spans):
        return None
    nxt = spans[i + 1]
    if (
        nxt.kind not in ("digits", "words")
        or not re.fullmatch(r"\s+in\s+(?:every\s+)?", text[draft.end or spans[i].end : nxt.start])
        or not 0 < draft.value < nxt.low
    ):
        return None
    noun, noun_end = noun_after(text, nxt.end, 2)
    draft.value = draft.value / nxt.low * 100
    draft.unit, draft.unit_text, draft.head, draft.kind = "percentage", noun, noun, "fraction"
    return noun_end if noun else nxt.end


def _raw_number(text: str) -> float:
    m = re.match(r"[-−]?[\d,]*\.?\d+", text)
    return float(m.group(0).replace(",", "").replace("−", "-")) if m else 1.0


def _currency_start(text: str, span: NumberSpan) -> int:
    cur = match_currency_before(text, span.start)
    return cur[1] if cur else span.start


def _range_allowed(connector: str, before: str, draft: _Draft, unit2: str) -> bool:
    """May "X <connector> Y" be read as one range? (Not "by 3% to 5%", "rose 3% to 40".)"""
    c = connector.strip().lower()
    if c == "or" or _TALLY_BEFORE.search(before):
        return False  # "voted nine to four", "beat Charlton 2-1": two counts, not a range
    if c == "and":
        return bool(_BETWEEN_BEFORE.search(before))
    if c in ("to", "to-", "through"):
        if _BY_BEFORE.search(before):
            return False
        if _FROM_BEFORE.search(before):
            return True
        if _verb_change(before) is not None:
            return False
        return not draft.unit or draft.kind == "money" or unit2 == draft.unit
    return True


def _kind_of(span: NumberSpan) -> str:
    return {"fraction": "fraction", "vague": "vague", "multiple": "multiple"}.get(
        span.kind, "count"
    )


def _unit_kind(unit: str) -> str:
    if unit in ("percentage", "percentage point", "basis point"):
        return "percent"
    if unit.endswith("of age"):
        return "age"
    if unit in ("dollar", "euro", "pound sterling", "cent", "penny") or " dollar" in unit:
        return "money"
    return "measure"


def extract_quantities(
    article: Article,
    speaker_for: SpeakerFor | None = None,
    times: dict[int, str] | None = None,
) -> list[Quantity]:
    """Every quantity in an article, with offsets into ``article.text``.

    ``speaker_for(article, offset)`` names the speaker a figure is attributed to (the
    quotes stage provides it); without it a small built-in attribution rule is used
    ("..., Webb said", "according to the fire service"). ``times`` maps a sentence index
    to the ISO date the sentence's figures hold for (from ``dates.extract_dates``).
    """
    outlet = article.outlet or "outlet"
    found: list[Quantity] = []
    for sentence in article.sentences:
        base = sentence.start
        for q in quantities_in(sentence.text):
            absolute = base + q.start
            speaker = speaker_for(article, absolute) if speaker_for else None
            if speaker is None and speaker_for is None:
                speaker = attribution.speaker_in(sentence.text)
            found.append(
                replace(
                    q,
                    start=absolute,
                    end=base + q.end,
                    sentence=sentence.index,
                    article_id=article.id,
                    time=(times or {}).get(sentence.index),
                    asserted_by=speaker or outlet,
                )
            )
    return found
