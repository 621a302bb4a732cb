"""Security headers: a strict nonce-based CSP on pages, nosniff and a referrer policy everywhere."""

from __future__ import annotations

import secrets

from flask import Flask, Response, current_app, g

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
