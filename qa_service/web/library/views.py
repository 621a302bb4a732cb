"""`/admin/documents` (table, upload, replace, edit, delete) and `/admin/jobs/<id>`, behind QA_ADMIN_TOKEN."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from qa_service.config import source_dir
from qa_service.editorial.library import jobs, status
from qa_service.editorial.library.sniff import UnsupportedType
from qa_service.editorial.library.sources import Conflict, SourceStore
from qa_service.errors import NotFound, NotReady, QAError, StorageUnavailable
from qa_service.web.auth import admin_only, sent_token
from qa_service.web.context import service, storage
from qa_service.web.library import forms
from qa_service.web.rate_limits import body_limit

bp = Blueprint("library", __name__, url_prefix="/admin")


admin_only(bp, "the document library is disabled (set QA_ADMIN_TOKEN)")


def _store() -> SourceStore:
    storage()  # no change is made that could not be logged
    return SourceStore(source_dir(current_app.config))


def _wants_json() -> bool:
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"


def _documents() -> list[dict[str, Any]]:
    try:
        retriever = service().retriever
        indexed, passages = retriever.index.manifest["documents"], retriever.passages
        skipped = retriever.index.manifest.get("skipped", [])
    except NotReady:
        indexed, passages, skipped = [], (), []
    latest, live = jobs.latest_by_document(storage()), service().version
    return status.rows(_store().documents(), indexed, skipped, status.count_passages(passages), latest, live)


@bp.get("/documents")
def documents() -> ResponseReturnValue:
    """List every document with its status, as a page or (Accept: application/json) as JSON."""
    rows = _documents()
    recent = jobs.recent(storage())
    if _wants_json():
        return jsonify({"documents": rows, "jobs": [_job_json(job) for job in recent]})
    token = request.args.get("token", "")
    # refresh until every change is served here, not only built: the row would else stop short of "indexed"
    busy = any(job.status in ("queued", "running") for job in recent) or any(
        row["status"] in ("queued", "building") for row in rows
    )
    return render_template(
        "library.html", documents=rows, jobs=recent, token=token, csrf=forms.csrf_token(), busy=busy,
        fields=status.META_FIELDS, max_mb=int(current_app.config["MAX_UPLOAD_MB"]),
    )  # fmt: skip


@bp.post("/documents")
@body_limit(forms.upload_limit)
def upload() -> ResponseReturnValue:
    """Add a document (multipart `file` + sidecar fields); 202 with its build job."""
    forms.check_csrf()
    stream, name = forms.uploaded_file(required=True) or (None, "")
    job_id = jobs.new_job_id()
    try:
        stored = _store().add(stream, name, forms.metadata())  # type: ignore[arg-type]
    except UnsupportedType as exc:
        raise _unsupported(exc) from exc
    except Conflict as exc:
        raise QAError(str(exc), code="conflict", status=409) from exc
    return _queued(job_id, "upload", stored.id, stored.file_name)


@bp.route("/documents/<document_id>", methods=["PUT", "POST", "DELETE"])
@body_limit(forms.upload_limit)
def change(document_id: str) -> ResponseReturnValue:
    """Replace a document's file and/or metadata (PUT, or a form's POST), or delete it; 202 with its job."""
    forms.check_csrf()
    store, job_id = _store(), jobs.new_job_id()
    if store.find(document_id) is None:
        raise NotFound(f"no document {document_id!r} in the library")
    if request.method == "DELETE" or request.form.get("action") == "delete":
        stored = store.delete(document_id, job_id)
        return _queued(job_id, "delete", stored.id, stored.file_name)
    upload = forms.uploaded_file(required=False)
    try:
        stream, name = upload or (None, "")
        stored = store.replace(document_id, job_id, stream, name, forms.metadata())
    except UnsupportedType as exc:
        raise _unsupported(exc) from exc
    return _queued(job_id, "replace" if upload else "edit", stored.id, stored.file_name)


@bp.get("/jobs/<job_id>")
def job(job_id: str) -> ResponseReturnValue:
    """Return a job's status: queued, running, done or failed (with its error or index version)."""
    found = jobs.get(storage(), job_id)
    if found is None:
        raise NotFound(f"no job {job_id!r}")
    return jsonify(_job_json(found))


def _unsupported(exc: UnsupportedType) -> QAError:
    message = f"{exc} (its type is told by its bytes, not its name)"
    return QAError(message, code="unsupported_media_type", status=415)


def _queued(job_id: str, action: str, document_id: str, file_name: str) -> ResponseReturnValue:
    """Log the change, queue its build; 202 JSON for the API, a redirect back to the table for a form."""
    actor = jobs.actor_id(sent_token())
    jobs.record(storage(), job_id, actor, action, document_id, file_name)
    queue = current_app.extensions.get("qa_library_queue")
    if queue is None:
        raise StorageUnavailable("the editorial database is unavailable; see the server log")
    queue.submit(job_id)
    if request.headers.get("Authorization", "").startswith("Bearer ") or _wants_json():
        url = url_for("library.job", job_id=job_id)
        return jsonify({"document_id": document_id, "job": url}), 202, {"Location": url}
    return redirect(url_for("library.documents", token=request.args.get("token"), job=job_id), code=303)


def _job_json(found: jobs.Job) -> dict[str, Any]:
    body: dict[str, Any] = {"id": found.id, "status": found.status, "action": found.action}
    body |= {"document_id": found.document_id, "file_name": found.file_name, "actor": found.actor}
    body["created_at"] = found.created_at.isoformat() + "Z"
    for name in ("error", "note", "index_version"):
        if getattr(found, name):
            body[name] = getattr(found, name)
    return body
