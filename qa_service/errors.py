"""One error vocabulary: every failure a user can cause or see is one of these."""

from __future__ import annotations


class QAError(Exception):
    """Base class: carries an HTTP status and a stable machine-readable code."""

    status = 500
    code = "internal_error"

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if status:
            self.status = status


class BadRequest(QAError):
    """The request is malformed or a field is invalid."""

    status = 400
    code = "bad_request"


class NotFound(QAError):
    """The thing asked for does not exist."""

    status = 404
    code = "not_found"


class NotReady(QAError):
    """The index is missing or was refused at load; the service cannot answer yet."""

    status = 503
    code = "not_ready"


class IndexInvalid(QAError):
    """The index on disk is inconsistent (count, dimension, model or file damage)."""

    status = 503
    code = "index_invalid"


class SearchError(QAError):
    """The vector search returned something that must not reach the passage lookup."""

    status = 503
    code = "search_error"


class UnreadableDocument(QAError):
    """A source document could not be read; the build skips it and names it."""

    status = 422
    code = "unreadable_document"


class StorageUnavailable(QAError):
    """The editorial database could not be read or written."""

    status = 503
    code = "storage_unavailable"
