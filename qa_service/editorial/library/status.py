"""Each library document's row: metadata, counts from the live index, and its status (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from qa_service.editorial.library.jobs import Job
from qa_service.editorial.library.sources import Stored
from qa_service.models import Passage

JOB_STATES = {"queued": "queued", "running": "building", "failed": "failed"}
META_FIELDS = ("title", "kind", "council", "publisher", "date", "source_url")


@dataclass(frozen=True)
class Counts:
    """What the live index holds of one document."""

    pages: int = 0
    passages: int = 0
    ocr_pages: int = 0


def count_passages(passages: Iterable[Passage]) -> dict[str, Counts]:
    """Return pages, passages and OCR'd pages per document id."""
    pages: dict[str, set[int]] = {}
    ocr: dict[str, set[int]] = {}
    total: dict[str, int] = {}
    for passage in passages:
        total[passage.document_id] = total.get(passage.document_id, 0) + 1
        if passage.page is not None:
            pages.setdefault(passage.document_id, set()).add(passage.page)
            if passage.ocr:
                ocr.setdefault(passage.document_id, set()).add(passage.page)
    return {doc: Counts(max(pages.get(doc, {0})), n, len(ocr.get(doc, ()))) for doc, n in total.items()}


def not_live(job: Job | None, live: str | None) -> bool:
    """Return whether a job is not yet served here: unfinished, or done in a version newer than the live one.

    A worker publishes a version and this server loads it at its next index check (QA_INDEX_CHECK_SECONDS);
    until then the change is still on its way, not "skipped". Versions sort by their build time.
    """
    if job is None or job.status == "failed":
        return False
    if job.status != "done":
        return True
    return bool(job.index_version) and (live is None or str(job.index_version) > live)


def rows(
    stored: Sequence[Stored],
    indexed: Sequence[Mapping[str, Any]],
    skipped: Sequence[str],
    counts: Mapping[str, Counts],
    latest: Mapping[str, Job],
    live: str | None = None,
) -> list[dict[str, Any]]:
    """Return one row per stored document (and per document whose deletion is not live yet).

    live: the index version this server answers from.
    """
    titles = {str(d["id"]): d for d in indexed}
    out = [
        _row(doc, titles, skipped, counts.get(doc.id, Counts()), latest.get(doc.id), live) for doc in stored
    ]
    held = {doc.id for doc in stored}
    for doc_id, job in latest.items():
        if job.action == "delete" and not_live(job, live) and doc_id not in held:
            out.append(_row(Stored(doc_id, job.file_name or "", {}), titles, skipped, Counts(), job, live))
    return out


def _row(
    doc: Stored,
    indexed: Mapping[str, Mapping[str, Any]],
    skipped: Sequence[str],
    counts: Counts,
    job: Job | None,
    live: str | None,
) -> dict[str, Any]:
    status, reason = _status(doc, indexed, skipped, job, live)
    described = indexed.get(doc.id, {})  # what the build made of it: a title read from the PDF, default kind
    meta = {name: doc.meta.get(name) or described.get(name) or None for name in META_FIELDS}
    meta["title"] = meta["title"] or doc.file_name
    return {
        "id": doc.id,
        **meta,
        "file_name": doc.file_name,
        "pages": counts.pages,
        "passages": counts.passages,
        "ocr_pages": counts.ocr_pages,
        "status": status,
        "reason": reason,
        "note": job.note if job and status == "indexed" else None,
        "job": f"/admin/jobs/{job.id}" if job else None,
    }


def _status(
    doc: Stored, indexed: Mapping[str, Any], skipped: Sequence[str], job: Job | None, live: str | None
) -> tuple[str, str | None]:
    if job is not None and job.status in JOB_STATES:
        return JOB_STATES[job.status], job.error if job.status == "failed" else None
    if job is not None and not_live(job, live):
        return (
            "building",
            f"built as version {job.index_version}; this server switches to it at its next index check",
        )
    if doc.id in indexed:
        return "indexed", None
    reason = next((m.split(": ", 1)[1] for m in skipped if m.startswith(f"{doc.file_name}:")), None)
    return "skipped", reason or "not in the live index: no build has run since it was added"
