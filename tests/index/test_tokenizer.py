"""The search-word tokenizer: lower case, stop words out, stems; its settings round-trip."""

from __future__ import annotations

import pytest

from qa_service.errors import IndexInvalid
from qa_service.index.tokenizer import Tokenizer


def test_words_are_lower_cased_stemmed_and_stop_words_dropped() -> None:
    assert Tokenizer()("The Councils formed Partnerships, a plan of 2031.") == [
        "council",
        "form",
        "partnership",
        "plan",
        "2031",
    ]


def test_settings_round_trip_and_unknown_settings_are_refused() -> None:
    assert Tokenizer.from_settings(Tokenizer().settings()).settings() == Tokenizer().settings()
    with pytest.raises(IndexInvalid):
        Tokenizer.from_settings({"stemmer": "porter", "stopwords": "bm25s english"})
