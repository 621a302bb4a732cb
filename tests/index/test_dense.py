import numpy as np
import pytest

from qa_service.errors import IndexInvalid, SearchError
from qa_service.index.dense import VectorIndex


def unit(rows, dim=8, seed=0):
    data = np.random.default_rng(seed).normal(size=(rows, dim)).astype(np.float32)
    return data / np.linalg.norm(data, axis=1, keepdims=True)


def test_k_larger_than_index_never_returns_minus_one():
    index = VectorIndex.build(unit(3))
    scores, labels = index.search(unit(1, seed=1), 10)
    assert labels.shape == (1, 3)
    assert (labels >= 0).all()


def test_dimension_mismatch_is_a_domain_error():
    index = VectorIndex.build(unit(3, dim=8))
    with pytest.raises(SearchError):
        index.search(unit(1, dim=4), 2)


def test_empty_index_returns_nothing():
    index = VectorIndex.build(np.zeros((0, 8), dtype=np.float32))
    scores, labels = index.search(unit(1), 5)
    assert labels.shape == (1, 0)


def test_best_match_first_and_round_trip(tmp_path):
    vectors = unit(5)
    VectorIndex.build(vectors).save(tmp_path / "v.faiss")
    index = VectorIndex.load(tmp_path / "v.faiss")
    scores, labels = index.search(vectors[3], 2)
    assert labels[0][0] == 3
    assert scores[0][0] == pytest.approx(1.0, abs=1e-5)
    assert np.allclose(index.vectors(), vectors)


def test_garbage_file_is_refused(tmp_path):
    (tmp_path / "v.faiss").write_bytes(b"not a faiss index at all")
    with pytest.raises(IndexInvalid):
        VectorIndex.load(tmp_path / "v.faiss")


def test_small_corpora_get_exact_flat_search():
    assert VectorIndex.build(unit(100)).kind == "flat"


def test_from_the_cut_over_hnsw_is_chosen_and_survives_a_round_trip(tmp_path, monkeypatch):
    from qa_service.index import dense as module

    monkeypatch.setattr(module, "HNSW_FROM", 500)
    data = unit(600, dim=16)
    index = VectorIndex.build(data)
    assert index.kind == "hnsw"
    index.save(tmp_path / "v.faiss")
    loaded = VectorIndex.load(tmp_path / "v.faiss")
    assert loaded.kind == "hnsw"
    scores, labels = loaded.search(data[7], 5)
    assert labels[0][0] == 7


def test_hnsw_deep_search_never_returns_minus_one():
    index = VectorIndex.build(unit(300, dim=16), kind="hnsw")
    scores, labels = index.search(unit(2, dim=16, seed=3), 300)  # a filtered search asks for all rows
    assert labels.shape[1] > 250
    assert ((labels >= 0) & (labels < 300)).all()


def test_hnsw_dimension_guard_still_applies():
    index = VectorIndex.build(unit(50, dim=16), kind="hnsw")
    with pytest.raises(SearchError):
        index.search(unit(1, dim=8), 2)
