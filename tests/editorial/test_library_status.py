"""A document's row in the library table: a change counts as live only once this server answers from it."""

from __future__ import annotations

from datetime import datetime

from qa_service.editorial.library import status
from qa_service.editorial.library.jobs import Job
from qa_service.editorial.library.sources import Stored

OLD, NEW = "20260101T000000Z-aaaaaa", "20260102T000000Z-bbbbbb"
DOC = Stored("flood", "flood.md", {"title": "Fictional flood plan"})


def job(state: str, version: str | None = None, action: str = "upload") -> Job:
    return Job(
        "j1", datetime(2026, 1, 2), "token:x", action, "flood", "flood.md", state, index_version=version
    )


def row(latest: Job | None, live: str | None, indexed: bool) -> dict:
    described = [{"id": "flood", "title": "Fictional flood plan"}] if indexed else []
    latest_jobs = {"flood": latest} if latest else {}
    return status.rows([DOC], described, [], {}, latest_jobs, live)[0]


def test_a_done_job_newer_than_the_live_version_is_still_building_with_why():
    built = row(job("done", NEW), live=OLD, indexed=False)
    assert built["status"] == "building" and NEW in built["reason"]


def test_a_done_job_served_here_or_overtaken_is_indexed():
    assert row(job("done", NEW), live=NEW, indexed=True)["status"] == "indexed"
    later = "20260103T000000Z-cccccc"  # another change landed since: the live index says what is there
    assert row(job("done", NEW), live=later, indexed=True)["status"] == "indexed"


def test_a_document_absent_from_the_version_its_job_built_is_skipped():
    assert row(job("done", NEW), live=NEW, indexed=False)["status"] == "skipped"
    assert row(None, live=NEW, indexed=False)["status"] == "skipped"


def test_unfinished_and_failed_jobs_keep_their_own_status():
    assert row(job("queued"), live=OLD, indexed=True)["status"] == "queued"
    assert row(job("running"), live=OLD, indexed=True)["status"] == "building"
    failed = Job("j1", datetime(2026, 1, 2), "t", "upload", "flood", "flood.md", "failed", error="no text")
    assert row(failed, live=OLD, indexed=False)["status"] == "failed"


def test_a_deletion_not_yet_live_here_keeps_its_row():
    deleting = job("done", NEW, action="delete")
    pending = status.rows([], [{"id": "flood"}], [], {}, {"flood": deleting}, OLD)
    assert [r["status"] for r in pending] == ["building"]
    assert status.rows([], [], [], {}, {"flood": deleting}, NEW) == []
