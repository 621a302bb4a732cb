"""The library's change log in the editorial database: one row per change, with its build job's state."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update

from qa_service.editorial.db import Storage, utcnow
from qa_service.editorial.schema import library_jobs

ACTIONS = ("upload", "replace", "edit", "delete")


@dataclass(frozen=True)
class Job:
    """One change to the library and the build that applies it."""

    id: str
    created_at: datetime
    actor: str
    action: str
    document_id: str
    file_name: str | None
    status: str  # "queued" | "running" | "done" | "failed"
    error: str | None = None
    note: str | None = None
    index_version: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None


def actor_id(token: str) -> str:
    """Return a stable, non-secret id for an admin token (what the log records as "who")."""
    return "token:" + hashlib.sha256(token.encode()).hexdigest()[:12]


def new_job_id() -> str:
    """Return a fresh job id."""
    return uuid.uuid4().hex


def record(db: Storage, job_id: str, actor: str, action: str, document_id: str, file_name: str | None) -> Job:
    """Log a change as a queued job and return it."""
    row: dict[str, Any] = {
        "id": job_id,
        "created_at": utcnow(),
        "actor": actor,
        "action": action,
        "document_id": document_id,
        "file_name": file_name,
        "status": "queued",
    }
    with db.engine.begin() as conn:
        conn.execute(insert(library_jobs).values(**row))
    return Job(**row)


def get(db: Storage, job_id: str) -> Job | None:
    """Return one job, or None."""
    with db.engine.connect() as conn:
        row = conn.execute(select(library_jobs).where(library_jobs.c.id == job_id)).mappings().first()
    return Job(**row) if row else None


def set_status(db: Storage, job_id: str, status: str, **fields: Any) -> None:
    """Move a job to a new status (running stamps started_at; done and failed stamp finished_at)."""
    stamp = {"running": "started_at", "done": "finished_at", "failed": "finished_at"}.get(status)
    values = {"status": status, **fields, **({stamp: utcnow()} if stamp else {})}
    with db.engine.begin() as conn:
        conn.execute(update(library_jobs).where(library_jobs.c.id == job_id).values(**values))


def latest_by_document(db: Storage) -> dict[str, Job]:
    """Return each document's most recent job."""
    newest = (
        select(library_jobs.c.document_id, func.max(library_jobs.c.created_at).label("at"))
        .group_by(library_jobs.c.document_id)
        .subquery()
    )
    query = select(library_jobs).join(
        newest,
        (library_jobs.c.document_id == newest.c.document_id) & (library_jobs.c.created_at == newest.c.at),
    )
    with db.engine.connect() as conn:
        return {row["document_id"]: Job(**row) for row in conn.execute(query).mappings()}


def recent(db: Storage, limit: int = 10) -> list[Job]:
    """Return the newest jobs first."""
    query = select(library_jobs).order_by(library_jobs.c.created_at.desc()).limit(limit)
    with db.engine.connect() as conn:
        return [Job(**row) for row in conn.execute(query).mappings()]


def pending(db: Storage) -> list[Job]:
    """Return the jobs not finished yet, oldest first (a restarted local worker picks them up)."""
    query = select(library_jobs).where(library_jobs.c.status.in_(("queued", "running")))
    with db.engine.connect() as conn:
        return [Job(**row) for row in conn.execute(query.order_by(library_jobs.c.created_at)).mappings()]
