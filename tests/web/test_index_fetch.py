"""A replica with QA_INDEX_SHARED_DIR fetches published versions, verifies them, reports them in /readyz."""

import pytest

from qa_service import create_app
from qa_service.index.distribution import publish_shared
from qa_service.ingest.build import build_index

TOKEN = "test-admin-token-0123456789"


@pytest.fixture
def cluster(tmp_path, fake_encoder):
    """A builder (source + index), the shared folder, and one replica app with an empty local index."""
    source, builder, shared = tmp_path / "docs", tmp_path / "builder", tmp_path / "shared"
    source.mkdir()
    (source / "a.txt").write_text("Councils run local partnerships.\n\nThe government sets targets.")
    build_index(source, builder, fake_encoder, progress=False)
    first = publish_shared(builder, shared)
    config = {
        "TESTING": True,
        "RATELIMIT_ENABLED": False,
        "INDEX_DIR": str(tmp_path / "replica-index"),
        "INDEX_SHARED_DIR": str(shared),
        "INDEX_CHECK_SECONDS": -1,
        "ADMIN_TOKEN": TOKEN,
        "DATA_DIR": str(tmp_path / "data"),
    }
    app = create_app(config, encoder=fake_encoder)

    def publish_new(text="Parish councils share one plan."):
        (source / "b.txt").write_text(text)
        build_index(source, builder, fake_encoder, progress=False)
        return publish_shared(builder, shared)

    return app, first, publish_new, shared


def reload(client):
    return client.post("/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})


def test_a_fresh_replica_fetches_the_published_version_before_serving(cluster):
    app, first, _, _ = cluster
    body = app.test_client().get("/readyz").get_json()
    assert body["status"] == "ready" and body["index_version"] == first.version
    assert "index_fetch_error" not in body


def test_a_new_publication_is_fetched_and_swapped_in(cluster):
    app, _, publish_new, _ = cluster
    client = app.test_client()
    second = publish_new()
    assert reload(client).get_json()["index_version"] == second.version
    assert client.get("/readyz").get_json()["index_version"] == second.version
    assert client.post("/api/ask", json={"question": "Who shares one plan?"}).status_code == 200


def test_a_corrupt_publication_keeps_the_old_version_serving(cluster):
    app, first, publish_new, shared = cluster
    client = app.test_client()
    second = publish_new()
    vectors = shared / "versions" / second.version / "vectors.faiss"
    vectors.write_bytes(vectors.read_bytes()[:-8])
    assert reload(client).get_json()["index_version"] == first.version
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["index_version"] == first.version
    assert "checksum" in ready.get_json()["index_fetch_error"]
    assert client.post("/api/ask", json={"question": "Who runs partnerships?"}).status_code == 200


def test_an_unreachable_shared_folder_keeps_the_old_version_serving(cluster):
    app, first, _, shared = cluster
    (shared / "LATEST.json").unlink()
    client = app.test_client()
    assert reload(client).get_json()["index_version"] == first.version
    body = client.get("/readyz").get_json()
    assert body["index_version"] == first.version and "LATEST.json" in body["index_fetch_error"]
