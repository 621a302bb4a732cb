"""Real servers on loopback for the scale-out run: Redis, PostgreSQL, gunicorn replicas and HAProxy.

Each server runs in its own process group from Debian's packages (`make test` installs them); a
replica is a gunicorn with the real app, its own local index folder and its own metrics folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import ROOT, free_port

PG_BINS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def missing_servers() -> list[str]:
    """Return the Debian packages this run needs that are not installed."""
    wanted = {"redis-server": "redis-server", "haproxy": "haproxy", "wrk": "wrk"}
    missing = [package for command, package in wanted.items() if shutil.which(command) is None]
    if not any((b / "initdb").exists() for b in PG_BINS) and shutil.which("initdb") is None:
        missing.append("postgresql")
    return missing


def _spawn(command: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    with log.open("ab") as handle:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )


def kill_group(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """Signal a server's whole process group (gunicorn master and workers) and reap it."""
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.killpg(proc.pid, sig)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def start_redis(folder: Path) -> tuple[subprocess.Popen, str]:
    """Start a throwaway redis-server without persistence; return it and its URL."""
    port = free_port()
    args = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    proc = _spawn(["redis-server", *args, "--dir", str(folder)], folder / "redis.log")
    _wait(lambda: _redis_ping(port), "redis-server")
    return proc, f"redis://127.0.0.1:{port}/0"


def _redis_ping(port: int) -> bool:
    import redis

    try:
        return bool(redis.Redis(port=port, socket_timeout=0.5).ping())
    except redis.RedisError:
        return False


def start_postgres() -> tuple[Callable[[], None], str]:
    """Start a throwaway PostgreSQL (as the postgres user when root); return its stop function and URL."""
    pg_bin = next((b for b in PG_BINS if (b / "initdb").exists()), None)
    pg_bin = pg_bin or Path(str(shutil.which("initdb"))).resolve().parent
    folder = Path(tempfile.mkdtemp(prefix="qa-pg-"))  # its own: the postgres user must reach it
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(folder, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port, data = free_port(), folder / "data"
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    initdb = [*as_user, str(pg_bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "qa"]
    subprocess.run(initdb, check=True, capture_output=True, timeout=120)
    ctl = [*as_user, str(pg_bin / "pg_ctl"), "-D", str(data)]
    start = [*ctl, "-l", str(folder / "log"), "-o", options, "-w", "start"]
    subprocess.run(start, check=True, capture_output=True, timeout=60)

    def stop() -> None:
        subprocess.run([*ctl, "-m", "immediate", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)

    return stop, f"postgresql+psycopg://qa@127.0.0.1:{port}/postgres"


@dataclass
class Replica:
    """One gunicorn replica: its port, folders, environment and (while running) its process."""

    name: str
    port: int
    folder: Path
    env: dict[str, str]
    proc: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """Return the replica's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start gunicorn with the real app (no waiting)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        metrics = self.folder / "metrics"  # one per replica: gunicorn.conf.py empties it at start
        env = os.environ | self.env | {"PORT": str(self.port), "PROMETHEUS_MULTIPROC_DIR": str(metrics)}
        env |= {"QA_INDEX_DIR": str(self.folder / "index"), "QA_DATA_DIR": str(self.folder / "data")}
        command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "qa_service:create_app()"]
        self.proc = _spawn([*command, "--access-logfile", "/dev/null"], self.folder / "gunicorn.log", env)

    def wait_ready(self, timeout: float = 240) -> None:
        """Wait until /readyz answers 200."""
        _wait(lambda: get(self.url + "/readyz")[0] == 200, f"replica {self.name}", timeout, self.proc)

    def kill(self) -> None:
        """SIGKILL the master and every worker at once (a crashed machine, not a shutdown)."""
        if self.proc is not None:
            kill_group(self.proc, signal.SIGKILL)

    def stop(self) -> None:
        """Stop gracefully."""
        if self.proc is not None and self.proc.poll() is None:
            kill_group(self.proc)


def start_haproxy(folder: Path, replicas: list[Replica]) -> tuple[subprocess.Popen, int]:
    """Start HAProxy with deploy/haproxy.cfg pointed at the replicas; return it and its port."""
    port = free_port()
    env = os.environ | {"QA_LISTEN": f"127.0.0.1:{port}"}
    env |= {f"QA_REPLICA_{i}": f"127.0.0.1:{r.port}" for i, r in enumerate(replicas, 1)}
    proc = _spawn(["haproxy", "-db", "-f", str(ROOT / "deploy" / "haproxy.cfg")], folder / "haproxy.log", env)
    _wait(lambda: get(f"http://127.0.0.1:{port}/readyz")[0] == 200, "haproxy", 30, proc)
    return proc, port


def get(url: str, timeout: float = 5, source: str | None = None) -> tuple[int, bytes]:
    """GET a URL; return (status, body), status 0 when the connection failed."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except OSError:
        return 0, b""


def _wait(ready, what: str, timeout: float = 30, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} not ready after {timeout:.0f} s")
        time.sleep(0.2)
