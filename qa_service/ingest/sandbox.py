"""Parse untrusted documents in a child process with a size cap, a memory limit and a time limit.

Children come from a forkserver, so a script that builds the index needs the usual
`if __name__ == "__main__":` guard (all of scripts/ have one).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import resource
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from qa_service.errors import UnreadableDocument
from qa_service.ingest.readers import read_blocks
from qa_service.ingest.readers.ocr.pages import budget as ocr_budget
from qa_service.models import Block

# Plain text is decoded, not parsed: the size cap bounds it, so it skips the cost of a child process.
IN_PROCESS = {".txt", ".md", ".markdown"}
MB = 1024 * 1024


@dataclass(frozen=True)
class SandboxLimits:
    """What one document may cost to read."""

    max_bytes: int = 100 * MB  # larger files are skipped unread
    memory_mb: int = 1024  # address space the parser may add on top of the child's baseline
    seconds: float = 120.0  # CPU time for one file (wall time would skip documents on a busy machine)
    wall_factor: float = 10.0  # wall-time backstop, as a multiple of `seconds`, for a parser that sleeps
    ocr_seconds: float = field(default_factory=ocr_budget)  # QA_OCR_SECONDS as the builder's process has it


def read_blocks_safely(path: Path, limits: SandboxLimits = SandboxLimits()) -> list[Block]:
    """Return the document's Blocks, or raise UnreadableDocument if it is too big, too slow or too hungry."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableDocument(f"{path.name}: cannot be read ({exc.strerror})") from exc
    if size > limits.max_bytes:
        raise UnreadableDocument(
            f"{path.name}: {size / MB:.1f} MB is over the {limits.max_bytes / MB:.0f} MB limit"
        )
    if path.suffix.lower() in IN_PROCESS:
        return read_blocks(path)
    return list(run_safely(read_blocks, path, limits))


def _context() -> multiprocessing.context.ForkServerContext:
    # forkserver: children fork from a small clean server, never from a process holding torch threads
    context = multiprocessing.get_context("forkserver")
    # what every child needs, imported once in the server: the readers, and for page images the renderer
    # with Pillow's WebP encoder (~60 ms of imports a child would otherwise pay per page)
    context.set_forkserver_preload(["qa_service.ingest.readers", "qa_service.ingest.pages.layout"])
    return context


def run_safely(task: Callable[[Path], Any], path: Path, limits: SandboxLimits = SandboxLimits()) -> Any:
    """Return task(path) computed in a capped child (task: a module-level function of the path).

    Raises UnreadableDocument when the child runs out of time or memory, dies, or the task raises it.
    """
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    job = (task, path, sender, limits.memory_mb, limits.seconds, limits.ocr_seconds)
    child = context.Process(target=_child, args=job, daemon=True)
    child.start()
    sender.close()
    too_slow = f"{path.name}: parsing took longer than {limits.seconds:g} s"
    try:
        if not receiver.poll(limits.seconds * limits.wall_factor):
            raise UnreadableDocument(f"{too_slow} ({limits.wall_factor:g}x that in wall time)")
        ok, payload = receiver.recv()
    except EOFError as exc:  # killed by the kernel or crashed without a word: out of memory, most likely
        child.join(5)
        if child.exitcode == -signal.SIGXCPU:
            raise UnreadableDocument(f"{too_slow} of CPU time") from exc
        raise UnreadableDocument(f"{path.name}: the parser died (exit code {child.exitcode})") from exc
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receiver.close()
    if not ok:
        raise UnreadableDocument(payload)
    return payload


def _child(
    task: Callable[[Path], Any],
    path: Path,
    sender: Connection,
    memory_mb: int,
    seconds: float,
    ocr_seconds: float,
) -> None:
    """Cap this process's address space and CPU time, run the task, send back (ok, result or reason)."""
    # the forkserver's environment is the one it started with: pass the builder's OCR budget on
    os.environ["QA_OCR_SECONDS"] = repr(ocr_seconds)
    limit = _address_space() + memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    used = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])  # the kernel counts from the fork
    cpu = math.ceil(used + seconds)  # SIGXCPU (which ends the child) at the soft limit: whole seconds
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        result: tuple[bool, object] = (True, task(path))
    except UnreadableDocument as exc:
        result = (False, exc.message)
    except MemoryError:
        result = (False, f"{path.name}: parsing needed more than the {memory_mb} MB memory limit")
    sender.send(result)
    sender.close()


def _address_space() -> int:
    """Return this process's current virtual memory size in bytes."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0
