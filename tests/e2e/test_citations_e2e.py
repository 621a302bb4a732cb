"""The answer quotes what retrieval found (real model, fictional documents): each top passage holding a
supporting sentence is cited, the top passage first, one sentence of its own each; a table's header row
is never quoted as an answer."""

from pathlib import Path

import pytest
from fixtures.make_docs import make_statement_report

from tests.conftest import real_client_fixture, real_client_over
from tests.e2e.test_e2e import ask, assert_verbatim

pytestmark = pytest.mark.model

DOCS = Path(__file__).resolve().parents[1] / "data" / "answers"


client = real_client_fixture(DOCS, "eastmoor-fleet.txt*")


def test_an_answer_spread_over_two_passages_quotes_both(client):
    body = ask(client, "How did Eastmoor cut its diesel use in 2024?")
    assert body["covered"] is True
    quotes = [c["quote"] for c in body["citations"]]
    assert "Eastmoor cut its diesel use in 2024 by replacing 40 diesel vans with electric vans." in quotes
    training = "Eastmoor also cut its diesel use in 2024 by training every driver"
    assert any(q.startswith(training) for q in quotes)
    assert len({c["passage_id"] for c in body["citations"]}) >= 2
    assert_verbatim(body)


def test_the_top_passage_is_quoted_first_and_nothing_unrelated(client):
    body = ask(client, "How did Eastmoor cut its diesel use in 2024?")
    top = body["passages"][0]["id"]
    assert body["citations"][0]["passage_id"] == top
    assert all("hedge" not in c["quote"] and "complaints" not in c["quote"] for c in body["citations"])
    assert len(body["citations"]) <= 4


@pytest.fixture(scope="module")
def statement_client(real_encoder, tmp_path_factory):
    source = make_statement_report(tmp_path_factory.mktemp("statement") / "docs")
    return real_client_over(sorted(source.iterdir()), tmp_path_factory, real_encoder)


@pytest.mark.parametrize(
    "question", ["What were the total harbour dues in 2023?", "What were the mooring dues in 2022?"]
)
def test_a_column_header_row_is_never_quoted(statement_client, question):
    body = ask(statement_client, question)
    assert body["covered"] is True
    for citation in body["citations"]:
        assert citation["quote"] != "(In thousands) | 2023 | 2022"
        assert not (citation["table"] and citation["table"]["rows"] == citation["table"]["header"])
    assert any(c["table"] for c in body["citations"])  # a row, with its header beside it
    assert_verbatim(body)
