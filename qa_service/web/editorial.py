"""Wire the editorial loop into the app: open the database, purge old rows, keep each answer served."""

from __future__ import annotations

import logging

from flask import Flask, current_app, url_for
from sqlalchemy.exc import SQLAlchemyError

from qa_service.editorial import answers
from qa_service.editorial.db import Storage
from qa_service.editorial.retention import RetentionTimer
from qa_service.models import Answer
from qa_service.web import context, observability
from qa_service.web.library import init_library
from qa_service.web.views import admin, feedback, permalinks

log = logging.getLogger(__name__)


def init_editorial(app: Flask) -> None:
    """Open and migrate the database, purge expired rows, register feedback, permalinks and admin."""
    try:
        storage = Storage.from_config(app.config)
        purged = storage.purge()
    except (SQLAlchemyError, OSError):
        # answering must not depend on the database: /api/ask then returns answer_id null
        log.exception("editorial database unavailable; answers will not get permalinks")
    else:
        app.extensions["qa_storage"] = storage
        timer = RetentionTimer(storage)
        app.extensions["qa_retention"] = timer
        app.before_request(timer.maybe_purge)  # starts a thread when due; the request never waits
        log.info("editorial database ready; purged %d answers, %d feedback", purged.answers, purged.feedback)
    for blueprint in (feedback.bp, permalinks.bp, admin.bp):
        app.register_blueprint(blueprint)
    init_library(app, app.extensions.get("qa_storage"))  # /admin/documents, /admin/jobs


def record(answer: Answer) -> dict[str, str | None]:
    """Keep a served answer: store it, note it for the request log and metrics; return its permalink."""
    observability.record_answer(answer.covered, answer.index_version)
    answer_id = _store(answer)
    url = url_for("permalinks.permalink", answer_id=answer_id, _external=True) if answer_id else None
    return {"answer_id": answer_id, "permalink": url}


def _store(answer: Answer) -> str | None:
    """Store the answer; a storage failure is logged and never fails the answer."""
    storage = context.optional_storage()
    if storage is None:
        return None
    try:
        return answers.save_answer(storage, answer, keep_question=bool(current_app.config["LOG_QUESTIONS"]))
    except Exception:  # any database trouble: the user still gets the answer, without a permalink
        log.exception("could not store the answer; answering without an answer_id")
        return None
