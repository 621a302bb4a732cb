"""Quote check views: POST /api/quote-check (JSON) and GET /quote-check (the no-JS form and its result)."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from qa_service.errors import QAError
from qa_service.web.context import document_field, json_body, request_limits, service
from qa_service.web.validation import parse_quote_check
from qa_service.web.views import quote_serialize
from qa_service.web.views.pages import html_error

api_bp = Blueprint("quote_api", __name__, url_prefix="/api")
page_bp = Blueprint("quote_page", __name__)
page_bp.register_error_handler(QAError, html_error)  # the page shows errors as pages, like /search


@api_bp.post("/quote-check")
def quote_check() -> ResponseReturnValue:
    """Say whether the documents contain a quote: exact, close (with a word diff) or not found."""
    asked = parse_quote_check(json_body(), request_limits().max_quote_chars)
    check = service().check_quote(asked.quote, asked.filters)
    return jsonify(quote_serialize.quote_check_json(check, document_field("publisher"), request.host_url))


@page_bp.get("/quote-check")
def quote_check_page() -> ResponseReturnValue:
    """Check the quote in ?quote= server-side and render the verdict and the marked differences."""
    raw = request.args.get("quote", "")
    if not raw.strip():
        return render_template("quote_check.html", quote="", result=None)
    asked = parse_quote_check(
        {"quote": raw, "document": request.args.get("document")}, request_limits().max_quote_chars
    )
    check = service().check_quote(asked.quote, asked.filters)
    body = quote_serialize.quote_check_json(check, document_field("publisher"), request.host_url)
    return render_template("quote_check.html", quote=asked.quote, result=body)
