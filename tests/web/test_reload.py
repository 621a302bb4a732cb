"""Hot swap: a newly published index is loaded beside the live one and swapped in without a restart."""

import os
import signal
import threading
import time

import pytest

from qa_service.ingest.build import build_index

DOCS = {"doc.txt": "Councils run local partnerships.\n\nThe government sets targets for councils."}
TOKEN = "test-admin-token-0123456789"


@pytest.fixture
def reload_app(fake_app_factory):
    return fake_app_factory(DOCS, ADMIN_TOKEN=TOKEN, INDEX_CHECK_SECONDS=-1)  # only explicit reloads


def rebuild(app, fake_encoder, text="Parish councils share one plan.\n\nPartnership boards merged in 2020."):
    service = app.extensions["qa"]
    source = service.index_dir.parent / "docs"
    (source / "more.txt").write_text(text, encoding="utf-8")
    return build_index(source, service.index_dir, fake_encoder, progress=False).version


def admin_reload(client, token=TOKEN):
    return client.post("/admin/reload", headers={"Authorization": f"Bearer {token}"})


def wait_for(predicate, limit=30.0):
    deadline = time.monotonic() + limit
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.02)


def test_admin_endpoint_swaps_to_the_new_version(reload_app, fake_encoder):
    client = reload_app.test_client()
    old = client.get("/api/documents").get_json()["index_version"]
    new = rebuild(reload_app, fake_encoder)
    assert client.get("/api/documents").get_json()["index_version"] == old  # not picked up by itself
    body = admin_reload(client).get_json()
    assert body["reloaded"] is True and body["index_version"] == new != old
    answer = client.post("/api/ask", json={"question": "Which boards merged?"}).get_json()
    assert answer["index_version"] == new
    assert admin_reload(client).get_json()["reloaded"] is False  # nothing newer: no reload


@pytest.mark.parametrize(
    ("config", "headers", "status", "code"),
    [
        ({}, {"Authorization": f"Bearer {TOKEN}"}, 404, "not_found"),
        ({"ADMIN_TOKEN": TOKEN}, {}, 401, "unauthorized"),
        ({"ADMIN_TOKEN": TOKEN}, {"Authorization": "Bearer wrong"}, 403, "forbidden"),
    ],
)
def test_admin_endpoint_needs_its_token(fake_app_factory, config, headers, status, code):
    response = fake_app_factory(DOCS, **config).test_client().post("/admin/reload", headers=headers)
    assert response.status_code == status and response.get_json()["error"]["code"] == code


def test_a_request_triggers_a_background_check(fake_app_factory, fake_encoder):
    reload_app = fake_app_factory(DOCS, INDEX_CHECK_SECONDS=0)  # 0: due on every request, to skip the wait
    new = rebuild(reload_app, fake_encoder)
    client = reload_app.test_client()
    client.get("/healthz")
    wait_for(lambda: reload_app.extensions["qa"].version == new)
    assert client.get("/api/documents").get_json()["index_version"] == new


def test_checks_are_spaced_by_the_interval(fake_app_factory, fake_encoder, monkeypatch):
    reload_app = fake_app_factory(DOCS, INDEX_CHECK_SECONDS=3600)
    watcher = reload_app.extensions["qa_reload"]
    started = []
    monkeypatch.setattr(watcher, "start", lambda: started.append(1))
    for _ in range(5):
        reload_app.test_client().get("/healthz")
    assert started == []


def test_sighup_reloads(reload_app, fake_encoder):
    new = rebuild(reload_app, fake_encoder)
    os.kill(os.getpid(), signal.SIGHUP)
    wait_for(lambda: reload_app.extensions["qa"].version == new)


def test_a_refused_index_keeps_the_old_one_serving(reload_app, fake_encoder):
    client = reload_app.test_client()
    old = reload_app.extensions["qa"].version
    new = rebuild(reload_app, fake_encoder)
    folder = reload_app.extensions["qa"].index_dir / "versions" / new
    (folder / "vectors.faiss").write_bytes(b"garbage, not a faiss index")
    body = admin_reload(client).get_json()
    assert body["reloaded"] is False and body["index_version"] == old and body["reason"]
    assert client.get("/readyz").status_code == 200
    answer = client.post("/api/ask", json={"question": "Who sets targets?"}).get_json()
    assert answer["index_version"] == old
    assert new in reload_app.extensions["qa_reload"].refused
    assert admin_reload(client).get_json()["reloaded"] is False  # the bad build is not retried


def test_in_flight_request_finishes_on_the_old_index(reload_app, fake_encoder, monkeypatch):
    client = reload_app.test_client()
    old = reload_app.extensions["qa"].version
    new = rebuild(reload_app, fake_encoder)
    entered, release = threading.Event(), threading.Event()
    real = fake_encoder.encode_queries

    def slow(texts):
        if texts == ["Who sets targets?"]:
            entered.set()
            release.wait(30)
        return real(texts)

    monkeypatch.setattr(fake_encoder, "encode_queries", slow)
    result = {}
    thread = threading.Thread(
        target=lambda: result.update(
            client.post("/api/ask", json={"question": "Who sets targets?"}).get_json()
        )
    )
    thread.start()
    assert entered.wait(30)
    assert reload_app.extensions["qa_reload"].reload()["index_version"] == new  # swapped mid-request
    release.set()
    thread.join(30)
    assert result["index_version"] == old
    assert all(c["passage_id"].startswith("doc") for c in result["citations"])
    assert (
        client.post("/api/ask", json={"question": "Which boards merged?"}).get_json()["index_version"] == new
    )


def test_search_names_the_version_its_hits_came_from_even_mid_swap(fake_app_factory, fake_encoder, tmp_path):
    from qa_service.ingest.build import build_index

    reload_app = fake_app_factory({"a.txt": "Councils run local partnerships."}, INDEX_CHECK_SECONDS=-1)
    service = reload_app.extensions["qa"]
    old_version, old_retriever = service.version, service.retriever
    (tmp_path / "docs" / "a.txt").write_text("Councils merge their plans into one strategy.")
    build_index(tmp_path / "docs", tmp_path / "index", fake_encoder, progress=False)
    original = old_retriever.search

    def swap_then_search(*args, **kwargs):
        assert service.load()  # a new index goes live while this request is searching the old one
        return original(*args, **kwargs)

    old_retriever.search = swap_then_search
    body = reload_app.test_client().get("/api/search?q=councils").get_json()
    assert service.version != old_version
    assert body["index_version"] == old_version
    assert "partnerships" in body["results"][0]["text"]


def test_a_refused_version_is_tried_again_later_with_a_growing_wait(reload_app, fake_encoder, monkeypatch):
    """A refusal may have a passing cause (memory, a disk that filled): never refuse a version for good."""
    from qa_service.web import reload as reload_module

    service, watcher = reload_app.extensions["qa"], reload_app.extensions["qa_reload"]
    old, new = service.version, rebuild(reload_app, fake_encoder)
    real_load, clock, tries = service.load, [1000.0], []
    monkeypatch.setattr(reload_module.time, "monotonic", lambda: clock[0])

    def failing() -> bool:
        tries.append(clock[0])
        service.last_error = "MemoryError: a passing failure"
        return False

    monkeypatch.setattr(service, "load", failing)
    assert watcher.reload()["reloaded"] is False and "passing failure" in watcher.refused[new]
    clock[0] += reload_module.RETRY_SECONDS - 1
    watcher.reload()
    assert len(tries) == 1  # held back: not loaded again yet
    clock[0] += 2
    watcher.reload()
    assert len(tries) == 2  # tried again, failed again: the next wait doubles
    clock[0] += reload_module.RETRY_SECONDS + 1
    watcher.reload()
    assert len(tries) == 2 and service.version == old
    clock[0] += reload_module.RETRY_SECONDS
    monkeypatch.setattr(service, "load", real_load)
    assert watcher.reload()["reloaded"] is True and service.version == new
    assert new not in watcher.refused
