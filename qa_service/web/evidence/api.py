"""The evidence API and the files behind it: quote boxes per page, page images, the original file."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request, send_file
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from qa_service.errors import BadRequest, NotFound
from qa_service.ingest.pages.images import EvidencePage
from qa_service.web.context import service
from qa_service.web.evidence.context import document, pages
from qa_service.web.evidence.links import Highlight, file_url, page_url

bp = Blueprint("evidence", __name__)
# Anything but a PDF is shown as a page, so it runs in a sandbox: no scripts, no forms, its own origin.
FILE_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"


@bp.get("/api/passages/<path:passage_id>/evidence")
def evidence(passage_id: str) -> ResponseReturnValue:
    """Return the pages a quote (start:end of the passage text; absent = all of it) lies on, boxed."""
    record = service().passage(passage_id)
    start, end = _span(request.args, len(record.text))
    file = document(record.document_id)
    if record.page is None or not file.is_pdf:
        message = (
            f"{file.title!r} has no pages to show; the passage page /passages/{record.id} is the evidence"
        )
        raise NotFound(message, code="no_page_image")
    found = pages().evidence(file, record.page, record.text, start, end, record.words)
    highlight = Highlight(record.id, start, end)
    return jsonify(
        {
            "passage_id": record.id,
            "document_id": file.id,
            "file_url": file_url(file.id),
            "quote": record.text[start:end],
            "ocr": record.ocr,  # a scan: the boxes are where OCR read the words
            "pages": [_page_json(file.id, page, highlight) for page in found],
        }
    )


@bp.get("/documents/<document_id>/file")
def original(document_id: str) -> ResponseReturnValue:
    """Serve the indexed file itself, inline, with its checksum as ETag."""
    file = document(document_id)
    path = pages().verifier.verified(file)
    response = send_file(
        path,
        mimetype=file.media_type,
        download_name=path.name,
        etag=file.checksum,
        conditional=True,
        max_age=300,
    )
    if not file.is_pdf:
        response.headers["Content-Security-Policy"] = FILE_POLICY
    return response


@bp.get("/documents/<document_id>/pages/<int:number>/image.webp")
def image(document_id: str, number: int) -> ResponseReturnValue:
    """Serve one rendered page (WebP), rendered on first use and cached on disk."""
    file = document(document_id)
    if not file.is_pdf:
        raise NotFound(f"{file.title!r} has no pages to show", code="no_page_image")
    rendered = pages().page(file, number)
    tag = rendered.image.stem  # checksum, page and width: the image changes only with one of them
    name = f"{file.id}-page-{number}.webp"
    return send_file(
        rendered.image, "image/webp", download_name=name, etag=tag, conditional=True, max_age=3600
    )


def _span(args: MultiDict[str, str], length: int) -> tuple[int, int]:
    """Return the start:end offsets asked for (the whole passage when both are absent)."""
    raw = (args.get("start"), args.get("end"))
    if raw == (None, None):
        return 0, length
    try:
        start, end = (int(value) for value in raw)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise BadRequest("start and end must both be whole numbers", code="bad_span") from exc
    if not 0 <= start < end <= length:
        raise BadRequest(f"start and end must satisfy 0 <= start < end <= {length}", code="bad_span")
    return start, end


def _page_json(document_id: str, page: EvidencePage, highlight: Highlight) -> dict[str, Any]:
    return {
        "page": page.page,
        "page_label": page.label,
        "image_url": f"{page_url(document_id, page.page)}/image.webp",
        "url": page_url(document_id, page.page, highlight),
        "width": page.width,
        "height": page.height,
        "boxes": [list(box) for box in page.boxes],
    }
