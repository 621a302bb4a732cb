"""Fusion of dense and keyword rankings, and near-duplicate removal, on hand-made lists."""

from __future__ import annotations

import numpy as np
import pytest

from qa_service.index.fusion import FusionConfig, blend, fuse, mmr, normalised, rrf, siblings, spread


def test_rrf_sums_reciprocal_ranks() -> None:
    fused = dict(rrf([[1, 2, 3], [3, 1]], k=60))
    assert fused[1] == pytest.approx(1 / 61 + 1 / 62)
    assert fused[3] == pytest.approx(1 / 63 + 1 / 61)
    assert fused[2] == pytest.approx(1 / 62)


def test_rrf_orders_best_first_and_honours_weights() -> None:
    assert [row for row, _ in rrf([[1, 2], [2, 1]], k=1)] == [1, 2]  # tie broken by row
    assert [row for row, _ in rrf([[1, 2], [2, 1]], k=1, weights=[1.0, 2.0])] == [2, 1]


def test_normalised_minmax_and_flat_lists() -> None:
    np.testing.assert_allclose(normalised(np.array([2.0, 4.0, 3.0])), [0.0, 1.0, 0.5])
    np.testing.assert_allclose(normalised(np.array([5.0, 5.0])), [1.0, 1.0])
    np.testing.assert_allclose(normalised(np.array([1.0, 3.0]), "zscore"), [-1.0, 1.0])


def test_blend_is_a_weighted_sum_of_normalised_scores() -> None:
    dense = (np.array([0.9, 0.5, 0.1]), np.array([7, 8, 9]))
    lexical = (np.array([10.0, 0.0]), np.array([9, 7]))
    fused = dict(blend([dense, lexical], weights=[0.5, 0.5]))
    assert fused[7] == pytest.approx(0.5)
    assert fused[8] == pytest.approx(0.25)
    assert fused[9] == pytest.approx(0.5)


def test_blend_gives_absent_rows_the_list_minimum() -> None:
    dense = (np.array([3.0, 1.0]), np.array([1, 2]))
    lexical = (np.array([5.0]), np.array([2]))
    fused = dict(blend([dense, lexical], normalise="zscore"))
    assert fused[1] == pytest.approx(1.0 + 1.0)  # lexical lacks row 1: its only z-score is 1
    assert fused[2] == pytest.approx(-1.0 + 1.0)


def test_fuse_truncates_to_depth_and_picks_method() -> None:
    dense = (np.array([0.9, 0.8, 0.7]), np.array([1, 2, 3]))
    lexical = (np.array([3.0, 2.0]), np.array([4, 1]))
    rows = [row for row, _ in fuse(dense, lexical, FusionConfig(method="rrf", depth=1))]
    assert rows == [1, 4]
    assert fuse(dense, lexical, FusionConfig(method="blend"))[0][0] == 1
    with pytest.raises(ValueError):
        fuse(dense, lexical, FusionConfig(method="vote"))


def test_mmr_drops_an_exact_duplicate() -> None:
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    assert mmr([0, 1, 2], [0.9, 0.9, 0.5], vectors, lambda_=0.7, top_k=3) == [0, 2]


def test_mmr_keeps_relevance_order_for_distinct_passages() -> None:
    vectors = np.eye(3, dtype=np.float32)
    assert mmr([5, 6, 7], [0.2, 0.9, 0.5], np.vstack([np.zeros((5, 3)), vectors]), top_k=2) == [6, 7]
    assert mmr([], [], vectors) == []


def test_spread_takes_one_passage_per_page_before_any_page_twice():
    rows = [10, 11, 12, 13, 14]
    places = [("a", 1), ("a", 1), ("a", 2), None, None]
    assert spread(rows, places, 4) == [10, 12, 13, 14]
    assert spread(rows, places, 5) == [10, 12, 13, 14, 11]  # a page repeats only when nothing else is left
    assert spread(rows, places, 2) == [10, 12]


def test_siblings_read_the_passages_of_a_hit_page_that_spread_left_out():
    pages = {10: ("a", 1), 11: ("a", 1), 12: ("a", 2), 13: ("b", 7), 14: None, 15: ("a", 1)}
    hits = [10, 12, 14]  # one passage per page, as spread picks them
    ranked = [10, 11, 12, 13, 14, 15]
    assert siblings(hits, ranked, pages.get) == [10, 11, 15, 12, 14]  # page a1's others follow 10
    assert siblings(hits, ranked[:2], pages.get) == [10, 11, 12, 14]  # only as far as ranked goes
    assert siblings([13], ranked, pages.get) == [13]  # a page cut in one passage has none
