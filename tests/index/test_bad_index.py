"""A damaged index is refused at load: the worker stays up, /readyz says why, /api/* answers 503 JSON."""

import json

import numpy as np
import pytest

from qa_service import create_app
from qa_service.index import store
from qa_service.index.dense import VectorIndex

DOCS = {
    "a.txt": "Councils run local partnerships.\n\nThe government sets targets for councils.",
    "b.txt": "Parish plans were merged in a fictional borough.\n\nBoards meet every quarter.",
}


def truncate_vectors(folder):
    path = folder / "vectors.faiss"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def garbage_vectors(folder):
    (folder / "vectors.faiss").write_bytes(np.random.default_rng(0).bytes(4096))


def drop_a_passage(folder):
    path = folder / "passages.jsonl"
    path.write_text("".join(path.read_text(encoding="utf-8").splitlines(True)[1:]), encoding="utf-8")


def drop_a_passage_and_fix_the_count(folder):
    drop_a_passage(folder)
    edit_manifest(folder, lambda m: m.update(count=m["count"] - 1))


def other_dimension(folder):
    count = len(VectorIndex.load(folder / "vectors.faiss"))
    VectorIndex.build(np.eye(count, 32, dtype=np.float32)).save(folder / "vectors.faiss")


def other_model(folder):
    edit_manifest(folder, lambda m: m["model"].update(checksum="another-model"))


def unreadable_manifest(folder):
    (folder / "manifest.json").write_text("{not json", encoding="utf-8")


def garbage_sentence_vectors(folder):
    (folder / "sentence_vectors.npy").write_bytes(b"\x93NUMPY garbage")


def passages_not_json(folder):
    (folder / "passages.jsonl").write_text("{broken\n", encoding="utf-8")


def edit_manifest(folder, change):
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")


DAMAGE = [
    (truncate_vectors, "vectors"),
    (garbage_vectors, "vectors"),
    (drop_a_passage, "manifest says"),
    (drop_a_passage_and_fix_the_count, "vectors for"),
    (other_dimension, "dimension"),
    (other_model, "another model"),
    (unreadable_manifest, "manifest"),
    (garbage_sentence_vectors, ""),
    (passages_not_json, "passages"),
]


@pytest.mark.parametrize(("damage", "reason"), DAMAGE, ids=[d.__name__ for d, _ in DAMAGE])
def test_damaged_index_is_refused_and_explained(fake_app_factory, fake_encoder, damage, reason):
    good = fake_app_factory(DOCS)
    index_dir = good.extensions["qa"].index_dir
    damage(store.current_folder(index_dir))
    app = create_app(dict(good.config), encoder=fake_encoder)  # a worker starting on the damaged index
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 503 and reason in ready.get_json()["reason"]
    for response in (
        client.post("/api/ask", json={"question": "Who sets targets?"}),
        client.get("/api/search?q=targets"),
        client.get("/api/documents"),
        client.get("/api/passages/a-1"),
    ):
        assert response.status_code == 503 and response.is_json
        assert set(response.get_json()["error"]) == {"code", "message"}
        assert "citations" not in response.get_data(as_text=True)


def test_dangling_current_pointer_is_not_ready(fake_app_factory, fake_encoder):
    import shutil

    good = fake_app_factory(DOCS)
    shutil.rmtree(store.current_folder(good.extensions["qa"].index_dir))
    client = create_app(dict(good.config), encoder=fake_encoder).test_client()
    assert client.get("/readyz").status_code == 503
    assert client.post("/api/ask", json={"question": "Who sets targets?"}).status_code == 503


def test_the_index_recovers_after_a_good_rebuild(fake_app_factory, fake_encoder):
    from qa_service.ingest.build import build_index

    good = fake_app_factory(DOCS)
    service = good.extensions["qa"]
    garbage_vectors(store.current_folder(service.index_dir))
    app = create_app(dict(good.config), encoder=fake_encoder)
    assert app.test_client().get("/readyz").status_code == 503
    build_index(
        service.index_dir.parent / "docs", service.index_dir, fake_encoder, force=True, progress=False
    )
    assert app.extensions["qa_reload"].reload()["reloaded"] is True
    assert app.test_client().get("/readyz").status_code == 200
