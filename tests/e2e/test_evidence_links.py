"""'See it on the page' everywhere a citation is shown, with the real model over a fictional PDF."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from conftest import NO_RATE_LIMIT
from fixtures.make_docs import make_labelled_report

from qa_service import create_app
from qa_service.ingest.build import build_index

pytestmark = pytest.mark.model
QUESTION = "What colour will the lighthouse be painted?"
LINK = re.compile(r'href="(/documents/harbour-board/pages/4\?hl=harbour-board--[0-9a-f]+:\d+-\d+)"')


@pytest.fixture(scope="module")
def client(tmp_path_factory, real_encoder):
    source = make_labelled_report(tmp_path_factory.mktemp("links-docs"))
    index = tmp_path_factory.mktemp("links-index")
    build_index(source, index, real_encoder, progress=False)
    settings = {"TESTING": True, "INDEX_DIR": str(index), "SOURCE_DIR": str(source), **NO_RATE_LIMIT}
    settings["DATA_DIR"] = str(tmp_path_factory.mktemp("links-data"))
    return create_app(settings, encoder=real_encoder).test_client()


def test_the_answer_json_carries_the_page_url(client):
    body = client.post("/api/ask", json={"question": QUESTION}).get_json()
    citation = body["citations"][0]
    expected = f"{citation['passage_id']}:{citation['quote_start']}-{citation['quote_end']}"
    assert citation["page_url"] == f"/documents/harbour-board/pages/4?hl={expected}"
    assert citation["document_id"] == "harbour-board"
    view = client.get(citation["page_url"]).get_data(as_text=True)
    assert view.count("<rect ") == 1 and citation["quote"] in view


def test_the_no_js_answer_links_each_citation_to_its_page(client):
    html = client.get(f"/search?q={quote(QUESTION)}").get_data(as_text=True)
    assert LINK.search(html) and "See it on the page" in html


def test_the_stored_answer_links_to_the_page(client):
    body = client.post("/api/ask", json={"question": QUESTION}).get_json()
    html = client.get(f"/a/{body['answer_id']}").get_data(as_text=True)
    assert LINK.search(html) and "See it on the page" in html


def test_the_quote_check_links_to_the_page(client):
    said = "The fictional harbour board agreed to repaint the lighthouse in blue and white stripes."
    match = client.post("/api/quote-check", json={"quote": said}).get_json()["matches"][0]
    assert match["page_url"].startswith("/documents/harbour-board/pages/4?hl=harbour-board--")
    assert match["page_url"].endswith(f":{match['source_start']}-{match['source_end']}")
    html = client.get(f"/quote-check?quote={quote(said)}").get_data(as_text=True)
    assert LINK.search(html) and "See it on the page" in html
