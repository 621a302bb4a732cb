"""Run one library job: the incremental build in the builder's own index folder, then distribution.

The builder never builds into a folder that serves answers. It builds into its own `build_dir`
(seeded from the version being served, so unchanged documents are reused), checks the changed
document came out with passages, and only then publishes through index distribution
(index/distribution.py): to QA_INDEX_SHARED_DIR, where every replica fetches and verifies it, or,
on one machine, to a private shared folder that the serving index folder fetches from at once.
A file that parses to nothing fails its job; a replaced file's backup is put back and rebuilt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock

from qa_service import config as defaults
from qa_service.editorial.db import Storage
from qa_service.editorial.library import jobs
from qa_service.editorial.library.sources import SourceStore
from qa_service.errors import IndexInvalid
from qa_service.index import distribution, store
from qa_service.ingest.build import BuildEncoder, BuildReport, build_index

log = logging.getLogger(__name__)
LOCK = ".library/build.lock"  # in the source folder every replica and worker reaches: one build at a time


@dataclass(frozen=True)
class BuildSettings:
    """Where a job reads sources, builds, and publishes."""

    source_dir: Path
    build_dir: Path  # the builder's own index folder
    index_dir: Path  # the folder this process serves from (one-machine mode publishes into it)
    shared_dir: Path | None  # QA_INDEX_SHARED_DIR: replicas fetch new versions from here

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> BuildSettings:
        """Read the folders from the app config."""
        shared = config.get("INDEX_SHARED_DIR")
        return cls(
            defaults.source_dir(dict(config)),
            Path(str(config["DATA_DIR"])) / "library" / "index",
            defaults.index_dir(dict(config)),
            Path(str(shared)) if shared else None,
        )

    @property
    def publish_dir(self) -> Path:
        """Return the shared folder versions are announced in (a private one on a single machine)."""
        return self.shared_dir or self.build_dir.parent / "published"


def run(
    job_id: str,
    db: Storage,
    encoder: BuildEncoder,
    settings: BuildSettings,
    on_published: Callable[[], Any] = lambda: None,
) -> jobs.Job | None:
    """Apply one queued job: build, check its document, publish; record the outcome in the database."""
    job = jobs.get(db, job_id)
    if job is None or job.status in ("done", "failed"):
        return job
    jobs.set_status(db, job_id, "running")
    sources = SourceStore(settings.source_dir)
    try:
        (settings.source_dir / LOCK).parent.mkdir(parents=True, exist_ok=True)
        with FileLock(settings.source_dir / LOCK):
            error, note, version = _build(job, sources, encoder, settings)
        on_published()
    except Exception as exc:  # a job must end failed with its reason, never stay "running"
        log.exception("library job %s failed", job_id)
        error, note, version = f"{type(exc).__name__}: {exc}", None, None
    if error:
        jobs.set_status(db, job_id, "failed", error=error, index_version=version)
    else:
        sources.discard_backup(job_id)
        jobs.set_status(db, job_id, "done", note=note, index_version=version)
    return jobs.get(db, job_id)


def _build(
    job: jobs.Job, sources: SourceStore, encoder: BuildEncoder, settings: BuildSettings
) -> tuple[str | None, str | None, str | None]:
    """Return (error, note, published version) for the job's build."""
    _seed(settings)
    report = build_index(settings.source_dir, settings.build_dir, encoder, progress=False)
    stored = sources.find(job.document_id) if job.action != "delete" else None
    error = _problem(settings.build_dir, job.document_id, stored.file_name) if stored else None
    if error is None:
        return None, _note(report, stored.file_name if stored else None), _publish(settings)
    if sources.restore(job.id, job.document_id):  # the previous file serves on, rebuilt in its place
        build_index(settings.source_dir, settings.build_dir, encoder, progress=False)
        return error, None, _publish(settings)
    return error, None, None  # a new upload that failed: the served index stays as it is


def _seed(settings: BuildSettings) -> None:
    """Start the builder's folder from the version being served, so the build reuses its documents."""
    if store.current_folder(settings.build_dir) is not None:
        return
    try:
        if settings.shared_dir is None:
            distribution.publish_shared(settings.index_dir, settings.publish_dir)
        distribution.fetch_latest(settings.publish_dir, settings.build_dir)
    except IndexInvalid as exc:  # nothing served yet: the first build is a cold one
        log.info("library builder starts cold: %s", exc.message)


def _problem(build_dir: Path, document_id: str, file_name: str) -> str | None:
    """Return why the job's document is not in the new index (skipped, or no passages), else None."""
    folder = store.current_folder(build_dir)
    manifest = store.read_manifest(folder) if folder else {}
    for message in manifest.get("skipped", []):
        if message.startswith(f"{file_name}:"):
            return str(message)
    documents = manifest.get("documents", [])
    described = next((d for d in documents if d["id"] == document_id), None)
    if described is None or not described.get("passages"):
        return f"{file_name}: no text was found in it, so it gave no passages"
    return None


def _note(report: BuildReport, file_name: str | None) -> str | None:
    notes = [m.split(": ", 1)[1] for m in report.notes if file_name and m.startswith(f"{file_name}:")]
    return "; ".join(notes) or None


def _publish(settings: BuildSettings) -> str:
    """Announce the builder's live version; on one machine, fetch it into the serving folder too."""
    published = distribution.publish_shared(settings.build_dir, settings.publish_dir)
    if settings.shared_dir is None:
        distribution.fetch_latest(settings.publish_dir, settings.index_dir)
    return published.version
