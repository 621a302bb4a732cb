"""What the evidence views need from the app: the page renderer and the live index's documents."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from qa_service import config as defaults
from qa_service.ingest.pages.cache import PageCache
from qa_service.ingest.pages.files import SourceFile, Verifier, source_file
from qa_service.ingest.pages.images import PageImages
from qa_service.web.context import service

MB = 1024 * 1024


def init_evidence(app: Flask) -> None:
    """Give each worker its page renderer over the shared cache folder, and register the routes."""
    from qa_service.web.evidence import api, views

    folder = app.config["PAGE_CACHE_DIR"] or Path(str(app.config["DATA_DIR"])) / "page-cache"
    cache = PageCache(Path(str(folder)), int(app.config["PAGE_CACHE_MB"]) * MB)
    verifier = Verifier(defaults.source_dir(app.config))
    app.extensions["qa_pages"] = PageImages(cache, verifier, int(app.config["PAGE_IMAGE_WIDTH"]))
    app.register_blueprint(api.bp)  # /api/passages/<id>/evidence, /documents/<id>/file, page images
    app.register_blueprint(views.bp)  # /documents, /documents/<id>/pages/<n>


def pages() -> PageImages:
    """Return this worker's page renderer."""
    return current_app.extensions["qa_pages"]


def document(document_id: str) -> SourceFile:
    """Return a document of the live index by id (NotFound otherwise): never a path from the request."""
    return source_file(service().documents(), document_id, defaults.source_dir(current_app.config))
