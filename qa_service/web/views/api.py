"""JSON API views: validate, call the service, return JSON."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from qa_service.web import editorial, serialize
from qa_service.web.context import json_body, request_limits, service
from qa_service.web.validation import parse_ask, parse_filters, parse_k, parse_question

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.post("/ask")
def ask() -> ResponseReturnValue:
    """Answer a question with cited verbatim quotes."""
    asked = parse_ask(json_body(), request_limits())
    answer = service().ask(asked.question, asked.k, asked.filters, asked.history)
    return jsonify(serialize.answer_json(answer) | editorial.record(answer))  # storing never fails it


@bp.get("/search")
def search() -> ResponseReturnValue:
    """Return the passages most relevant to q."""
    limits = request_limits()
    query = parse_question(request.args.get("q"), limits, field="q")
    k, filters = parse_k(request.args.get("k"), limits), parse_filters(request.args)
    hits, version = service().search_with_version(query, k, filters)
    return jsonify(serialize.search_json(query, hits, version))


@bp.get("/recommendations")
def recommendations() -> ResponseReturnValue:
    """List the recommendations the documents make, verbatim, grouped by addressee."""
    qa = service()
    found = qa.recommendations(parse_filters(request.args))
    return jsonify(serialize.recommendations_json(found) | {"index_version": qa.version})


@bp.get("/passages/<path:passage_id>")
def passage(passage_id: str) -> ResponseReturnValue:
    """Return one passage by id."""
    return jsonify(serialize.passage_json(service().passage(passage_id)))


@bp.get("/documents")
def documents() -> ResponseReturnValue:
    """List the indexed documents."""
    qa = service()
    return jsonify(serialize.documents_json(qa.documents(), qa.version))
