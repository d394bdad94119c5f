"""Token-alignment features and the two-stage same-statement decision."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from triangulate.embed import TokenVectors, load_embedder
from triangulate.provenance.features import SentenceTable
from triangulate.provenance.pairdecide import TOKEN_BAND, cascade, decide_pairs
from triangulate.provenance.pairmodel import PairModel, load_models, pair_matrix
from triangulate.provenance.pairtext import TextTable
from triangulate.provenance.pairtokens import TOKEN_FEATURES, TokenIdf, pair_token_features

TEXTS = [
    "The river peaked at 7.4 metres on Wednesday night, the weather service said.",
    "The river crested at 7.4 metres on Wednesday evening, the weather service stated.",
    "Schools in the town will stay closed until Monday, officials said.",
    "The river peaked at 7.4 metres on Wednesday night after two dams upstream failed.",
]


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _features(a: TokenVectors, b: TokenVectors, idf: TokenIdf) -> dict[str, float]:
    return dict(zip(TOKEN_FEATURES, pair_token_features(idf, a, b), strict=True))


def test_identical_pieces_align_fully_and_foreign_ones_do_not() -> None:
    rng = np.random.default_rng(0)
    a = TokenVectors((1, 2, 3), _unit(rng.normal(size=(3, 384))))
    other = TokenVectors((4, 5), _unit(rng.normal(size=(2, 384))))
    idf = TokenIdf([a.ids, other.ids, (1, 4)])
    same = _features(a, a, idf)
    assert same["tok_f"] == pytest.approx(1.0) and same["tok_fi"] == pytest.approx(1.0)
    assert same["tok_unaligned"] == 0.0 and same["tok_min"] == pytest.approx(1.0)
    far = _features(a, other, idf)
    assert far["tok_f"] < 0.3 and far["tok_unaligned"] == 5.0
    # a sentence that adds a piece: everything of the shorter one is found, not the reverse
    longer = TokenVectors((1, 2, 3, 4), np.vstack([a.vectors, other.vectors[:1]]))
    grown = _features(a, longer, idf)
    assert grown["tok_hi"] == pytest.approx(1.0) and grown["tok_lo"] < 1.0
    assert _features(longer, a, idf) == grown  # the same whichever sentence comes first
    assert grown["tok_unaligned"] == 1.0
    assert _features(a, TokenVectors((), np.zeros((0, 384), np.float32)), idf)["tok_f"] == 0.0


def test_rare_pieces_weigh_more_than_common_ones() -> None:
    idf = TokenIdf([(1, 2), (1, 3), (1, 4)])
    w = idf.weights([1, 2])
    assert w[0] < w[1]


def _model(name: str, coef: float, threshold: float = 0.5) -> PairModel:
    return PairModel(name, ("x",), (0.0,), (1.0,), (coef,), 0.0, threshold)


def test_cascade_re_decides_only_the_unsure_pairs() -> None:
    x_first = np.array([[-5.0], [0.1], [5.0], [-0.2]])  # p ~ 0.007, 0.52, 0.993, 0.45
    x_second = np.array([[9.0], [-9.0], [9.0], [9.0]])
    asked: list[list[int]] = []

    def rows(unsure: np.ndarray) -> np.ndarray:
        asked.append(unsure.tolist())
        return x_second[unsure]

    d = cascade(_model("first", 1.0), x_first, _model("second", 1.0), rows)
    assert asked == [[1, 3]]
    assert d.rescored.tolist() == [1, 3]
    assert d.accept.tolist() == [False, False, True, True]  # 1 and 3 flipped by the second
    alone = cascade(_model("first", 1.0), x_first)
    assert alone.accept.tolist() == [False, True, True, False] and len(alone.rescored) == 0


class FakeTokens:
    """A TokenEmbedder with fixed vectors per word piece (one piece per word)."""

    def __init__(self) -> None:
        self.encoded: list[str] = []
        self.vocab: dict[str, int] = {}

    def encode(self, texts: Sequence[str], *, keep_tokens: bool = False) -> np.ndarray:
        return np.zeros((len(texts), 384), dtype=np.float32)

    def _ids(self, text: str) -> list[int]:
        return [self.vocab.setdefault(w.strip(".,").lower(), len(self.vocab) + 10) for w in text.split()]

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        return [[101, *self._ids(t), 102] for t in texts]

    def encode_tokens(self, texts: Sequence[str]) -> list[TokenVectors]:
        self.encoded.extend(texts)
        out = []
        for t in texts:
            ids = self._ids(t)
            rows = np.stack([np.random.default_rng(i).normal(size=384) for i in ids])
            out.append(TokenVectors(tuple(ids), _unit(rows)))
        return out


def test_decide_pairs_runs_tokens_for_unsure_pairs_only_and_matches_the_cascade() -> None:
    models = load_models()
    table = SentenceTable(TEXTS)
    ia, ib = np.array([0, 0, 0, 1]), np.array([1, 2, 3, 2])
    cos = np.array([0.95, 0.1, 0.8, 0.15])
    fake = FakeTokens()
    got = decide_pairs(TEXTS, table, ia, ib, cos, fake, models)
    first = models["embed_text"]
    p = first.probability(pair_matrix(first, table, TextTable(TEXTS), ia, ib, cos))
    unsure = np.flatnonzero((p >= TOKEN_BAND[0]) & (p <= TOKEN_BAND[1]))
    assert got.rescored.tolist() == unsure.tolist()
    wanted = {TEXTS[i] for k in unsure for i in (ia[k], ib[k])}
    assert set(fake.encoded) == wanted and len(fake.encoded) == len(wanted)
    # without a token embedder, the first stage decides alone
    plain = decide_pairs(TEXTS, table, ia, ib, cos, None, models)
    assert plain.accept.tolist() == (p >= first.threshold).tolist()
    lexical = decide_pairs(TEXTS, table, ia, ib, None, None, models)
    assert lexical.accept[0] and not lexical.accept[1]


def test_real_model_rescores_a_reworded_pair_with_token_alignment() -> None:
    embedder, note = load_embedder()
    if embedder is None:
        pytest.skip(note or "no embedder")
    table = SentenceTable(TEXTS)
    vectors = embedder.encode(TEXTS)
    ia, ib = np.array([0, 0, 0]), np.array([1, 2, 3])
    cos = np.einsum("ij,ij->i", vectors[ia], vectors[ib])
    d = decide_pairs(TEXTS, table, ia, ib, cos, embedder)
    assert d.accept[0] and not d.accept[1]
    assert d.prob[0] > d.prob[2] > d.prob[1]
