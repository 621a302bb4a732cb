"""Memory: RSS and PSS per gunicorn worker, per encoder, with and without preload_app."""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

from bench.common import free_port, post_ask, save, seed_index, start_gunicorn, stop


def rollup(pid: int) -> dict[str, float]:
    """Return RSS and PSS of a process in MiB (from /proc/<pid>/smaps_rollup)."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            fields[name.lower() + "_mib"] = round(int(rest.split()[0]) / 1024, 1)
    return fields


def workers(master: int) -> list[int]:
    """Return the worker pids of a gunicorn master."""
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def measure(kind: str, preload: bool) -> dict:
    """Start 2 workers, answer a question on each, read their memory."""
    port, extra = free_port(), ("--preload",) if preload else ()
    env = {"QA_INDEX_DIR": str(seed_index()), "QA_ENCODER": kind, "GUNICORN_TIMEOUT": "90"}
    try:
        server = start_gunicorn(port, 2, env, *extra, timeout=90)
    except RuntimeError as exc:
        return {"error": str(exc)}
    try:
        for _ in range(4):
            post_ask(port, "Who wrote the report?")
        return {"master": rollup(server.pid), "workers": [rollup(pid) for pid in workers(server.pid)]}
    finally:
        stop(server)


def main() -> None:
    """Measure every encoder with and without preload."""
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--encoders", default="onnx-int8,torch")
    args = cli.parse_args()
    result = {}
    for kind in args.encoders.split(","):
        for preload in (False, True):
            result[f"{kind}{' preload' if preload else ''}"] = measure(kind, preload)
    save("memory", result)


if __name__ == "__main__":
    main()
