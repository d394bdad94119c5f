"""Sentences and languages of clean article text.

    split_sentences(text)   -> list[Sentence]   offsets into ``text``, paragraph index, language
    detect_language(text)   -> (code, prob)     one paragraph's language (ISO 639-1)
    paragraph_spans(text)   -> [(start, end)]   the paragraphs ``Article.paragraphs`` sees

Sentence splitting is our own rule-based splitter, tuned for news text and fast (a few
compiled regular expressions, no per-character Python loop). It agrees with syntok on
the hard cases of news text (see tests/test_text.py and docs/cleaning.md for the measured
agreement) and is about 10x faster, which the 2,000 articles/s budget needs:

- a full stop after a title (``Gen.``, ``Sen.``, ``Dr.``) never ends a sentence;
- after ``No.``, ``Feb.``, ``Art.`` it ends one only when no number follows (``No. 10``);
- after initials, dotted acronyms and company/place abbreviations (``J.``, ``U.S.``,
  ``Inc.``, ``a.m.``, ``Calif.``) it ends one only when a typical sentence opener follows
  (``the U.S. The ...`` splits, ``U.S. officials`` and ``the U.S. Army`` do not);
- nothing ends before a lower-case word (``"Why?" he asked.`` stays one sentence);
- closing quotes and brackets after the final mark belong to the sentence they end;
- a piece with no letter or digit (a stray quote mark) joins the sentence before it.

Language: py3langid with normalised probabilities, plus a script check (a paragraph
mostly in Cyrillic, Greek, Arabic, Hebrew, CJK ... letters). Plain English paragraphs are
recognised first by a function-word rule that costs a fraction of a model call; anything
that rule does not settle goes to the model. Results are cached per paragraph text, so
cleaning and splitting the same article detect each paragraph once.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from functools import lru_cache
from typing import Any

from triangulate.config import DEFAULT, Config
from triangulate.model import Sentence, new_sentence


def _words(text: str) -> list[str]:
    """The space-separated words of ``text`` (keeps long word lists readable)."""
    return text.split()


# --------------------------------------------------------------------------- language

#: Letters of scripts other than Latin; a paragraph mostly made of these is not in a
#: Latin-script language whatever a model says.
_NON_LATIN = re.compile(
    "[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0600-\u06ff\u0700-\u08ff"
    "\u0900-\u0dff\u0e00-\u0eff\u10a0-\u10ff\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
_SCRIPT_RANGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Cyrl", re.compile("[\u0400-\u052f]")),
    ("Grek", re.compile("[\u0370-\u03ff]")),
    ("Arab", re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")),
    ("Hebr", re.compile("[\u0590-\u05ff]")),
    ("Hani", re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff]")),
    ("Hang", re.compile("[\u1100-\u11ff\uac00-\ud7af]")),
)
_NOT_LETTER = re.compile(r"[\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")

#: Words frequent in English and rare in other Latin-script languages (no "a", "in",
#: "on", "is", "die", "was", "for", "at", "he", "by": those are words elsewhere too).
_ENGLISH_MARKERS = frozenset(
    _words(
        "the of and that with this from were have has had which would said they their "
        "been not but are its his she who after about into than when what there more says "
        "could it we you our them these those because while should"
    )
)
#: Characters of a paragraph the model reads: its cost grows with length, its answer
#: does not change after a few hundred characters of one language.
_MODEL_CHARS = 400
_FAST_EN_MIN_WORDS = 8
_FAST_EN_MIN_SHARE = 0.10


@lru_cache(maxsize=16384)
def letter_count(text: str) -> int:
    """Number of letters (any script) in ``text``."""
    return len(_NOT_LETTER.sub("", text))


#: Every byte that is not an ASCII letter (deleted to count ASCII letters quickly).
_NOT_ASCII_LETTER = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))


def has_letters(text: str, n: int) -> bool:
    """Whether ``text`` has at least ``n`` letters (reads only as far as it needs to)."""
    if len(text) < n:
        return False
    head = text[: 3 * n + 20]
    # ASCII letters first (a byte translation, no regex); all letters when that is short
    if len(head.encode("utf-8", "surrogatepass").translate(None, _NOT_ASCII_LETTER)) >= n:
        return True
    if letter_count(head) >= n:
        return True
    return len(head) < len(text) and letter_count(text) >= n


@lru_cache(maxsize=16384)
def script_of(text: str) -> tuple[str, float]:
    """The main script of ``text`` and its share of the letters: ("Latn", 0.98), ("Cyrl", 0.9).

    Only the scripts that matter for telling a passage apart are named (Latn, Cyrl, Grek,
    Arab, Hebr, Hani, Hang); other non-Latin letters count as "Other". ("Zyyy", 0.0) for
    a text without letters.
    """
    if text.isascii() or _NON_LATIN.search(text) is None:
        return ("Latn", 1.0) if _LETTER.search(text) else ("Zyyy", 0.0)
    letters = letter_count(text)
    non_latin = len(_NON_LATIN.findall(text))
    if non_latin * 2 <= letters:
        return "Latn", (letters - non_latin) / letters
    best, best_n = "Other", 0
    for name, pattern in _SCRIPT_RANGES:
        n = len(pattern.findall(text))
        if n > best_n:
            best, best_n = name, n
    return best, (best_n if best != "Other" else non_latin) / letters


_IDENTIFIER_LOCK = threading.Lock()


def _identifier() -> Any:
    """The py3langid model with normalised probabilities (loaded once, ~0.4 s CPU; a
    thread that asks while another loads it waits for that load: ``triangulate.warmup``)."""
    with _IDENTIFIER_LOCK:
        return _load_identifier()


@lru_cache(maxsize=1)
def _load_identifier() -> Any:
    import numpy as np
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    class _Identifier(LanguageIdentifier):
        """py3langid with its float16 weight rows widened to float32 before the product.

        ``counts @ table[idx]`` with a float16 table makes numpy cast inside the product;
        widening the gathered rows first gives the same float32 operands to the same
        product, so the same scores (tests/test_text.py checks bit equality). Each row is
        widened once, on its first use, and kept in a compact float32 block that grows as
        texts are read (the 1,350 bench texts use ~8,900 of the 100,053 rows, 5 MB);
        widening the gathered rows on every call made a 400-character call ~0.27 ms
        instead of ~0.11. Without ``_sparse_score`` (older py3langid) nothing changes.
        """

        __slots__ = ("_wide", "_wide_n", "_wide_of", "_wide_slot")

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._wide_of: Any = None

        def _widened_rows(self, table: Any, idx: Any) -> Any:
            """``table[idx]`` as float32, from the rows widened so far."""
            if self._wide_of is not table:  # first call, or set_languages changed it
                self._wide_of = table
                self._wide_slot = np.full(len(table), -1, dtype=np.intp)
                self._wide = np.empty((1024, table.shape[1]), dtype=np.float32)
                self._wide_n = 0
            slots = self._wide_slot[idx]
            new = idx[slots < 0]
            if len(new):
                start, end = self._wide_n, self._wide_n + len(new)
                if end > len(self._wide):
                    grown = np.empty((max(end, 2 * len(self._wide)), table.shape[1]), np.float32)
                    grown[:start] = self._wide[:start]
                    self._wide = grown
                self._wide[start:end] = table[new]  # float16 -> float32 is exact
                self._wide_slot[new] = np.arange(start, end)
                self._wide_n = end
                slots = self._wide_slot[idx]
            return self._wide[slots]

        def _sparse_score(self, visits: Any, table: Any) -> Any:
            idx = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
            counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
            return np.log1p(counts) @ self._widened_rows(table, idx) + self.nb_pc

    return _Identifier.from_model_file(MODEL_FILE, norm_probs=True)


def _english_evidence(text: str) -> int:
    """How plainly a Latin-script paragraph is English, from its function words.

    2 (strong): at least 3, and at least 10%, of the 8+ words of its first 400
    characters are English markers; 1 (weak): at least 2 markers, or 1 in a paragraph
    of at most 15 words; 0: none of that. Measured on 19,000 real paragraphs against
    py3langid (docs/cleaning.md): no strong paragraph was given another language with
    p >= 0.5, and no weak one with p >= 0.9 (the foreign threshold).
    """
    words = text[:400].lower().split()
    hits = sum(map(_ENGLISH_MARKERS.__contains__, words))
    if len(words) >= _FAST_EN_MIN_WORDS and hits >= 3 and hits >= _FAST_EN_MIN_SHARE * len(words):
        return 2
    if hits >= 2 or (hits >= 1 and len(words) <= 15):
        return 1
    return 0


#: ``_english_evidence`` with a per-paragraph cache (the public name).
english_evidence = lru_cache(maxsize=16384)(_english_evidence)


@lru_cache(maxsize=16384)
def detect_language(text: str) -> tuple[str, float]:
    """The language of one paragraph as (ISO 639-1 code, probability in [0, 1]).

    ("und", 0.0) when the text has no letters. A Latin-script paragraph where at least
    3 and at least 10% of the (8+) words of its first 400 characters are English function
    words is English with probability 1.0 without calling the model (on 19,000 real
    paragraphs that rule never disagreed with a py3langid answer of p >= 0.5; see
    docs/cleaning.md). Everything else is py3langid's answer on the first 400 characters.
    """
    script, _share = script_of(text)
    if script == "Zyyy":
        return "und", 0.0
    if script == "Latn" and english_evidence(text) == 2:
        return "en", 1.0
    lang, prob = _identifier().classify(text[:_MODEL_CHARS])
    return str(lang), float(prob)


@lru_cache(maxsize=16384)
def _facts(text: str, min_letters: int) -> tuple[bool, str, float, int]:
    """What the language rules ask of one paragraph, looked up once per paragraph:
    (at least ``min_letters`` letters, script, script share, ``english_evidence`` when
    that can matter: Latin script and enough letters; else -1).
    """
    enough = has_letters(text, min_letters)
    if text.isascii():  # script_of's own first case, without its cache
        script, share = ("Latn", 1.0) if _LETTER.search(text) else ("Zyyy", 0.0)
    else:
        script, share = script_of(text)
    # the uncached function: this cache already keeps the answer per paragraph
    evidence = _english_evidence(text) if enough and script == "Latn" else -1
    return enough, script, share, evidence


def paragraph_languages(
    paragraphs: list[str], config: Config = DEFAULT
) -> tuple[str, list[tuple[str, float]]]:
    """The main language of a text and each paragraph's (language, probability).

    The main language is the one with the most text among paragraphs long enough to
    judge (``Config.min_language_letters``); a shorter paragraph inherits it (with
    probability 0.0, meaning "not measured"), unless it is mostly in another script,
    in which case it is judged by itself. A paragraph with only weak English evidence
    (``english_evidence`` 1: a headline, a short sentence) inherits English the same way
    when the main language is English, and is given to the model otherwise.
    """
    min_letters = config.min_language_letters
    facts = [_facts(para, min_letters) for para in paragraphs]
    measured: list[tuple[str, float] | None] = []
    weak: list[int] = []
    weight: Counter[str] = Counter()
    for i, (para, (enough, _script, _share, evidence)) in enumerate(
        zip(paragraphs, facts, strict=True)
    ):
        if not enough:
            measured.append(None)
            continue
        if evidence == 1:  # Latin script, weak English evidence
            weak.append(i)  # decided once the main language is known
            weight["en"] += len(para)
            measured.append(None)
            continue
        # detect_language's own English rule, without its lookups
        lang, prob = ("en", 1.0) if evidence == 2 else detect_language(para)
        weight[lang] += len(para)
        measured.append((lang, prob))
    main = weight.most_common(1)[0][0] if weight else "en"
    if main != "en":
        for i in weak:
            measured[i] = detect_language(paragraphs[i])
    main_latin = main not in _NON_LATIN_LANGS
    out: list[tuple[str, float]] = []
    for para, got, (_enough, script, share, _evidence) in zip(
        paragraphs, measured, facts, strict=True
    ):
        if got is None:
            if main_latin and script not in ("Latn", "Zyyy") and share > 0.5:
                got = detect_language(para)
            else:
                got = (main, 0.0)
        out.append(got)
    return main, out


#: The per-paragraph caches (the original functions, whatever wraps the names later).
_CACHES: tuple[Any, ...] = (letter_count, script_of, english_evidence, detect_language, _facts)


def clear_caches() -> None:
    """Forget every per-paragraph answer (benchmarks: each run as on unseen articles)."""
    for cached in _CACHES:
        cached.cache_clear()


#: Languages py3langid knows that are written in a non-Latin script.
_NON_LATIN_LANGS = frozenset(
    _words(
        "ru uk be bg mk sr kk ky mn tg el ar fa ur ps he yi zh ja ko hi mr ne bn pa gu or "
        "ta te kn ml si th lo km my ka hy am"
    )
)


def is_foreign(
    paragraph: str, main_language: str, config: Config = DEFAULT
) -> tuple[bool, str, float]:
    """Whether a paragraph is in another language than the article, and which.

    Foreign when it is mostly written in another script than the article's main
    language (whatever its length), or when it is long enough to judge and py3langid
    names another language with at least ``Config.foreign_confidence``.
    """
    enough, script, share, evidence = _facts(paragraph, config.min_language_letters)
    main_latin = main_language not in _NON_LATIN_LANGS
    if script not in ("Latn", "Zyyy") and share > 0.5 and main_latin:
        if has_letters(paragraph, 3):
            lang, prob = detect_language(paragraph)
            if lang not in _NON_LATIN_LANGS:
                lang = {"Cyrl": "ru", "Grek": "el", "Arab": "ar", "Hebr": "he"}.get(script, "und")
            return True, lang, prob
        return False, main_language, 0.0
    if not enough:
        return False, main_language, 0.0
    if main_language == "en" and evidence >= 1:  # Latin script, some English evidence
        return False, main_language, 0.0
    lang, prob = detect_language(paragraph)
    if lang != main_language and prob >= config.foreign_confidence:
        return True, lang, prob
    return False, main_language, prob


# --------------------------------------------------------------------------- sentences

#: A candidate end: final marks, then closing quotes/brackets, then space or the end;
#: ``next`` is the token after it, looked ahead (not consumed) in the same search. The
#: first mark is spelled out before the repeat (``[.!?…][.!?…]*``, the same as
#: ``[.!?…]+``) so the regex engine skips to the next mark instead of trying the whole
#: pattern at every character (half the search time).
_END_MARK = re.compile(
    r"(?P<term>[.!?…][.!?…]*)(?P<close>[\"”’“‘'»)\]]*)(?:(?=\s+(?P<next>\S+))|(?=\s|$))"
)
_OPENERS = "\"“‘'«([¿¡"
_QUOTES = "\"“‘'«"
_WORD_TAIL = re.compile(r"[-–—/]")
_HAS_ALNUM = re.compile(r"[^\W_]")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")

#: Full stops after these never end a sentence (titles before a name, Latin shorthands).
_NEVER_END = frozenset(
    _words(
        "mr mrs ms mx dr drs gen gens sen sens rep reps gov govs lt col maj capt sgt adm "
        "cmdr cdr prof rev hon pres supt det insp atty brig cpl pvt msgr messrs mme mlle "
        "gen lt.gen vs v cf approx ca e.g i.e viz fr sra sr.a"
    )
)
#: These end a sentence unless a number follows: "No. 10", "Feb. 15", "Art. 5".
_BEFORE_NUMBER = frozenset(
    _words(
        "no nos vol vols art arts sec secs fig figs p pp ch para nr tel op jan feb mar "
        "apr jun jul aug sep sept oct nov dec"
    )
)
#: These end a sentence only before a typical sentence opener ("the U.S. The ...").
_AMBIGUOUS = frozenset(
    _words(
        "st mt ft jr sr inc corp co ltd bros plc llc etc al dept univ assn ave blvd rd "
        "hwy a.m p.m u.s u.k u.n e.u d.c ala ariz ark calif colo conn del fla ga ill ind "
        "kan ky la md mass mich minn miss mo mont neb nev okla ore pa penn tenn tex va vt "
        "wash wis wyo"
    )
)
#: Words that typically open a sentence, for the ambiguous cases above.
_STARTERS = frozenset(
    _words(
        "The A An He She It They We I You His Her Its Their Our My Your This That These "
        "Those There Here But And Or So Yet However Meanwhile Still Also In On At For "
        "From With After Before During When While If As Although Though Because Since "
        "Some Many Most Several All Both Each Every No None Other Others Another Mr Mrs "
        "Ms What Who Why How Where Earlier Later Last Next Now Then Today Yesterday "
        "Tomorrow Asked According Despite Under Over Officials Police"
    )
)


#: Characters after which the rest of a word is its last part ("then-Sen" -> "Sen").
_WORD_TAIL_CHARS = frozenset("-–—/")


def _is_end(prev: str, term: str, close: str, nxt: str | None) -> bool:
    """Whether a candidate (see ``_END_MARK``) really ends a sentence."""
    if nxt is None:
        return True
    word = nxt.lstrip(_OPENERS)
    first = word[:1]
    if not first:
        return True  # a lone quote mark or bracket: decided by the no-letters merge
    if first.islower():
        return False
    if "!" in term or "?" in term or "…" in term or len(term) > 1:
        return True
    if close and close not in ")]":
        return True
    if not _WORD_TAIL_CHARS.isdisjoint(prev):
        prev = _WORD_TAIL.split(prev)[-1]  # "then-Sen" -> "Sen"
    bare = prev.lstrip(_OPENERS)
    key = bare.lower()
    if key in _NEVER_END:
        return False
    if key in _BEFORE_NUMBER:
        return not first.isdigit()
    if len(bare) == 1 and bare.isupper():  # an initial: "John F. Kennedy"
        return word.rstrip(",;:") in _STARTERS
    if key in _AMBIGUOUS or _DOTTED.match(bare):
        return word.rstrip(",;:") in _STARTERS or nxt[0] in _QUOTES
    return True


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text[start:end]`` (one paragraph).

    Spans are trimmed of surrounding whitespace; together they cover every non-space
    character of the paragraph.
    """
    end = len(text) if end is None else end
    while end > start and text[end - 1].isspace():
        end -= 1
    begin = start
    while begin < end and text[begin].isspace():
        begin += 1
    return _paragraph_sentence_spans(text, [(begin, end)])[0] if begin < end else []


def _paragraph_sentence_spans(
    text: str, paragraphs: list[tuple[int, int]]
) -> list[list[tuple[int, int]]]:
    """The sentence spans of each paragraph span of ``text`` (each span trimmed, in order,
    with only whitespace between them): one search for candidate ends over them all.

    A candidate that ends a paragraph has no next token (its look-ahead may see the next
    paragraph's first word, which a search bounded by the paragraph would not).
    """
    out: list[list[tuple[int, int]]] = []
    if not paragraphs:
        return out
    rfind = text.rfind
    found = _END_MARK.finditer(text, paragraphs[0][0], paragraphs[-1][1])
    m = next(found, None)
    for begin, end in paragraphs:
        spans: list[tuple[int, int]] = []
        out.append(spans)
        # Looked up once per paragraph: a line break, a no-break space or a tab inside
        # it (clean text has none), so that each candidate needs one search back.
        newline = text.find("\n", begin, end) >= 0
        odd_space = text.find("\xa0", begin, end) >= 0 or text.find("\t", begin, end) >= 0
        while m is not None and m.start() < end:
            stop, mark = m.end(), m.start()
            term, close, nxt = m.groups()
            m = next(found, None)
            if stop <= begin:
                continue
            if stop == end:
                nxt = None
            cut = rfind(" ", begin, mark)
            if newline:
                cut = max(cut, rfind("\n", begin, mark))
            prev = text[cut + 1 if cut >= 0 else begin : mark]
            if odd_space and ("\xa0" in prev or "\t" in prev):
                prev = prev.split()[-1] if prev.split() else ""
            if cut < 0 and (prev.isdigit() or len(prev) == 1):
                continue  # a list marker such as "8." or "b." opens the sentence
            if not _is_end(prev, term, close, nxt):
                continue
            _add_span(text, spans, begin, stop)
            begin = stop
            while begin < end and text[begin].isspace():
                begin += 1
        if begin < end:
            _add_span(text, spans, begin, end)
    return out


def _add_span(text: str, out: list[tuple[int, int]], s: int, e: int) -> None:
    """Append a sentence span; a piece without letters or digits joins a neighbour."""
    if e - s <= 8 and not _HAS_ALNUM.search(text, s, e):
        if out:
            out[-1] = (out[-1][0], e)  # a stray quote mark joins the sentence before it
            return
    elif len(out) == 1 and out[0][1] - out[0][0] <= 8 and not _HAS_ALNUM.search(text, *out[0]):
        out[0] = (out[0][0], e)  # ... or, at the start, the sentence after it
        return
    out.append((s, e))


_PARA_SEP = "\n\n"


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank paragraphs of ``text`` (split on blank lines, trimmed).

    The same paragraphs, in the same order, as ``Article.paragraphs``.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for chunk in text.split(_PARA_SEP):
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(chunk) + len(_PARA_SEP)
    return spans


def split_sentences(text: str, config: Config = DEFAULT) -> list[Sentence]:
    """Split clean article text into sentences with offsets, paragraph index and language.

    ``text`` is paragraphs separated by blank lines (``clean.clean`` output); a single
    line break inside a paragraph is ordinary whitespace. Each paragraph's language is
    detected once (short paragraphs inherit the text's main language).
    """
    spans = paragraph_spans(text)
    _main, langs = paragraph_languages([text[s:e] for s, e in spans], config)
    sentences: list[Sentence] = []
    append = sentences.append
    per_paragraph = _paragraph_sentence_spans(text, spans)  # spans come trimmed
    for p_index, (found, (lang, _prob)) in enumerate(zip(per_paragraph, langs, strict=True)):
        for s, e in found:
            append(new_sentence(len(sentences), s, e, text[s:e], p_index, lang))
    return sentences
