"""The admin token check shared by the editors' dashboard and the reload endpoint (no cookies)."""

from __future__ import annotations

import hmac

from flask import current_app, request

from qa_service.errors import NotFound, QAError


def header_token() -> str:
    """Return the token from the `Authorization` header, with or without its `Bearer ` prefix."""
    return request.headers.get("Authorization", "").removeprefix("Bearer ").strip()


def sent_token() -> str:
    """Return the token from `Authorization: Bearer …`, else from `?token=` (for a browser link)."""
    if request.headers.get("Authorization", "").startswith("Bearer "):
        return header_token()
    return request.args.get("token", "")


def check_admin_token(sent: str, disabled: str) -> None:
    """Refuse a request without the right QA_ADMIN_TOKEN: 404 disabled, 401 missing, 403 wrong."""
    expected = current_app.config.get("ADMIN_TOKEN")
    if not expected:
        raise NotFound(disabled)
    if not sent:
        raise QAError("send the admin token as `Authorization: Bearer …`", code="unauthorized", status=401)
    if not hmac.compare_digest(sent.encode(), str(expected).encode()):
        raise QAError("the admin token is not valid", code="forbidden", status=403)
