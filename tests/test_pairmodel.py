"""The same-statement pair model with text features (word order, leftover words, characters)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from triangulate.errors import ModelError
from triangulate.provenance.features import EMBED_FEATURES, LEXICAL_FEATURES, SentenceTable
from triangulate.provenance.pairmodel import VARIANTS, load_models, model_for, pair_matrix
from triangulate.provenance.pairtext import TEXT_FEATURES, TextTable, text_features
from triangulate.provenance.pairtokens import TOKEN_FEATURES

TEXTS = [
    "The river peaked at 7.4 metres on Wednesday night, the weather service said.",
    "The river crested at 7.4 metres on Wednesday evening, the weather service stated.",
    "Schools in the town will stay closed until Monday, officials said.",
    "The river peaked at 7.4 metres on Wednesday night, the weather service said, "
    "after two dams upstream failed and 400 homes were flooded in Millbrook.",
    "The river did not peak at 7.4 metres on Wednesday night, the weather service said.",
    "Wednesday night the weather service said the river peaked at 7.4 metres.",
]


def _features(ia: list[int], ib: list[int]) -> dict[str, np.ndarray]:
    table = SentenceTable(TEXTS)
    x = text_features(table, TextTable(TEXTS), np.array(ia), np.array(ib))
    return {name: x[:, i] for i, name in enumerate(TEXT_FEATURES)}


def test_identical_sentences_have_nothing_left_over() -> None:
    f = _features([0], [0])
    assert f["un_sum"][0] == 0 and f["num_un"][0] == 0 and f["name_un"][0] == 0
    assert f["lcs_min"][0] == f["lcs_max"][0] == 1.0
    assert f["ter"][0] == 0.0 and f["c3"][0] == 1.0 and f["len_diff"][0] == 0


def test_added_clause_is_counted_as_leftover_words_numbers_and_names() -> None:
    f = _features([0], [3])
    assert f["un_min"][0] == 0  # everything in the short sentence is in the long one
    assert f["un_max"][0] >= 6  # dams, upstream, failed, homes, flooded, millbrook, 400 ...
    assert f["num_un"][0] == 1  # 400
    assert f["name_un"][0] == 1  # Millbrook
    assert f["lcs_min"][0] == 1.0 > f["lcs_max"][0]
    assert f["len_diff"][0] == 12  # after two dams upstream failed and 400 homes were flooded in Millbrook


def test_features_do_not_depend_on_which_sentence_comes_first() -> None:
    table = SentenceTable(TEXTS)
    ia, ib = np.array([0, 0, 2, 4]), np.array([3, 5, 1, 0])
    forward = text_features(table, TextTable(TEXTS), ia, ib)
    backward = text_features(table, TextTable(TEXTS), ib, ia)
    assert np.allclose(forward, backward)


def test_negation_and_word_order() -> None:
    f = _features([0, 0], [4, 5])
    assert f["neg_diff"].tolist() == [1.0, 0.0]
    assert f["ter"][1] > f["ter"][0]  # reordered: more edits than one inserted word
    assert f["un_sum"][1] <= 2


def test_text_model_prefers_reworded_statement_over_extended_one() -> None:
    model = model_for(embeddings=False, text=True)
    table = SentenceTable(TEXTS)
    x = pair_matrix(model, table, TextTable(TEXTS), np.array([0, 0, 0]), np.array([1, 2, 3]))
    assert x.shape == (3, len(LEXICAL_FEATURES) + len(TEXT_FEATURES))
    p = model.probability(x)
    assert p[0] > model.threshold > p[1]
    assert p[0] > p[2]


def test_pair_matrix_follows_the_model_feature_order() -> None:
    table = SentenceTable(TEXTS)
    ia, ib, cos = np.array([0, 1]), np.array([1, 2]), np.array([0.9, 0.2])
    for variant in VARIANTS:
        model = load_models()[variant]
        rows = np.full((2, len(TOKEN_FEATURES)), 0.5)
        x = pair_matrix(model, table, TextTable(TEXTS), ia, ib, cos, rows)
        assert x.shape == (2, len(model.features))
        assert np.all((model.probability(x) > 0) & (model.probability(x) < 1))
    embed = model_for(True, True)
    assert embed.features == (*EMBED_FEATURES, *TEXT_FEATURES)
    with pytest.raises(ValueError, match="needs embedding cosines"):
        pair_matrix(embed, table, TextTable(TEXTS), ia, ib)
    with pytest.raises(ValueError, match="needs a TextTable"):
        pair_matrix(embed, table, None, ia, ib, cos)
    with pytest.raises(ValueError, match="needs token-alignment features"):
        pair_matrix(load_models()["embed_tokens"], table, TextTable(TEXTS), ia, ib, cos)


def test_coefficients_file_needs_every_variant(tmp_path: Path) -> None:
    data = {"models": {"embed": {}, "lexical": {}}}
    path = tmp_path / "pairs.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ModelError, match="needs models 'embed', 'lexical', 'embed_text'"):
        load_models(path)


def test_packaged_text_models_are_numbers_only() -> None:
    from importlib import resources

    text = resources.files("triangulate").joinpath("data", "provenance_pairs.json").read_text("utf-8")
    data = json.loads(text)
    for spec in data["models"].values():
        assert all(isinstance(v, float | int) for key in ("mean", "scale", "coef") for v in spec[key])
        assert set(spec["features"]) <= set(EMBED_FEATURES) | set(TEXT_FEATURES) | set(TOKEN_FEATURES)
