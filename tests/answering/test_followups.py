"""Follow-ups become standalone questions: pronouns, ellipsis and "who said that?" (pure)."""

import pytest

from qa_service.answering.followups import standalone_question

AUTHOR_ANSWER = (
    "“Jane Testperson, a senior researcher at the Fictional Policy Institute and author of this test "
    "report, said: 'Fewer, better plans let councils spend their time on delivery.'” [1]"
)


def turn(question, answer=""):
    return [{"question": question, "answer": answer}]


def test_without_history_the_question_is_unchanged():
    assert standalone_question("What about the government?", []) == "What about the government?"


@pytest.mark.parametrize(
    ("previous", "follow_up", "expected"),
    [
        (
            "What do councils think about partnerships?",
            "What about the government?",
            "What do the government think about partnerships?",
        ),
        ("Do councils want fewer partnerships?", "and the police?", "Do the police want fewer partnerships?"),
        (
            "How many local authorities were studied?",
            "what about the police?",
            "How many police were studied?",
        ),
        (
            "What does the report say about funding?",
            "How about housing?",
            "What does the report say about housing?",
        ),
        ("Why did plans multiply?", "What about housing?", "Why did plans multiply, regarding housing?"),
    ],
)
def test_what_about_reuses_the_previous_frame_with_the_new_subject(previous, follow_up, expected):
    assert standalone_question(follow_up, turn(previous)) == expected


def test_he_is_the_person_the_previous_answer_named():
    history = turn("Who wrote the report?", AUTHOR_ANSWER)
    assert (
        standalone_question("What did he say about the government?", history)
        == "What did Jane Testperson say about the government?"
    )
    assert standalone_question("What is his role?", history) == "What is Jane Testperson's role?"


def test_without_a_name_he_is_whoever_the_previous_who_question_asked_about():
    history = turn("Who wrote the report?", "The documents do not appear to cover this question.")
    assert standalone_question("What did she say?", history) == "What did the one who wrote the report say?"


def test_they_and_it_take_the_previous_actor_and_topic():
    history = turn("Do councils want fewer partnerships?")
    assert standalone_question("What do they want instead?", history) == "What do councils want instead?"
    assert standalone_question("What is their view?", history) == "What is councils' view?"
    assert standalone_question("When was it published?", turn("Who wrote the report?")) == (
        "When was the report published?"
    )


def test_who_said_that_attaches_the_previous_quote():
    rewritten = standalone_question(
        "Who said that?", turn("What do councils want?", "“We are drowning in plans.” [1]")
    )
    assert rewritten == "Who said “We are drowning in plans.”?"


def test_a_question_that_stands_alone_is_left_alone():
    history = turn("Who wrote the report?", AUTHOR_ANSWER)
    assert standalone_question("What is this report about?", history) == "What is this report about?"
    assert (
        standalone_question("How many councils were surveyed?", history) == "How many councils were surveyed?"
    )
