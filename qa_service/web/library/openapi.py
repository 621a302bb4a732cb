"""The OpenAPI description of the document library's routes (merged into /openapi.json)."""

from __future__ import annotations

from typing import Any

from qa_service.editorial.library.status import META_FIELDS
from qa_service.web.views.openapi_schemas import REF

STATUSES = ["queued", "running", "done", "failed"]
ERRORS = {"4XX": {"description": "No token (401), wrong token (403), unknown id (404), refused upload "
                  "(409 taken name, 413 too large, 415 not a document type), bad field (400)",
                  "content": {"application/json": {"schema": {"$ref": REF + "Error"}}}}}  # fmt: skip
SECURITY: list[dict[str, list[str]]] = [{"bearer": []}, {}]  # or ?token= from a browser (the forms)
TOKEN = [{"name": "token", "in": "query", "required": False, "schema": {"type": "string"}}]
FIELDS = {name: {"type": "string", "maxLength": 500} for name in META_FIELDS}
SCHEMAS: dict[str, Any] = {
    "LibraryAccepted": {
        "type": "object",
        "required": ["document_id", "job"],
        "properties": {"document_id": {"type": "string"}, "job": {"type": "string"}},
    },
    "LibraryJob": {
        "type": "object",
        "required": ["id", "status", "action", "document_id", "created_at"],
        "properties": {
            "id": {"type": "string"},
            "status": {"enum": STATUSES},
            "action": {"enum": ["upload", "replace", "edit", "delete"]},
            "document_id": {"type": "string"},
            "file_name": {"type": ["string", "null"]},
            "actor": {"type": "string", "description": "the admin token's id, never the token"},
            "created_at": {"type": "string"},
            "error": {"type": "string"},
            "note": {"type": "string"},
            "index_version": {"type": "string"},
        },
    },
    "LibraryDocuments": {
        "type": "object",
        "required": ["documents", "jobs"],
        "properties": {
            "documents": {"type": "array", "items": {"type": "object", "required": ["id", "status"]}},
            "jobs": {"type": "array", "items": {"$ref": REF + "LibraryJob"}},
        },
    },
}


def _change(summary: str, fields: dict[str, Any] | None, path: list[dict[str, Any]]) -> dict[str, Any]:
    """Return a change operation: 202 with its job (API), 303 back to the table (a browser form)."""
    operation: dict[str, Any] = {"summary": summary, "security": SECURITY, "parameters": TOKEN + path}
    if fields is not None:
        schema = {"type": "object", "properties": fields}
        operation["requestBody"] = {"content": {"multipart/form-data": {"schema": schema}}}
    accepted = {"application/json": {"schema": {"$ref": REF + "LibraryAccepted"}}}
    responses = {
        "202": {"description": "Queued", "content": accepted},
        "303": {"description": "To the table"},
    }
    return operation | {"responses": responses | ERRORS}


def _read(summary: str, content: dict[str, Any], path: list[dict[str, Any]]) -> dict[str, Any]:
    """Return a GET operation behind the token."""
    responses = {"200": {"description": "OK", "content": content}} | ERRORS
    return {"summary": summary, "security": SECURITY, "parameters": TOKEN + path, "responses": responses}


def library_paths() -> dict[str, Any]:
    """Return the paths of /admin/documents and /admin/jobs."""
    upload = {"file": {"type": "string", "format": "binary"}, **FIELDS, "csrf_token": {"type": "string"}}
    form = upload | {"action": {"enum": ["update", "delete"]}}
    doc = [{"name": "document_id", "in": "path", "required": True, "schema": {"type": "string"}}]
    job = [{"name": "job_id", "in": "path", "required": True, "schema": {"type": "string"}}]
    listing = {"application/json": {"schema": {"$ref": REF + "LibraryDocuments"}}, "text/html": {}}
    return {
        "/admin/documents": {
            "get": _read("Every document and its status (HTML, or JSON on Accept)", listing, []),
            "post": _change("Add a document (multipart `file` + sidecar fields)", upload, []),
        },
        "/admin/documents/{document_id}": {
            "put": _change("Replace the file and/or the fields", upload, doc),
            "post": _change("A browser form's replace or delete (field `action`)", form, doc),
            "delete": _change("Delete the document", None, doc),
        },
        "/admin/jobs/{job_id}": {
            "get": _read(
                "A job's status", {"application/json": {"schema": {"$ref": REF + "LibraryJob"}}}, job
            ),
        },
    }
