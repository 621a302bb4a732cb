"""What an upload request carries: the file, the sidecar fields, and (from a browser form) a CSRF token."""

from __future__ import annotations

from typing import IO

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from qa_service.editorial.library.status import META_FIELDS
from qa_service.errors import BadRequest, QAError

MAX_FIELD_CHARS = 500
CSRF_SECONDS = 4 * 3600  # a form left open this long must be reloaded before it is sent


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(str(current_app.config["ADMIN_TOKEN"]), salt="library-form")


def csrf_token() -> str:
    """Return a token for the browser form, signed with the admin token (no cookie or session needed)."""
    return str(_signer().dumps("library"))


def check_csrf() -> None:
    """Refuse a form post without a valid CSRF token; a bearer-token API call needs none."""
    if request.headers.get("Authorization", "").startswith("Bearer "):
        return  # a browser cannot send this header cross-site without a CORS preflight we never grant
    try:
        _signer().loads(request.form.get("csrf_token", ""), max_age=CSRF_SECONDS)
    except BadSignature as exc:
        message = "the form's CSRF token is missing or expired: reload the page"
        raise QAError(message, code="csrf_failed", status=403) from exc


def upload_limit() -> int:
    """Return the largest upload body accepted, in bytes (QA_MAX_UPLOAD_MB plus room for the form fields)."""
    return int(current_app.config["MAX_UPLOAD_MB"]) * 1024 * 1024 + 64 * 1024


def uploaded_file(required: bool) -> tuple[IO[bytes], str] | None:
    """Return the `file` part's stream and name, or None (BadRequest when required and missing)."""
    part = request.files.get("file")
    if part is None or not part.filename:
        if required:
            raise BadRequest("send the document as the multipart field `file`", code="missing_file")
        return None
    return part.stream, part.filename


def metadata() -> dict[str, str]:
    """Return the sidecar fields sent (title, kind, council, publisher, date, source_url), validated."""
    found = {}
    for name in META_FIELDS:
        value = request.form.get(name)
        if value is None:
            continue
        value = " ".join(value.split())
        if len(value) > MAX_FIELD_CHARS:
            raise BadRequest(f"`{name}` is longer than {MAX_FIELD_CHARS} characters", code="invalid_field")
        if name == "source_url" and value and not value.startswith(("https://", "http://")):
            raise BadRequest("`source_url` must start with https:// or http://", code="invalid_field")
        found[name] = value
    return found
