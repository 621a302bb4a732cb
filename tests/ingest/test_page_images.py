"""Pages rendered in the sandbox and cached on disk; quotes boxed from pdfium's character boxes."""

from __future__ import annotations

import io
import os
import time

import pytest
from fixtures.make_docs import make_pdf
from PIL import Image

from qa_service.errors import QAError
from qa_service.ingest.corpus import describe
from qa_service.ingest.pages import images as images_module
from qa_service.ingest.pages.cache import PageCache
from qa_service.ingest.pages.files import SourceFile, Verifier
from qa_service.ingest.pages.images import PageImages
from qa_service.ingest.pages.layout import render_page

PAGES = [
    ["Fictional minutes of the harbour board.", "", "The board agreed that the council will publish"],
    ["one joint plan for every partnership by May.", "", "The meeting closed at noon."],
]


@pytest.fixture
def pdf(tmp_path):
    source = tmp_path / "docs"
    source.mkdir()
    make_pdf(source / "minutes.pdf", PAGES, header="Fictional Harbour Board", footer="Page {page}")
    return source / "minutes.pdf"


def source_of(path) -> SourceFile:
    meta = describe(path, path.parent, title="Minutes")
    return SourceFile(meta.id, "Minutes", "report", None, path, meta.checksum)


@pytest.fixture
def renderer(tmp_path, pdf):
    return PageImages(PageCache(tmp_path / "cache", 50_000_000), Verifier(pdf.parent), width=600)


def test_a_page_renders_as_webp_at_the_width_asked(pdf):
    rendered = render_page(pdf, page=1, width=600)
    image = Image.open(io.BytesIO(rendered.image))
    assert (
        image.format == "WEBP" and image.size == (rendered.width, rendered.height) and rendered.width == 600
    )
    assert rendered.height == pytest.approx(600 * 842 / 595, abs=2)  # A4's shape
    assert all(
        0 <= x0 < x1 <= 600 and 0 <= y0 < y1 <= rendered.height for x0, y0, x1, y1 in rendered.layout.boxes
    )


def test_the_header_sits_at_the_top_of_the_image(pdf):
    layout = render_page(pdf, page=1, width=600).layout
    first = layout.text.index("fictionalharbourboard")
    assert layout.boxes[first][1] < 60  # drawn 40 points below the top edge: ~40 px at this scale


def test_a_quote_across_the_page_break_gets_both_pages(pdf, renderer):
    file = source_of(pdf)
    text = "The board agreed that the council will publish one joint plan for every partnership by May."
    start = text.index("the council")
    found = renderer.evidence(file, 1, text, start, len(text))
    assert [(page.page, len(page.boxes)) for page in found] == [(1, 1), (2, 1)]
    (x0, y0, _, _), (_, v0, _, _) = found[0].boxes[0], found[1].boxes[0]
    assert x0 > 150 and y0 > 60 and v0 < 100  # mid-line on page 1, the first body line of page 2


def test_a_quote_on_one_page_renders_one_page(pdf, renderer):
    file = source_of(pdf)
    text = "one joint plan for every partnership by May. The meeting closed at noon."
    found = renderer.evidence(file, 2, text, text.index("The meeting"), len(text))
    assert [page.page for page in found] == [2] and len(found[0].boxes) == 1


def test_the_second_request_reads_the_cache_and_a_new_worker_shares_it(pdf, renderer, tmp_path, monkeypatch):
    file = source_of(pdf)
    first = renderer.page(file, 1)
    calls = []
    monkeypatch.setattr(images_module, "run_safely", lambda *args: calls.append(args))
    other_worker = PageImages(PageCache(tmp_path / "cache", 50_000_000), Verifier(pdf.parent), width=600)
    again = other_worker.page(file, 1)
    assert calls == [] and again.image == first.image and again.layout == first.layout


def test_past_the_last_page_is_not_found(pdf, renderer):
    with pytest.raises(QAError) as raised:
        renderer.page(source_of(pdf), 3)
    assert (raised.value.status, raised.value.code) == (404, "unknown_page")


def test_a_file_changed_since_indexing_is_refused(pdf, renderer):
    file = source_of(pdf)
    make_pdf(pdf, [["Another fictional text."]])
    with pytest.raises(QAError) as raised:
        renderer.page(file, 1)
    assert (raised.value.status, raised.value.code) == (409, "document_changed")


def test_a_broken_pdf_is_a_clear_error_not_a_crash(tmp_path, renderer):
    broken = tmp_path / "docs" / "broken.pdf"
    broken.parent.mkdir(exist_ok=True)
    broken.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    with pytest.raises(QAError) as raised:
        renderer.page(source_of(broken), 1)
    assert (raised.value.status, raised.value.code) == (422, "render_failed")


def test_the_cache_drops_the_least_recently_used_files_beyond_its_bound(tmp_path):
    cache = PageCache(tmp_path / "c", max_bytes=250)
    for name in ("a", "b"):
        cache.put(name, b"x" * 100)
        time.sleep(0.01)
    past = time.time() - 60
    os.utime(tmp_path / "c" / "a", (past, past))
    os.utime(tmp_path / "c" / "b", (past - 60, past - 60))
    assert cache.get("b") is not None  # read: now the most recently used
    cache.put("c", b"x" * 100)
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["b", "c"]
    assert cache.get("a") is None
