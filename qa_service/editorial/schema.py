"""The editorial schema: answers, their cited passages (snapshots) and feedback, plus migrations."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    text,
)
from sqlalchemy.engine import Connection

metadata = MetaData()

schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))

answers = Table(
    "answers",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("created_at", DateTime, nullable=False, index=True),
    Column("question", Text),  # NULL when QA_LOG_QUESTIONS is off
    Column("answer", Text, nullable=False),
    Column("covered", Boolean, nullable=False),
    Column("index_version", String(64), nullable=False),
)

citations = Table(
    "citations",
    metadata,
    Column("answer_id", String(32), ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),  # order of use; one passage may be cited twice
    Column("n", Integer, nullable=False),
    Column("passage_id", Text, nullable=False),
    Column("document_id", Text, nullable=False),
    Column("document", Text, nullable=False),
    Column("section", Text),
    Column("page", Text),
    Column("quote", Text, nullable=False),
    Column("passage_text", Text, nullable=False),  # snapshot: the permalink outlives index rebuilds
)

feedback = Table(
    "feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("answer_id", String(32), ForeignKey("answers.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False, index=True),
    Column("rating", String(8), nullable=False),  # "up" | "down"
    Column("comment", Text),
    # the client's Idempotency-Key: a retried POST (the load balancer after a replica died) stores once
    Column("request_id", String(64), index=True, unique=True),
)


# Every change to the document library (editorial/library/): who asked, what, when, and its build job.
library_jobs = Table(
    "library_jobs",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("created_at", DateTime, nullable=False, index=True),
    Column("actor", String(64), nullable=False),  # the admin token's id (a hash prefix), never the token
    Column("action", String(16), nullable=False),  # "upload" | "replace" | "edit" | "delete"
    Column("document_id", Text, nullable=False, index=True),
    Column("file_name", Text),
    Column("status", String(16), nullable=False),  # "queued" | "running" | "done" | "failed"
    Column("error", Text),
    Column("note", Text),  # e.g. OCR stopped early: the document is indexed, with this said about it
    Column("index_version", String(64)),
    Column("started_at", DateTime),
    Column("finished_at", DateTime),
)


def _v1(conn: Connection) -> None:
    metadata.create_all(conn, tables=[answers, citations, feedback], checkfirst=True)


_CITATION_COLUMNS = "answer_id, n, passage_id, document_id, document, section, page, quote, passage_text"


def _v2(conn: Connection) -> None:
    """Key citations by position: a database made before keyed them by n and refused a twice-cited passage."""
    if "position" in {c["name"] for c in inspect(conn).get_columns("citations")}:
        return  # made by the _v1 above, which creates today's table
    # copy out without constraints, so the new table's key and index names are free (PostgreSQL too)
    conn.execute(text(f"CREATE TABLE citations_v1 AS SELECT {_CITATION_COLUMNS} FROM citations"))
    conn.execute(text("DROP TABLE citations"))
    citations.create(conn)
    conn.execute(
        text(
            f"INSERT INTO citations (position, {_CITATION_COLUMNS}) "
            f"SELECT n - 1, {_CITATION_COLUMNS} FROM citations_v1"
        )
    )
    conn.execute(text("DROP TABLE citations_v1"))


def _v3(conn: Connection) -> None:
    """Add feedback.request_id (unique, NULL allowed) so a retried feedback POST is stored once."""
    if "request_id" in {c["name"] for c in inspect(conn).get_columns("feedback")}:
        return  # made by the _v1 above, which creates today's table
    conn.execute(text("ALTER TABLE feedback ADD COLUMN request_id VARCHAR(64)"))
    conn.execute(text("CREATE UNIQUE INDEX ix_feedback_request_id ON feedback (request_id)"))


def _v4(conn: Connection) -> None:
    """Add library_jobs: the editors' uploads, replacements and deletions with their build jobs."""
    library_jobs.create(conn, checkfirst=True)


# Append-only: migration n brings the schema from version n-1 to n. Never edit a released step; when a
# later step alters a table, give _v1 its own frozen copy of the original Table definitions first.
MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_v1, _v2, _v3, _v4)
