"""Offset page labels end to end: a PDF whose cover pages are i, ii and whose page 1 is the third sheet.

`page` is the physical page (an integer) from the reader through the index to /api/ask; `page_label`
is the printed label, and what citations, passage pages and "Copy citation" text show.
"""

from __future__ import annotations

import json

import pytest
from conftest import NO_RATE_LIMIT
from fixtures.make_docs import make_labelled_report

from qa_service import create_app
from qa_service.index.store import load_index
from qa_service.ingest.build import build_index
from qa_service.ingest.readers import read_blocks

pytestmark = pytest.mark.model

LABELS = [(1, "i"), (2, "ii"), (3, "1"), (4, "2"), (5, "3")]  # (physical page, printed label)
QUESTION = {"question": "What colour will the lighthouse be painted?"}
SOURCE = "https://example.org/reports/harbour-board.pdf"


@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    return make_labelled_report(tmp_path_factory.mktemp("labelled-docs"), SOURCE)


@pytest.fixture(scope="module")
def labelled_app(labelled, tmp_path_factory, real_encoder):
    index = tmp_path_factory.mktemp("labelled-index")
    build_index(labelled, index, real_encoder, progress=False)
    settings = {"TESTING": True, "INDEX_DIR": str(index), "SOURCE_DIR": str(labelled), **NO_RATE_LIMIT}
    settings["DATA_DIR"] = str(tmp_path_factory.mktemp("labelled-data"))
    return create_app(settings, encoder=real_encoder), index


def test_reader_gives_physical_pages_and_printed_labels(labelled):
    blocks = read_blocks(labelled / "harbour-board.pdf")
    assert [(b.page, b.page_label) for b in blocks] == LABELS


def test_index_stores_the_physical_page_as_an_integer(labelled_app):
    _, index = labelled_app
    rows = [json.loads(line) for line in (index / "current" / "passages.jsonl").read_text().splitlines()]
    assert rows and all(isinstance(row["page"], int) for row in rows)
    assert {(row["page"], row["page_label"]) for row in rows} == set(LABELS)
    assert load_index(index).passages


def test_ask_returns_the_physical_page_and_the_label(labelled_app):
    app, _ = labelled_app
    client = app.test_client()
    body = client.post("/api/ask", json=QUESTION).get_json()
    assert body["covered"] is True
    citation = body["citations"][0]
    assert "lighthouse" in citation["quote"]
    assert (citation["page"], citation["page_label"]) == (4, "2")
    assert all(isinstance(p["page"], int) for p in body["passages"])
    page = client.get(citation["url"]).get_data(as_text=True)
    assert "p. 2" in page and "p. 4" not in page  # the printed label, in the title and "Cite this"
    assert f'href="{SOURCE}#page=4"' in page  # the PDF opens at the physical page


def test_permalink_snapshot_shows_the_printed_label(labelled_app):
    app, _ = labelled_app
    client = app.test_client()
    body = client.post("/api/ask", json=QUESTION).get_json()
    html = client.get(f"/a/{body['answer_id']}").get_data(as_text=True)
    assert "page 2" in html and "page 4" not in html
