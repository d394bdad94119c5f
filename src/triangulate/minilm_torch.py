"""The torch forward pass of ``triangulate.minilm`` (backend ``"torch"``; needed for bfloat16).

Same computation as the numpy forward in ``triangulate.minilm`` with torch kernels:
embeddings, six post-LayerNorm encoder layers (q, k, v fused; GELU feed-forward); pooling
is ``minilm``'s. ``precision="bfloat16"`` runs the matrix
products in bfloat16 (the residual stream, LayerNorm, softmax and pooling stay in float32):
faster on CPUs with bfloat16 instructions, vectors within a cosine of ~1e-4 of float32.
Importing torch costs 1.3-2.7 s of start-up (docs/benchmarks.md, Analyze), which is why
float32 runs on numpy by default.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from triangulate.minilm import Shape


class TorchForward:
    """Last-layer states of token-id batches (a ``minilm.Forward``), computed with torch."""

    def __init__(
        self, weights_file: Path, shape: Shape, *, precision: str, threads: int | None = None
    ) -> None:
        # idle OpenMP threads sleep instead of spinning: on a shared machine spinning
        # threads that wait for a descheduled one cost several times the work (measured:
        # docs/benchmarks.md, Analyze). Only takes effect when torch is not loaded yet.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import torch
        from safetensors.torch import load_file

        if threads is not None:
            torch.set_num_threads(threads)
        self._torch = torch
        self.layers, self.heads, self.width, self.eps = (
            shape.layers,
            shape.heads,
            shape.width,
            shape.eps,
        )
        self._mm = torch.bfloat16 if precision == "bfloat16" else torch.float32
        self._weights = self._prepare(load_file(str(weights_file), device="cpu"))

    def _prepare(self, w: dict[str, Any]) -> dict[str, Any]:
        """Weights in the layout the forward pass uses (q, k, v fused; bf16 copies)."""
        torch, mm = self._torch, self._mm
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
            qkv_b = torch.cat(
                [w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")]
            )
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

    def __call__(self, batch: list[list[int]]) -> np.ndarray:
        """Last-layer states of one batch of token-id lists, packed (real tokens only).

        Token-wise steps (projections, LayerNorm, GELU) run on the real tokens packed into
        one matrix, so padding costs nothing there; only attention sees the padded layout.
        """
        torch, mm = self._torch, self._mm
        F = torch.nn.functional
        w = self._weights
        with torch.inference_mode():
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
            return x.float().numpy()
