"""What the evidence views need from the app: the page renderer and the live index's documents."""

from __future__ import annotations

from flask import current_app

from qa_service import config as defaults
from qa_service.ingest.pages.files import SourceFile, source_file
from qa_service.ingest.pages.images import PageImages
from qa_service.web.context import service


def pages() -> PageImages:
    """Return this worker's page renderer."""
    return current_app.extensions["qa_pages"]


def document(document_id: str) -> SourceFile:
    """Return a document of the live index by id (NotFound otherwise): never a path from the request."""
    return source_file(service().documents(), document_id, defaults.source_dir(current_app.config))
