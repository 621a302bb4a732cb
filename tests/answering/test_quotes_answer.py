"""Do the sentences an answer would quote speak to the question? (Gate.unanswered, Coverage.mentions,
Coverage.held, cues.states_quantity and cues.counted.) Pure: the model's cosine is a stub here; the
real model meets these rules in tests/e2e/test_gate_e2e.py."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from qa_service.answering import cues
from qa_service.answering.composing import focus
from qa_service.answering.composing.gate import Gate, names, vocabulary
from qa_service.models import Passage
from tests.answering.test_focus import REPORT, coverage
from tests.factories import make_passage


@dataclass(frozen=True)
class Quote:
    passage: Passage
    start: int
    end: int


def quote(text: str, section: tuple[str, ...] = ("Results",)) -> Quote:
    found = make_passage("p1", text, document="kestrel", title="Kestrel Rail report", section=section)
    return Quote(found, 0, len(text))


def gate(sentences: list[str] = REPORT, **kwargs) -> Gate:
    return Gate(
        threshold=0.3, bar_words=12, words=vocabulary(sentences), coverage=coverage(sentences, **kwargs)
    )


def closer_with(question_word: str):
    """A stub cosine: a sentence is closer to a text that holds question_word."""
    return lambda quoted, text: 0.6 if question_word in text else 0.5


def test_a_quote_that_shares_no_topic_word_does_not_answer():
    # "palm oil sourcing" and a sentence on supplier conduct: the corpus has the words, the quote not
    asked = "What is Kestrel Rail's position on staff turnover?"
    assert gate().unanswered(asked, [quote("Our policy on supplier conduct applies to every contract.")])
    assert not gate().unanswered(asked, [quote("Staff turnover fell to 7% in 2024.")])


def test_the_documents_own_name_is_not_a_topic_word():
    corpus = coverage(REPORT)
    assert corpus.topic("What is Kestrel Rail's policy on turnover?", []) == ["polici", "turnov"]


def test_a_how_many_answer_states_a_quantity_of_what_is_counted():
    g = gate()
    asked = "How many people did Kestrel Rail employ?"
    assert not g.unanswered(asked, [quote("Kestrel Rail employed 2,310 people at the end of 2024.")])
    assert g.unanswered(asked, [quote("Kestrel Rail employed people at the end of 2024.")])  # a year only
    weeks = "How many weeks of paid leave do Kestrel Rail staff get?"
    assert g.unanswered(weeks, [quote("Kestrel Rail staff get eight paid days of leave a year.")])
    assert not g.unanswered(weeks, [quote("Kestrel Rail staff get six weeks of paid leave a year.")])


def test_a_name_asked_about_must_be_in_the_quotes_of_a_short_question():
    g = gate()
    asked = "Who chairs the board of Dunmore Coaches?"
    assert g.unanswered(asked, [quote("Maren Holt chairs the board of Kestrel Rail.")]) == [
        "Dunmore",
        "Coaches",
    ]


def test_a_question_about_the_moment_of_asking_is_not_answered_by_a_dated_document():
    g = gate()
    found = [quote("Average fares rose by 3.1% in January 2024.")]
    assert g.unanswered("How much will Kestrel Rail fares rise next year?", found) == ["next year"]
    assert g.unanswered("What are Kestrel Rail's fares today?", found) == ["today"]
    assert not g.unanswered("What fare rise does Kestrel Rail plan for next year?", found)  # its plans


def test_quotes_holding_little_of_the_topic_must_match_it_in_meaning():
    g = gate()
    asked = "What internal carbon price does Kestrel Rail set for staff turnover?"
    lacking = [quote("Staff turnover fell to 7% in 2024.")]  # holds "staff turnover" of a long topic
    share, stripped = g.coverage.held(asked, names(asked), "Staff turnover fell to 7% in 2024.")
    assert share < focus.HELD_SHARE and "carbon" not in stripped and "turnover" in stripped
    # closer to the question without the words it lacks: the quote answers another question
    assert g.unanswered(asked, lacking, lambda quoted, text: 0.4 if "carbon" in text else 0.6)
    # closer with them: a paraphrase of what it lacks
    assert not g.unanswered(asked, lacking, closer_with("carbon"))


def test_a_press_release_is_too_small_to_judge_quotes_by_their_words():
    tiny = gate(filler=[])
    assert not tiny.unanswered("Who wrote the report?", [quote("Maren Holt, author of the report, said so.")])
    asked = "What is Kestrel Rail's position on staff turnover?"
    assert not tiny.unanswered(asked, [quote("Our policy on supplier conduct applies to every contract.")])


@pytest.mark.parametrize(
    ("sentence", "states"),
    [
        ("Kestrel Rail employed 2,310 people.", True),
        ("Fares rose by 3.1% in January.", True),
        ("Every driver completes five courses.", True),
        ("In 2024, Kestrel Rail ran trains.", False),  # a year dates, it does not count
        ("FY2021 revenue rose.", False),
    ],
)
def test_a_quantity_is_an_amount_or_a_count_not_a_year(sentence, states):
    assert cues.states_quantity(sentence) is states


def test_what_a_how_many_question_counts():
    assert cues.counted("How many weeks of paid leave do staff get?") == "weeks"
    assert cues.counted("How many of the stations have step-free access?") == "stations"
    assert cues.counted("How much did Kestrel Rail spend?") is None
    assert cues.counted("How many Kestrel Rail drivers are there?") is None  # a name follows
