"""Question-type cues and IDF-weighted overlap used to score answer sentences (pure)."""

import pytest

from qa_service.answering.cues import TermWeights, cue, question_type


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who wrote the report?", "who"),
        ("When did this start?", "when"),
        ("What year was it published?", "when"),
        ("How many councils were surveyed?", "how many"),
        ("What did the author say about the government?", "say"),
        ("Why did plans multiply?", "why"),
        ("Do councils want fewer partnerships?", None),
        ("Is my information shared? If yes, then who?", "who"),
        ("To whom is the report addressed?", "who"),
        ("Since when have plans multiplied?", "when"),
        ("Can you tell me who wrote it?", "who"),
        # a conjunction or relative pronoun inside the question does not set its type
        ("Is my IP address collected when I visit the website?", None),
        ("Do councils that work with partners who fund them report less?", None),
        ("Is the data stored where I live?", None),
    ],
)
def test_question_type(question, kind):
    assert question_type(question) == kind


@pytest.mark.parametrize(
    ("kind", "sentence", "fits"),
    [
        ("who", "Jane Doe, a researcher and author of the report, said: 'Yes.'", 1.0),
        ("who", "The report makes a number of recommendations.", 0.0),
        ("when", "From 1997 the approach changed.", 1.0),
        ("when", "The approach changed.", 0.0),
        ("how many", "Case studies came from five councils.", 1.0),
        ("how many", "Case studies came from councils.", 0.0),
        ("say", "'However, the attempts had little impact.", 1.0),
        (None, "Anything at all.", 0.0),
    ],
)
def test_cue_recognises_the_shape_of_an_answer(kind, sentence, fits):
    assert cue(kind, sentence) == fits


def test_overlap_weighs_rare_words_more():
    weights = TermWeights.from_sentences([["report", "author"], ["report", "plan"], ["report", "council"]])
    assert weights.overlap(["report", "author"], ["author"]) > weights.overlap(
        ["report", "author"], ["report"]
    )
    assert weights.overlap(["report", "author"], ["report", "author"]) == pytest.approx(1.0)
    assert weights.overlap([], ["report"]) == 0.0
    assert weights.overlap(["france"], ["report"]) == 0.0
