"""Small pieces of heavy packages, loaded without running their package ``__init__``.

``from nltk.stem.porter import PorterStemmer`` first runs ``nltk/__init__.py``, which
imports most of nltk and through it ``scipy.stats`` and parts of scikit-learn; ``from
sklearn.feature_extraction.text import ENGLISH_STOP_WORDS`` imports scikit-learn, its
vectorizers and ``scipy.stats``. Each costs about 0.3-0.6 s of CPU per process (more than
1 s under cProfile on a busy machine) for a stemmer and a word list. Here:

- ``porter_stemmer()`` loads ``nltk.stem.porter`` (which needs only ``nltk.redos``,
  ``nltk.termsec`` and ``nltk.stem.api``) with bare stand-ins for the ``nltk`` and
  ``nltk.stem`` packages (their folders, not their ``__init__``), then takes the stand-ins
  out of ``sys.modules`` again so that a later ``import nltk`` runs nltk's own
  ``__init__`` as usual. The class is nltk's, so the stems are nltk's.
- ``english_stop_words()`` runs scikit-learn's ``feature_extraction/_stop_words.py`` (one
  frozenset literal, no imports) on its own, so the list is scikit-learn's.

When the package is already imported, or the thin load fails (a future version whose module
imports more), the ordinary import is used.

    porter_stemmer().stem("running")   # 'run'
    "the" in english_stop_words()      # True
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import types
from functools import lru_cache
from typing import Any

_PACKAGES = ("nltk", "nltk.stem")


@lru_cache(maxsize=1)
def english_stop_words() -> frozenset[str]:
    """scikit-learn's ``ENGLISH_STOP_WORDS`` (318 words)."""
    if "sklearn" not in sys.modules:
        try:
            return _load_stop_words()
        except (ImportError, OSError, AttributeError):
            pass
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def _load_stop_words() -> frozenset[str]:
    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("scikit-learn is not installed")
    root = next(iter(spec.submodule_search_locations))
    path = os.path.join(root, "feature_extraction", "_stop_words.py")
    file_spec = importlib.util.spec_from_file_location("triangulate._sklearn_stop_words", path)
    if file_spec is None or file_spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(file_spec)
    file_spec.loader.exec_module(module)
    return frozenset(module.ENGLISH_STOP_WORDS)


@lru_cache(maxsize=1)
def porter_stemmer() -> Any:
    """A shared ``nltk.stem.porter.PorterStemmer()`` (default mode, NLTK_EXTENSIONS)."""
    return porter_class()()


def porter_class() -> Any:
    """``nltk.stem.porter.PorterStemmer``, loaded without nltk's package ``__init__``."""
    if "nltk" not in sys.modules:
        try:
            return _load_bare()
        except ImportError:
            pass
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer


def _load_bare() -> Any:
    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("nltk is not installed")
    root = next(iter(spec.submodule_search_locations))
    stand_ins = {
        "nltk": [root],
        "nltk.stem": [os.path.join(root, "stem")],
    }
    for name, path in stand_ins.items():
        module = types.ModuleType(name)
        module.__path__ = path
        sys.modules[name] = module
    try:
        return importlib.import_module("nltk.stem.porter").PorterStemmer
    finally:
        for name in _PACKAGES:
            sys.modules.pop(name, None)
