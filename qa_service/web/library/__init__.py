"""The editors' document library in the browser and over the API: `/admin/documents`, `/admin/jobs`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask

from qa_service.editorial.db import Storage
from qa_service.editorial.library.builder import BuildSettings
from qa_service.editorial.library.queue import JobQueue, LocalQueue, RedisQueue
from qa_service.errors import IndexInvalid


def init_library(app: Flask, storage: Storage | None) -> None:
    """Register the library's routes and its job queue (RQ with QA_REDIS_URL, else a local worker)."""
    from qa_service.web.library import views

    if storage is not None:
        app.extensions["qa_library_queue"] = _queue(app, storage)
    app.register_blueprint(views.bp)


def _queue(app: Flask, storage: Storage) -> JobQueue:
    if app.config["REDIS_URL"]:
        return RedisQueue(str(app.config["REDIS_URL"]))
    watcher: Any = app.extensions["qa_reload"]
    service = app.extensions["qa"]
    return LocalQueue(storage, service.encoder, BuildSettings.from_config(app.config), _loader(watcher))


def _loader(watcher: Any) -> Callable[[], None]:
    """Load a published version on the worker thread: a job is "done" once this server answers from it."""

    def load() -> None:
        result = watcher.reload()
        if result["published"] in watcher.refused:  # the job fails with why; the old version serves on
            raise IndexInvalid(f"this server refused the new index: {watcher.refused[result['published']]}")

    return load
