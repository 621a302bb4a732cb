"""Focus words the corpus never uses, names it mentions only in passing, years it never speaks of
(composing/focus.py), and how the gate uses them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from qa_service.answering import cues
from qa_service.answering.composing import focus
from qa_service.answering.composing.gate import Gate, names, vocabulary
from qa_service.index.tokenizer import Tokenizer
from qa_service.models import Passage
from tests.factories import make_passage

TOKENS = Tokenizer()
REPORT = [
    "Kestrel Rail cut its greenhouse gas emissions by 12% in 2024.",
    "Kestrel Rail employed 2,310 people at the end of 2024, and staff turnover fell to 7%.",
    "Maren Holt chairs the board of Kestrel Rail.",
    "Fatalities on the network: none in 2024.",
    "Our policy on supplier conduct applies to every contract.",
]
# a corpus large enough for a missing word to mean something (focus.MIN_VOCABULARY distinct words)
FILLER = [[f"filler{i}", "wagon", "rout"] for i in range(focus.MIN_VOCABULARY)]


def coverage(
    sentences: list[str], filler: list[list[str]] = FILLER, metadata: str = "Kestrel Rail report 2024"
):
    tokenised = [TOKENS(s) for s in sentences] + filler
    weights = cues.TermWeights.from_sentences(tokenised)
    documents = [("kestrel", words) for words in tokenised]
    return focus.Coverage.of(TOKENS, weights.idf, weights.default, documents, {"kestrel": metadata})


def passage(text: str, document: str = "kestrel") -> Passage:
    return make_passage("p1", text, document=document, title="Kestrel Rail report", section=("Results",))


@dataclass(frozen=True)
class Scored:
    similarity: float
    overlap: float
    quote: str = "Kestrel Rail cut its emissions."
    passage: Passage = passage("Kestrel Rail cut its emissions in 2024.")


@pytest.mark.parametrize(
    ("question", "focus_words"),
    [
        ("What is Kestrel Rail's policy on deforestation?", ["polici", "deforest"]),
        ("What were FY2019 revenues? Answer in USD millions, round to one decimal place.", ["revenu"]),
        ("What does the report say about staff turnover in 2024?", ["staff", "turnov"]),
    ],
)
def test_focus_words_leave_out_names_numbers_and_the_question_frame(question, focus_words):
    assert coverage(REPORT).focus(question, names(question)) == focus_words


def test_a_specific_word_the_corpus_never_uses_is_missing():
    corpus = coverage(REPORT)
    words, share = corpus.missing("What is Kestrel Rail's policy on deforestation?", ["Kestrel", "Rail"])
    assert words == ["deforestation"] and share >= 0.3
    # the stemmer joins a word's variants: the report says "Fatalities"
    assert corpus.missing("How many fatalities did Kestrel Rail have?", ["Kestrel", "Rail"]) == ([], 0.0)


def test_a_common_word_may_be_said_another_way_and_a_small_text_tells_nothing():
    corpus = coverage(REPORT)
    assert corpus.missing("Who wrote the emissions section?", [])[0] == []  # "wrote": a common word
    tiny = coverage(REPORT, filler=[])
    assert tiny.missing("What is Kestrel Rail's policy on deforestation?", ["Kestrel", "Rail"]) == ([], 0.0)


def test_a_name_is_carried_by_metadata_or_by_frequent_use():
    rival = "Kestrel Rail competes with Oakridge Haulage."
    crowded = [[f"w{i}", "wagon", "rout"] for i in range(20_000)]  # one mention in ~60,000 words
    assert coverage([*REPORT, rival], crowded).passing(["Oakridge", "Haulage"]) == ["Oakridge", "Haulage"]
    assert coverage([*REPORT, rival], crowded).passing(["Kestrel"]) == []  # the document's own name
    assert coverage([*REPORT, rival]).passing(["Oakridge"]) == []  # in a short text, no passing mention


def test_a_year_must_be_one_the_passage_or_the_documents_speak_of():
    corpus = coverage(REPORT, metadata="Kestrel Rail annual report 2024")
    found = passage("Revenue rose to 310 million.")
    assert corpus.unspoken_years("What was revenue in 2024?", found, ["kestrel"]) == []  # its year
    assert corpus.unspoken_years("What was revenue in 1985?", found, ["kestrel"]) == ["1985"]
    assert corpus.unspoken_years("What was revenue in 2019?", passage("Up from 2019."), []) == []


def test_a_long_prompts_instructions_do_not_count_against_its_evidence():
    corpus = coverage(REPORT)
    prompt = "What was staff turnover at Kestrel Rail? Answer in percent, round to one decimal place."
    evidence = corpus.evidence(prompt, names(prompt), [("Staff turnover fell to 7%.", 0.5)])
    assert evidence == pytest.approx(0.75)  # every focus word is in the sentence


def test_the_gate_declines_a_question_the_corpus_does_not_cover():
    gate = Gate(threshold=0.3, words=vocabulary(REPORT), coverage=coverage(REPORT))
    good = [Scored(0.7, 0.6)]
    assert gate.admits("How many people did Kestrel Rail employ?", good, evidence=0.6)
    assert not gate.admits("What is Kestrel Rail's policy on deforestation?", good, evidence=0.6)
    assert gate.uncovered("What is Kestrel Rail's policy on deforestation?") == ["deforestation"]
    assert not gate.admits("How many people did Kestrel Rail employ in 1985?", good, evidence=0.6)


def test_a_range_of_years_needs_one_of_them_spoken_of():
    corpus = coverage(REPORT, metadata="Kestrel Rail annual report 2024")
    found = passage("Revenue rose to 310 million.")
    assert corpus.unspoken_years("What was revenue growth from 2022 to 2024?", found, ["kestrel"]) == []
    assert corpus.unspoken_years("What was growth from 1990 to 1995?", found, ["kestrel"]) == ["1990", "1995"]


def test_a_question_naming_a_document_must_find_its_focus_in_that_document():
    tokenised = [TOKENS(s) for s in REPORT] + FILLER
    tarn = TOKENS("Tarn Freight accepts payment in cryptocurrency for freight bookings.")
    weights = cues.TermWeights.from_sentences([*tokenised, tarn])
    documents = [*(("kestrel", words) for words in tokenised), ("tarn", tarn)]
    metadata = {"kestrel": "Kestrel Rail report 2024", "tarn": "Tarn Freight filing 2024"}
    found = focus.Coverage.of(TOKENS, weights.idf, weights.default, documents, metadata)
    question = "What does Kestrel Rail say about cryptocurrency?"
    assert found.missing(question, names(question)) == ([], 0.0)  # the corpus uses the word
    missing, share = found.missing(question, names(question), ["kestrel"])  # Kestrel's report does not
    assert missing == ["cryptocurrency"] and share >= focus.ABSENT_SHARE
    gate = Gate(0.3, coverage=found)
    assert gate.uncovered(question, scope=["kestrel"]) == ["cryptocurrency"]
    assert gate.uncovered(question, scope=["tarn"]) == []
