"""Helpers shared by the benchmark scripts: timing, results files, the seed index, questions."""

from __future__ import annotations

import functools
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / ".cache" / "bench"
GOLDEN = ROOT / "tests" / "data" / "golden.jsonl"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(ROOT))


def percentiles(seconds: list[float]) -> dict[str, float]:
    """Return p50/p95/p99 and the mean in milliseconds."""
    ms = 1e3 * np.asarray(seconds)
    p50, p95, p99 = np.percentile(ms, [50, 95, 99])
    return {"p50": round(p50, 2), "p95": round(p95, 2), "p99": round(p99, 2), "mean": round(ms.mean(), 2)}


def save(name: str, data: dict) -> None:
    """Write one benchmark's results to .cache/bench/<name>.json and print them."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=1))
    print(json.dumps(data, indent=1))


def questions() -> list[str]:
    """Return the golden questions (real questions about the seed corpus)."""
    from evaluation.datasets import read_jsonl

    return [row["question"] for row in read_jsonl(GOLDEN)]


@functools.cache  # checked once per process: each check re-hashed the model weights and the corpus
def seed_index() -> Path:
    """Build (or reuse) an fp32 index of source_docs/ under .cache/bench-index."""
    from qa_service.encoders.torch import Encoder
    from qa_service.ingest.build import build_index

    index_dir = ROOT / ".cache" / "bench-index"
    build_index(ROOT / "source_docs", index_dir, Encoder(), progress=False)
    return index_dir


def free_port() -> int:
    """Return a free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_gunicorn(
    port: int, workers: int, env: dict[str, str], *extra: str, timeout: float = 180
) -> subprocess.Popen:
    """Start gunicorn on loopback with our config and wait until /readyz answers 200."""
    full = os.environ | {"QA_RATELIMIT_ENABLED": "false", "QA_DATA_DIR": str(RESULTS / "data")} | env
    full |= {"WEB_CONCURRENCY": str(workers), "GUNICORN_BIND": f"127.0.0.1:{port}", "LOG_LEVEL": "warning"}
    args = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--access-logfile", "/dev/null"]
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = (RESULTS / "gunicorn.log").open("a")  # keep the server's log out of the benchmark's output
    command = [*args, *extra, "qa_service:create_app()"]
    proc = subprocess.Popen(command, cwd=ROOT, env=full, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_ready(port, proc, timeout)
    except RuntimeError:
        stop(proc)
        raise
    return proc


def wait_ready(port: int, proc: subprocess.Popen, timeout: float = 180) -> float:
    """Poll /readyz until 200; return the seconds waited."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("gunicorn did not become ready")


def stop(proc: subprocess.Popen) -> None:
    """Stop a server we started (TERM, then KILL)."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def post_raw(port: int, question: str) -> bytes:
    """POST one question over a fresh connection with a bare socket client; return the raw response.

    urllib spends ~0.5 ms of Python per request building and parsing; this client spends ~0.05 ms, so
    the time measured is the server's (gunicorn sync workers close the connection after each answer).
    """
    body = json.dumps({"question": question}).encode()
    head = (
        f"POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    chunks = []
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(head + body)
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    response = b"".join(chunks)
    if not response.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"/api/ask answered {response[:80]!r}")
    return response


def post_ask(port: int, question: str) -> dict:
    """POST one question to /api/ask over a fresh HTTP connection; return the JSON."""
    body = json.dumps({"question": question}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/ask", body, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())
