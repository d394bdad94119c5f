"""ROUGE-N recall as ROUGE-1.5.5 computes it with ``-n N -m -l L -f A`` (no ``-s``).

This is a re-implementation of the parts of ``ROUGE-1.5.5.pl`` (Chin-Yew Lin, 2005) that
``-n 4 -x -m -l 100 -f A`` uses, so our summaries and published systems' summaries are
scored by one scorer that agrees with the published numbers (see docs/summaries.md for
the measured agreement). What 1.5.5 does, step by step (``readText``, ``createNGram``,
``ngramScore``, ``computeNGramScore`` in the script):

1. Each line of a summary file is one sentence; empty lines are skipped; text is lower-cased.
2. ``-l L`` truncation happens *before* tokenisation and applies to the peer **and** to every
   model (reference) summary: sentences are split on whitespace (Perl ``split /\\s+/``, so a
   leading blank makes an empty first "word") and appended whole while the running count
   stays below ``L``; the sentence that reaches ``L`` is cut to the remaining words.
3. Tokenisation: ``-`` becomes `` - ``, every character outside ``[A-Za-z0-9-]`` becomes a
   space; tokens are the whitespace-separated pieces that start with ``[a-z0-9$]`` (so ``-``
   tokens drop out). Accented letters and apostrophes split words (``u.s.`` -> ``u s``).
4. ``-m``: a token longer than 3 characters is stemmed: first looked up in the WordNet 2.0
   exception list (``went -> go``), else Porter-stemmed with the script's own Perl Porter
   stemmer, which has Lin's 2004 change to step 4 (``-ement`` words do not then try
   ``-ment`` / ``-ent`` in the same pass). :func:`porter_stem` is a line-by-line port.
   **Not reproduced**: the WordNet exception database (a data file we do not ship); it only
   matters when two surface forms of one irregular word meet (``children`` / ``child``).
5. No stop words removed (``-s`` not given).
6. Per model, clipped n-gram hits: ``sum(min(count_peer(g), count_model(g)))``.
7. ``-f A`` ("model average"): hits and model n-gram counts are *summed* over the models,
   recall = total hits / total model n-grams. No jackknifing (removed in 1.4).
8. The per-run average is the mean of per-cluster recalls (``-t 0``); the published
   ``Average_R`` is the mean over 1,000 bootstrap resamples, which differs from the plain
   mean in the 5th decimal at most.

Differences from the ``rouge-score`` package (Google's re-implementation): it does not
truncate, takes the *best* reference (``score_multi`` max) or scores one reference at a
time instead of summing over references, and stems with NLTK's Porter in its extended
mode (``dying -> die``, ``generously -> generous``), which 1.5.5's stemmer does not do.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# ----------------------------------------------------------------------- Porter (1.5.5)

_c = "[^aeiou]"
_v = "[aeiouy]"
_C = f"{_c}[^aeiouy]*"
_V = f"{_v}[aeiou]*"
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
_VOWEL_IN_STEM = re.compile(f"^({_C})?{_v}")
_CVC = re.compile(f"^{_C}{_v}[^aeiouwxy]$")

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize",
    "bli": "ble", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous",
    "ization": "ize", "ation": "ate", "ator": "ate", "alism": "al", "iveness": "ive",
    "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble",
    "logi": "log",
}  # fmt: skip
_STEP3 = {
    "icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "",
    "ness": "",
}  # fmt: skip
_STEP2_RE = re.compile(
    "(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism"
    "|iveness|fulness|ousness|aliti|iviti|biliti|logi)$"
)
_STEP3_RE = re.compile("(icate|ative|alize|iciti|ical|ful|ness)$")
_STEP4_RE = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")

#: Irregular English forms -> base form, standing in for 1.5.5's WordNet 2.0 exception
#: database (``WordNet-2.0.exc.db``, looked up before Porter for words over 3 characters).
#: Only forms over 3 characters matter. Written by us from English grammar (irregular
#: verbs and plurals); the full WordNet list is larger (mostly rare words).
_IRREGULAR_TEXT = """
were be; been be; said say; made make; took take; taken take; gave give; given give;
went go; gone go; came come; found find; left leave; lost lose; told tell; thought think;
brought bring; bought buy; caught catch; taught teach; built build; sent send; spent spend;
held hold; kept keep; felt feel; meant mean; paid pay; laid lay; sold sell; stood stand;
understood understand; began begin; begun begin; broke break; broken break; chose choose;
chosen choose; drove drive; driven drive; fell fall; fallen fall; flew fly; flown fly;
froze freeze; frozen freeze; grew grow; grown grow; knew know; known know; rode ride;
ridden ride; rose rise; risen rise; shook shake; shaken shake; spoke speak; spoken speak;
stole steal; stolen steal; threw throw; thrown throw; wore wear; worn wear; wrote write;
written write; fought fight; sought seek; struck strike; slept sleep; swept sweep;
dealt deal; fled flee; shot shoot; lent lend; sank sink; sang sing; hung hang; arose arise;
arisen arise; bore bear; borne bear; beaten beat; became become; blew blow; blown blow;
drew draw; drawn draw; seen see; shown show; overcame overcome; heard hear; stuck stick;
swung swing; torn tear; tore tear; withdrew withdraw; withdrawn withdraw; forgot forget;
forgotten forget; forgave forgive; forgiven forgive; overtook overtake; overtaken overtake;
undertook undertake; undertaken undertake; upheld uphold; mistook mistake;
mistaken mistake; foresaw foresee; foreseen foresee; shrank shrink; shrunk shrink;
sprang spring; sprung spring; stung sting; wept weep; crept creep; leapt leap; knelt kneel;
slain slay; woke wake; woken wake; awoke awake; awoken awake; spat spit; strode stride;
strove strive; striven strive; swore swear; sworn swear; swam swim; drank drink;
drunk drink; sung sing; rang ring; rung ring; sunk sink; bled bleed; bred breed;
clung cling; flung fling; slung sling; stank stink; bent bend; sped speed; outgrew outgrow;
outgrown outgrow; rebuilt rebuild; remade remake; retold retell; rewrote rewrite;
rewritten rewrite; oversaw oversee; overseen oversee; overthrew overthrow;
overthrown overthrow; underwent undergo; undergone undergo; withheld withhold;
withstood withstand; children child; women woman; feet foot; teeth tooth; geese goose;
mice mouse; oxen ox; lives life; wives wife; knives knife; leaves leaf; halves half;
thieves thief; wolves wolf; crises crisis; better good; best good; worse bad; worst bad
"""
IRREGULAR: dict[str, str] = dict(
    pair.split() for pair in _IRREGULAR_TEXT.replace("\n", " ").split(";") if pair.strip()
)


@lru_cache(maxsize=65536)
def porter_stem(word: str) -> str:
    """Porter-stem a lower-case word exactly as ``stem`` in ROUGE-1.5.5.pl does."""
    if len(word) < 3:
        return word
    w = word
    initial_y = w[0] == "y"
    if initial_y:
        w = "Y" + w[1:]
    # step 1a
    if (m := re.search("(ss|i)es$", w)) or (m := re.search("([^s])s$", w)):
        w = w[: m.start()] + m.group(1)
    # step 1b
    if m := re.search("eed$", w):
        if _MGR0.search(w[: m.start()]):
            w = w[:-1]
    elif m := re.search("(ed|ing)$", w):
        stem = w[: m.start()]
        if _VOWEL_IN_STEM.search(stem):
            w = stem
            if re.search("(at|bl|iz)$", w):
                w += "e"
            elif re.search(r"([^aeiouylsz])\1$", w):
                w = w[:-1]
            elif _CVC.search(w):
                w += "e"
    # step 1c
    if w.endswith("y") and _VOWEL_IN_STEM.search(w[:-1]):
        w = w[:-1] + "i"
    # step 2
    if m := _STEP2_RE.search(w):
        stem = w[: m.start()]
        if _MGR0.search(stem):
            w = stem + _STEP2[m.group(1)]
    # step 3
    if m := _STEP3_RE.search(w):
        stem = w[: m.start()]
        if _MGR0.search(stem):
            w = stem + _STEP3[m.group(1)]
    # step 4, with Lin's change: -ement no longer also tries -ment and -ent
    if m := _STEP4_RE.search(w):
        stem = w[: m.start()]
        if _MGR1.search(stem):
            w = stem
    if w.endswith("ment"):
        stem = w[:-4]
        if _MGR1.search(stem):
            w = stem
    if w.endswith("ent"):
        stem = w[:-3]
        if _MGR1.search(stem):
            w = stem
    elif m := re.search("(s|t)(ion)$", w):
        stem = w[: m.start()] + m.group(1)
        if _MGR1.search(stem):
            w = stem
    # step 5
    if w.endswith("e"):
        stem = w[:-1]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if w.endswith("ll") and _MGR1.search(w):
        w = w[:-1]
    if initial_y:
        w = "y" + w[1:]
    return w


def stem_token(word: str) -> str:
    """1.5.5's ``MorphStem``: the irregular-form table first, else Porter."""
    return IRREGULAR.get(word) or porter_stem(word)


# --------------------------------------------------------------------- text -> tokens

_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"[a-z0-9]+")


def _perl_split(line: str) -> list[str]:
    """Perl's ``split /\\s+/``: a leading empty field is kept, trailing ones dropped."""
    parts = _WS.split(line)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def truncate(lines: Iterable[str], limit: int | None) -> str:
    """The lower-cased text ROUGE-1.5.5 reads from a summary's lines with ``-l limit``."""
    sentences = [line.rstrip("\n").lower() for line in lines]
    sentences = [s for s in sentences if s]
    if not limit:
        return " ".join(sentences)
    out: list[str] = []
    count = 0
    for s in sentences:
        words = _perl_split(s)
        if count + len(words) < limit:
            out.append(s)
            count += len(words)
        else:
            out.append(" ".join(words[: limit - count]))
            break
    return " ".join(out)


def tokens(text: str, *, stem: bool = True) -> list[str]:
    """ROUGE-1.5.5 tokens of already lower-cased ``text`` (``-m``: stem words over 3 chars)."""
    found = _TOKEN.findall(text.lower())
    if not stem:
        return found
    return [stem_token(t) if len(t) > 3 else t for t in found]


def summary_tokens(
    lines: Iterable[str], *, limit: int | None = 100, stem: bool = True
) -> list[str]:
    """Tokens of a summary given as sentence lines, truncated like ``-l limit``."""
    return tokens(truncate(lines, limit), stem=stem)


def ngrams(toks: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


# -------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class RougeN:
    """Clipped hits and n-gram totals of one peer against its models (``-f A``)."""

    n: int
    hits: int
    model_count: int
    peer_count: int

    @property
    def recall(self) -> float:
        return self.hits / self.model_count if self.model_count else 0.0

    @property
    def precision(self) -> float:
        return self.hits / self.peer_count if self.peer_count else 0.0


def rouge_n(peer: Sequence[str], models: Sequence[Sequence[str]], n: int) -> RougeN:
    """ROUGE-N of peer tokens against model token lists, model-average formula (``-f A``)."""
    if not models:
        raise ValueError("rouge_n needs at least one model (reference) summary")
    peer_grams = ngrams(peer, n)
    peer_total = sum(peer_grams.values())
    hits = model_total = 0
    for model in models:
        model_grams = ngrams(model, n)
        model_total += sum(model_grams.values())
        hits += sum(min(c, peer_grams[g]) for g, c in model_grams.items() if g in peer_grams)
    return RougeN(n=n, hits=hits, model_count=model_total, peer_count=peer_total * len(models))


def score_summary(
    peer_lines: Sequence[str],
    model_lines: Sequence[Sequence[str]],
    *,
    ns: Sequence[int] = (1, 2),
    limit: int | None = 100,
    stem: bool = True,
) -> dict[int, RougeN]:
    """ROUGE-N for each ``n`` in ``ns`` of one peer summary (lines) against its models."""
    peer = summary_tokens(peer_lines, limit=limit, stem=stem)
    models = [summary_tokens(m, limit=limit, stem=stem) for m in model_lines]
    return {n: rouge_n(peer, models, n) for n in ns}
