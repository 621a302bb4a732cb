"""Load test: wrk at concurrency 32 against gunicorn on loopback, steady and across a mid-run index swap.

Not a test: run it by hand when the machine is quiet (`python bench/load.py`, about 2.5 minutes).
Prints p50/p99 and error counts for each run and saves them to .cache/bench/load.json.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from common import free_port, questions, save, seed_index, start_gunicorn, stop

LUA = """
local questions = {%s}
local n = 0
request = function()
  n = n + 1
  local body = '{"question": "' .. questions[(n %% #questions) + 1] .. ' (' .. n .. ')"}'
  return wrk.format("POST", "/api/ask", {["Content-Type"] = "application/json"}, body)
end
"""


def run_wrk(port: int, seconds: int, connections: int, script: Path) -> dict:
    """Run wrk once and return p50/p99 (ms), requests, rate and error counts."""
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "--latency",
        "-s",
        str(script),
    ]
    out = subprocess.run(
        command + [f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True
    ).stdout
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "p50_ms": _ms(re.search(r"50%\s+(\S+)", out).group(1)),
        "p99_ms": _ms(re.search(r"99%\s+(\S+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "non_2xx": int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0,
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
    }


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return round(float(number) * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}[unit], 1)


def publish_copy(index_dir: Path) -> str:
    """Publish a copy of the live version under a new version id: a real swap, no re-embedding."""
    from qa_service.index import store

    live = store.current_folder(index_dir)
    version = f"{live.name.split('-swap')[0]}-swap{int(time.time())}"
    staging = Path(tempfile.mkdtemp(dir=index_dir / store.VERSIONS, prefix=".tmp-"))
    shutil.copytree(live, staging, dirs_exist_ok=True)
    manifest = json.loads((staging / "manifest.json").read_text())
    (staging / "manifest.json").write_text(json.dumps(manifest | {"version": version}))
    staging.rename(index_dir / store.VERSIONS / version)
    store.publish(index_dir, version)
    return version


def readyz_versions(port: int, samples: int = 20) -> list[str]:
    """Return the index versions a burst of /readyz calls report (the workers answer in turn)."""
    seen = []
    for _ in range(samples):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=10) as response:
            seen.append(json.loads(response.read())["index_version"])
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    index_dir = seed_index()
    script = Path(tempfile.mkdtemp()) / "ask.lua"
    script.write_text(LUA % ", ".join(json.dumps(q) for q in questions()))
    port = free_port()
    env = {
        "QA_INDEX_DIR": str(index_dir),
        "QA_INDEX_CHECK_SECONDS": "2",
        "QA_RATE_LIMIT": "1000000 per minute",
    }
    server = start_gunicorn(port, args.workers, env)
    try:
        steady = run_wrk(port, args.seconds, args.connections, script)
        swap: dict = {}
        timer = threading.Timer(args.seconds / 2, lambda: swap.update(version=publish_copy(index_dir)))
        timer.start()
        swapped = run_wrk(port, args.seconds, args.connections, script)
        timer.join()
        time.sleep(3)  # one check interval: every worker has looked by now
        swapped |= {
            "new_version": swap["version"],
            "workers_on_new": readyz_versions(port).count(swap["version"]),
        }
    finally:
        stop(server)
    result = {"workers": args.workers, "connections": args.connections, "steady": steady, "swap": swapped}
    save("load", result)
    for name, run in (("steady", steady), ("swap", swapped)):
        print(
            f"{name}: p50 {run['p50_ms']} ms, p99 {run['p99_ms']} ms, {run['requests']} requests, "
            f"{run['non_2xx']} non-2xx, {run['socket_errors']} socket errors"
        )


if __name__ == "__main__":
    main()
