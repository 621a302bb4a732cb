"""The evidence routes over a fictional PDF and a text note: JSON, the page view, the original file."""

from __future__ import annotations

import re

import pytest
from fixtures.make_docs import make_labelled_report

from qa_service.ingest.build import build_index

NOTE = {"note.txt": "A fictional note about the quay.\n\nThe quay was swept on Monday."}


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "docs").mkdir()
    make_labelled_report(tmp_path / "docs")
    return tmp_path


@pytest.fixture
def app(folder, fake_app_factory):
    return fake_app_factory(NOTE)


@pytest.fixture
def client(app):
    return app.test_client()


def fetch(client, path: str, **kwargs):
    """GET a file route and close the response (a served file stays open until then)."""
    response = client.get(path, **kwargs)
    response.get_data()
    response.close()
    return response


def passage_with(client, word: str) -> dict:
    results = client.get(f"/api/search?q={word}&k=10").get_json()["results"]
    return next(p for p in results if word in p["text"])


def test_evidence_boxes_the_quote_on_its_page(client):
    passage = passage_with(client, "lighthouse")
    start = passage["text"].index("repaint")
    end = start + len("repaint the lighthouse")
    body = client.get(f"/api/passages/{passage['id']}/evidence?start={start}&end={end}").get_json()
    assert body["passage_id"] == passage["id"] and body["document_id"] == "harbour-board"
    assert body["file_url"] == "/documents/harbour-board/file" and body["quote"] == "repaint the lighthouse"
    [page] = body["pages"]
    assert (page["page"], page["page_label"]) == (4, "2")
    assert page["image_url"] == "/documents/harbour-board/pages/4/image.webp"
    assert page["url"] == f"/documents/harbour-board/pages/4?hl={passage['id']}:{start}-{end}"
    [(x0, y0, x1, y1)] = page["boxes"]
    assert 0 < x0 < x1 < page["width"] and 0 < y0 < y1 < page["height"] / 4  # the first line, near the top
    whole = client.get(f"/api/passages/{passage['id']}/evidence").get_json()["pages"][0]["boxes"][0]
    assert whole[0] < x0 and whole[2] > x1  # absent offsets: the whole passage, a wider box


@pytest.mark.parametrize(
    "query", ["start=5", "start=a&end=9", "start=9&end=3", "start=0&end=100000", "start=-1&end=3"]
)
def test_a_bad_span_is_a_400(client, query):
    passage = passage_with(client, "lighthouse")
    response = client.get(f"/api/passages/{passage['id']}/evidence?{query}")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad_span"


def test_a_document_without_pages_has_no_page_image(client):
    passage = passage_with(client, "swept")
    response = client.get(f"/api/passages/{passage['id']}/evidence")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "no_page_image"
    assert passage_with(client, "swept")["page"] is None
    assert client.get("/documents/note/pages/1").status_code == 404


def test_unknown_passage_is_a_404(client):
    response = client.get("/api/passages/no-such-passage/evidence")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_the_original_file_is_the_same_bytes_served_inline(client, folder):
    response = fetch(client, "/documents/harbour-board/file")
    assert response.status_code == 200
    assert response.data == (folder / "docs" / "harbour-board.pdf").read_bytes()
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == "inline; filename=harbour-board.pdf"
    etag = response.headers["ETag"]
    assert fetch(client, "/documents/harbour-board/file", headers={"If-None-Match": etag}).status_code == 304
    note = fetch(client, "/documents/note/file")
    assert note.data == (folder / "docs" / "note.txt").read_bytes() and note.mimetype == "text/plain"
    assert "sandbox" in note.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path",
    [
        "/documents/..%2F..%2Fetc%2Fpasswd/file",
        "/documents/../../etc/passwd/file",
        "/documents/%2E%2E/file",
        "/documents/harbour-board.pdf/file",
        "/documents/no-such-document/file",
        "/documents/no-such-document/pages/1/image.webp",
    ],
)
def test_traversal_or_an_unknown_id_is_a_404_json(client, path):
    response = fetch(client, path)
    assert response.status_code == 404 and response.is_json
    assert set(response.get_json()["error"]) == {"code", "message"}


def test_the_page_image_is_served_and_cached(client, app):
    response = fetch(client, "/documents/harbour-board/pages/4/image.webp")
    assert (
        response.status_code == 200 and response.mimetype == "image/webp" and response.data[8:12] == b"WEBP"
    )
    again = fetch(
        client,
        "/documents/harbour-board/pages/4/image.webp",
        headers={"If-None-Match": response.headers["ETag"]},
    )
    assert again.status_code == 304
    assert fetch(client, "/documents/harbour-board/pages/9/image.webp").status_code == 404


def test_the_page_view_draws_the_highlight_with_a_text_alternative(client):
    passage = passage_with(client, "lighthouse")
    start = passage["text"].index("repaint")
    end = start + len("repaint the lighthouse")
    html = client.get(f"/documents/harbour-board/pages/4?hl={passage['id']}:{start}-{end}").get_data(
        as_text=True
    )
    assert html.count("<rect ") == 1
    assert (
        'alt="Page 2 of Fictional Harbour Board Report, with the quoted words outlined: '
        '“repaint the lighthouse”"' in html
    )
    assert "Page 2 (sheet 4) of 5" in html
    assert 'href="/documents/harbour-board/file#page=4">Open the original at this page' in html
    assert f'rel="prev" href="/documents/harbour-board/pages/3?hl={passage["id"]}:{start}-{end}"' in html
    assert 'rel="next"' in html and "Copy citation" in html
    assert re.search(r'Fictional Harbour Board Report, p\. 2, (&#34;|")repaint the lighthouse', html)


def test_the_page_view_without_a_highlight_and_at_the_ends(client):
    first = client.get("/documents/harbour-board/pages/1").get_data(as_text=True)
    assert "<rect" not in first and 'rel="prev"' not in first and 'rel="next"' in first and "Page i " in first
    last = client.get("/documents/harbour-board/pages/5").get_data(as_text=True)
    assert 'rel="next"' not in last


def test_the_page_view_of_a_quote_on_another_page_says_so(client):
    passage = passage_with(client, "lighthouse")
    html = client.get(f"/documents/harbour-board/pages/5?hl={passage['id']}:0-10").get_data(as_text=True)
    assert "<rect" not in html and "not outlined on this page image" in html


@pytest.mark.parametrize("hl", ["note--0:0-5", "nonsense:0-5"])
def test_a_highlight_from_elsewhere_is_an_error_page(client, hl):
    note = passage_with(client, "swept")["id"]
    response = client.get(f"/documents/harbour-board/pages/4?hl={hl.replace('note--0', note)}")
    assert response.status_code in (400, 404) and response.mimetype == "text/html"


def test_unknown_pages_render_as_error_pages(client):
    for path in (
        "/documents/harbour-board/pages/0",
        "/documents/harbour-board/pages/6",
        "/documents/nope/pages/1",
    ):
        response = client.get(path)
        assert response.status_code == 404 and response.mimetype == "text/html"


def test_the_documents_page_and_api_list_every_file(client):
    html = client.get("/documents").get_data(as_text=True)
    assert "Fictional Harbour Board Report" in html and 'href="/documents/harbour-board/pages/1"' in html
    assert "<td>5</td>" in html and 'href="/documents/note/file"' in html
    listed = client.get("/api/documents").get_json()["documents"]
    assert {d["id"]: d["file_url"] for d in listed} == {
        "harbour-board": "/documents/harbour-board/file",
        "note": "/documents/note/file",
    }


def test_the_passage_page_links_to_the_page_and_shows_no_paragraph_count(client):
    passage = passage_with(client, "lighthouse")
    html = client.get(f"/passages/{passage['id']}?hl=0-10").get_data(as_text=True)
    assert f'href="/documents/harbour-board/pages/4?hl={passage["id"]}:0-10">See it on the page' in html
    assert "Paragraph" not in html
    note = client.get(f"/passages/{passage_with(client, 'swept')['id']}").get_data(as_text=True)
    assert "See it on the page" not in note and "Paragraph" in note


def test_an_index_swap_keeps_the_cache_of_unchanged_documents(folder, app, fake_app_factory, fake_encoder):
    client = app.test_client()
    assert fetch(client, "/documents/harbour-board/pages/2/image.webp").status_code == 200
    cache = folder / "data" / "page-cache"
    before = {p.name: p.stat().st_mtime_ns for p in cache.glob("*-p2-*")}
    (folder / "docs" / "extra.txt").write_text("A fictional extra note.", encoding="utf-8")
    build_index(folder / "docs", folder / "index", fake_encoder, progress=False)
    swapped = fake_app_factory(NOTE).test_client()
    assert fetch(swapped, "/documents/harbour-board/pages/2/image.webp").status_code == 200
    assert {p.name for p in cache.glob("*-p2-*")} == set(before)  # same key: the checksum did not change
