"""The "not covered" gate: the evidence floor, the corpus's chance bar, names the corpus never uses."""

from dataclasses import dataclass

import pytest

from qa_service.answering.composing import probes
from qa_service.answering.composing.gate import Gate, coincidental, names, support, vocabulary


@dataclass(frozen=True)
class Scored:
    similarity: float
    overlap: float
    quote: str = "Lisa Harrow chairs the board."


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("Who painted the Mona Lisa?", ["Mona", "Lisa"]),
        ("What was Tesla's net income in 2021?", ["Tesla"]),
        ("What does Northwind’s plan say?", ["Northwind"]),
        ("What is the FY2019 DPO for Corning? DPO is defined as: 365 * payables.", ["Corning"]),
        ("Who wrote the report?", []),
        ("Does the company report climate scenarios?", []),
    ],
)
def test_names_are_the_capitalised_words_inside_a_question(question, found):
    assert names(question) == found


def test_a_possessive_name_is_found_in_a_corpus_that_uses_the_name():
    gate = Gate(threshold=0.3, words=vocabulary(["Northwind Traders sells kitchen equipment."]))
    assert gate.absent_names("What does Northwind's climate plan commit to?") == []
    assert gate.absent_names("What does Eastmoor's plan say?") == ["Eastmoor"]


def test_support_is_one_sentences_own_cosine_and_overlap():
    # the best cosine and the best overlap sit in different sentences: no one sentence holds both
    assert support([Scored(0.8, 0.0), Scored(0.1, 0.9)]) == pytest.approx(0.5)
    assert support([]) == 0.0


def test_the_gate_needs_the_floor_the_bar_and_every_name():
    gate = Gate(threshold=0.32, bar=0.4, words=vocabulary(["Lisa Harrow is a director of Northvale."]))
    good = [Scored(0.7, 0.5)]
    assert gate.admits("Who is Lisa Harrow?", good, evidence=0.6)
    assert not gate.admits("Who is Lisa Harrow?", good, evidence=0.3)  # under the floor
    assert not gate.admits("Who is Lisa Harrow?", [Scored(0.5, 0.2)], evidence=0.6)  # under the bar
    assert not gate.admits("Who painted the Mona Lisa?", good, evidence=0.6)  # "Mona": never used
    assert not gate.admits("Who is Lisa Harrow?", [], evidence=0.6)


def test_the_chance_bar_sits_above_what_null_questions_reach():
    reached = {f"q{i}": i / 100 for i in range(40)}
    bar = probes.chance_bar(reached.__getitem__, list(reached))
    assert bar == pytest.approx(0.3705 + probes.PROBE_MARGIN, abs=1e-3)
    assert sum(score >= bar for score in reached.values()) <= 2


def test_the_packaged_null_questions_are_general_questions():
    questions = probes.null_questions()
    assert len(questions) >= 30 and all(q.endswith("?") for q in questions)


@pytest.mark.parametrize(
    ("sentence", "question", "chance"),
    [
        ("Northvale Capital SAS | France", "What is the capital of France?", True),
        ("Northvale Red Salt Ltd | Ireland", "How much salt is in sea water?", True),
        ("Capital expenditures were $1.5 billion.", "What were capital expenditures?", False),
        ("Net cash provided by operating activities", "What is the cash flow from operations?", False),
        ("/s/ Lisa Harrow | Director", "Who is Lisa Harrow?", False),  # the question names her too
    ],
)
def test_a_word_met_only_inside_a_name_is_a_coincidence(sentence, question, chance):
    assert coincidental(sentence, question) is chance


def test_a_coincidental_sentence_lends_no_support():
    row = Scored(0.52, 1.0, "Northvale Capital SAS | France")
    assert support([row], "What is the capital of France?") == 0.0
    assert support([row], "Which subsidiary is in France?") == pytest.approx(0.76)


def test_a_question_longer_than_every_probe_answers_to_the_floor_alone():
    gate = Gate(threshold=0.32, bar=0.4, words=vocabulary(["Northvale capex rose."]), bar_words=6)
    weak = [Scored(0.5, 0.2)]  # support 0.35, under the bar
    assert not gate.admits("What was capex?", weak, evidence=0.6)
    long = "Using the cash flow statement, what was the capex in the last year reported?"
    assert gate.admits(long, weak, evidence=0.6)
