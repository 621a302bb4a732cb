"""The document library end to end with the real model: upload, replace, delete; a second replica.

The 30-page PDF is plainly fictional test data made here. Wall time is printed (docs/ocr.md records
it), never asserted; the polls only give up after a generous guard.
"""

from __future__ import annotations

import io
import shutil
import time
from pathlib import Path

import pytest
from fixtures.make_docs import make_pdf

from bench import servers

pytestmark = [pytest.mark.model, pytest.mark.slow]
TOKEN = "library-e2e-token"
BEARER = {"Authorization": f"Bearer {TOKEN}"}
TITLE = "Fictional Harbourside Ferry Review"
QUESTION = f"How many passengers did the ferry carry in the winter season, according to the {TITLE}?"
GUARD = 600  # seconds before a poll gives up: a failure guard on a busy machine, not a target


def ferry_review(path: Path, winter: str) -> Path:
    """Write a 30-page fictional review; page 17 holds the winter figure."""
    pages = []
    for number in range(1, 31):
        lines = [f"Fictional Harbourside ferry review, chapter {number}."]
        lines += [
            f"The fictional crew of route {number} checked the life jackets on {d} mornings."
            for d in (3, 5, 7)
        ]
        lines += [f"Berth {number} was painted and the fictional timetable for it was printed again."]
        pages.append(lines)
    pages[16] = [
        "Fictional Harbourside ferry review, winter season.",
        f"The fictional Harbourside ferry carried {winter} passengers in the winter season.",
        "Most of the winter passengers travelled before nine in the morning.",
    ]
    return make_pdf(path, pages)


def wait_for(client, job_url: str) -> dict:
    deadline = time.monotonic() + GUARD
    while time.monotonic() < deadline:
        body = client.get(job_url, headers=BEARER).get_json()
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(0.5)
    raise AssertionError(f"{job_url} still {body['status']} after {GUARD} s")


def citations(client, document_id: str) -> list[dict]:
    answer = client.post("/api/ask", json={"question": QUESTION}).get_json()
    return [c for c in answer["citations"] if c["passage_id"].startswith(document_id + "--")]


@pytest.fixture
def library_app(seed_index, real_encoder, tmp_path):
    from qa_service import create_app

    source = tmp_path / "source_docs"
    shutil.copytree(Path(__file__).resolve().parents[2] / "source_docs", source)
    index = tmp_path / "index"
    shutil.copytree(seed_index, index, symlinks=True)
    config = {"SOURCE_DIR": str(source), "INDEX_DIR": str(index), "DATA_DIR": str(tmp_path / "data")}
    config |= {"ADMIN_TOKEN": TOKEN, "RATELIMIT_ENABLED": False, "WARMUP": False, "TESTING": True}
    return create_app(config, encoder=real_encoder)


def test_upload_replace_delete_with_the_real_model(library_app, tmp_path):
    client = library_app.test_client()
    pdf = ferry_review(tmp_path / "review.pdf", "48,000")
    started = time.perf_counter()
    sent = client.post(
        "/admin/documents", headers=BEARER, data={"file": (pdf.open("rb"), "review.pdf"), "title": TITLE}
    )
    assert sent.status_code == 202
    job = wait_for(client, sent.get_json()["job"])
    assert job["status"] == "done", job
    found = citations(client, "review")
    print(f"30-page PDF: upload to cited answer in {time.perf_counter() - started:.1f} s")
    assert any("48,000 passengers" in c["quote"] and c["page"] == 17 for c in found), found

    replacement = ferry_review(tmp_path / "review2.pdf", "52,000")
    sent = client.put(
        "/admin/documents/review", headers=BEARER, data={"file": (replacement.open("rb"), "r.pdf")}
    )
    assert wait_for(client, sent.get_json()["job"])["status"] == "done"
    found = citations(client, "review")
    assert any("52,000 passengers" in c["quote"] for c in found)
    passages = library_app.extensions["qa"].retriever.passages
    assert not any("48,000" in p.text for p in passages)  # the old text is gone, not just outranked

    sent = client.delete("/admin/documents/review", headers=BEARER)
    assert wait_for(client, sent.get_json()["job"])["status"] == "done"
    assert citations(client, "review") == []
    assert not any(p.document_id == "review" for p in library_app.extensions["qa"].retriever.passages)


@pytest.fixture
def redis_url(tmp_path):
    if servers.missing_servers():
        pytest.skip("needs Debian's redis-server: `make servers` (make test does it)")
    proc, url = servers.start_redis(tmp_path)
    yield url
    servers.kill_group(proc)


def test_a_second_replica_serves_an_upload_built_by_the_one_worker(
    seed_index, real_encoder, redis_url, tmp_path, monkeypatch
):
    """Replica B takes the upload, the RQ worker builds and publishes, replica A fetches and cites it."""
    import redis
    from rq import Queue, SimpleWorker

    from qa_service import create_app
    from qa_service.editorial.library.queue import QUEUE_NAME, _worker_resources
    from qa_service.index.distribution import publish_shared

    shared, source = tmp_path / "shared", tmp_path / "source_docs"
    shutil.copytree(Path(__file__).resolve().parents[2] / "source_docs", source)
    publish_shared(seed_index, shared)
    common = {
        "SOURCE_DIR": str(source), "INDEX_SHARED_DIR": str(shared), "REDIS_URL": redis_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'editorial.sqlite3'}", "ADMIN_TOKEN": TOKEN,
        "RATELIMIT_ENABLED": False, "WARMUP": False, "TESTING": True, "ENCODER": "torch",
    }  # fmt: skip
    replicas = {
        name: create_app(
            common | {"INDEX_DIR": str(tmp_path / name / "index"), "DATA_DIR": str(tmp_path / name)},
            encoder=real_encoder,
        )
        for name in ("a", "b")
    }
    seed_version = replicas["a"].extensions["qa"].version
    pdf = ferry_review(tmp_path / "review.pdf", "48,000")
    sent = (
        replicas["b"]
        .test_client()
        .post(
            "/admin/documents",
            headers=BEARER,
            data={"file": (io.BytesIO(pdf.read_bytes()), "review.pdf"), "title": TITLE},
        )
    )
    assert sent.status_code == 202
    job_url = sent.get_json()["job"]
    assert replicas["a"].test_client().get(job_url, headers=BEARER).get_json()["status"] == "queued"

    for key, value in common.items():  # the worker reads the same QA_* settings as the replicas
        monkeypatch.setenv(f"QA_{key}", str(value))
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path / "worker"))
    _worker_resources.cache_clear()
    connection = redis.Redis.from_url(redis_url)
    worker = SimpleWorker([Queue(QUEUE_NAME, connection=connection)], connection=connection)
    assert worker.work(burst=True, with_scheduler=False)
    _worker_resources.cache_clear()

    job = replicas["a"].test_client().get(job_url, headers=BEARER).get_json()
    assert job["status"] == "done", job
    result = replicas["a"].extensions["qa_reload"].reload()  # replica A's next poll of the shared folder
    assert result["reloaded"] and result["index_version"] == job["index_version"] != seed_version
    found = citations(replicas["a"].test_client(), "review")
    assert any("48,000 passengers" in c["quote"] for c in found), found
