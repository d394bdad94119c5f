"""A small runtime for all-MiniLM-L6-v2: tokenizer, BERT encoder, mean pooling.

It computes what ``SentenceTransformer(model_dir).encode(texts, normalize_embeddings=True)``
computes (tests/test_minilm.py checks the vectors against sentence-transformers), without
importing ``transformers``, ``sentence_transformers`` or, by default, ``torch``, whose
imports and model construction cost seconds before the first sentence is encoded:

- tokenizer: ``tokenizers.Tokenizer`` from the model's ``tokenizer.json`` (BERT uncased
  WordPiece), truncated to ``MAX_TOKENS`` (the model's ``max_seq_length``) and padded to
  the longest text of a batch; texts are stripped first, as sentence-transformers does;
- weights: ``model.safetensors`` read with ``safetensors`` into numpy arrays;
- forward: embeddings (word + position + token type, LayerNorm), six encoder layers
  (self-attention with 12 heads, exact-erf GELU feed-forward, post-LayerNorm), mean
  pooling over the real tokens, L2 normalisation, in float32 numpy (BLAS matrix products).

Texts are encoded in batches of similar length (sorted by token count) so little work is
spent on padding. ``backend="torch"`` runs the same forward pass with torch
(``triangulate.minilm_torch``); ``precision="bfloat16"`` needs it and runs the matrix
products in bfloat16 (faster on CPUs with bfloat16 instructions, vectors differ slightly:
docs/benchmarks.md, Analyze).

    model = MiniLM(model_dir)
    vectors = model.encode(["a sentence", "another"])   # (2, 384) float32, unit rows
    pieces = model.encode_tokens(["a sentence"])        # [(ids, (n, 384) unit rows)]
    vectors, pieces = model.encode_with_tokens(texts)   # both from one forward pass
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: Longest input in tokens ([CLS] and [SEP] included), as in sentence_bert_config.json.
MAX_TOKENS = 256
#: Texts per forward pass (small batches of similar length keep attention's padding low).
BATCH_SIZE = 32
#: Cap on tokens (padding included) per forward pass: long texts go in smaller batches.
BATCH_TOKENS = 4096

PRECISIONS: tuple[str, ...] = ("float32", "bfloat16")
#: Forward-pass implementations: numpy (float32 only, no torch import) or torch.
BACKENDS: tuple[str, ...] = ("numpy", "torch")

#: A forward pass: token-id lists -> last-layer states of their real tokens, packed text
#: after text (float32, shape ``(total tokens, width)``).
Forward = Callable[[list[list[int]]], np.ndarray]


@dataclass(frozen=True)
class Shape:
    """The encoder's size, from the model's config.json."""

    layers: int
    heads: int
    width: int
    eps: float


def default_backend(precision: str) -> str:
    """numpy for float32; torch for bfloat16 (numpy has no bfloat16 products)."""
    return "torch" if precision == "bfloat16" else "numpy"


def default_threads() -> int:
    """Worker threads for the numpy backend: the CPUs this process may use, at most 4."""
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1))


class MiniLM:
    """all-MiniLM-L6-v2 (BERT, 6 layers, 384 wide) read from ``model_dir``."""

    def __init__(
        self,
        model_dir: Path,
        *,
        precision: str = "float32",
        backend: str | None = None,
        max_tokens: int = MAX_TOKENS,
        threads: int | None = None,
    ) -> None:
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")
        backend = default_backend(precision) if backend is None else backend
        if backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
        if backend == "numpy" and precision != "float32":
            raise ValueError(f"the numpy backend runs float32 only, not {precision}")
        from tokenizers import Tokenizer

        self.model_dir = Path(model_dir)
        self.precision = precision
        self.backend = backend
        self.threads = threads if threads is not None else default_threads()
        config = json.loads((self.model_dir / "config.json").read_text(encoding="utf-8"))
        shape = Shape(
            layers=int(config["num_hidden_layers"]),
            heads=int(config["num_attention_heads"]),
            width=int(config["hidden_size"]),
            eps=float(config.get("layer_norm_eps", 1e-12)),
        )
        self.width = shape.width
        self.max_tokens = min(max_tokens, int(config["max_position_embeddings"]))

        tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=self.max_tokens)
        self._tokenizer = tokenizer

        weights = self.model_dir / "model.safetensors"
        self._forward: Forward
        if backend == "torch":
            from triangulate.minilm_torch import TorchForward

            self._forward = TorchForward(weights, shape, precision=precision, threads=threads)
        else:
            self._forward = NumpyForward(weights, shape)

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids of each text ([CLS] ... [SEP], truncated to ``max_tokens``)."""
        return [e.ids for e in self._tokenizer.encode_batch([t.strip() for t in texts])]

    def encode(self, texts: Sequence[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
        """Unit vectors for ``texts`` (float32, shape ``(len(texts), width)``)."""
        return self._encode(texts, batch_size, tokens=False)[0]

    def encode_tokens(
        self, texts: Sequence[str], *, batch_size: int = BATCH_SIZE
    ) -> list[tuple[list[int], np.ndarray]]:
        """Each text's word-piece ids and their contextual unit vectors (last layer),
        without [CLS] and [SEP]: what token-level alignment (BERTScore-like) needs."""
        return self._encode(texts, batch_size, tokens=True)[1]

    def encode_with_tokens(
        self, texts: Sequence[str], *, batch_size: int = BATCH_SIZE
    ) -> tuple[np.ndarray, list[tuple[list[int], np.ndarray]]]:
        """``encode`` and ``encode_tokens`` from one forward pass."""
        return self._encode(texts, batch_size, tokens=True)

    def _encode(
        self, texts: Sequence[str], batch_size: int, tokens: bool
    ) -> tuple[np.ndarray, list[tuple[list[int], np.ndarray]]]:
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        pooled = np.zeros((len(texts), self.width), dtype=np.float32)
        empty = np.zeros((0, self.width), dtype=np.float32)
        pieces: list[tuple[list[int], np.ndarray]] = [([], empty)] * (len(texts) if tokens else 0)
        if not texts:
            return pooled, pieces
        ids = self.token_ids(texts)
        parts = self.threads if self.backend == "numpy" else 1
        batches = _length_batches([len(i) for i in ids], batch_size, parts)
        for batch, states in zip(batches, self._run(ids, batches), strict=True):
            lengths = [len(ids[i]) for i in batch]
            pooled[batch] = _mean_pool(states, lengths)
            if tokens:
                for i, rows in zip(batch, np.split(states, np.cumsum(lengths)[:-1]), strict=True):
                    pieces[i] = (ids[i][1:-1], _unit_rows(rows[1:-1]))
        return pooled, pieces

    def _run(self, ids: list[list[int]], batches: list[list[int]]) -> Iterator[np.ndarray]:
        """The forward pass of each batch, in order.

        torch spreads each product over its own threads. With numpy, whole batches run on
        ``threads`` Python threads (numpy releases the GIL in its products) with BLAS held to
        one thread: OpenBLAS's own threads spin while they wait, which costs much CPU on a
        busy machine (docs/benchmarks.md, Analyze).
        """

        def forward(batch: list[int]) -> np.ndarray:
            return self._forward([ids[i] for i in batch])

        if self.backend == "torch":
            yield from map(forward, batches)
            return
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1, user_api="blas"):
            if self.threads <= 1 or len(batches) == 1:
                yield from map(forward, batches)
                return
            with ThreadPoolExecutor(self.threads) as pool:
                yield from pool.map(forward, batches)


def _length_batches(lengths: list[int], batch_size: int, parts: int = 1) -> list[list[int]]:
    """Indices grouped longest first into batches of similar length.

    At most ``batch_size`` texts and about ``BATCH_TOKENS`` tokens (padding included) each.
    With ``parts`` > 1 (worker threads) and fewer than two batches a thread, the texts are
    cut instead into a multiple of ``parts`` batches of about equal tokens (where the caps
    allow), so every thread gets a similar share: five long articles make two batches,
    not one that a single thread runs alone.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches = _cut(order, lengths, batch_size, 1)
    if parts <= 1 or len(order) < parts or len(batches) >= 2 * parts:
        return batches
    count = -(-len(batches) // parts) * parts
    while count <= len(order):
        batches = _cut(order, lengths, batch_size, count)
        if len(batches) % parts == 0:
            break
        count += parts
    return batches


def _cut(order: list[int], lengths: list[int], batch_size: int, count: int) -> list[list[int]]:
    """``order`` cut in sequence into about ``count`` batches of about equal tokens (more
    when the caps on a batch's texts and tokens need more; ``count`` 1: as full as they
    allow)."""
    batches: list[list[int]] = []
    left = sum(lengths[i] for i in order)
    start = 0
    while start < len(order):
        share = left / max(1, count - len(batches))
        cap = _batch_cap(lengths[order[start]], batch_size)
        size, tokens = 0, 0
        while size < cap and start + size < len(order) and (size == 0 or tokens < share):
            tokens += lengths[order[start + size]]
            size += 1
        batches.append(order[start : start + size])
        left -= tokens
        start += size
    return batches


def _batch_cap(longest: int, batch_size: int) -> int:
    """Texts a batch may hold when its longest text has ``longest`` tokens."""
    return max(1, min(batch_size, BATCH_TOKENS // longest))


def _unit_rows(x: np.ndarray) -> np.ndarray:
    norms = np.maximum(np.linalg.norm(x, axis=1, keepdims=True), np.float32(1e-12))
    return (x / norms).astype(np.float32)


def _mean_pool(states: np.ndarray, lengths: list[int]) -> np.ndarray:
    """Unit mean vector of each text's rows in packed ``states``."""
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    pooled = np.add.reduceat(states, starts, axis=0) / np.asarray(lengths, np.float32)[:, None]
    return _unit_rows(pooled)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    centred = x - x.mean(axis=-1, keepdims=True)
    scale = 1.0 / np.sqrt((centred * centred).mean(axis=-1, keepdims=True) + eps)
    return (centred * scale) * weight + bias


#: Abramowitz & Stegun 7.1.26: erfc(z) ~ t (a1 + t (a2 + ... + t a5)) exp(-z^2) with
#: t = 1 / (1 + p z), for z >= 0; absolute error <= 1.5e-7, about float32's resolution.
#: ``_ERF_P`` is p / sqrt(2): the polynomial is evaluated at |x| rather than |x| / sqrt(2).
_ERF_P = np.float32(0.3275911 * 0.5**0.5)
_ERF_A = tuple(
    np.float32(a) for a in (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)
)
#: GELU works through its input in pieces of this many values (they stay in cache).
_GELU_CHUNK = 1 << 16


def _gelu(x: np.ndarray) -> np.ndarray:
    """Erf GELU ``x * (1 + erf(x / sqrt 2)) / 2`` in place, as BERT and torch's ``gelu``.

    Written as ``max(x, 0) - |x| * erfc(|x| / sqrt 2) / 2`` (no digits cancel for large
    negative inputs), with erfc from a float32 approximation in vectorised numpy (A&S 7.1.26,
    GELU's absolute error <= 5e-7, tests/test_minilm.py): ``scipy.special.erf`` gives the
    same values several times slower, and made GELU a large part of the encoding time.
    """
    flat = x.reshape(-1)
    for start in range(0, flat.size, _GELU_CHUNK):
        part = flat[start : start + _GELU_CHUNK]
        size = np.abs(part)
        t = np.multiply(size, _ERF_P)
        t += np.float32(1.0)
        np.reciprocal(t, out=t)
        tail = np.multiply(t, _ERF_A[-1])
        for a in reversed(_ERF_A[:-1]):
            tail += a
            tail *= t
        gauss = np.square(size)
        gauss *= np.float32(-0.5)
        np.exp(gauss, out=gauss)
        tail *= gauss
        tail *= size
        tail *= np.float32(0.5)  # |x| erfc(|x| / sqrt 2) / 2
        np.maximum(part, np.float32(0.0), out=part)
        part -= tail
    return x


def _softmax_rows(scores: np.ndarray) -> np.ndarray:
    """Softmax over the last axis, in place."""
    scores -= scores.max(axis=-1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=-1, keepdims=True)
    return scores


class NumpyForward:
    """Last-layer states of token-id batches (a ``Forward``), computed in float32 numpy.

    Token-wise steps (projections, LayerNorm, GELU) run on the real tokens packed into one
    matrix, so padding costs nothing there; only attention sees the padded layout, with
    padded keys masked out.
    """

    def __init__(self, weights_file: Path, shape: Shape) -> None:
        from safetensors.numpy import load_file

        self.heads, self.width, self.eps = shape.heads, shape.width, shape.eps
        w = load_file(str(weights_file))
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.type0 = w["embeddings.token_type_embeddings.weight"][0]
        self.ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.blocks = [self._block(w, f"encoder.layer.{i}.") for i in range(shape.layers)]

    @staticmethod
    def _block(w: dict[str, np.ndarray], p: str) -> dict[str, np.ndarray]:
        """One layer's weights, transposed for ``x @ W`` (q, k, v fused into one product)."""
        names = ("query", "key", "value")
        qkv = np.concatenate([w[p + f"attention.self.{n}.weight"] for n in names])
        return {
            "qkv_w": np.ascontiguousarray(qkv.T),
            "qkv_b": np.concatenate([w[p + f"attention.self.{n}.bias"] for n in names]),
            "o_w": np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
            "o_b": w[p + "attention.output.dense.bias"],
            "ln1_w": w[p + "attention.output.LayerNorm.weight"],
            "ln1_b": w[p + "attention.output.LayerNorm.bias"],
            "i_w": np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
            "i_b": w[p + "intermediate.dense.bias"],
            "f_w": np.ascontiguousarray(w[p + "output.dense.weight"].T),
            "f_b": w[p + "output.dense.bias"],
            "ln2_w": w[p + "output.LayerNorm.weight"],
            "ln2_b": w[p + "output.LayerNorm.bias"],
        }

    def __call__(self, batch: list[list[int]]) -> np.ndarray:
        n, length = len(batch), max(len(b) for b in batch)
        lengths = np.array([len(b) for b in batch], dtype=np.int64)
        mask = np.arange(length)[None, :] < lengths[:, None]
        where = np.flatnonzero(mask.reshape(-1))  # packed token -> padded slot
        ids = np.fromiter((t for b in batch for t in b), dtype=np.int64, count=int(lengths.sum()))
        positions = np.concatenate([np.arange(k) for k in lengths])
        x = self.word[ids] + self.position[positions] + self.type0
        x = _layer_norm(x, *self.ln, self.eps)
        # attention sees real tokens only: padded keys get -inf before the softmax
        key_bias = np.where(mask, np.float32(0.0), np.float32(-np.inf))[:, None, None, :]
        head = self.width // self.heads
        scale = np.float32(1.0 / np.sqrt(head))
        padded = np.zeros((n * length, 3 * self.width), dtype=np.float32)
        for b in self.blocks:
            padded[where] = x @ b["qkv_w"] + b["qkv_b"]
            q, k, v = padded.reshape(n, length, 3, self.heads, head).transpose(2, 0, 3, 1, 4)
            scores = _softmax_rows((q * scale) @ k.transpose(0, 1, 3, 2) + key_bias)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(n * length, self.width)[where]
            x = _layer_norm(x + (ctx @ b["o_w"] + b["o_b"]), b["ln1_w"], b["ln1_b"], self.eps)
            inner = _gelu(x @ b["i_w"] + b["i_b"])
            x = _layer_norm(x + (inner @ b["f_w"] + b["f_b"]), b["ln2_w"], b["ln2_b"], self.eps)
        return np.asarray(x, dtype=np.float32)
