"""A table answer end to end with the real model, over a fictional statement PDF: the row a question
names is quoted, with its caption and column headers, drawn as a table on every page that shows it."""

from __future__ import annotations

import pytest
from fixtures.make_docs import make_statement_report

pytestmark = pytest.mark.model
QUESTION = "What were the mooring dues in 2023?"
ROW = "Mooring dues | 1,204 | 1,118"
TABLE = {
    "caption": "STATEMENT OF HARBOUR DUES — YEAR ENDED MARCH 31,",
    "header": [["(In thousands)", "2023", "2022"]],
    "rows": [["Mooring dues", "1,204", "1,118"]],
}


@pytest.fixture(scope="module")
def statement_client(real_encoder, tmp_path_factory):
    from qa_service import create_app
    from qa_service.ingest.build import build_index

    folder = tmp_path_factory.mktemp("statement")
    source = make_statement_report(folder / "docs")
    build_index(source, folder / "index", real_encoder, progress=False)
    config = {"TESTING": True, "INDEX_DIR": str(folder / "index"), "SOURCE_DIR": str(source), "WARMUP": False}
    config |= {"DATA_DIR": str(folder / "data"), "RATELIMIT_ENABLED": False}
    return create_app(config, encoder=real_encoder).test_client()


@pytest.mark.parametrize(
    ("question", "row"),
    [(QUESTION, ROW), ("How much were pilotage fees in 2022?", "Pilotage fees | 388 | 402")],
)
def test_a_question_naming_a_line_item_and_a_year_quotes_that_row(statement_client, question, row):
    body = statement_client.post("/api/ask", json={"question": question}).get_json()
    assert body["covered"] and body["citations"][0]["quote"] == row
    cited = body["citations"][0]
    assert (cited["page"], cited["page_label"]) == (4, "3")  # the footer prints 3 on the fourth sheet
    assert cited["table"]["header"] == TABLE["header"] and cited["table"]["caption"] == TABLE["caption"]


def test_the_quote_stays_verbatim_and_the_table_rides_beside_it(statement_client):
    cited = statement_client.post("/api/ask", json={"question": QUESTION}).get_json()["citations"][0]
    assert cited["table"] == TABLE
    passage = statement_client.get(f"/api/passages/{cited['passage_id']}").get_json()
    assert passage["text"][cited["quote_start"] : cited["quote_end"]] == ROW


def test_search_page_and_permalink_draw_the_row_as_a_table(statement_client):
    html = statement_client.get("/search", query_string={"q": QUESTION}).get_data(as_text=True)
    answer = html[html.index('class="answer') : html.index("</div>", html.index('class="answer'))]
    assert "<caption>STATEMENT OF HARBOUR DUES — YEAR ENDED MARCH 31,</caption>" in answer
    assert '<th scope="col">2023</th>' in answer and '<th scope="row">Mooring dues</th>' in answer
    assert " | " not in answer  # no run of cells in the answer itself
    body = statement_client.post("/api/ask", json={"question": QUESTION}).get_json()
    stored = statement_client.get(f"/a/{body['answer_id']}").get_data(as_text=True)
    assert '<table class="quoted-table">' in stored and '<th scope="col">2022</th>' in stored


def test_quote_check_of_a_row_shows_its_table(statement_client):
    body = statement_client.post("/api/quote-check", json={"quote": ROW}).get_json()
    assert body["verdict"] == "exact" and body["matches"][0]["table"] == TABLE
    html = statement_client.get("/quote-check", query_string={"quote": ROW}).get_data(as_text=True)
    assert "<caption>STATEMENT OF HARBOUR DUES" in html and '<th scope="row">Mooring dues</th>' in html


def test_prose_citations_carry_no_table(statement_client):
    body = statement_client.post("/api/ask", json={"question": "What colour is the lighthouse?"}).get_json()
    assert body["citations"] and all(c["table"] is None for c in body["citations"])
