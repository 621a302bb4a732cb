"""Hand library jobs to a worker: RQ on Redis (any replica enqueues, one worker builds) or a local thread.

With QA_REDIS_URL every replica enqueues on one RQ queue and one worker process builds
(`scripts/library_worker.py`, an RQ SimpleWorker: the encoder loads once, not per job). Without Redis
the app runs one worker thread; the build lock in the source folder still keeps builds one at a time.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import queue
import threading
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from qa_service import config as defaults
from qa_service.editorial.db import Storage
from qa_service.editorial.library import builder, jobs

log = logging.getLogger(__name__)
QUEUE_NAME = "qa-library"
JOB_TIMEOUT = 3600  # seconds RQ lets one build run (a 300-page scanned upload at the OCR cap fits)


class JobQueue(Protocol):
    """Where a recorded job goes to be built."""

    def submit(self, job_id: str) -> None: ...


class LocalQueue:
    """One worker thread in this process runs jobs in order; jobs left queued by a restart run first."""

    def __init__(
        self, db: Storage, encoder: Any, settings: builder.BuildSettings, on_published: Callable[[], Any]
    ) -> None:
        self.db, self.encoder, self.settings, self.on_published = db, encoder, settings, on_published
        self._jobs: queue.Queue[str] = queue.Queue()
        self._thread: threading.Thread | None = None  # started by the first job: most processes never need it
        self._start = threading.Lock()
        for job in jobs.pending(db):
            self.submit(job.id)

    def submit(self, job_id: str) -> None:
        """Queue a job for the worker thread (starting it on first use)."""
        self._jobs.put(job_id)
        with self._start:
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="library-worker", daemon=True)
                self._thread.start()

    def _work(self) -> None:
        while True:
            job_id = self._jobs.get()
            try:
                builder.run(job_id, self.db, self.encoder, self.settings, self.on_published)
            except Exception:  # the thread must outlive a job that failed to record its failure
                log.exception("library job %s could not be run", job_id)


class RedisQueue:
    """Enqueue jobs on RQ; `scripts/library_worker.py` runs them."""

    def __init__(self, redis_url: str) -> None:
        import redis
        from rq import Queue

        self.queue = Queue(QUEUE_NAME, connection=redis.Redis.from_url(redis_url))

    def submit(self, job_id: str) -> None:
        """Enqueue run_job(job_id) under the job's own id."""
        self.queue.enqueue(run_job, job_id, job_id=job_id, job_timeout=JOB_TIMEOUT)


def env_config(environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """Return the defaults overlaid with QA_* environment variables, as the app factory reads them."""
    config: dict[str, Any] = dict(defaults.DEFAULTS)
    for key in config:
        if f"QA_{key}" in environ:
            raw = environ[f"QA_{key}"]
            try:
                config[key] = json.loads(raw)
            except ValueError:
                config[key] = raw
    return config


@functools.cache
def _worker_resources() -> tuple[Storage, Any, builder.BuildSettings]:
    """Open the database and load the encoder once per worker process."""
    from qa_service.encoders import load_encoder

    config = env_config()
    encoder = load_encoder(str(config["ENCODER"]), config["MODEL"], config["ONNX_MODEL"])
    return Storage.from_config(config), encoder, builder.BuildSettings.from_config(config)


def run_job(job_id: str) -> str | None:
    """Run one job in the RQ worker (configured by QA_* variables); return its final status."""
    db, encoder, settings = _worker_resources()
    job = builder.run(job_id, db, encoder, settings)
    return job.status if job else None
