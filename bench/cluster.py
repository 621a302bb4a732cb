"""A running scale-out cluster: the shared index folder, Redis, PostgreSQL, gunicorn replicas, HAProxy."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from bench import servers
from bench.common import free_port
from qa_service.index.distribution import publish_shared


@dataclass
class Cluster:
    """The running servers of one run."""

    folder: Path
    shared: Path
    redis_url: str
    database_url: str
    replicas: list[servers.Replica]
    haproxy_port: int
    stoppers: list = field(default_factory=list)

    @property
    def url(self) -> str:
        """Return HAProxy's base URL."""
        return f"http://127.0.0.1:{self.haproxy_port}"

    def versions(self, replica: servers.Replica, samples: int = 8) -> set[str]:
        """Return the index versions a replica's workers report in /readyz over a few requests."""
        seen = set()
        for _ in range(samples):
            status, body = servers.get(replica.url + "/readyz")
            seen.add(json.loads(body)["index_version"] if status == 200 else f"status {status}")
        return seen

    def stop(self) -> None:
        """Stop everything that was started, last first."""
        for stopper in reversed(self.stoppers):
            stopper()


def start_cluster(
    folder: Path, index_dir: Path, replicas: int = 3, workers: int = 2, **config: str
) -> Cluster:
    """Publish index_dir to a shared folder and start Redis, PostgreSQL, the replicas and HAProxy."""
    from qa_service.editorial.db import Storage

    shared, stoppers = folder / "shared", []
    publish_shared(index_dir, shared)
    redis_proc, redis_url = servers.start_redis(folder)
    stoppers.append(lambda: servers.kill_group(redis_proc))
    try:
        pg_stop, database_url = servers.start_postgres()
        stoppers.append(pg_stop)
        storage = Storage(database_url)
        storage.migrate()  # once, like a deploy's migrate step: the workers then find it done
        storage.engine.dispose()
        env = _replica_env(shared, redis_url, database_url, workers, config)
        nodes = [
            servers.Replica(f"qa{i}", free_port(), folder / f"qa{i}", env) for i in range(1, replicas + 1)
        ]
        for node in nodes:
            node.start()
            stoppers.append(node.stop)
        for node in nodes:
            node.wait_ready()
        haproxy, port = servers.start_haproxy(folder, nodes)
        stoppers.append(lambda: servers.kill_group(haproxy))
    except BaseException:
        for stopper in reversed(stoppers):
            stopper()
        raise
    return Cluster(folder, shared, redis_url, database_url, nodes, port, stoppers)


def _replica_env(
    shared: Path, redis_url: str, database_url: str, workers: int, config: dict
) -> dict[str, str]:
    env = {
        "WEB_CONCURRENCY": str(workers),
        "LOG_LEVEL": "warning",
        "QA_REDIS_URL": redis_url,
        "QA_DATABASE_URL": database_url,
        "QA_INDEX_SHARED_DIR": str(shared),
        "QA_INDEX_CHECK_SECONDS": "2",
        "QA_TRUSTED_PROXIES": "1",  # HAProxy's X-Forwarded-For names the client
        "QA_WARMUP": "true",
    }
    return env | {f"QA_{key}": value for key, value in config.items()}
