"""What a view needs from the current app and request, in one place: the service, storage, body, limits."""

from __future__ import annotations

from flask import current_app, request

from qa_service.answering.service import QAService
from qa_service.editorial.db import Storage
from qa_service.errors import BadRequest, NotReady, QAError, StorageUnavailable
from qa_service.web.validation import RequestLimits


def service() -> QAService:
    """Return this worker's question-answering service."""
    return current_app.extensions["qa"]


def document_field(field: str) -> dict[str, str]:
    """Map document id to one metadata field for the documents that have it (empty while not ready)."""
    try:
        documents = service().documents()
    except NotReady:
        return {}
    return {d.id: value for d in documents if (value := getattr(d, field))}


def optional_storage() -> Storage | None:
    """Return the editorial database, or None when it could not be opened at start-up."""
    return current_app.extensions.get("qa_storage")


def storage() -> Storage:
    """Return the editorial database, or raise StorageUnavailable when it could not be opened."""
    found = optional_storage()
    if found is None:
        raise StorageUnavailable("the editorial database is unavailable; see the server log")
    return found


def json_body() -> object:
    """Return the parsed JSON body; 415 when it is not JSON, 400 when it does not parse."""
    if not request.is_json:
        raise QAError("send the body as application/json", code="unsupported_media_type", status=415)
    payload = request.get_json(silent=True)
    if payload is None:
        raise BadRequest("the body is not valid JSON", code="invalid_json")
    return payload


def request_limits() -> RequestLimits:
    """Return the bounds the app config sets on one request."""
    return RequestLimits.from_config(current_app.config)
