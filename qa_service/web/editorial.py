"""Wire the editorial loop into the app: open the database, purge old rows, add the views."""

from __future__ import annotations

import logging

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from qa_service.editorial.db import Storage
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
        log.info("editorial database ready; purged %d answers, %d feedback", purged.answers, purged.feedback)
    for blueprint in (feedback.bp, permalinks.bp, admin.bp):
        app.register_blueprint(blueprint)
