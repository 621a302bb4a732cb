"""End-to-end over the real default corpus with the real packaged model, through the test client."""

import pytest

from qa_service.answering.compose import normalise_space

pytestmark = pytest.mark.model

SEED = "lgiu-press-release-rationalising-partnerships"


def ask(client, question, **extra):
    response = client.post("/api/ask", json={"question": question, **extra})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def assert_verbatim(body):
    passages = {p["id"]: p for p in body["passages"]}
    for citation in body["citations"]:
        cited = passages[citation["passage_id"]]
        assert normalise_space(citation["quote"]) in normalise_space(cited["text"])
        assert f"[{citation['n']}]" in body["answer"]
        assert citation["document"] == cited["document"]


def test_case_study_question_is_answered_with_a_verbatim_quote(client):
    body = ask(client, "How many local authorities did the case studies come from?")
    assert body["covered"] is True
    assert any("five local authorities" in c["quote"] for c in body["citations"])
    assert body["citations"][0]["n"] == 1
    assert_verbatim(body)
    assert body["index_version"]


def test_councils_view_on_partnerships(client):
    body = ask(client, "Do councils want fewer partnerships?")
    assert body["covered"] is True
    assert any("cut the number of partnerships" in c["quote"] for c in body["citations"])
    assert_verbatim(body)


def test_off_topic_question_is_declined_honestly(client):
    body = ask(client, "What is the capital of France?")
    assert body["covered"] is False
    assert body["citations"] == []
    assert "do not appear to cover" in body["answer"]
    assert body["passages"] and all(p["role"] == "nearest" for p in body["passages"])


def test_no_page_furniture_was_indexed(client):
    docs = client.get("/api/documents").get_json()["documents"]
    assert [d["id"] for d in docs] == [SEED]
    texts = [client.get(f"/api/search?q={q}&k=20").get_json()["results"] for q in ("cookies", "comment")]
    joined = " ".join(p["text"] for results in texts for p in results).lower()
    for furniture in ("cookies", "browser", "sign in", "terms and conditions", "have your say"):
        assert furniture not in joined


def test_search_and_passage_lookup(client):
    results = client.get("/api/search?q=bureaucracy&k=2").get_json()["results"]
    assert len(results) == 2
    first = results[0]
    assert {"id", "document", "kind", "section", "page", "text", "score"} <= set(first)
    assert first["kind"] == "press release"
    same = client.get(f"/api/passages/{first['id']}").get_json()
    assert same["text"] == first["text"]


def test_readiness_names_the_index(client):
    body = client.get("/readyz").get_json()
    assert body["status"] == "ready" and body["passages"] == 7
