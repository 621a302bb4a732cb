"""Which-councils questions and kind/council filters return every matching document (fake encoder)."""

import pytest

from qa_service.answering.listing import is_list_question
from tests.answering.test_recommendations import fictional_docs

COUNCILS = {
    "Northbridge Borough Council (fictional)",
    "Eastmoor District Council (fictional)",
    "Westvale County Council (fictional)",
}


@pytest.fixture
def listing_client(fake_app_factory):
    return fake_app_factory(fictional_docs()).test_client()


@pytest.mark.parametrize(
    ("question", "listed"),
    [
        ("Which councils have case studies?", True),
        ("What local authorities were studied?", True),
        ("List the case studies", True),
        ("What did councils say about plans?", False),
        ("How many councils were studied?", False),
    ],
)
def test_list_questions_are_recognised(question, listed):
    assert is_list_question(question) is listed


def test_which_councils_lists_every_case_study_with_a_verified_citation(listing_client):
    asked = {"question": "Which councils merged plans?", "k": 1}
    body = listing_client.post("/api/ask", json=asked).get_json()
    assert body["covered"] is True
    assert {c["passage_id"] for c in body["citations"]} <= {p["id"] for p in body["passages"]}
    named = {p["council"] for p in body["passages"]}
    assert named == COUNCILS
    for council in COUNCILS:
        assert council in body["answer"]
    assert [c["n"] for c in body["citations"]] == [1, 2, 3]
    for citation in body["citations"]:
        passage = listing_client.get(f"/api/passages/{citation['passage_id']}").get_json()
        assert citation["quote"] in passage["text"]


def test_a_council_filter_narrows_the_list(listing_client):
    body = listing_client.post(
        "/api/ask",
        json={"question": "Which councils merged plans?", "council": "Eastmoor District Council (fictional)"},
    ).get_json()
    assert {p["council"] for p in body["passages"]} == {"Eastmoor District Council (fictional)"}


def test_search_with_a_kind_filter_returns_every_matching_document_once(listing_client):
    results = listing_client.get("/api/search?q=plans&k=1&kind=case%20study").get_json()["results"]
    assert {r["council"] for r in results} == COUNCILS
    assert len(results) == 3


def test_search_without_filters_keeps_top_k(listing_client):
    assert len(listing_client.get("/api/search?q=plans&k=2").get_json()["results"]) == 2
