"""Scale-out on real servers: 3 gunicorn replicas behind HAProxy (deploy/haproxy.cfg), Redis, PostgreSQL.

Slow (about 3 minutes on 2 busy cores): two clusters are started, each replica a gunicorn with the real
app and model over the seed corpus. `make test` installs the servers from Debian (`make servers`).
"""

from __future__ import annotations

import http.client
import re
import shutil
import subprocess

import pytest

from bench import scale_out, servers
from bench.cluster import start_cluster
from bench.common import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.model]
LIMIT = 25


@pytest.fixture(scope="module")
def servers_installed():
    missing = servers.missing_servers()
    if missing:
        pytest.skip(f"needs {', '.join(missing)} from Debian: `make servers` (make test does it)")


@pytest.fixture(scope="module")
def second_index(seed_index, real_encoder, tmp_path_factory):
    """The seed corpus rebuilt as a new index version (same content, new version id)."""
    from qa_service.ingest.build import build_index

    folder = tmp_path_factory.mktemp("index-b") / "index"
    shutil.copytree(seed_index, folder, symlinks=True)
    build_index(ROOT / "source_docs", folder, real_encoder, force=True, progress=False)
    return folder


def test_three_replicas_survive_a_kill_and_converge_on_a_new_version(
    servers_installed, seed_index, second_index, tmp_path
):
    run = start_cluster(tmp_path, seed_index, RATE_LIMIT="1000000 per minute")
    try:
        result = scale_out.load_run(run, second_index, seconds=60, connections=32)
    finally:
        run.stop()
    print("scale-out run:", result)  # the figures of docs/operations.md
    errors, victim = result["socket_error_kinds"], run.replicas[1]
    # every refused connection, empty response, timeout and 503 was replayed on another replica: the
    # client never saw one. The one failure no proxy can hide is a response the killed replica had begun
    # (headers sent, body not): HAProxy logs it (SD) and closes the client's connection, a read error.
    assert errors["connect"] == errors["write"] == errors["timeout"] == 0, errors
    assert set(result["responses_cut"]) <= {victim.name}, result["responses_cut"]
    in_flight = int(victim.env["WEB_CONCURRENCY"])  # sync workers: one request each when it was killed
    assert errors["read"] <= result["responses_cut"].get(victim.name, 0) <= in_flight, result
    assert set(result["statuses"]) <= {"200", "201"}, result["statuses"]  # no 5xx, no 429 at this limit
    assert result["requests"] > 0 and result["feedback_acknowledged"] > 0
    assert result["converged_after"] is not None
    assert all(v == [result["new_version"]] for v in result["replica_versions"].values())
    # every feedback the client was told was stored is in PostgreSQL, and none twice
    assert result["feedback_acknowledged_missing"] == 0
    assert result["feedback_duplicate_comments"] == 0
    assert result["feedback_rows"] >= result["feedback_acknowledged"]


@pytest.fixture(scope="module")
def limited(servers_installed, seed_index, tmp_path_factory):
    """A cluster whose per-client limit is small enough to reach."""
    run = start_cluster(tmp_path_factory.mktemp("limited"), seed_index, RATE_LIMIT=f"{LIMIT} per hour")
    yield run
    run.stop()


def test_a_response_cut_by_the_server_is_counted_from_the_haproxy_log():
    # two lines as deploy/haproxy.cfg logs them: a request replayed on qa1, a response qa2 died sending
    log = (
        "127.0.0.1:48594 [03/Dec/2026:05:28:17.970] qa replicas/qa1 0/104/0/38/143 201 428 - - ---- "
        '32/32/30/15/+1 0/0 "POST /api/feedback HTTP/1.1"\n'
        "127.0.0.1:48596 [03/Dec/2026:05:28:18.083] qa replicas/qa2 0/0/0/48/-1 200 151 - - SD-- "
        '32/32/31/15/0 0/0 "POST /api/ask HTTP/1.1"\n'
        "[WARNING]  (28211) : Server replicas/qa2 is DOWN, reason: Layer4 connection problem\n"
    )
    assert scale_out.cut_responses(log) == {"qa2": 1}


def statuses(
    port: int, source: str, count: int, headers: dict[str, str] | None = None, path: str = "/api/documents"
) -> list[int]:
    """GET a path `count` times, each on a new connection from the given loopback source address."""
    seen = []
    for _ in range(count):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
        conn.request("GET", path, headers=headers or {})
        seen.append(conn.getresponse().status)
        conn.close()
    return seen


def test_the_429_comes_at_the_same_count_with_one_or_three_replicas(limited):
    one = statuses(limited.replicas[0].port, "127.0.0.2", LIMIT + 10)  # one replica, directly
    three = statuses(limited.haproxy_port, "127.0.0.3", LIMIT + 10)  # spread over 3 by HAProxy
    assert one == three == [200] * LIMIT + [429] * 10


def test_a_client_cannot_buy_budget_with_a_forged_forwarded_for(limited):
    forged = [
        statuses(limited.haproxy_port, "127.0.0.4", 1, {"X-Forwarded-For": f"10.0.0.{n}"})[0]
        for n in range(LIMIT + 5)
    ]
    assert forged == [200] * LIMIT + [429] * 5  # HAProxy appends the real address; only that counts


def scraped(replica: servers.Replica, route: str) -> float:
    """Sum qa_requests_total for one route in a replica's /metrics (every worker, multiprocess mode)."""
    status, body = servers.get(replica.url + "/metrics")
    assert status == 200
    pattern = rf'^qa_requests_total\{{[^}}]*route="{re.escape(route)}"[^}}]*\}} ([0-9.e+]+)$'
    return sum(float(value) for value in re.findall(pattern, body.decode(), flags=re.M))


def test_metrics_count_every_request_once_whichever_worker_served_it(limited):
    before = sum(scraped(r, "/api/recommendations") for r in limited.replicas)
    sent = statuses(limited.haproxy_port, "127.0.0.5", 30, path="/api/recommendations")
    direct = statuses(limited.replicas[2].port, "127.0.0.6", 12, path="/api/recommendations")
    assert len(sent) + len(direct) == 42
    for _ in range(3):  # any worker may answer the scrape: each must see every worker's counts
        assert sum(scraped(r, "/api/recommendations") for r in limited.replicas) - before == 42
    assert scraped(limited.replicas[2], "/api/recommendations") >= 12
    assert servers.get(limited.url + "/metrics")[0] == 404  # not through the public load balancer


def test_the_haproxy_config_is_valid(servers_installed):
    result = subprocess.run(
        ["haproxy", "-c", "-f", str(ROOT / "deploy" / "haproxy.cfg")], capture_output=True
    )
    assert result.returncode == 0, result.stderr
