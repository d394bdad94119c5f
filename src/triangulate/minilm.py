"""A small runtime for all-MiniLM-L6-v2: tokenizer, BERT encoder, mean pooling.

It computes what ``SentenceTransformer(model_dir).encode(texts, normalize_embeddings=True)``
computes (tests/test_minilm.py checks the vectors against sentence-transformers), without
importing ``transformers`` or ``sentence_transformers``, whose imports and model
construction cost seconds before the first sentence is encoded:

- tokenizer: ``tokenizers.Tokenizer`` from the model's ``tokenizer.json`` (BERT uncased
  WordPiece), truncated to ``MAX_TOKENS`` (the model's ``max_seq_length``) and padded to
  the longest text of a batch; texts are stripped first, as sentence-transformers does;
- weights: ``model.safetensors`` read with ``safetensors`` into torch tensors;
- forward: embeddings (word + position + token type, LayerNorm), six encoder layers
  (self-attention with 12 heads, GELU feed-forward, post-LayerNorm), mean pooling over the
  real tokens, L2 normalisation.

Texts are encoded in batches of similar length (sorted by token count) so little work is
spent on padding. ``precision="bfloat16"`` runs the matrix products in bfloat16 (the
residual stream, LayerNorm, softmax and pooling stay in float32); it is faster on CPUs with
bfloat16 instructions and its vectors differ slightly (see docs/benchmarks.md, Analyze).

    model = MiniLM(model_dir)
    vectors = model.encode(["a sentence", "another"])   # (2, 384) float32, unit rows
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

#: Longest input in tokens ([CLS] and [SEP] included), as in sentence_bert_config.json.
MAX_TOKENS = 256
#: Texts per forward pass (small batches of similar length keep attention's padding low).
BATCH_SIZE = 32
#: Cap on tokens (padding included) per forward pass: long texts go in smaller batches.
BATCH_TOKENS = 4096

PRECISIONS: tuple[str, ...] = ("float32", "bfloat16")


class MiniLM:
    """all-MiniLM-L6-v2 (BERT, 6 layers, 384 wide) read from ``model_dir``."""

    def __init__(
        self,
        model_dir: Path,
        *,
        precision: str = "float32",
        max_tokens: int = MAX_TOKENS,
        threads: int | None = None,
    ) -> None:
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")
        # idle OpenMP threads sleep instead of spinning: on a shared machine spinning
        # threads that wait for a descheduled one cost several times the work (measured:
        # docs/benchmarks.md, Analyze). Only takes effect when torch is not loaded yet.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        self.model_dir = Path(model_dir)
        self.precision = precision
        config = json.loads((self.model_dir / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.width = int(config["hidden_size"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.max_tokens = min(max_tokens, int(config["max_position_embeddings"]))
        if threads is not None:
            torch.set_num_threads(threads)

        tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=self.max_tokens)
        self._tokenizer = tokenizer

        weights = load_file(str(self.model_dir / "model.safetensors"), device="cpu")
        self._torch = torch
        self._weights = self._prepare(weights)

    def _prepare(self, w: dict[str, Any]) -> dict[str, Any]:
        """Weights in the layout the forward pass uses (q, k, v fused; bf16 copies)."""
        torch = self._torch
        mm = torch.bfloat16 if self.precision == "bfloat16" else torch.float32
        out: dict[str, Any] = {
            "word": w["embeddings.word_embeddings.weight"],
            "position": w["embeddings.position_embeddings.weight"],
            "type0": w["embeddings.token_type_embeddings.weight"][0],
            "ln_w": w["embeddings.LayerNorm.weight"],
            "ln_b": w["embeddings.LayerNorm.bias"],
        }
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            qkv_w = torch.cat(
                [w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")]
            )
            qkv_b = torch.cat([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            out[p + "qkv_w"] = qkv_w.to(mm).contiguous()
            out[p + "qkv_b"] = qkv_b.to(mm)
            out[p + "o_w"] = w[p + "attention.output.dense.weight"].to(mm).contiguous()
            out[p + "o_b"] = w[p + "attention.output.dense.bias"].to(mm)
            out[p + "ln1_w"] = w[p + "attention.output.LayerNorm.weight"]
            out[p + "ln1_b"] = w[p + "attention.output.LayerNorm.bias"]
            out[p + "i_w"] = w[p + "intermediate.dense.weight"].to(mm).contiguous()
            out[p + "i_b"] = w[p + "intermediate.dense.bias"].to(mm)
            out[p + "f_w"] = w[p + "output.dense.weight"].to(mm).contiguous()
            out[p + "f_b"] = w[p + "output.dense.bias"].to(mm)
            out[p + "ln2_w"] = w[p + "output.LayerNorm.weight"]
            out[p + "ln2_b"] = w[p + "output.LayerNorm.bias"]
        return out

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids of each text ([CLS] ... [SEP], truncated to ``max_tokens``)."""
        return [e.ids for e in self._tokenizer.encode_batch([t.strip() for t in texts])]

    def encode(self, texts: Sequence[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
        """Unit vectors for ``texts`` (float32, shape ``(len(texts), width)``)."""
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        out = np.zeros((len(texts), self.width), dtype=np.float32)
        if not texts:
            return out
        ids = self.token_ids(texts)
        torch = self._torch
        F = torch.nn.functional
        with torch.inference_mode():
            for chunk in self._batches(ids, batch_size):
                x, lengths = self._hidden([ids[i] for i in chunk])
                owner = torch.repeat_interleave(torch.arange(len(chunk)), lengths)
                pooled = torch.zeros((len(chunk), self.width)).index_add_(0, owner, x)
                out[chunk] = F.normalize(pooled / lengths[:, None], p=2.0, dim=1).numpy()
        return out

    def encode_tokens(
        self, texts: Sequence[str], *, batch_size: int = BATCH_SIZE
    ) -> list[tuple[list[int], np.ndarray]]:
        """Each text's word-piece ids and their contextual unit vectors (last layer),
        without [CLS] and [SEP]: what token-level alignment (BERTScore-like) needs."""
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        ids = self.token_ids(texts)
        out: list[tuple[list[int], np.ndarray]] = [([], np.zeros((0, self.width), np.float32))] * len(ids)
        torch = self._torch
        F = torch.nn.functional
        with torch.inference_mode():
            for chunk in self._batches(ids, batch_size):
                x, lengths = self._hidden([ids[i] for i in chunk])
                for i, rows in zip(chunk, torch.split(x, lengths.tolist()), strict=True):
                    inner = F.normalize(rows[1:-1], p=2.0, dim=1)
                    out[i] = (ids[i][1:-1], inner.numpy().astype(np.float32, copy=False))
        return out

    @staticmethod
    def _batches(ids: list[list[int]], batch_size: int) -> list[list[int]]:
        """Indices of ``ids`` in batches of similar length (longest first), each within
        ``batch_size`` texts and ``BATCH_TOKENS`` padded tokens."""
        order = sorted(range(len(ids)), key=lambda i: (-len(ids[i]), i))
        batches: list[list[int]] = []
        start = 0
        while start < len(order):
            longest = len(ids[order[start]])
            size = max(1, min(batch_size, BATCH_TOKENS // longest))
            batches.append(order[start : start + size])
            start += size
        return batches

    def _hidden(self, batch: list[list[int]]) -> tuple[Any, Any]:
        """Last-layer states of one batch of token-id lists, packed (real tokens only, text
        after text), and the texts' token counts.

        Token-wise steps (projections, LayerNorm, GELU) run on the real tokens packed into
        one matrix, so padding costs nothing there; only attention sees the padded layout.
        """
        torch = self._torch
        F = torch.nn.functional
        w = self._weights
        mm = torch.bfloat16 if self.precision == "bfloat16" else torch.float32
        n, length = len(batch), max(len(b) for b in batch)
        lengths = torch.tensor([len(b) for b in batch])
        mask = torch.arange(length)[None, :] < lengths[:, None]
        where = mask.reshape(-1).nonzero().squeeze(1)  # packed token -> padded slot
        ids = torch.tensor([t for b in batch for t in b], dtype=torch.long)
        positions = torch.cat([torch.arange(len(b)) for b in batch])
        x = w["word"][ids] + w["position"][positions] + w["type0"]
        x = F.layer_norm(x, (self.width,), w["ln_w"], w["ln_b"], self.eps)
        keys = mask[:, None, None, :]  # attention sees real tokens only
        head = self.width // self.heads
        # attention runs in float32 (bfloat16 attention was slower here and less exact)
        padded = torch.zeros((n * length, 3 * self.width))
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            padded[where] = F.linear(x.to(mm), w[p + "qkv_w"], w[p + "qkv_b"]).float()
            q, k, v = padded.view(n, length, 3, self.heads, head).permute(2, 0, 3, 1, 4)
            ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=keys)
            ctx = ctx.transpose(1, 2).reshape(n * length, self.width)[where].to(mm)
            att = F.linear(ctx, w[p + "o_w"], w[p + "o_b"]).float()
            x = F.layer_norm(x + att, (self.width,), w[p + "ln1_w"], w[p + "ln1_b"], self.eps)
            inner = F.gelu(F.linear(x.to(mm), w[p + "i_w"], w[p + "i_b"]))
            ff = F.linear(inner, w[p + "f_w"], w[p + "f_b"]).float()
            x = F.layer_norm(x + ff, (self.width,), w[p + "ln2_w"], w[p + "ln2_b"], self.eps)
        return x, lengths
