"""BM25 keyword search: stemming, stop words, guarded labels, scoping and a save/load round trip."""

from __future__ import annotations

import json

import numpy as np
import pytest

from qa_service.errors import IndexInvalid
from qa_service.index.keyword import LexicalIndex

TEXTS = [
    "Councils formed a partnership to share services.",
    "The plan sets out housing targets for the region.",
    "Flood defences protect the river towns.",
    "Partnership boards and plans overlap across councils.",
]


@pytest.fixture(scope="module")
def index() -> LexicalIndex:
    return LexicalIndex.build(TEXTS)


def test_stemming_matches_plural_to_singular(index: LexicalIndex) -> None:
    scores, labels = index.search("partnerships", 10)
    assert set(labels.tolist()) == {0, 3}
    assert (scores > 0).all()


def test_stop_words_are_ignored(index: LexicalIndex) -> None:
    assert index.tokenizer("the and of a") == []
    scores, labels = index.search("the and of a", 5)
    assert len(scores) == len(labels) == 0


def test_best_match_ranks_first(index: LexicalIndex) -> None:
    _, labels = index.search("flood defences for river towns", 3)
    assert labels[0] == 2


def test_labels_stay_in_range_when_k_exceeds_corpus(index: LexicalIndex) -> None:
    scores, labels = index.search("councils plans partnership housing", 50)
    assert len(labels) <= len(TEXTS)
    assert labels.min() >= 0 and labels.max() < len(TEXTS)
    assert list(scores) == sorted(scores, reverse=True)


def test_unknown_words_give_empty_result(index: LexicalIndex) -> None:
    scores, labels = index.search("zyxwv qwerty", 5)
    assert labels.dtype == np.int64 and len(labels) == 0 and len(scores) == 0


def test_search_within_rows(index: LexicalIndex) -> None:
    _, labels = index.search("partnership councils", 10, rows=np.array([1, 3]))
    assert labels.tolist() == [3]


def test_save_and_load_round_trip(index: LexicalIndex, tmp_path) -> None:
    index.save(tmp_path / "bm25")
    loaded = LexicalIndex.load(tmp_path / "bm25")
    for query in ("partnerships", "plans for housing", "river"):
        expected, got = index.search(query, 4), loaded.search(query, 4)
        assert got[1].tolist() == expected[1].tolist()
        np.testing.assert_allclose(got[0], expected[0])


def test_empty_index_round_trip(tmp_path) -> None:
    LexicalIndex.build([]).save(tmp_path)
    assert len(LexicalIndex.load(tmp_path).search("anything", 3)[1]) == 0


def test_the_index_loads_with_the_tokenizer_it_recorded_and_refuses_an_unknown_one(index, tmp_path) -> None:
    index.save(tmp_path)
    settings = json.loads((tmp_path / "lexical.json").read_text())
    assert settings["stemmer"] == "english" and settings["stopwords"] == "bm25s english"
    assert LexicalIndex.load(tmp_path).tokenizer.settings() == index.tokenizer.settings()
    (tmp_path / "lexical.json").write_text(json.dumps(settings | {"stemmer": "german"}))
    with pytest.raises(IndexInvalid, match="tokenizer"):
        LexicalIndex.load(tmp_path)
    del settings["stemmer"]  # an index that did not record its tokenizer is not read with a guessed one
    (tmp_path / "lexical.json").write_text(json.dumps(settings))
    with pytest.raises(IndexInvalid, match="tokenizer"):
        LexicalIndex.load(tmp_path)


def test_missing_folder_is_invalid(tmp_path) -> None:
    with pytest.raises(IndexInvalid):
        LexicalIndex.load(tmp_path / "absent")
