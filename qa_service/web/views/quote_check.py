"""Quote check views: POST /api/quote-check (JSON) and GET /quote-check (the no-JS form and its result)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from qa_service.answering.service import QAService
from qa_service.errors import NotReady, QAError
from qa_service.web import serialize_quote
from qa_service.web.validation import parse_quote_check
from qa_service.web.views.api import json_body
from qa_service.web.views.pages import html_error

api_bp = Blueprint("quote_api", __name__, url_prefix="/api")
page_bp = Blueprint("quote_page", __name__)
page_bp.register_error_handler(QAError, html_error)  # the page shows errors as pages, like /search


def _service() -> QAService:
    return current_app.extensions["qa"]


def _max_chars() -> int:
    return int(current_app.config["MAX_QUOTE_CHARS"])


def _publishers() -> dict[str, str]:
    try:
        documents = _service().documents()
    except NotReady:
        return {}
    return {d["id"]: d["publisher"] for d in documents if d.get("publisher")}


@api_bp.post("/quote-check")
def quote_check() -> ResponseReturnValue:
    """Say whether the documents contain a quote: exact, close (with a word diff) or not found."""
    asked = parse_quote_check(json_body(), _max_chars())
    check = _service().check_quote(asked.quote, asked.filters)
    return jsonify(serialize_quote.quote_check_json(check, _publishers(), request.host_url))


@page_bp.get("/quote-check")
def quote_check_page() -> ResponseReturnValue:
    """Check the quote in ?quote= server-side and render the verdict and the marked differences."""
    raw = request.args.get("quote", "")
    if not raw.strip():
        return render_template("quote_check.html", quote="", result=None)
    asked = parse_quote_check({"quote": raw, "document": request.args.get("document")}, _max_chars())
    check = _service().check_quote(asked.quote, asked.filters)
    body = serialize_quote.quote_check_json(check, _publishers(), request.host_url)
    return render_template("quote_check.html", quote=asked.quote, result=body)
