"""JSON Schema of the evidence body (a component of /openapi.json)."""

from __future__ import annotations

from typing import Any

from qa_service.web.views.openapi_schemas import STRING, list_of, page_fields, record

SCANNED = {"type": "boolean", "description": "a scanned page: the boxes are where OCR read the words"}
BOX = {"type": "array", "items": {"type": "integer"}, "minItems": 4, "maxItems": 4}
EVIDENCE_PAGE = record(
    ["page", "page_label", "image_url", "url", "width", "height", "boxes"],
    {
        **page_fields(nullable=False),
        "image_url": {"type": "string", "description": "the rendered page (WebP)"},
        "url": {"type": "string", "description": "the page view with the quote highlighted"},
        "width": {"type": "integer", "minimum": 1},
        "height": {"type": "integer", "minimum": 1},
        "boxes": {
            "type": "array",
            "items": BOX,
            "description": "one [x0, y0, x1, y1] per line of the quoted words, image pixels, origin top-left",
        },
    },
)
SCHEMAS: dict[str, Any] = {
    "Evidence": record(
        ["passage_id", "document_id", "file_url", "quote", "pages"],
        {
            "passage_id": STRING,
            "document_id": STRING,
            "file_url": {"type": "string", "description": "the original file; add #page=N for a page"},
            "quote": {"type": "string", "description": "the words highlighted"},
            "ocr": SCANNED,
            "pages": list_of("EvidencePage"),
        },
    ),
    "EvidencePage": EVIDENCE_PAGE,
}
