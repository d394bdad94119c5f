"""What an article offers for deciding which event it reports.

``extract`` turns an ``Article`` into ``ArticleFeatures``: a weighted bag of terms in which
the title and the lead count more than the rest of the body, named entities (runs of
capitalised words, found by rule: no model needed), numbers and years as their own terms,
the published time, and a MinHash signature of the text for the near-duplicate shortcut.

Only the first ``body_chars`` characters of the body are read: news is written top-down
(inverted pyramid), the event is named in the first paragraphs, and reading a bounded
prefix keeps the cost per article bounded.

Term prefixes: plain stems have none, ``e:`` an entity (``e:north korea``), ``n:`` a
number with its scale (``n:284b``), ``y:`` a year.
"""

from __future__ import annotations

import hashlib
import math
import re
import zlib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash

from triangulate.model import Article
from triangulate.thin_imports import english_stop_words, porter_stemmer

#: Weight of a term occurrence in the title, the lead and the rest of the body.
TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
BODY_WEIGHT = 1.0
#: Extra weight of entity and number terms relative to a plain word.
ENTITY_WEIGHT = 1.5
NUMBER_WEIGHT = 1.0
#: Characters of lead (after the title) counted at LEAD_WEIGHT.
LEAD_CHARS = 400
#: MinHash permutations and word-shingle size for the near-duplicate signature.
NUM_PERM = 64
SHINGLE = 3
#: Fewest shingles for a text to get a MinHash signature (shorter texts: exact match only).
MIN_SHINGLES = 8
#: Words of the text the signature is computed over (a copy shows in its first 250 words).
MINHASH_TOKENS = 250

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
_NUMBER = re.compile(
    r"(?<![\w.])[$£€]?\d{1,3}(?:[,\d{3}]*)(?:\.\d+)?(?:\s*(?:%|percent|per cent|"
    r"million|billion|trillion|bn|m\b|k\b))?",
    re.IGNORECASE,
)
_ENTITY = re.compile(
    r"(?:[A-Z][\w'’&.\-]*[\w]|[A-Z])(?:\s+(?:(?:of|the|de|van|von|al|bin)\s+)?(?:[A-Z][\w'’&.\-]*[\w]|[A-Z]))*"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:\"“”]\s+|\n\s*)$")
_STOP = english_stop_words() | frozenset(
    {
        "said", "says", "say", "told", "new", "year", "years", "day", "days", "time",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mr", "mrs", "ms", "dr", "just", "like", "according", "people", "including",
        "week", "month", "also", "would", "could", "one", "two", "first", "last",
        "s", "t", "don", "it's", "update", "updated", "reuters", "ap", "afp", "video",
        "photos", "watch", "read", "news", "report", "reports", "via",
    }
)
_SCALE = {
    "million": "m", "m": "m", "billion": "b", "bn": "b", "trillion": "t", "k": "k",
    "%": "%", "percent": "%", "per cent": "%",
}
_STEMMER = porter_stemmer()
#: MinHash scheme and seed; the permutations are drawn once and shared.
SCHEME = "affine32"
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
_PERM_A = np.asarray(_TEMPLATE.permutations[0], dtype=np.uint32)
_PERM_B = np.asarray(_TEMPLATE.permutations[1], dtype=np.uint32)


@dataclass(frozen=True)
class ArticleFeatures:
    """What the story clusterer knows of one article.

    ``terms`` maps a term to its weighted count (title and lead weigh more); ``time`` is
    the published time as POSIX seconds (None when unknown); ``minhash`` is the MinHash
    signature of the text's word shingles (None for very short texts); ``exact`` is a
    hash of the normalised text, the near-duplicate key when there is no signature.
    """

    id: str
    title: str
    time: float | None
    terms: Mapping[str, float]
    entities: frozenset[str]
    minhash: np.ndarray | None
    exact: str


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Porter stem of a lower-case word (cached: news vocabularies repeat)."""
    return str(_STEMMER.stem(word))


_NORMALISED: dict[str, str] = {}


def _normalise(word: str) -> str:
    """Stem of a lower-case word, "" for a stopword or a 1-letter word (cached)."""
    found = _NORMALISED.get(word)
    if found is None:
        w = word.replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        found = "" if len(w) < 2 or w in _STOP else stem(w)
        if len(_NORMALISED) < 500_000:
            _NORMALISED[word] = found
    return found


def words(text: str) -> list[str]:
    """Lower-case content words of ``text``, stemmed, stopwords and 1-letter words dropped."""
    get = _NORMALISED.get
    out = []
    for w in _WORD.findall(text.lower()):
        n = get(w)
        if n is None:
            n = _normalise(w)
        if n:
            out.append(n)
    return out


def _is_title_case(text: str) -> bool:
    """A headline in Title Case tells nothing about which words are names."""
    tokens = [t for t in _WORD.findall(text) if len(t) > 3]
    if len(tokens) < 3:
        return False
    return sum(t[0].isupper() for t in tokens) / len(tokens) > 0.6


def entities(text: str) -> list[str]:
    """Named entities by rule: runs of capitalised words, lower-cased.

    A single capitalised word that opens a sentence is kept only when it is not a
    stopword ("The", "But"); a run's leading stopwords are dropped ("The White House" ->
    "white house").
    """
    found = []
    cache = _NAMES
    for m in _ENTITY.finditer(text):
        raw = m.group()
        hit = cache.get(raw)
        if hit is None:
            hit = _name(raw)
            if len(cache) < 200_000:
                cache[raw] = hit
        name, short = hit
        if not name:
            continue
        if short and _SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()]):
            continue
        found.append(name)
    return found


#: Normalised names of raw capitalised runs (cached: news repeats its names).
_NAMES: dict[str, tuple[str, bool]] = {}


def _name(raw: str) -> tuple[str, bool]:
    """The entity a capitalised run names ("" for none) and whether it is a single word
    of fewer than 4 letters (dropped when it opens a sentence)."""
    parts = raw.replace("’", "'").split()
    while parts and parts[0].lower() in _STOP:
        parts = parts[1:]
    if not parts:
        return "", False
    short = False
    if len(parts) == 1:
        word = parts[0].lower()
        if len(word) < 2 or word in _STOP:
            return "", False
        short = len(word) < 4
    name = " ".join(p.lower().rstrip(".'s").rstrip("'") for p in parts)
    if name.endswith("'s"):
        name = name[:-2]
    if not name or name in _STOP:
        return "", False
    return name, short


def numbers(text: str) -> list[str]:
    """Numbers with their scale as terms: ``$284 billion`` -> ``n:284b``; years -> ``y:2017``.

    Small bare numbers (0-10) say little about the event and are skipped.
    """
    out = []
    for m in _NUMBER.finditer(text):
        raw = m.group().strip().lower()
        digits = re.match(r"[$£€]?([\d,]*\d(?:\.\d+)?)", raw)
        if not digits:
            continue
        value = digits.group(1).replace(",", "")
        rest = raw[digits.end() :].strip()
        scale = _SCALE.get(rest, "")
        if not scale and re.fullmatch(r"(19|20)\d\d", value):
            out.append(f"y:{value}")
            continue
        try:
            if not scale and float(value) <= 10:
                continue
        except ValueError:
            continue
        out.append(f"n:{value}{scale}")
    return out


def _add(bag: dict[str, float], text: str, weight: float, with_entities: bool) -> set[str]:
    for w in words(text):
        bag[w] += weight
    for n in numbers(text):
        bag[n] += weight * NUMBER_WEIGHT
    names: set[str] = set()
    if with_entities:
        for e in entities(text):
            if " " in e or len(e) > 3:
                bag["e:" + e] += weight * ENTITY_WEIGHT
                names.add(e)
    return names


def shingle_hashes(tokens: list[str], size: int = SHINGLE) -> np.ndarray:
    """Distinct 32-bit hashes of the word ``size``-shingles (CRC-32 of words, mixed)."""
    if len(tokens) < size:
        return np.zeros(0, dtype=np.uint32)
    words_h = np.fromiter((zlib.crc32(t.encode()) for t in tokens), dtype=np.uint32,
                          count=len(tokens))
    h = words_h[: len(tokens) - size + 1].copy()
    for k in range(1, size):
        h = h * np.uint32(0x9E3779B1) + words_h[k : len(tokens) - size + 1 + k]
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    return np.unique(h)


def _minhash(tokens: list[str]) -> np.ndarray | None:
    """MinHash signature (affine permutations of the shingle hashes, 32-bit)."""
    with np.errstate(over="ignore"):
        h = shingle_hashes(tokens[:MINHASH_TOKENS])
        if len(h) < MIN_SHINGLES:
            return None
        phv = h[:, None] * _PERM_A[None, :] + _PERM_B[None, :]
    return np.asarray(phv.min(axis=0), dtype=np.uint32)


def lean(hashvalues: np.ndarray) -> LeanMinHash:
    """A MinHash (for LSH insert and query) from stored hash values."""
    return LeanMinHash(seed=1, hashvalues=hashvalues, scheme=SCHEME)


def timestamp(value: datetime | None) -> float | None:
    """POSIX seconds of a datetime (naive datetimes are taken as UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


def extract(article: Article, body_chars: int = 2000) -> ArticleFeatures:
    """The features of one article (see the module docstring)."""
    title = article.title.strip()
    body = article.text
    if title and body.lstrip().startswith(title):
        body = body.lstrip()[len(title) :]
    body = body[:body_chars]
    lead, rest = body[:LEAD_CHARS], body[LEAD_CHARS:]
    cut = rest.find(" ")
    if 0 <= cut < 40:  # do not cut a word in two between lead and body
        lead, rest = lead + rest[:cut], rest[cut:]
    bag: dict[str, float] = defaultdict(float)
    names = _add(bag, title, TITLE_WEIGHT, with_entities=not _is_title_case(title))
    names |= _add(bag, lead, LEAD_WEIGHT, with_entities=True)
    names |= _add(bag, rest, BODY_WEIGHT, with_entities=True)
    terms = {t: 1.0 + math.log(c) if c >= 1 else c for t, c in bag.items()}
    # copies often get a new headline: the body alone identifies a copy when it is long
    tokens = _WORD.findall(body.lower())
    if len(tokens) < MIN_SHINGLES + SHINGLE:
        tokens = _WORD.findall(f"{title} {body}".lower())
    return ArticleFeatures(
        id=article.id,
        title=title,
        time=timestamp(article.published),
        terms=terms,
        entities=frozenset(names),
        minhash=_minhash(tokens),
        exact=hashlib.sha1(" ".join(tokens).encode()).hexdigest()[:20] if tokens else "",
    )
