"""The public pages of the documents: the list with links to the originals, and one page as evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, render_template, request, url_for
from flask.typing import ResponseReturnValue

from qa_service import config as defaults
from qa_service.errors import BadRequest, NotFound, QAError
from qa_service.ingest.pages.cache import PageCache
from qa_service.ingest.pages.files import SourceFile, Verifier
from qa_service.ingest.pages.images import PageImages
from qa_service.models import DocumentMeta
from qa_service.web.context import document_field, service
from qa_service.web.evidence import api
from qa_service.web.evidence.context import document, pages
from qa_service.web.evidence.links import Highlight, file_url, page_url, parse_highlight
from qa_service.web.html import citing
from qa_service.web.views.pages import html_error

bp = Blueprint("documents", __name__)
bp.register_error_handler(QAError, html_error)  # a missing document or page renders as a page
MB = 1024 * 1024


def init_evidence(app: Flask) -> None:
    """Give each worker its page renderer over the shared cache folder, and register the routes."""
    folder = app.config["PAGE_CACHE_DIR"] or Path(str(app.config["DATA_DIR"])) / "page-cache"
    cache = PageCache(Path(str(folder)), int(app.config["PAGE_CACHE_MB"]) * MB)
    verifier = Verifier(defaults.source_dir(app.config))
    app.extensions["qa_pages"] = PageImages(cache, verifier, int(app.config["PAGE_IMAGE_WIDTH"]))
    app.register_blueprint(api.bp)  # /api/passages/<id>/evidence, /documents/<id>/file, page images
    app.register_blueprint(bp)  # /documents, /documents/<id>/pages/<n>


@bp.get("/documents")
def listing() -> ResponseReturnValue:
    """List every indexed document: title, kind, council, pages and a link to the original."""
    rows = [_row(entry) for entry in service().documents()]
    return render_template("documents.html", documents=rows)


@bp.get("/documents/<document_id>/pages/<int:number>")
def page(document_id: str, number: int) -> ResponseReturnValue:
    """Render one page of a PDF; ?hl=<passage id>:<start>-<end> boxes a quote on it."""
    file = document(document_id)
    if not file.is_pdf:
        raise NotFound(f"{file.title!r} has no pages to show", code="no_page_image")
    shown, facts = pages().page(file, number), pages().facts(file)
    highlight = parse_highlight(request.args.get("hl"))
    quote, boxes, scanned = _highlighted(file, number, highlight) if highlight else (None, (), False)
    label = facts.labels[number - 1] or str(number)
    here = url_for("documents.page", document_id=file.id, number=number, _external=True)
    return render_template(
        "page_view.html",
        file=file,
        page=number,
        pages=facts.pages,
        label=label,
        image=page_url(file.id, number) + "/image.webp",
        width=shown.width,
        height=shown.height,
        quote=quote,
        boxes=boxes,
        scanned=scanned,
        passage_url=f"/passages/{highlight.passage_id}?hl={highlight.start}-{highlight.end}"
        if highlight
        else None,
        neighbours={
            n: page_url(file.id, n, highlight) for n in (number - 1, number + 1) if 1 <= n <= facts.pages
        },
        original=f"{file_url(file.id)}#page={number}",
        cite=_cite(file, label, quote, here + (f"?hl={highlight.param}" if highlight else "")),
    )


def _highlighted(file: SourceFile, number: int, highlight: Highlight) -> tuple[str, tuple[Any, ...], bool]:
    """Return the quote, its boxes on this page (none when it lies elsewhere or was not found) and
    whether its text was read by OCR from a scan."""
    passage = service().passage(highlight.passage_id)
    if passage.document_id != file.id or passage.page is None or highlight.end > len(passage.text):
        raise BadRequest("the highlight names a passage or span outside this document", code="bad_highlight")
    found = pages().evidence(file, passage.page, passage.text, highlight.start, highlight.end, passage.words)
    boxes = next((p.boxes for p in found if p.page == number), ())
    return passage.text[highlight.start : highlight.end], boxes, passage.ocr


def _cite(file: SourceFile, label: str, quote: str | None, url: str) -> str:
    publisher = document_field("publisher").get(file.id)
    if quote:
        return citing.citation_text(title=file.title, quote=quote, publisher=publisher, page=label, url=url)
    parts = [citing.short_publisher(publisher)] if publisher else []
    return ", ".join([*parts, file.title, f"p. {label}", url])


def _row(entry: DocumentMeta) -> dict[str, Any]:
    """Return one document as the list shows it; a file that cannot be opened shows no page count."""
    row = {key: getattr(entry, key) for key in ("id", "title", "kind", "council", "passages")}
    row |= {"file_url": file_url(entry.id), "pages": None, "first_page": None}
    try:
        file = document(entry.id)
        pages().verifier.verified(file)
        if file.is_pdf:
            row |= {"pages": pages().facts(file).pages, "first_page": page_url(file.id, 1)}
    except QAError:
        row["file_url"] = None
    return row
