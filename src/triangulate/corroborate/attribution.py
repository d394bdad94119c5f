"""Who a statement is attributed to: the quotes stage's attributions or a reporting verb."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from triangulate.corroborate.facts import Support
from triangulate.corroborate.statements import CUE, STOP, Unit
from triangulate.model import Article
from triangulate.quotes.extract import Attribution


def _speaker_from_cue(text: str) -> str | None:
    """The party a reporting verb attributes ``text`` to, or None (outlet's own assertion)."""
    m = re.search(
        r"\baccording to\s+((?:the\s+)?[A-Z][\w’'\-]*(?:\s+(?:of|the|[A-Z][\w’'\-]*))*)", text
    )
    if m:
        return m.group(1).strip()
    for cue in CUE.finditer(text):
        if cue.group().lower().startswith("according"):
            continue
        subject = _subject_before(text[: cue.start()])
        if subject:
            return subject
        after = re.match(
            r",?\s+((?:the\s+)?[A-Z][\w’'\-]*(?:\s+(?:of|the|[A-Z][\w’'\-]*))*)", text[cue.end() :]
        )
        if after and cue.group().lower() in {"said", "says", "told"}:
            return after.group(1).strip()
    return None


_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that"})


def _subject_before(before: str) -> str | None:
    """The noun phrase right before a reporting verb ("the port authority", "NATO")."""
    seg = re.split(r"[,;:“”\"()—–]", before)[-1].strip()
    seg = re.sub(r"\s+(?:has|have|had|also|then|later|again|on \w+)$", "", seg)
    words = seg.split()
    if not 1 <= len(words) <= 7 or words[0].lower() in _PRONOUNS:
        return None
    if words[0][0].isupper() or words[0].lower() in {"the", "a", "an"}:
        if len(words) == 1 and words[0].lower() in {"the", "a", "an"}:
            return None
        return seg
    return None


def normal_party(name: str) -> str:
    """A party's name as the sentence gives it, without edge punctuation: "the port
    authority", "Russia's Ministry of Defense" (``party_key`` and ``_name_words`` ignore
    the article and the possessive when they compare names; a reader should not meet
    "Russia Ministry of Defense" or "country Southern district command")."""
    # a signature line's handle is not part of the name ("Ruth Calloway (@MayorCalloway)")
    name = re.sub(r"\s*\(@\w+\)$", "", name.strip(" ,."))
    # a sentence-initial determiner is not part of the name ("according to the city")
    return re.sub(r"^(?:The|A|An)\b", lambda m: m.group().lower(), name)


def attribution_for(
    article: Article,
    unit: Unit,
    attributions: Sequence[Attribution] | None,
    names: Sequence[str | None] | None = None,
) -> str | None:
    """Who the clause ``unit`` is attributed to. ``names`` (one per attribution, in order,
    ``None`` where not given: the speaker as the whole story names it, from the quotes
    stage) replaces the words at the cue, so "he" and "the city's fire and rescue chief"
    read "Marcus Webb"."""
    if attributions is not None:
        named = dict(zip(map(id, attributions), names, strict=True)) if names else {}
        for att in _speaking_for(unit, attributions):
            resolved = named.get(id(att))
            if resolved:
                return normal_party(resolved)
            src = att.source_text(article.text)
            if src.lower() in {"he", "she", "they", "it", "we", "i"}:
                continue
            return normal_party(src)
        return None
    who = _speaker_from_cue(unit.sentence_text)
    return normal_party(who) if who else None


#: How a clause that goes on with the reported speech before it opens ("Okafor said
#: ferries would restart, while the inner harbour stays closed ...").
_CONTINUES = re.compile(r"(?:while|whereas|and that|but that|although|though)\b", re.IGNORECASE)


def _speaking_for(unit: Unit, attributions: Sequence[Attribution]) -> list[Attribution]:
    """The named attributions that speak for ``unit``, the closest first: one of its
    sentence whose content, cue or speaker lies in the clause; one whose content runs
    into the clause from a neighbouring sentence (a quotation of several sentences,
    attributed in its last); then one whose speaker and cue open the sentence and whose
    reported speech the clause goes on with (``_CONTINUES``)."""
    named = [att for att in attributions if att.source is not None]
    direct = [
        att for att in named
        if (att.sentence == unit.sentence and _covers(att, unit))
        or any(sp.start < unit.end and unit.start < sp.end for sp in att.content)
    ]
    continued = [
        att for att in named
        if att.sentence == unit.sentence and att.cue is not None and att.content
        and att.cue.end <= att.content[0].start <= att.content[-1].end <= unit.start
        and _CONTINUES.match(unit.text)
    ]
    return direct + [att for att in continued if att not in direct]


def _covers(att: Attribution, unit: Unit) -> bool:
    """Does the attribution speak for this clause of its sentence? Its content, cue or
    speaker lies in the clause ("Footage was released by the defence ministry, while
    spokesperson Maria Zakharova claimed ..." does not make Zakharova the source of the
    first clause)."""
    spans = [*att.content, *(x for x in (att.cue, att.source) if x is not None)]
    return any(sp.start < unit.end and unit.start < sp.end for sp in spans)


def fact_attribution(supports: Sequence[Support], statement: str | None = None) -> str | None:
    """The party most supporting articles attribute the statement to, when most do; on a
    tie, the party of the support whose text is ``statement`` (the one the fact shows).

    An article counts as attributing the statement when one of its supports is attributed,
    except the article of the shown statement, which says it the way that sentence does:
    a reader sees that sentence next to the party, so another of its sentences grouped
    into the fact cannot lend it one ("Russia backs separatists ..." is not "according to"
    the command an Interfax report cites two paragraphs earlier). When as many articles
    state it plainly as attribute it, the shown statement decides, as for the party. A
    quotation whose speaker was not found is nobody's plain statement: it decides nothing.
    """
    shown = next((s for s in supports if s.text == statement), None)
    if shown is not None and not (shown.attributed_to or _plain(shown.text)):
        shown = None
    per_article: dict[str, str | None] = {}
    for s in supports:
        if per_article.get(s.article_id) is None:
            per_article[s.article_id] = s.attributed_to
    if shown is not None:
        per_article[shown.article_id] = shown.attributed_to
    named = [w for w in per_article.values() if w]
    if not named or len(named) * 2 < len(per_article):
        return None
    if len(named) * 2 == len(per_article) and shown is not None and not shown.attributed_to:
        return None
    counts = Counter(party_key(w) for w in named)
    shown_key = next((party_key(s.attributed_to) for s in supports
                      if s.text == statement and s.attributed_to), None)
    best_key = min(counts, key=lambda k: (-counts[k], k != shown_key, k))
    # of the renderings of that party, the one most articles use (a reworded copy's
    # "metropolis chief executive Ruth Calloway" is longer than "Mayor Ruth Calloway",
    # not better); the longest on a tie
    renderings = Counter(w for w in named if party_key(w) == best_key)
    best = min(renderings, key=lambda w: (-renderings[w], -len(w), w))
    # "Russia" and "Russia's Ministry of Defense" name one party: say the fuller name
    words = _name_words(best)
    fuller = [w for w in named if words and words < _name_words(w)]
    return min(fuller, key=lambda w: (-len(w), w)) if fuller else best


def _plain(text: str) -> bool:
    """No quotation mark: the words are the outlet's own, not a quotation."""
    return not re.search(r"[\"“”«»]", text)


def _name_words(name: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z]+", name.lower()) if w not in STOP)


#: Head nouns of groups: "American officials" and "NATO and Ukrainian officials" are two
#: parties, where "Mayor Ruth Calloway" and "Calloway" are one.
_GROUP_HEADS = frozenset(
    ["officials", "sources", "leaders", "diplomats", "analysts", "experts", "officers", "residents", "people", "authorities", "lawmakers", "critics", "witnesses", "spokespeople", "representatives"]
)


def party_key(name: str) -> str:
    """What identifies a party across renderings: a person's surname (the last word), a
    group's whole name."""
    words = [w for w in re.findall(r"[A-Za-z]+", name.lower()) if w not in STOP]
    if not words:
        return name.lower()
    return " ".join(words) if words[-1] in _GROUP_HEADS else words[-1]
