"""Word lists for attribution: cue verbs, speaker-phrase words, pronouns, hedges.

Hand-written from English news usage (reporting verbs as listed in style guides and
the PARC/PolNeAR annotation guidelines); nothing here was copied from the evaluation data.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any


def _words(text: str) -> list[str]:
    """Words of a whitespace-separated list (keeps long word lists compact)."""
    return text.split()


def _forms(base: str, third: str, past: str, ing: str) -> set[str]:
    return {base, third, past, ing}


def _regular(verb: str) -> set[str]:
    """say -> {say, says, sayed?}: the four forms of a regular verb, spelt the usual way."""
    if verb.endswith("e"):
        return {verb, verb + "s", verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return {verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    return {verb, verb + "s", verb + "ed", verb + "ing"}


_IRREGULAR: dict[str, tuple[str, str, str, str]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "writing"),
    "tweet": ("tweet", "tweets", "tweeted", "tweeting"),
    "post": ("post", "posts", "posted", "posting"),
    "admit": ("admit", "admits", "admitted", "admitting"),
    "think": ("think", "thinks", "thought", "thinking"),
    "hold": ("hold", "holds", "held", "holding"),
    "forecast": ("forecast", "forecasts", "forecast", "forecasting"),
    "put": ("put", "puts", "put", "putting"),
    "read": ("read", "reads", "read", "reading"),
    "show": ("show", "shows", "showed", "showing"),
    "find": ("find", "finds", "found", "finding"),
    "speak": ("speak", "speaks", "spoke", "speaking"),
}

#: Verbs that introduce what someone said (speech) — the core of attribution.
_SPEECH = [
    "add",
    "acknowledge",
    "advise",
    "allege",
    "announce",
    "answer",
    "argue",
    "assert",
    "assure",
    "boast",
    "brief",
    "caution",
    "charge",
    "claim",
    "comment",
    "complain",
    "concede",
    "conclude",
    "confirm",
    "contend",
    "continue",
    "counter",
    "declare",
    "deny",
    "describe",
    "disclose",
    "dismiss",
    "emphasise",
    "emphasize",
    "estimate",
    "explain",
    "express",
    "hint",
    "indicate",
    "inform",
    "insist",
    "maintain",
    "mention",
    "note",
    "object",
    "observe",
    "pledge",
    "predict",
    "proclaim",
    "promise",
    "propose",
    "protest",
    "recall",
    "recount",
    "reiterate",
    "remark",
    "remind",
    "reply",
    "report",
    "respond",
    "retort",
    "reveal",
    "say",
    "shout",
    "stress",
    "suggest",
    "swear",
    "tell",
    "testify",
    "tweet",
    "underline",
    "urge",
    "vow",
    "warn",
    "write",
    "admit",
    "concur",
    "agree",
    "question",
    "accuse",
    "demand",
    "quip",
    "joke",
    "lament",
    "concede",
    "muse",
    "state",
    "call",
    "describe",
]

#: Verbs of belief and perception that PolNeAR also counts as attribution cues.
_BELIEF = [
    "believe",
    "think",
    "fear",
    "hope",
    "expect",
    "worry",
    "doubt",
    "feel",
    "reckon",
    "suspect",
    "show",
    "find",
    "forecast",
]


def _expand(verbs: list[str]) -> frozenset[str]:
    out: set[str] = set()
    for v in verbs:
        if v in _IRREGULAR:
            out.update(_IRREGULAR[v])
        elif v.endswith("it") and v in {"admit", "submit"}:
            out.update(_forms(v, v + "s", v + "ted", v + "ting"))
        else:
            out.update(_regular(v))
    return frozenset(out)


#: "state" and "states" are nearly always the noun in political news ("in 11 states", "the
#: state party"): 297 of the attributions they headed on PolNeAR train had no annotated cue.
_NOUN_FORMS = frozenset({"state", "states"})
_IRREGULAR_EXTRA = frozenset({"swore", "sworn", "wrote", "written"})
SPEECH_VERBS: frozenset[str] = (_expand(_SPEECH) | _IRREGULAR_EXTRA) - _NOUN_FORMS

#: Verbs whose reported clause may follow without "that" ("said the ban would stay").
FREE_VERBS: frozenset[str] = frozenset(
    _expand(
        [
            "say",
            "tell",
            "add",
            "claim",
            "insist",
            "warn",
            "announce",
            "report",
            "write",
            "state",
            "argue",
            "explain",
            "note",
            "confirm",
            "admit",
            "acknowledge",
            "promise",
            "predict",
            "reply",
            "suggest",
            "concede",
            "estimate",
            "tweet",
            "recall",
            "stress",
            "emphasise",
            "emphasize",
            "reiterate",
            "assert",
            "contend",
            "declare",
            "deny",
        ]
    )
)

#: Verbs that take an object then a quoted label ("called the decision \"a bet\"").
LABEL_VERBS: frozenset[str] = frozenset(_expand(["call", "describe", "label", "dub", "brand"]))
BELIEF_VERBS: frozenset[str] = _expand(_BELIEF)
HAND_CUES: frozenset[str] = SPEECH_VERBS | BELIEF_VERBS


def learnable(word: str) -> bool:
    """A word the cue fit may add: an inflected verb form (``-ed``, ``-s``, ``-ing``) or a
    form of a hand-written cue; not ``according`` (read by its own rule) nor an adverb."""
    return (
        word != "according"
        and not word.endswith("ly")
        and (
            word in HAND_CUES
            or word.endswith(("ed", "ing"))
            or (word.endswith("s") and not word.endswith("ss"))
        )
    )


@lru_cache(maxsize=1)
def learned_cues() -> frozenset[str]:
    """Verb forms fitted on PolNeAR's train split (``quotes/fit_cues.py``).

    A word is kept when its attributions, found by these rules on train, were right (the
    annotators marked a cue there, with the same source) at least ``min_precision`` of the
    time over at least ``min_predicted`` attributions; only ``learnable`` words are read.
    """
    path = Path(__file__).resolve().parents[1] / "data" / "quote_cues.json"
    if not path.is_file():
        return frozenset()
    return select_learned(json.loads(path.read_text(encoding="utf-8")))


def select_learned(fitted: dict[str, Any]) -> frozenset[str]:
    """The words of a fit (``quote_cues.json`` as a dict) that ``learned_cues`` keeps."""
    floor, least = fitted.get("min_precision", 1.0), fitted.get("min_predicted", 1)
    return frozenset(
        w
        for w, c in fitted.get("in_context", {}).items()
        if learnable(w) and c["predicted"] >= least and c["correct"] >= floor * c["predicted"]
    )


#: The hand-written verbs whose clause may follow without "that" (before learned cues).
HAND_FREE_VERBS: frozenset[str] = FREE_VERBS
CUE_VERBS: frozenset[str] = HAND_CUES | learned_cues()
#: Learned cues take the rest of their clause as content, as the hand-written free verbs do.
FREE_VERBS = FREE_VERBS | learned_cues()

#: Cue verbs that take an addressee before the content ("told reporters that ...").
ADDRESSEE_VERBS: frozenset[str] = frozenset(
    _expand(["tell", "inform", "assure", "remind", "warn", "brief", "urge", "advise", "ask"])
)

#: Words that can stand between a speaker and the cue verb ("has also said").
AUXILIARIES: frozenset[str] = frozenset(
    _words(
        """even all generally initially has have had also later previously then again further
        would will once earlier separately recently repeatedly publicly privately reportedly
        had've"""
    )
)

PRONOUNS: frozenset[str] = frozenset(_words("""he she they it we i you who"""))

#: Lower-case words that can be part of a speaker phrase ("a senior U.S. defense official").
SPEAKER_WORDS: frozenset[str] = frozenset(
    _words(
        """percent majority media press the a an his her its their our one two three four
        several some many most other another both all few official officials spokesperson
        spokesman spokeswoman spokespeople representative representatives minister ministry
        ministers secretary president vice prime chief head director directors leader
        leaders chairman chairwoman chair member members candidate nominee senator senators
        congressman congresswoman lawmaker lawmakers governor mayor councillor councilor
        councilwoman councilman commissioner ambassador envoy diplomat diplomats general
        commander officer officers police authorities authority government administration
        agency department office ministry's campaign party company firm firm's company's
        group organisation organization statement report reports study survey poll polls
        data documents records source sources person people analyst analysts expert experts
        economist economists engineer engineers scientist scientists researcher researchers
        investigator investigators witness witnesses resident residents official's aide
        aides adviser advisers advisor advisors staff manager executive executives founder
        lawyer lawyers attorney attorneys prosecutor prosecutors judge court critics critic
        supporters supporter voters voter observers observer activists activist protesters
        organizers organisers spokesman's military army foreign defense defence interior
        finance health state federal national local senior former top deputy acting
        assistant regional city county opposition structural unnamed anonymous u.s. american
        european russian ukrainian chinese british french german newspaper paper magazine
        network agency's outlet website broadcaster television radio reporters journalists
        correspondent editor editors columnist writer author authors union unions coalition
        council committee board panel commission volunteer coordinator deckhand student
        worker workers operator owner republican republicans democrat democrats democratic"""
    )
)

#: Addressees that may follow "told" before the content ("told reporters that ...").
ADDRESSEE_WORDS: frozenset[str] = frozenset(
    _words(
        """reporters journalists him her them us me the a an audience crowd lawmakers
        parliament congress chamber interviewer press supporters voters listeners viewers
        readers members council committee news conference briefing radio television station
        agency newspaper paper broadcaster channel state local"""
    )
)

#: Words that open a clause and so end a speaker phrase read leftwards.
CLAUSE_OPENERS: frozenset[str] = frozenset(
    _words(
        """and but or so yet because although though while when after before since if as
        however meanwhile also still then where whereas"""
    )
)

NEGATIONS: frozenset[str] = frozenset(
    _words("""not no never none nothing nobody neither nor cannot n't without""")
)

HEDGES: frozenset[str] = frozenset(
    _words(
        """may might could possibly probably perhaps likely unlikely appear appears appeared
        seem seems seemed about around roughly nearly almost approximately reportedly
        allegedly apparently suggest suggests suggested believe believed expect expected
        estimate estimated hope hopes"""
    )
)

#: Phrases that mark an anonymous source.
ANONYMOUS_MARKERS: tuple[str, ...] = (
    "condition of anonymity",
    "not to be named",
    "not be named",
    "declined to be named",
    "asked not to be identified",
    "not authorized to",
    "not authorised to",
    "speaking anonymously",
    "who requested anonymity",
    "unnamed",
    "anonymous",
    "privately",
)
