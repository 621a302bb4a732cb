"""Scale-out run: 3 gunicorn replicas behind HAProxy with Redis and PostgreSQL, under wrk.

`python -m bench.scale_out` (about 2 minutes; needs redis-server, postgresql, haproxy and wrk from
Debian). wrk runs 60 s at 32 connections mixing /api/ask and feedback POSTs; one replica is SIGKILLed
at 20 s (and restarted at 30 s, as an orchestrator would); a new index version is published to the
shared folder at 40 s. Prints one JSON summary; tests/e2e/test_scale_out.py asserts on the same run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from bench.cluster import Cluster, start_cluster
from bench.common import ROOT
from qa_service.index.distribution import publish_shared

LUA = ROOT / "bench" / "wrk_mix.lua"


def run_wrk(url: str, seconds: int, connections: int, ids_file: Path, unique: bool = False) -> dict:
    """Run wrk with the ask + feedback mix; return the script's summary plus wrk's own rate."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "-s", str(LUA), url]
    env = os.environ | {"WRK_FEEDBACK_IDS": str(ids_file), "WRK_UNIQUE": "1" if unique else "0"}
    run = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 120, env=env)
    result = json.loads(run.stdout.split("WRK_RESULT ", 1)[1].splitlines()[0])
    result["per_second"] = float(re.search(r"Requests/sec:\s+([\d.]+)", run.stdout).group(1))
    return result


def load_run(run: Cluster, new_index: Path, seconds: int = 60, connections: int = 32) -> dict:
    """wrk for `seconds`; kill a replica at 1/3, restart it at 1/2, publish new_index at 2/3."""
    events: dict[str, float] = {}
    victim = run.replicas[1]

    def chaos() -> None:
        started = time.monotonic()
        time.sleep(seconds / 3)
        victim.kill()
        events["killed_at"] = time.monotonic() - started
        time.sleep(seconds / 2 - events["killed_at"])
        victim.start()  # as an orchestrator would: it fetches the published version before serving
        time.sleep(max(0.0, 2 * seconds / 3 - (time.monotonic() - started)))
        events["new_version"] = publish_shared(new_index, run.shared).version
        events["published_at"] = time.monotonic() - started
        events["converged_after"] = _wait_converged(run, events["new_version"], started + seconds + 60)

    thread = threading.Thread(target=chaos, daemon=True)
    thread.start()
    ids_file = run.folder / "feedback-ids.txt"
    result = run_wrk(run.url, seconds, connections, ids_file)
    thread.join(timeout=120)
    result |= events
    result["replica_versions"] = {r.name: sorted(run.versions(r)) for r in run.replicas}
    acknowledged = [int(line) for line in ids_file.read_text().split()]
    result |= _feedback_check(run.database_url, acknowledged)
    result["responses_cut"] = cut_responses((run.folder / "haproxy.log").read_text(errors="replace"))
    return result


# deploy/haproxy.cfg's httplog line: "... frontend backend/server Tr/Tw/Tc/Tr/Ta status bytes - - SD-- ..."
_HTTPLOG = re.compile(r" [\w-]+/(?P<server>[\w-]+) [-\d/+]+ -?\d+ \+?\d+ \S+ \S+ (?P<state>\S{4}) ")


def cut_responses(log: str) -> dict[str, int]:
    """Count, per replica, the responses HAProxy logged as cut off by the server (termination state SD).

    A replica killed after sending a response's headers but before its body (gunicorn writes them in
    two calls) leaves HAProxy half a response: it cannot replay it elsewhere, so it closes the client's
    connection, which the client sees as a read error. Every other failure is retried on another replica.
    """
    cut: dict[str, int] = {}
    for match in _HTTPLOG.finditer(log):
        if match["state"].startswith("SD"):
            cut[match["server"]] = cut.get(match["server"], 0) + 1
    return cut


def _wait_converged(run: Cluster, version: str, deadline: float) -> float | None:
    """Return the seconds from now until every replica reports version (None if it never did)."""
    start = time.monotonic()
    while time.monotonic() < deadline:
        if all(run.versions(r, samples=4) == {version} for r in run.replicas):
            return round(time.monotonic() - start, 1)
        time.sleep(0.5)
    return None


def _feedback_check(database_url: str, acknowledged: list[int]) -> dict[str, int]:
    """Compare the feedback the client was told was stored (201 ids) with the rows in PostgreSQL."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, comment FROM feedback WHERE comment LIKE 'wrk-%'")).all()
    engine.dispose()
    stored = {row[0] for row in rows}
    return {
        "feedback_acknowledged": len(acknowledged),
        "feedback_acknowledged_distinct": len(set(acknowledged)),
        "feedback_acknowledged_missing": len(set(acknowledged) - stored),
        "feedback_rows": len(rows),
        "feedback_duplicate_comments": len(rows) - len({row[1] for row in rows}),
    }


def cache_effect(run: Cluster, seconds: int = 20, rounds: int = 2) -> dict:
    """Alternate wrk runs of repeated questions (shared cache hits) and new ones (misses) on one cluster."""
    runs: dict[str, list[dict]] = {"repeated": [], "unique": []}
    for _ in range(rounds):
        for name in runs:
            ids = run.folder / f"ids-{name}.txt"
            runs[name].append(run_wrk(run.url, seconds, 32, ids, unique=name == "unique"))
    keys = ("per_second", "p50_ms", "p99_ms")
    return {name: {k: [r[k] for r in results] for k in keys} for name, results in runs.items()}


def main() -> None:
    """Build two index versions of the seed corpus, run the scenario, print the figures."""
    from bench.common import save, seed_index
    from qa_service.encoders.torch import Encoder
    from qa_service.ingest.build import build_index

    folder = Path(tempfile.mkdtemp(prefix="qa-scale-"))
    try:
        first = seed_index()
        second = folder / "index-b"
        shutil.copytree(first, second, symlinks=True)
        build_index(ROOT / "source_docs", second, Encoder(), force=True, progress=False)
        run = start_cluster(folder, first, RATE_LIMIT="100000 per minute")
        try:
            save("scale_out", load_run(run, second))
            save("scale_out_cache", cache_effect(run))
        finally:
            run.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
