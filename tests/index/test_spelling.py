"""A question's words respelled into the corpus's own spelling, British or American (pure)."""

from __future__ import annotations

import pytest

from qa_service.index.spelling import CorpusSpelling, variants
from qa_service.index.tokenizer import Tokenizer


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("recognise", "recognize"),
        ("organisations", "organizations"),
        ("prioritised", "prioritized"),
        ("analyse", "analyze"),
        ("labour", "labor"),
        ("neighbourhoods", "neighborhoods"),
        ("centre", "center"),
        ("centred", "centered"),
        ("defence", "defense"),
        ("catalogue", "catalog"),
        ("travelled", "traveled"),
        ("modelling", "modeling"),
        ("programme", "program"),
        ("judgement", "judgment"),
    ],
)
def test_each_spelling_has_the_other_among_its_variants(british, american):
    assert american in variants(british)
    assert british in variants(american)


def test_a_dropped_vowel_of_a_pair_is_one_way():
    assert variants("paediatric") == ["pediatric"] and variants("foetus") == ["fetus"]


def corpus(text: str) -> CorpusSpelling:
    tokenizer = Tokenizer()
    return CorpusSpelling(tokenizer, frozenset(tokenizer(text)))


def test_a_word_the_corpus_never_uses_takes_the_spelling_it_does_use():
    american = corpus("The certification recognizes excellence in energy management at each center.")
    assert american("What does the certification recognise at each centre?") == (
        "What does the certification recognize at each center?"
    )
    british = corpus("Councils should rationalise their partnerships.")
    assert british("Why rationalize partnerships?") == "Why rationalise partnerships?"
    assert british("Rationalizing what?") == "Rationalising what?"  # the first word keeps its capital


def test_words_the_corpus_uses_or_lacks_in_both_spellings_are_left_as_asked():
    both = corpus("The programme and the program were both funded.")
    assert both("Which programme and which program?") == "Which programme and which program?"
    assert corpus("Energy use fell.")("Which colour is the logo?") == "Which colour is the logo?"  # neither
    assert corpus("Labour costs rose.")("What about the labor market?") == "What about the labour market?"


def test_a_name_inside_the_question_is_never_respelled():
    american = corpus("Labor costs rose at the distribution center.")
    assert american("What did the Labour Party say about the centre?") == (
        "What did the Labour Party say about the center?"
    )
