"""The glue: gunicorn's config parses, and a real worker answers its first request (no fork hang)."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_check_config():
    result = subprocess.run(
        [GUNICORN, "--check-config", "-c", "gunicorn.conf.py", "qa_service:create_app()"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.model
def test_real_gunicorn_worker_answers(seed_index):
    port = free_port()
    env = os.environ | {"PORT": str(port), "WEB_CONCURRENCY": "2", "QA_INDEX_DIR": str(seed_index)}
    server = subprocess.Popen(
        [GUNICORN, "-c", "gunicorn.conf.py", "qa_service:create_app()"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(base, server)
        request = urllib.request.Request(
            f"{base}/api/ask",
            method="POST",
            data=json.dumps({"question": "Do councils want fewer partnerships?"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = json.load(response)
        assert body["covered"] and body["citations"]
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()


def wait_ready(base, server, limit=90):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read().decode()[-2000:]
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError("gunicorn did not become ready")
