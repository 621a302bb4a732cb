"""JSON Schemas of the API's request and response bodies (components of /openapi.json)."""

from __future__ import annotations

from typing import Any

from qa_service.web.validation import FILTER_MAX_CHARS, RequestLimits
from qa_service.web.views.feedback import MAX_COMMENT_CHARS

REF = "#/components/schemas/"
SHORT = {"type": "string", "maxLength": FILTER_MAX_CHARS}
STRING = {"type": "string"}
PAGE_LABEL = {"type": ["string", "null"], "description": "printed page label, where defined"}
OCR = {"type": "boolean", "description": "text read by OCR from a scanned page"}


def record(required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    """Return the schema of a JSON object with these required keys and properties."""
    return {"type": "object", "required": required, "properties": properties}


def list_of(name: str) -> dict[str, Any]:
    """Return the schema of an array of one component schema."""
    return {"type": "array", "items": {"$ref": REF + name}}


def page_fields(nullable: bool = True) -> dict[str, Any]:
    """Return the page and page_label properties of a record on a PDF page (page null when it has none)."""
    kind: str | list[str] = ["integer", "null"] if nullable else "integer"
    return {
        "page": {"type": kind, "minimum": 1, "description": "1-based physical page"},
        "page_label": PAGE_LABEL,
    }


SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "additionalProperties": False,
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "additionalProperties": False,
                "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
            }
        },
    },
    "Turn": {
        "type": "object",
        "required": ["question"],
        "properties": {"question": {"type": "string"}, "answer": {"type": "string"}},
    },
    "Passage": record(
        ["id", "document", "document_id", "text", "url"],
        {
            "id": STRING,
            "document": STRING,
            "document_id": STRING,
            "kind": {"type": ["string", "null"]},
            "section": {"type": ["string", "null"]},
            **page_fields(),
            "text": STRING,
            "url": STRING,
            "score": {"type": "number"},
            "ocr": OCR,
        },
    ),
    "Citation": record(
        ["n", "passage_id", "document", "quote", "url"],
        {
            "n": {"type": "integer"},
            "passage_id": STRING,
            "document": STRING,
            **page_fields(),
            "quote": {"type": "string", "minLength": 1},
            "url": STRING,
            "ocr": OCR,
            "page_url": {"type": ["string", "null"], "description": "the quote on the page image"},
        },
    ),
    "Answer": {
        "type": "object",
        "required": ["question", "answer", "covered", "citations", "passages", "index_version"],
        "properties": {
            "question": {"type": "string"},
            "answer": {"type": "string"},
            "covered": {"type": "boolean"},
            "citations": {"type": "array", "items": {"$ref": REF + "Citation"}},
            "passages": {"type": "array", "items": {"$ref": REF + "Passage"}},
            "index_version": {"type": "string"},
            "answering_from": {
                "type": "array",
                "description": "the documents the answer was scoped to: named in the question, or filtered",
                "items": {
                    "type": "object",
                    "required": ["document_id", "document"],
                    "properties": {"document_id": {"type": "string"}, "document": {"type": "string"}},
                },
            },
            "answer_id": {"type": ["string", "null"], "description": "null if it was not stored"},
            "permalink": {"type": ["string", "null"], "description": "absolute URL of /a/{answer_id}"},
        },
    },
    "SearchResults": {
        "type": "object",
        "required": ["query", "results", "index_version"],
        "properties": {
            "query": {"type": "string"},
            "results": {"type": "array", "items": {"$ref": REF + "Passage"}},
            "index_version": {"type": "string"},
        },
    },
    "Documents": {
        "type": "object",
        "required": ["documents", "index_version"],
        "properties": {
            "documents": {
                "type": "array",
                "items": {"type": "object", "required": ["id", "title", "file_url"]},
            },
            "index_version": {"type": "string"},
        },
    },
    "Reload": {
        "type": "object",
        "required": ["reloaded", "index_version"],
        "properties": {"reloaded": {"type": "boolean"}, "index_version": {"type": "string"}},
    },
    "Feedback": {
        "type": "object",
        "required": ["answer_id", "rating"],
        "additionalProperties": False,
        "properties": {
            "answer_id": {"type": "string", "minLength": 1, "maxLength": 64},
            "rating": {"enum": ["up", "down"]},
            "comment": {"type": "string", "maxLength": MAX_COMMENT_CHARS},
        },
    },
    "FeedbackSaved": {
        "type": "object",
        "required": ["id", "answer_id", "rating"],
        "properties": {
            "id": {"type": "integer"},
            "answer_id": {"type": "string"},
            "rating": {"type": "string"},
        },
    },
    "Recommendations": {
        "type": "object",
        "required": ["groups", "count", "mentions", "index_version"],
        "properties": {
            "groups": {
                "type": "array",
                "items": {"type": "object", "required": ["addressee", "recommendations"]},
            },
            "count": {"type": "integer", "minimum": 0},
            "mentions": {"type": "array", "items": {"$ref": REF + "Citation"}},
            "index_version": {"type": "string"},
        },
    },
    "DiffOp": {
        "type": "object",
        "required": ["op", "source", "quote", "flags"],
        "properties": {
            "op": {"enum": ["equal", "insert", "delete", "replace"]},
            "source": {"type": "string", "description": "the document's words, typos kept"},
            "quote": {"type": "string"},
            "flags": {"type": "array", "items": {"enum": ["number", "negation", "entity", "elided"]}},
        },
    },
    "QuoteMatch": {
        "type": "object",
        "required": ["passage_id", "document", "page", "page_label", "section", "source_text", "similarity"],
        "properties": {
            "passage_id": {"type": "string"},
            "document": {"type": "string"},
            "page": {"type": ["integer", "null"], "description": "physical page"},
            "page_label": {"type": ["string", "null"], "description": "printed page label"},
            "section": {"type": ["string", "null"]},
            "part": {"type": "integer", "minimum": 0},
            "source_text": {"type": "string", "minLength": 1},
            "similarity": {"type": "number", "minimum": 0, "maximum": 1},
            "diff": {"type": "array", "items": {"$ref": REF + "DiffOp"}},
            "citation": {"type": "string"},
            "page_url": {"type": ["string", "null"], "description": "the source span on the page image"},
        },
    },
    "QuoteCheck": {
        "type": "object",
        "required": ["quote", "verdict", "matches", "nearest", "index_version"],
        "properties": {
            "quote": {"type": "string"},
            "verdict": {"enum": ["exact", "close", "not_found"]},
            "parts": {"type": "integer", "minimum": 1},
            "flags": {"type": "array", "items": {"type": "string"}},
            "matches": {"type": "array", "items": {"$ref": REF + "QuoteMatch"}},
            "nearest": {"type": "array", "items": {"$ref": REF + "Passage"}},
            "index_version": {"type": "string"},
        },
    },
    "Status": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string"}}},
}


def text(max_chars: int) -> dict[str, Any]:
    """Return the schema of a question or quote: non-blank text of at most max_chars characters."""
    return {"type": "string", "minLength": 1, "maxLength": max_chars, "pattern": "[A-Za-z0-9]"}


def top_k(limits: RequestLimits) -> dict[str, Any]:
    """Return the schema of k, the number of passages asked for."""
    return {"type": "integer", "minimum": 1, "maximum": limits.max_k}


def schemas(limits: RequestLimits) -> dict[str, Any]:
    """Return every body schema, the request bodies' bounds taken from the app's limits."""
    ask = {
        "type": "object",
        "required": ["question"],
        "additionalProperties": False,
        "properties": {
            "question": text(limits.max_question_chars),
            "k": top_k(limits),
            "history": {"type": "array", "maxItems": limits.max_history, "items": {"$ref": REF + "Turn"}},
            "kind": SHORT,
            "council": SHORT,
            "document": SHORT,
        },
    }
    quote = {
        "type": "object",
        "required": ["quote"],
        "additionalProperties": False,
        "properties": {"quote": text(limits.max_quote_chars), "document": SHORT},
    }
    return SCHEMAS | {"AskRequest": ask, "QuoteCheckRequest": quote}
