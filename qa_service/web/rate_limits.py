"""Abuse limits: per-client rate limiting of model-running routes, trusted proxy hops, body size."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

# Everything that runs the model, touches the index or renders a PDF page: the API, the admin reload, the
# no-JS pages (/search, /quote-check) and the documents (page images are rendered on first use).
View = TypeVar("View", bound=Callable[..., Any])
LIMITED_PREFIXES = ("/api/", "/admin/", "/search", "/quote-check", "/documents")


def init_limits(app: Flask) -> Limiter:
    """Trust the configured proxy hops, cap request bodies and rate-limit each client."""
    hops = int(app.config["TRUSTED_PROXIES"])
    if hops > 0:
        # Only the last `hops` X-Forwarded-For entries were written by our proxies; trusting more
        # would let a client pick its own address and walk around the limit.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    app.before_request(_refuse_large_body)
    redis_url = app.config["REDIS_URL"]
    limiter = Limiter(
        get_remote_address,
        # one budget per client shared by every limited route, not one per route
        application_limits=[lambda: str(current_app.config["RATE_LIMIT"])],
        # with Redis every worker of every replica counts against the same budget
        storage_uri=str(redis_url or app.config["RATELIMIT_STORAGE_URI"]),
        storage_options={"socket_timeout": 1, "socket_connect_timeout": 1} if redis_url else {},
        # Redis down: count per worker rather than refuse every request (limits stay, only looser)
        in_memory_fallback_enabled=bool(redis_url),
        headers_enabled=True,
        key_prefix="qa",
    )
    limiter.request_filter(_not_limited)
    limiter.init_app(app)
    app.extensions["qa_limiter"] = limiter
    return limiter


def _not_limited() -> bool:
    return not request.path.startswith(LIMITED_PREFIXES)


def body_limit(limit: Callable[[], int]) -> Callable[[View], View]:
    """Give one view its own body limit in bytes (read from the config per request) instead of the app's."""

    def mark(view: View) -> View:
        view.max_body = limit  # type: ignore[attr-defined]
        return view

    return mark


def _refuse_large_body() -> None:
    """Answer 413 from the declared length, before anything reads or parses the body."""
    own = getattr(current_app.view_functions.get(request.endpoint or ""), "max_body", None)
    limit = own() if own else current_app.config.get("MAX_CONTENT_LENGTH")
    if own:
        request.max_content_length = limit  # a body sent without a length is cut off at the limit too
    if limit and request.content_length and request.content_length > int(limit):
        raise RequestEntityTooLarge(f"the request body is larger than {int(limit)} bytes")
