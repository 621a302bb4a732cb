"""One JSON error shape for every 4xx/5xx: {"error": {"code", "message"}}."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify
from werkzeug.exceptions import HTTPException

from qa_service.errors import QAError

log = logging.getLogger(__name__)


def error_response(status: int, code: str, message: str) -> tuple[Response, int]:
    """Build the one error body every failure uses."""
    return jsonify({"error": {"code": code, "message": message}}), status


def register_error_handlers(app: Flask) -> None:
    """Render domain errors, HTTP errors and unexpected crashes as the JSON error shape."""

    @app.errorhandler(QAError)
    def _domain(exc: QAError):
        return error_response(exc.status, exc.code, exc.message)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        code = (exc.name or "error").lower().replace(" ", "_")
        response, status = error_response(exc.code or 500, code, exc.description or exc.name)
        headers = exc.get_response().headers  # built once: it renders werkzeug's whole HTML error page
        for header in ("Allow", "Retry-After"):
            if headers.get(header):
                response.headers[header] = headers[header]
        return response, status

    @app.errorhandler(Exception)
    def _crash(exc: Exception):
        log.exception("unhandled error")
        return error_response(500, "internal_error", "Something went wrong on our side; it has been logged.")
