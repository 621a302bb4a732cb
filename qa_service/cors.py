"""CORS for /api/* only, and only for the exact origins listed in QA_ALLOWED_ORIGINS."""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask, Response, request

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
