"""JSON API views: validate, call the service, return JSON."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request
from flask.typing import ResponseReturnValue

from qa_service.answering.service import QAService
from qa_service.editorial import answers
from qa_service.errors import BadRequest, QAError
from qa_service.web import observability, serialize
from qa_service.web.validation import Limits, parse_ask, parse_filters, parse_k, parse_question

bp = Blueprint("api", __name__, url_prefix="/api")


def _service() -> QAService:
    return current_app.extensions["qa"]


def request_limits() -> Limits:
    """Return the bounds the app config sets on one request."""
    config = current_app.config
    return Limits(max_k=int(config["MAX_K"]), max_question_chars=int(config["MAX_QUESTION_CHARS"]))


def json_body() -> object:
    """Return the parsed JSON body; 415 when it is not JSON, 400 when it does not parse."""
    if not request.is_json:
        raise QAError("send the body as application/json", code="unsupported_media_type", status=415)
    payload = request.get_json(silent=True)
    if payload is None:
        raise BadRequest("the body is not valid JSON", code="invalid_json")
    return payload


@bp.post("/ask")
def ask() -> ResponseReturnValue:
    """Answer a question with cited verbatim quotes."""
    asked = parse_ask(json_body(), request_limits())
    answer = _service().ask(asked.question, asked.k, asked.filters, asked.history)
    stored = answers.permalink_json(answers.remember(answer))  # never fails the answer
    observability.record_answer(answer.covered, answer.index_version)
    return jsonify(serialize.answer_json(answer) | stored)


@bp.get("/search")
def search() -> ResponseReturnValue:
    """Return the passages most relevant to q."""
    limits = request_limits()
    query = parse_question(request.args.get("q"), limits, field="q")
    k, filters = parse_k(request.args.get("k"), limits), parse_filters(request.args)
    hits, version = _service().search_with_version(query, k, filters)
    return jsonify(
        {"query": query, "results": [serialize.hit_json(h) for h in hits], "index_version": version}
    )


@bp.get("/recommendations")
def recommendations() -> ResponseReturnValue:
    """List the recommendations the documents make, verbatim, grouped by addressee."""
    found = _service().recommendations(parse_filters(request.args))
    return jsonify(serialize.recommendations_json(found) | {"index_version": _service().version})


@bp.get("/passages/<path:passage_id>")
def passage(passage_id: str) -> ResponseReturnValue:
    """Return one passage by id."""
    return jsonify(serialize.passage_json(_service().passage(passage_id)))


@bp.get("/documents")
def documents() -> ResponseReturnValue:
    """List the indexed documents."""
    docs = [
        {
            "id": d["id"],
            "title": d["title"],
            "kind": d["kind"],
            "council": d.get("council"),
            "publisher": d.get("publisher"),
            "date": d.get("date"),
            "source_url": d.get("source_url"),
            "passages": d["passages"],
        }
        for d in _service().documents()
    ]
    return jsonify({"documents": docs, "index_version": _service().version})
