"""JSON Schema of the evidence body (a component of /openapi.json)."""

from __future__ import annotations

from typing import Any

BOX = {"type": "array", "items": {"type": "integer"}, "minItems": 4, "maxItems": 4}
EVIDENCE_PAGE: dict[str, Any] = {
    "type": "object",
    "required": ["page", "page_label", "image_url", "url", "width", "height", "boxes"],
    "properties": {
        "page": {"type": "integer", "minimum": 1, "description": "1-based physical page"},
        "page_label": {"type": ["string", "null"], "description": "printed page label, where defined"},
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
}
SCHEMAS: dict[str, Any] = {
    "Evidence": {
        "type": "object",
        "required": ["passage_id", "document_id", "file_url", "quote", "pages"],
        "properties": {
            "passage_id": {"type": "string"},
            "document_id": {"type": "string"},
            "file_url": {"type": "string", "description": "the original file; add #page=N for a page"},
            "quote": {"type": "string", "description": "the words highlighted"},
            "ocr": {
                "type": "boolean",
                "description": "a scanned page: the boxes are where OCR read the words",
            },
            "pages": {"type": "array", "items": {"$ref": "#/components/schemas/EvidencePage"}},
        },
    },
    "EvidencePage": EVIDENCE_PAGE,
}
