"""The admin token check shared by the editors' dashboard, the document library and the reload endpoint.

No cookies: the token comes in `Authorization: Bearer …` or, for a browser link, in `?token=`.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, current_app, request

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


def admin_only(bp: Blueprint, disabled: str) -> None:
    """Put every route of a blueprint behind QA_ADMIN_TOKEN and keep its pages out of caches.

    disabled: the 404 message when no token is configured (401 missing and 403 wrong are the same everywhere).
    """

    @bp.before_request
    def require_token() -> None:
        check_admin_token(sent_token(), disabled)

    @bp.after_request
    def no_store(response: Response) -> Response:
        """Keep pages and token-bearing URLs out of caches and referrers."""
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response
