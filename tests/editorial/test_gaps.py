"""Coverage gaps: greedy grouping of unanswered questions by cosine similarity."""

from __future__ import annotations

import numpy as np
import pytest

from qa_service.config import DEFAULTS
from qa_service.editorial.gaps import group_similar


def test_groups_by_leader_and_names_each_group_by_its_most_asked_question():
    questions = [("a rare one", 1), ("the main one", 3), ("a paraphrase", 2)]
    vectors = np.array([[0.0, 1.0], [1.0, 0.0], [0.8, 0.6]], dtype=np.float32)
    gaps = group_similar(questions, vectors, threshold=0.7)
    assert [g.label for g in gaps] == ["the main one", "a rare one"]
    assert gaps[0].questions == (("the main one", 3), ("a paraphrase", 2))
    assert gaps[0].asked == 5


def test_empty_and_mismatched_inputs():
    assert group_similar([], np.zeros((0, 3), dtype=np.float32), 0.5) == []
    with pytest.raises(ValueError):
        group_similar([("q", 1)], np.zeros((2, 3), dtype=np.float32), 0.5)


@pytest.mark.model
def test_real_model_groups_paraphrases_but_not_topics_sharing_a_template(real_encoder):
    questions = [
        ("Does the report say anything about housing benefit?", 3),
        ("What does the report say on housing benefit?", 2),
        ("Is housing benefit covered?", 1),
        ("What does the report say about social care funding?", 1),
        ("How much did councils spend on consultants?", 1),
        ("What was the spending on consultancy by councils?", 1),
    ]
    vectors = real_encoder.encode_queries([q for q, _ in questions])
    gaps = group_similar(questions, vectors, float(DEFAULTS["GAP_SIMILARITY"]))
    assert [len(g.questions) for g in gaps] == [3, 2, 1]
    assert gaps[0].label == "Does the report say anything about housing benefit?"
