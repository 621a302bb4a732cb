"""GET /a/<answer_id>: the stored answer as served, surviving index rebuilds with a note on changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_service.editorial import answers
from qa_service.editorial.answers import StoredCitation
from qa_service.ingest.build import build_index
from qa_service.models import Passage
from qa_service.web.views.permalinks import check_citation

ALPHA = "Councils run local partnerships across the county.\n\nPartnership boards meet every quarter."
BETA = "The fictional ministry sets national targets for waste.\n\nTargets are reviewed each year."


@pytest.fixture
def stored_app(fake_app_factory):
    return fake_app_factory({"alpha.txt": ALPHA, "beta.txt": BETA})


def ask(client, question):
    body = client.post("/api/ask", json={"question": question}).json
    assert body["covered"] and body["answer_id"]
    return body


def rebuild(stored_app, fake_encoder, **texts):
    """Rewrite source documents, publish a new index version and load it, as an editor would."""
    source = stored_app.config["SOURCE_DIR"]
    for name, text in texts.items():
        (Path(source) / name).write_text(text, encoding="utf-8")
    build_index(Path(source), Path(stored_app.config["INDEX_DIR"]),
                fake_encoder, progress=False)  # fmt: skip
    assert stored_app.extensions["qa"].load()


def test_ask_returns_an_answer_id_and_a_permalink(stored_app):
    body = ask(stored_app.test_client(), "Who runs local partnerships?")
    assert body["permalink"] == f"http://localhost/a/{body['answer_id']}"


def test_permalink_shows_question_answer_citations_and_version(stored_app):
    client = stored_app.test_client()
    body = ask(client, "Who runs local partnerships?")
    page = client.get(f"/a/{body['answer_id']}")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "Who runs local partnerships?" in html
    assert body["citations"][0]["quote"] in html
    assert body["index_version"] in html
    assert 'data-status="unchanged"' in html
    assert "change-note" not in html
    assert "Set-Cookie" not in page.headers


def test_permalink_survives_a_rebuild_with_changed_text(stored_app, fake_encoder):
    client = stored_app.test_client()
    changed = ask(client, "Who runs local partnerships?")
    kept = ask(client, "Who sets national targets for waste?")
    old_version = changed["index_version"]
    changed_alpha = {"alpha.txt": "Councils no longer run partnerships.\n\nBoards were abolished."}
    rebuild(stored_app, fake_encoder, **changed_alpha)
    assert stored_app.extensions["qa"].version != old_version

    html = client.get(f"/a/{changed['answer_id']}").get_data(as_text=True)
    assert changed["citations"][0]["quote"] in html  # the quote as served, from the snapshot
    assert "Partnership boards meet every quarter." in html  # the passage as it was cited
    assert 'data-status="gone"' in html
    assert "no longer in the live index" in html
    assert old_version in html and stored_app.extensions["qa"].version in html  # answered-from and now

    html = client.get(f"/a/{kept['answer_id']}").get_data(as_text=True)
    assert 'data-status="unchanged"' in html
    assert "change-note" not in html
    assert "re-indexed since" in html


def test_unknown_answer_is_a_404_page_with_the_error_code(stored_app):
    page = stored_app.test_client().get("/a/not-an-answer")
    assert page.status_code == 404
    assert 'data-code="not_found"' in page.get_data(as_text=True)


def test_questions_are_not_stored_when_logging_is_off(fake_app_factory):
    stored_app = fake_app_factory({"alpha.txt": ALPHA}, LOG_QUESTIONS=False)
    client = stored_app.test_client()
    body = ask(client, "Who runs local partnerships?")
    stored = answers.load_answer(stored_app.extensions["qa_storage"], body["answer_id"])
    assert stored.question is None
    html = client.get(f"/a/{body['answer_id']}").get_data(as_text=True)
    assert "Who runs local partnerships?" not in html
    assert "Question not recorded" in html


def test_a_storage_failure_never_fails_the_answer(stored_app, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(answers, "save_answer", broken)
    response = stored_app.test_client().post("/api/ask", json={"question": "Who runs local partnerships?"})
    assert response.status_code == 200
    assert (
        response.json["answer"] and response.json["answer_id"] is None and response.json["permalink"] is None
    )
    assert "could not store the answer" in caplog.text


def _citation(text: str, quote: str) -> StoredCitation:
    return StoredCitation(1, "doc--1", "doc", "Doc", None, None, quote, text)


def _passage(text: str) -> Passage:
    return Passage("doc--1", "doc", "Doc", "report", (), 0, len(text), text)


@pytest.mark.parametrize(
    ("live", "ready", "status"),
    [
        (_passage("Old text. The quote."), True, "unchanged"),
        (_passage("New text. The quote."), True, "quote-kept"),
        (_passage("Entirely new text."), True, "changed"),
        (None, True, "gone"),
        (None, False, "unchecked"),
    ],
)
def test_check_citation(live, ready, status):
    checked = check_citation(_citation("Old text. The quote.", "The quote."), live, index_ready=ready)
    assert checked.status == status
    assert (checked.note is None) == (status == "unchanged")


@pytest.mark.model
def test_permalink_end_to_end_with_the_real_model(client):
    body = client.post(
        "/api/ask", json={"question": "How many local authorities did the case studies come from?"}
    ).json
    assert body["answer_id"]
    html = client.get(f"/a/{body['answer_id']}").get_data(as_text=True)
    for citation in body["citations"]:
        assert citation["quote"] in html
    assert body["index_version"] in html
