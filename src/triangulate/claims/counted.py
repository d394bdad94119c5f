"""What a figure counts or measures, and where: the noun phrase, the event, the scope.

noun_after(text, pos, value)        "Kia and Hyundai vehicles" -> "kia hyundai vehicle"
per_tail(text, pos)                 " per day" after a unit or noun
counted_head(text, start, end, kind) what a measure measures ("gusts of up to 110 km/h")
with_event(text, quantity)          "people" -> "people injured seriously"
scope_of(text, end)                 a named place after the figure ("in Belarus")
"""

from __future__ import annotations

import re
from dataclasses import replace

from triangulate.claims.lexicon import (
    _AUX,
    _COLLECTIVE,
    _DOWN_RE,
    _MONTH,
    _OF_COMPLEMENT,
    _PER_AFTER,
    _QUALIFIER_WORDS,
    _UP_RE,
    _WORD,
    DEGREES,
    EVENTS,
    STOPWORDS,
    SYNONYMS,
    _norm_noun,
)
from triangulate.claims.types import Quantity
from triangulate.claims.units import is_plural, normalise_unit, singular


def noun_after(text: str, pos: int, value: float) -> tuple[str, int]:
    """The counted noun phrase after ``text[pos]`` ("Kia and Hyundai vehicles")."""
    words: list[str] = []
    end = pos
    cursor = pos
    found_head = False
    while len(words) < 5:
        m = _WORD.match(text, cursor)
        if m is None:
            break
        word = m.group(1)
        low = word.lower().strip("'’")
        if low == "and" and words:
            # "Kia and Hyundai vehicles", "digital and physical sales": one phrase
            cursor = m.end()
            continue
        if low in STOPWORDS:
            break
        if low.endswith(("'s", "’s")) and len(low) > 3:
            words.append(word)  # a possessive modifies the head that follows
            cursor = end = m.end()
            continue
        if low.endswith("ly") and len(low) > 4:
            break
        words.append(word)
        cursor = m.end()
        end = m.end()
        if low in _COLLECTIVE or (is_plural(word) and not word.isupper()):
            found_head = True
            break
    if not words:
        return "", pos
    if found_head:
        unit = normalise_unit(words[-1])
        if unit is not None and len(words) > 1:
            return unit, end  # "517 rushing yards", "50 previous years": a unit after all
        # "5,700 categories of products", "65 snaps of man coverage": the complement
        # without a determiner is part of what is counted
        m_comp = _OF_COMPLEMENT.match(text, end)
        if m_comp is not None:
            complement: list[str] = []
            for w in m_comp.group(1).split():
                if w.lower() in STOPWORDS or (complement and w.endswith(("ing", "ed"))):
                    break
                complement.append(w)
                if is_plural(w):
                    break
            if complement:
                words = words + complement
                end = m_comp.start(1) + len(" ".join(m_comp.group(1).split()[: len(complement)]))
        words = [w for w in words if not (w.lower().endswith("ed") and len(w) > 4)] or words
    if not found_head:
        if value != 1:
            return "", pos
        # a singular count ("one solution that ...") ends before a verb-like word
        while words and (words[-1].lower().endswith(("ed", "ing")) and len(words) > 1):
            words.pop()
        words = words[:3]
        end = pos + len(text[pos:end])
    return " ".join(_norm_noun(w) for w in words if w.lower() not in ("and", "of", "the")), end


def per_tail(text: str, pos: int) -> tuple[str, int]:
    """A "per day" / "a week" tail after a unit or noun: (" per day", end)."""
    m = _PER_AFTER.match(text[pos:])
    if m is None:
        return "", pos
    target = m.group(1).lower()
    if target == "annum":
        target = "year"
    norm = normalise_unit(target) or singular(target)
    return f" per {norm}", pos + m.end()


def counted_head(text: str, start: int, end: int, kind: str) -> str:
    """What a measured figure is a measure of: the noun after a compound ("140-metre
    crossing"), else the nearest noun before it ("gusts of up to 110 km/h")."""
    m = (
        re.match(r"^(?:-[A-Za-z]+)*\s+([a-z][a-z-]+)", text[end:])
        if re.search(r"-\w+$", text[start:end])
        else None
    )
    if m and m.group(1) not in STOPWORDS:
        return synonym(_norm_noun(m.group(1)))
    # "a $3.2 million refurbishment": a noun right after an amount of money
    m = re.match(r"\s+([a-z][a-z-]{3,})\b", text[end:]) if kind == "money" else None
    if m and m.group(1) not in STOPWORDS and not _VERBISH.search(m.group(1)):
        return synonym(_norm_noun(m.group(1)))
    back = text[:start]
    back = _QUALIFIER_WORDS.sub("", back)
    all_tokens = re.findall(r"[A-Za-z][A-Za-z'’-]*|[,;:()\"“”]", back)
    opener = all_tokens[0] if all_tokens else ""
    tokens = all_tokens[-8:]
    for position, tok in zip(range(len(tokens), 0, -1), reversed(tokens), strict=True):
        if tok in ',;:()"“”':
            break
        low = tok.lower()
        # a capital marks a name, except on the sentence's first word ("Gusts of 87 mph")
        is_opener = position == 1 and len(all_tokens) == len(tokens) and tok == opener
        if (tok[0].isupper() and not is_opener) or low in STOPWORDS or low in ("of", "by", "to"):
            continue
        if _UP_RE.search(low + " ") or _DOWN_RE.search(low + " ") or _VERBISH.search(low):
            continue
        if normalise_unit(low) is not None:
            continue  # the unit of another figure ("4.1 percent from 3.9 percent")
        return synonym(_norm_noun(tok.lower() if is_opener else tok))
    return ""


_VERBISH = re.compile(
    r"(?:ed|ly|[a-z]{3}ing)$|^(?:underwent|undergo|took|take|cost|costs|paid|pay|spent|spend|gave|got|"
    r"reached|reach|lost|lose|won|hit|put|set|sold|bought|raised|needs?|needed|measures?|"
    r"stands?|stood|runs?|ran|came|comes|went|goes|makes?|made)$"
)


def synonym(noun: str) -> str:
    return SYNONYMS.get(noun, noun)


def with_event(text: str, q: Quantity) -> Quantity:
    """Add what happened to the counted thing ("people injured", "troop deployed")."""
    head = synonym(q.counted)
    if q.kind not in ("count", "vague") or not head:
        return replace(q, counted=head)
    tokens = re.findall(r"[A-Za-z][A-Za-z'’-]*|[,;:()\"“”.]", text[q.end :])[:8]
    words = head.split()
    if len(words) > 1 and words[-1] in EVENTS.values():
        # inherited from "three of them": keep the event, add how badly
        degree = next((DEGREES[t.lower()] for t in tokens[:4] if t.lower() in DEGREES), "")
        return replace(q, counted=" ".join([head, degree]) if degree else head)
    event = ""
    degree = ""
    for tok in tokens:
        low = tok.lower()
        if low in DEGREES and not degree:
            degree = DEGREES[low]
            continue
        if low in _AUX or low in ("of", "them", "were", "reported"):
            continue
        if low in EVENTS:
            event = EVENTS[low]
        break
    if not event:
        # "killing 12 people", "evacuated more than 40 people": the word right before
        prev = re.findall(
            r"[A-Za-z][A-Za-z'’-]*|[,;:()]", _QUALIFIER_WORDS.sub("", text[: q.start])
        )[-1:]
        if prev and prev[0].lower() in EVENTS:
            event = EVENTS[prev[0].lower()]
    counted = " ".join(part for part in (head, event, degree) if part)
    return replace(q, counted=counted)


_SCOPE = re.compile(
    r"^[^,;:.\"“”()]{0,60}?\b(?:in|inside|near|around|along|across|outside|within)\s+"
    r"((?:the\s+)?(?:[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*)*)"
)


def scope_of(text: str, end: int) -> str | None:
    """A named place the figure holds for, from the words after it ("in Belarus")."""
    m = _SCOPE.match(text[end : end + 90])
    if m is None:
        return None
    name = re.sub(r"^the\s+", "", m.group(1))
    name = re.sub(r"['’]s$", "", name)
    if name in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        return None
    if re.fullmatch(_MONTH + r"\.?", name):
        return None
    return name
