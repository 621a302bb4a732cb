"""Whole answers on a fictional review (real model): lists with their items, honest refusals."""

from pathlib import Path

import pytest

from tests.conftest import real_client_fixture
from tests.e2e.test_e2e import ask, assert_verbatim

pytestmark = pytest.mark.model

DOCS = Path(__file__).resolve().parents[1] / "data" / "answers"


client = real_client_fixture(DOCS, "northvale-review.txt*")


def test_a_list_is_quoted_with_its_items(client):
    body = ask(client, "What are Northvale's priorities for 2025?")
    assert body["covered"] is True
    quotes = [c["quote"] for c in body["citations"]]
    listed = next(q for q in quotes if q.startswith("Our three priorities for 2025 include:"))
    assert listed.endswith("• Publishing each depot's energy use every quarter.")
    assert_verbatim(body)


def test_a_colon_whose_items_never_follow_is_not_quoted(client):
    body = ask(client, "Which depots use the most water?")
    assert all(not c["quote"].rstrip().endswith(":") for c in body["citations"])
    assert_verbatim(body)


def test_no_quote_or_passage_appears_twice(client):
    body = ask(client, "How many people did Northvale employ at the end of 2024?")
    assert body["covered"] is True
    quotes = [" ".join(c["quote"].split()) for c in body["citations"]]
    assert len(quotes) == len(set(quotes))
    numbers = {c["passage_id"]: c["n"] for c in body["citations"]}
    assert len(set(numbers.values())) == len(numbers)
    assert_verbatim(body)


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of France?",  # "Northvale Capital SAS | France"
        "Who painted the Mona Lisa?",  # "Lisa Harrow": the corpus never says "Mona"
        "How much salt is in sea water?",  # "Northvale Red Salt Ltd"
        "What was Tesla's revenue in 2024?",  # a company the review never mentions
    ],
)
def test_a_question_matching_only_by_coincidence_is_declined(client, question):
    body = ask(client, question)
    assert body["covered"] is False and body["citations"] == []
