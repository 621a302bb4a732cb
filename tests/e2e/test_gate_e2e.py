"""The refusal gate's coverage checks with the real model on fictional test documents (tests/data/gate):
a question about a topic the corpus never mentions, or about a company it names only in passing, is
declined; the questions the documents do answer still are answered."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.conftest import real_client_over
from tests.e2e.test_e2e import ask, assert_verbatim

pytestmark = pytest.mark.model

DOCS = Path(__file__).resolve().parents[1] / "data" / "gate"
LINES = ["Ashby", "Brindle", "Corran", "Dale", "Elmsworth", "Fenwick", "Gorse", "Hatherley"]
MONTHS = ["January", "March", "May", "July", "September", "November"]
# what the wagons carry: enough distinct words for a corpus whose missing words mean something
CARGO = (DOCS / "cargo.txt").read_text(encoding="utf-8").split()


TOWNS = [f"{a}{b}" for a in ("Ash", "Birch", "Cold", "Deep", "East", "Fair", "Green", "High", "Long", "Mill")
         for b in ("ford", "ham", "ton", "wick", "bury", "field")]  # fmt: skip


def long_filing(seed: int = 7) -> str:
    """A generated, plainly fictional yearly filing of some 12,000 words, naming a rival once."""
    pick = random.Random(seed)
    sections = [
        "# Tarn Freight annual filing 2024\n",
        "Tarn Freight is a fictional freight company (test data).",
    ]
    for i in range(600):
        line, month, cargo = pick.choice(LINES), pick.choice(MONTHS), CARGO[i % len(CARGO)]
        tonnes, wagons = pick.randint(100, 990), pick.randint(10, 90)
        depot, trains = TOWNS[i % len(TOWNS)], pick.randint(2, 60)
        sections.append(
            f"In {month} Tarn Freight moved {tonnes} thousand tonnes of {cargo} on the {line} route with "
            f"{wagons} wagons, and its depot at {depot} handled {trains} trains a day."
        )
        if i % 40 == 0:
            sections.append(f"\n# Operations review part {i // 40 + 1}\n")
    sections.append("Tarn Freight competes with Oakridge Haulage on some of its routes.")
    return "\n".join(sections) + "\n"


@pytest.fixture(scope="module")
def client(real_encoder, tmp_path_factory):
    folder = tmp_path_factory.mktemp("gate-docs")
    (folder / "tarn-freight-filing.txt").write_text(long_filing(), encoding="utf-8")
    files = [*sorted(DOCS.glob("kestrel-annual-report.txt*")), folder / "tarn-freight-filing.txt"]
    return real_client_over(files, tmp_path_factory, real_encoder)


@pytest.mark.parametrize(
    "question",
    [
        "What is Kestrel Rail's target for greenhouse gas emissions?",
        "How many people did Kestrel Rail employ at the end of 2024?",
        "Who chairs the board of Kestrel Rail?",
        "How many stations have step-free access?",
    ],
)
def test_questions_the_documents_answer_are_answered(client, question):
    body = ask(client, question)
    assert body["covered"] is True
    assert_verbatim(body)


@pytest.mark.parametrize(
    "question",
    [
        "What is Kestrel Rail's policy on deforestation?",  # a topic the corpus never mentions
        "How much did Kestrel Rail spend on political lobbying?",
        "How many whales did Kestrel Rail's ferries see?",
    ],
)
def test_a_question_whose_focus_the_corpus_never_uses_is_declined(client, question):
    body = ask(client, question)
    assert body["covered"] is False and body["citations"] == []


def test_a_year_no_passage_found_speaks_of_is_not_answered(client):
    body = ask(client, "How many people did Kestrel Rail employ at the end of 1998?")
    assert body["covered"] is False and body["citations"] == []


def test_a_company_named_only_in_passing_is_not_answered_for(client):
    # "Oakridge Haulage" is one mention among some 12,000 words of another company's filing
    body = ask(client, "How many tonnes did Oakridge Haulage move?")
    assert body["covered"] is False and body["citations"] == []
    named = ask(client, "How many tonnes did Tarn Freight move on the Corran route?")
    assert named["covered"] is True


@pytest.mark.parametrize(
    "question",
    [
        "How many passengers will Kestrel Rail carry next year?",  # the moment of asking: no dated text says
        "How many weeks of training does every Kestrel Rail driver complete?",  # counts courses, not weeks
    ],
)
def test_quotes_that_do_not_speak_to_the_question_are_not_an_answer(client, question):
    body = ask(client, question)
    assert body["covered"] is False and body["citations"] == []


def test_a_question_in_the_other_spelling_is_answered_from_the_corpus_spelling(client):
    # the report spells "modernized the signaling center"; a British reader asks in British spelling
    british = ask(client, "Where did Kestrel Rail modernise its signalling centre?")
    american = ask(client, "Where did Kestrel Rail modernize its signaling center?")
    assert british["covered"] is True and american["covered"] is True
    assert "signaling center at Brindle" in british["citations"][0]["quote"]
    assert [c["quote"] for c in british["citations"]] == [c["quote"] for c in american["citations"]]
    assert british["question"] == "Where did Kestrel Rail modernise its signalling centre?"  # as asked
