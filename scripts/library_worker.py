"""Run the document library's build worker on Redis: `python scripts/library_worker.py` (QA_REDIS_URL set).

One worker builds for every replica (they enqueue uploads on the same RQ queue). It is an RQ
SimpleWorker: jobs run in this process, so the encoder loads once. Configure it with the same QA_*
variables as the replicas (QA_SOURCE_DIR, QA_INDEX_SHARED_DIR, QA_DATABASE_URL, QA_DATA_DIR).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, work the library queue until stopped (or until it is empty with --burst)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--burst", action="store_true", help="run the queued jobs, then exit")
    args = parser.parse_args(argv)
    url = os.environ.get("QA_REDIS_URL")
    if not url:
        print("error: set QA_REDIS_URL (without Redis the app runs its own worker thread)", file=sys.stderr)
        return 2
    import redis
    from rq import Queue, SimpleWorker

    from qa_service.editorial.library.queue import QUEUE_NAME

    connection = redis.Redis.from_url(url)
    worker = SimpleWorker([Queue(QUEUE_NAME, connection=connection)], connection=connection)
    worker.work(burst=args.burst, with_scheduler=False)
    print(f"library worker stopped after {worker.successful_job_count} jobs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
