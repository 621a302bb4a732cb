"""Liveness and readiness probes."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from flask.typing import ResponseReturnValue

from qa_service.web.context import service

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    """Say the process is up."""
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz() -> ResponseReturnValue:
    """Say whether an index is loaded; 503 with the reason otherwise."""
    qa = service()
    if qa.version is None:
        return jsonify({"status": "not_ready", "reason": qa.reason}), 503
    body = {"status": "ready", "index_version": qa.version, "passages": len(qa.retriever.passages)}
    fetch_error = current_app.extensions["qa_reload"].fetch_error
    if fetch_error:  # still ready: the old version serves while the shared one cannot be fetched
        body["index_fetch_error"] = fetch_error
    return jsonify(body)
