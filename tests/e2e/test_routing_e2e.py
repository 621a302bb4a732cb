"""Document routing end to end: two documents sharing their vocabulary, a question naming one (real model)."""

from pathlib import Path

import pytest

from tests.conftest import real_client_fixture, real_client_over

pytestmark = pytest.mark.model

DOCS = Path(__file__).resolve().parents[1] / "data" / "routing"


client = real_client_fixture(DOCS, "*-health-partnerships.txt*")


def ask(client, question, **extra):
    response = client.post("/api/ask", json={"question": question, **extra})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.mark.parametrize(
    ("question", "council", "words"),
    [
        ("What did Testshire do about its health partnership boards?", "testshire", "merged"),
        ("What did Otterbury do about its health partnership boards?", "otterbury", "secretariat"),
    ],
)
def test_a_question_naming_one_council_cites_only_its_document(client, question, council, words):
    body = ask(client, question)
    assert body["covered"] is True
    assert body["citations"]
    assert {c["document"].split()[0].lower() for c in body["citations"]} == {council}
    assert any(words in c["quote"] for c in body["citations"])
    assert [d["document_id"] for d in body["answering_from"]] == [f"{council}-health-partnerships"]
    assert body["passages"][0]["document_id"] == f"{council}-health-partnerships"


def test_routing_is_soft_the_other_document_can_still_be_consulted(client):
    body = ask(client, "What did Testshire do about its health partnership boards?", k=5)
    assert {p["document_id"] for p in body["passages"]} >= {"otterbury-health-partnerships"}


def test_a_question_naming_no_document_is_not_scoped(client):
    body = ask(client, "Did anyone merge health partnership boards?")
    assert body["answering_from"] == []


def test_an_explicit_document_filter_is_what_the_answer_is_scoped_to(client):
    body = ask(client, "What did Testshire do?", document="otterbury-health-partnerships")
    assert [d["document"] for d in body["answering_from"]] == [
        "Otterbury case study (fictional test document)"
    ]
    assert {p["document_id"] for p in body["passages"]} == {"otterbury-health-partnerships"}


@pytest.fixture(scope="module")
def two_kinds(real_encoder, tmp_path_factory):
    """A company's filing and a council's climate plan report: the plan's title words are common words."""
    files = [*DOCS.glob("northwind-annual-filing.txt*"), *DOCS.glob("eastmoor-climate-plan.txt*")]
    return real_client_over(sorted(files), tmp_path_factory, real_encoder)


@pytest.mark.parametrize(
    "question",
    [
        "What does Northwind's climate plan commit to?",
        "What does the Northwind report say about its plan for vans?",
    ],
)
def test_a_word_from_the_other_title_does_not_cancel_the_named_company(two_kinds, question):
    body = ask(two_kinds, question)
    assert [d["document_id"] for d in body["answering_from"]] == ["northwind-annual-filing"]
    assert body["passages"][0]["document_id"] == "northwind-annual-filing"
    assert body["covered"] is True
    assert all(c["document"].startswith("Northwind") for c in body["citations"])


def test_the_plan_is_still_found_by_its_own_words(two_kinds):
    body = ask(two_kinds, "What does the climate action plan progress report say about schools?")
    assert [d["document_id"] for d in body["answering_from"]] == ["eastmoor-climate-plan"]
    assert any("heat pumps" in c["quote"] for c in body["citations"])
