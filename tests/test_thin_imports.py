"""nltk's stemmer and scikit-learn's stop words, loaded without their packages' ``__init__``."""

from __future__ import annotations

import json
import subprocess
import sys

WORDS = [
    "running", "generalizations", "ponies", "caresses", "agreed", "happily", "relational",
    "conditional", "hopeful", "goodness", "electrical", "adjustable", "troops", "withdrawal",
    "evacuated", "injured", "Ukraine's", "dying", "skies", "news", "ministry", "said",
]

_CHILD = """
import json, sys
from triangulate.thin_imports import english_stop_words, porter_stemmer
stemmer = porter_stemmer()
ours = [stemmer.stem(w) for w in WORDS]
stop = english_stop_words()
loaded = "nltk" in sys.modules or "sklearn" in sys.modules
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from nltk.stem.porter import PorterStemmer  # the ordinary import, all of nltk
import nltk
print(json.dumps({
    "packages_loaded": loaded,
    "same": ours == [PorterStemmer().stem(w) for w in WORDS],
    "same_class": type(stemmer) is PorterStemmer,
    "same_stop_words": stop == ENGLISH_STOP_WORDS and len(stop) > 300,
    "nltk_works": callable(getattr(nltk, "word_tokenize", None)),
}))
"""


def test_stems_and_stop_words_are_the_packages_without_importing_them() -> None:
    code = f"WORDS = {WORDS!r}\n" + _CHILD
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == {
        "packages_loaded": False,
        "same": True,
        "same_class": True,
        "same_stop_words": True,
        "nltk_works": True,
    }
