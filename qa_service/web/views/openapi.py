"""The OpenAPI 3.1 description of every route at /openapi.json; tests/test_openapi.py keeps it in sync."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from qa_service.web.context import request_limits
from qa_service.web.evidence.schemas import SCHEMAS as EVIDENCE_SCHEMAS
from qa_service.web.library.openapi import SCHEMAS as LIBRARY_SCHEMAS
from qa_service.web.library.openapi import library_paths
from qa_service.web.validation import RequestLimits
from qa_service.web.views.openapi_schemas import REF, SHORT, schemas, text, top_k

bp = Blueprint("openapi", __name__)
ERRORS = {
    400: "The request is malformed or a field is invalid.",
    401: "A bearer token is required.",
    403: "The bearer token is not valid.",
    404: "Not found.",
    409: "The file changed since it was indexed.",
    405: "Method not allowed.",
    413: "The request body is too large.",
    415: "The body must be application/json.",
    422: "The document's page could not be rendered.",
    429: "Too many requests from this client; see Retry-After.",
    503: "No valid index is loaded; the reason is in the message.",
}


# a retried POST (the load balancer after a replica died) with the same key is stored once
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "A random token per feedback (1-64 printable ASCII); a repeat returns the first id.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 64},
}


def _json(schema: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": REF + schema}}}


def operation(
    summary: str,
    ok: str | None,
    errors: tuple[int, ...] | dict[str, Any] = (),
    ok_status: str = "200",
    **extra: Any,
) -> dict[str, Any]:
    """Return one operation: its success body (a schema name, or None for non-JSON) and its error bodies."""
    success = {"description": "OK", "content": _json(ok)} if ok else {"description": "OK"}
    if not isinstance(errors, dict):
        errors = {str(s): {"description": ERRORS[s], "content": _json("Error")} for s in errors}
    return {"summary": summary, "responses": {ok_status: success} | errors, **extra}


def page(
    summary: str, parameters: list[dict[str, Any]] | None = None, media: str = "text/html", **extra: Any
) -> dict[str, Any]:
    """Return a GET operation for a page: HTML (or media) for people, errors rendered as pages too."""
    body = {"description": "A page", "content": {media: {}}}
    # domain errors render as pages; routing errors (e.g. an unmatchable path) use the JSON error shape
    errors = {"description": "An error page", "content": {"text/html": {}} | _json("Error")}
    responses = {"default": body, "4XX": errors}
    return {"get": {"summary": summary, "parameters": parameters or [], "responses": responses, **extra}}


def admin_page(summary: str, media: str) -> dict[str, Any]:
    """Return a token-protected editors' page: the page, or a JSON error for a missing or wrong token."""
    errors = {
        "4XX": {"description": "Disabled, no token, wrong token or bad days", "content": _json("Error")}
    }
    days = [_query("days", {"type": "integer", "minimum": 1}), _query("token", {"type": "string"})]
    operation = {"summary": summary, "parameters": days, "security": [{"bearer": []}, {}]}
    return {"get": operation | {"responses": {"200": {"description": "OK", "content": {media: {}}}} | errors}}


def _query(name: str, schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "schema": schema}


FILTER_PARAMS = [_query(name, SHORT) for name in ("kind", "council", "document")]
API = (405, 429, 503)
SPAN = [_query(name, {"type": "integer", "minimum": 0}) for name in ("start", "end")]
DOCUMENT = [{"name": "document_id", "in": "path", "required": True, "schema": {"type": "string"}}]
PAGE = [{"name": "number", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}]
HL = _query("hl", {"type": "string", "pattern": "^[A-Za-z0-9._~-]+:[0-9]+-[0-9]+$"})


def document(limits: RequestLimits) -> dict[str, Any]:
    """Return the OpenAPI 3.1 document for the service, its bounds those of the app's config."""
    question = _query("q", text(limits.max_question_chars), True)
    search_params = [question, _query("k", top_k(limits)), *FILTER_PARAMS]
    quote_params = [_query("quote", text(limits.max_quote_chars), True), _query("document", SHORT)]
    ask_body = {"required": True, "content": _json("AskRequest")}
    passage_id = [{"name": "passage_id", "in": "path", "required": True, "schema": {"type": "string"}}]
    admin: list[dict[str, list[str]]] = [{"bearer": []}]
    answer_id = [{"name": "answer_id", "in": "path", "required": True, "schema": {"type": "string"}}]
    not_ready = {"503": {"description": "Not ready, with the reason", "content": _json("Status")}}
    paths = {
        "/api/ask": {
            "post": operation(
                "Answer with cited verbatim quotes", "Answer", (400, 413, 415, *API), requestBody=ask_body
            )
        },
        "/api/quote-check": {
            "post": operation(
                "Check a quote: exact, close (with a word diff) or not found",
                "QuoteCheck",
                (400, 413, 415, *API),
                requestBody={"required": True, "content": _json("QuoteCheckRequest")},
            )
        },
        "/api/search": {
            "get": operation("Rank passages for q", "SearchResults", (400, *API), parameters=search_params)
        },
        "/api/passages/{passage_id}": {
            "get": operation("One passage by id", "Passage", (404, *API), parameters=passage_id)
        },
        "/api/documents": {"get": operation("The indexed documents", "Documents", API)},
        "/api/passages/{passage_id}/evidence": {
            "get": operation(
                "The pages a quote lies on: page images and one box per line of the quoted words",
                "Evidence",
                (400, 404, 409, 422, *API),
                parameters=[*passage_id, *SPAN],
            )
        },
        "/documents": page("Every indexed document, with its pages and a link to the original"),
        "/documents/{document_id}/file": page("The original file, as indexed", DOCUMENT, media="*/*"),
        "/documents/{document_id}/pages/{number}": page(
            "One page of a PDF; ?hl=<passage id>:<start>-<end> outlines a quote on it", [*DOCUMENT, *PAGE, HL]
        ),
        "/documents/{document_id}/pages/{number}/image.webp": page(
            "One page of a PDF, rendered", [*DOCUMENT, *PAGE], media="image/webp"
        ),
        "/api/recommendations": {
            "get": operation(
                "The documents' recommendations, verbatim, by addressee",
                "Recommendations",
                (400, *API),
                parameters=FILTER_PARAMS,
            )
        },
        "/api/feedback": {
            "post": operation(
                "Rate a stored answer up or down",
                "FeedbackSaved",
                (400, 404, 413, 415, *API),
                ok_status="201",
                requestBody={"required": True, "content": _json("Feedback")},
                parameters=[IDEMPOTENCY_KEY],
            )
        },
        "/a/{answer_id}": page("A stored answer, its citations checked against the live index", answer_id),
        "/admin/": admin_page("The editors' dashboard (bearer token or ?token=)", "text/html"),
        "/admin/export.csv": admin_page("The editors' export (bearer token or ?token=)", "text/csv"),
        "/admin/reload": {
            "post": operation(
                "Load a newly published index (bearer token)",
                "Reload",
                (401, 403, 404, 429, 503),
                security=admin,
            )
        },
        "/healthz": {"get": operation("Liveness", "Status")},
        "/readyz": {"get": operation("Readiness; 503 with the reason when not ready", "Status", not_ready)},
        "/": page("The chat page"),
        "/search": page("A cited answer rendered server-side (no JavaScript needed)", [question]),
        "/quote-check": page("A quote checked server-side (no JavaScript needed)", quote_params),
        "/passages/{passage_id}": page("One passage as a citable page; ?hl=start-end highlights", passage_id),
        "/widget.js": page("The embeddable <qa-widget> script", media="text/javascript"),
        "/metrics": {"get": operation("Prometheus metrics of this worker", None)},
        "/openapi.json": {"get": operation("This document", None)},
    } | library_paths()
    return {
        "openapi": "3.1.0",
        "info": {"title": "qa_service", "version": "1", "description": "Cited answers over the LGIU report."},
        "paths": paths,
        "components": {
            "schemas": schemas(limits) | LIBRARY_SCHEMAS | EVIDENCE_SCHEMAS,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


@bp.get("/openapi.json")
def openapi_json() -> ResponseReturnValue:
    """Serve the OpenAPI document."""
    return jsonify(document(request_limits()))
