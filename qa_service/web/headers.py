"""Response headers: a strict nonce-based CSP on pages, nosniff, a referrer policy, and CORS for /api/*."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from flask import Flask, Response, current_app, g, request

# Markup is never sniffed into something else; JSON stays JSON even when a browser is tempted.
STATIC_HEADERS = {"X-Content-Type-Options": "nosniff"}


def csp_nonce() -> str:
    """Return this request's CSP nonce, creating it on first use."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return str(g.csp_nonce)


def content_security_policy(nonce: str, frame_ancestors: str) -> str:
    """Return the page CSP: own files plus nonce-tagged inline code, no plugins, no <base> tricks."""
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            f"style-src 'self' 'nonce-{nonce}'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


def init_security(app: Flask) -> None:
    """Expose csp_nonce() to templates and add the headers to every response."""
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.after_request(_add_headers)


def _add_headers(response: Response) -> Response:
    config = current_app.config
    for name, value in STATIC_HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Referrer-Policy", str(config["REFERRER_POLICY"]))
    if response.mimetype == "text/html":
        policy = content_security_policy(csp_nonce(), str(config["FRAME_ANCESTORS"]))
        response.headers.setdefault("Content-Security-Policy", policy)
    elif response.is_json:
        # a JSON body rendered as a document can do nothing and be framed by no one
        response.headers.setdefault("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
    return response


# --- CORS: /api/* only, and only for the exact origins listed in QA_ALLOWED_ORIGINS ---

API_PREFIX = "/api/"
PREFLIGHT_MAX_AGE = "600"  # seconds a browser may reuse a preflight answer


def parse_origins(value: object) -> frozenset[str]:
    """Return the allowed origins from a comma-separated string or a list; '*' is never honoured."""
    items: Iterable[object] = value.split(",") if isinstance(value, str) else (value or [])  # type: ignore[assignment]
    origins = {str(item).strip().rstrip("/") for item in items}
    return frozenset(o for o in origins if o and o != "*")


def init_cors(app: Flask) -> None:
    """Echo an allowed Origin on /api/* responses (preflights included); never allow credentials."""
    allowed = parse_origins(app.config.get("ALLOWED_ORIGINS", ""))

    @app.after_request
    def _cors(response: Response) -> Response:
        if not request.path.startswith(API_PREFIX):
            return response
        response.vary.add("Origin")  # caches must not serve one origin's answer to another
        origin = request.headers.get("Origin", "")
        if origin not in allowed:
            return response
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Expose-Headers"] = "Retry-After"
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, POST"
            response.headers["Access-Control-Allow-Headers"] = "Content-Type"
            response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
        return response
