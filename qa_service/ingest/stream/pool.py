"""Read documents in parallel, each in its own sandboxed child, yielding results in document order."""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from qa_service.errors import UnreadableDocument
from qa_service.ingest.sandbox import SandboxLimits, read_blocks_safely
from qa_service.models import Block, DocumentMeta


@dataclass(frozen=True)
class Read:
    """One document's outcome: its blocks, or why it was skipped."""

    meta: DocumentMeta
    blocks: list[Block] | None
    problem: str | None = None
    seconds: float = 0.0  # wall time of the parse, in its worker


def default_workers() -> int:
    """Return how many documents to parse at once: one per core this process may use."""
    return max(1, len(os.sched_getaffinity(0)))


def read_documents(
    source_dir: Path,
    documents: Iterable[DocumentMeta],
    workers: int | None = None,
    limits: SandboxLimits | None = None,
) -> Iterator[Read]:
    """Yield each document's Read in order while up to `workers` others are parsed ahead.

    The threads only wait: each parse runs in a sandboxed child process (size, memory and time caps),
    so the pool uses every core. At most 2 x workers documents are in flight, which bounds memory.
    """
    workers, limits = workers or default_workers(), limits or SandboxLimits()
    pending: deque[Future[Read]] = deque()
    queue = iter(documents)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="reader") as pool:
        try:
            for meta in queue:
                pending.append(pool.submit(_read_one, source_dir, meta, limits))
                if len(pending) >= 2 * workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:  # the consumer stopped early: start nothing more
                future.cancel()


def _read_one(source_dir: Path, meta: DocumentMeta, limits: SandboxLimits) -> Read:
    started = time.perf_counter()
    try:
        blocks, problem = read_blocks_safely(source_dir / meta.path, limits), None
    except UnreadableDocument as exc:
        blocks, problem = None, exc.message
    except Exception as exc:  # a reader bug on one file must not stop the build
        blocks, problem = None, f"{meta.path}: could not be read ({type(exc).__name__}: {exc})"
    return Read(meta, blocks, problem, time.perf_counter() - started)
