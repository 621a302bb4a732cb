"""The editors' dashboard and CSV export: token check, content, and no cookies."""

from __future__ import annotations

import csv
import io

import pytest
from editorial_data import make_answer

from qa_service.editorial.analytics import EXPORT_COLUMNS
from qa_service.editorial.answers import save_answer
from qa_service.editorial.feedback import Feedback, save_feedback

TOKEN = "editor-secret-token"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
DOCS = {"doc.txt": "Councils run local partnerships across the county.\n\nThe government sets targets."}


@pytest.fixture
def admin_app(fake_app_factory):
    admin_app = fake_app_factory(DOCS, ADMIN_TOKEN=TOKEN)
    storage = admin_app.extensions["qa_storage"]
    first = save_answer(storage, make_answer("Who runs partnerships?"), keep_question=True)
    save_answer(storage, make_answer("Who runs partnerships?"), keep_question=True)
    for question in (
        "What is the weather on Mars?",
        "What is the weather on Mars today?",
        "How tall is Everest?",
    ):
        save_answer(storage, make_answer(question, covered=False), keep_question=True)
    save_answer(storage, make_answer('=HYPERLINK("http://evil")', covered=False), keep_question=True)
    save_feedback(storage, Feedback(first, "up", "Clear and quoted"))
    save_feedback(storage, Feedback(first, "down"))
    return admin_app


@pytest.mark.parametrize(
    ("path", "headers", "status", "code"),
    [
        ("/admin/", {}, 401, "unauthorized"),
        ("/admin/export.csv", {}, 401, "unauthorized"),
        ("/admin/", {"Authorization": "Bearer wrong"}, 403, "forbidden"),
        ("/admin/?token=wrong", {}, 403, "forbidden"),
        ("/admin/export.csv?token=wrong", {}, 403, "forbidden"),
    ],
)
def test_token_is_required(admin_app, path, headers, status, code):
    response = admin_app.test_client().get(path, headers=headers)
    assert response.status_code == status
    assert response.json == {"error": {"code": code, "message": response.json["error"]["message"]}}


def test_dashboard_is_disabled_without_a_configured_token(fake_app_factory):
    response = fake_app_factory(DOCS).test_client().get("/admin/", headers=BEARER)
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_bare_admin_path_redirects_to_the_dashboard(admin_app):
    response = admin_app.test_client().get(f"/admin?token={TOKEN}")
    assert response.status_code == 308
    assert response.headers["Location"].endswith(f"/admin/?token={TOKEN}")


def test_dashboard_shows_questions_gaps_citations_and_the_feedback_chart(admin_app):
    response = admin_app.test_client().get("/admin/", headers=BEARER)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    html = response.get_data(as_text=True)
    assert 'id="total-answers">6<' in html and 'id="total-not-covered">4<' in html
    assert 'id="total-up">1<' in html and 'id="total-down">1<' in html
    top = html.split('id="top-questions"')[1].split("</section>")[0]
    assert "Who runs partnerships?" in top and ">2<" in top
    gaps = html.split('id="gaps"')[1].split("</section>")[0]
    assert gaps.count('class="gap"') == 3  # the two Mars questions form one gap
    assert "2×</span> What is the weather on Mars" in gaps
    cited = html.split('id="cited"')[1].split("</section>")[0]
    assert "Fictional test report" in cited and "Chapter 1 › Partnerships" in cited
    assert '<rect class="bar"' in html and "1 up, 1 down (50% up)" in html
    assert 'href="/admin/export.csv?days=30"' in html  # a header token is never put into a link


def test_a_query_token_is_carried_to_the_export_link(admin_app):
    html = admin_app.test_client().get(f"/admin/?token={TOKEN}&days=7").get_data(as_text=True)
    assert f'href="/admin/export.csv?days=7&amp;token={TOKEN}"' in html


@pytest.mark.parametrize("days", ["0", "abc", "91", "-1"])
def test_period_is_validated(admin_app, days):
    response = admin_app.test_client().get(f"/admin/?days={days}", headers=BEARER)
    assert response.status_code == 400
    assert response.json["error"]["code"] == "invalid_days"


def test_csv_export_has_one_row_per_answer_with_feedback_and_defused_formulas(admin_app):
    response = admin_app.test_client().get(f"/admin/export.csv?token={TOKEN}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="qa-answers-')
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert len(rows) == 7
    records = [dict(zip(EXPORT_COLUMNS, row, strict=True)) for row in rows[1:]]
    rated = [r for r in records if r["thumbs_up"] == "1"]
    assert len(rated) == 1 and rated[0]["thumbs_down"] == "1" and rated[0]["comments"] == "Clear and quoted"
    assert rated[0]["cited_passages"] == "test-doc--abc123"
    assert any(r["question"] == '\'=HYPERLINK("http://evil")' for r in records)


def test_answers_asked_through_the_api_reach_the_dashboard(admin_app):
    client = admin_app.test_client()
    client.post("/api/ask", json={"question": "Who sets the targets?"})
    html = client.get("/admin/", headers=BEARER).get_data(as_text=True)
    assert 'id="total-answers">7<' in html and "Who sets the targets?" in html
