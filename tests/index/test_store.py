import json

import numpy as np
import pytest

from qa_service.errors import IndexInvalid, NotReady
from qa_service.index import store
from qa_service.ingest.build import build_index
from qa_service.models import DocumentMeta

DOCS = {
    "a.txt": "Councils run local partnerships.\n\nThe government sets national targets.",
    "b.md": "# Plans\n\nCommunity strategies join up local plans.",
}


@pytest.fixture
def built(tmp_path, fake_encoder):
    source = tmp_path / "docs"
    source.mkdir()
    for name, text in DOCS.items():
        (source / name).write_text(text)
    index = tmp_path / "index"
    report = build_index(source, index, fake_encoder, progress=False)
    return source, index, report


def test_build_writes_a_self_describing_version(built, fake_encoder):
    _, index, report = built
    loaded = store.load_index(index, model_checksum=fake_encoder.checksum, dimension=fake_encoder.dimension)
    manifest = loaded.manifest
    assert manifest["version"] == report.version == loaded.version
    assert manifest["count"] == len(loaded.passages) == report.passages == 2
    assert manifest["model"] == {
        "name": "fake-bow",
        "checksum": "fake-checksum",
        "dimension": 64,
        "max_tokens": 256,
    }
    assert {d["path"] for d in manifest["documents"]} == {"a.txt", "b.md"}
    assert all(len(d["checksum"]) == 64 for d in manifest["documents"])
    assert set(manifest["libraries"]) >= {"faiss-cpu", "sentence-transformers"}
    assert (index / "current").is_symlink()


def test_missing_index_is_not_ready(tmp_path):
    with pytest.raises(NotReady):
        store.load_index(tmp_path / "nothing")


def test_model_mismatch_is_refused(built):
    _, index, _ = built
    with pytest.raises(IndexInvalid, match="another model"):
        store.load_index(index, model_checksum="some-other-model")


def test_dimension_mismatch_is_refused(built):
    _, index, _ = built
    with pytest.raises(IndexInvalid, match="dimension"):
        store.load_index(index, dimension=384)


def test_count_mismatch_is_refused(built):
    _, index, _ = built
    passages = index / "current" / "passages.jsonl"
    lines = passages.read_text().splitlines()
    passages.write_text("\n".join(lines[:-1]) + "\n")
    with pytest.raises(IndexInvalid, match="passages but manifest"):
        store.load_index(index)


def test_unreadable_manifest_is_refused(built):
    _, index, _ = built
    (index / "current" / "manifest.json").write_text("{not json")
    with pytest.raises(IndexInvalid, match="manifest"):
        store.load_index(index)


def test_garbage_vectors_are_refused(built):
    _, index, _ = built
    (index / "current" / "vectors.faiss").write_bytes(b"\x00" * 100)
    with pytest.raises(IndexInvalid):
        store.load_index(index)


def test_unchanged_sources_skip_the_build(built, fake_encoder):
    source, index, first = built
    again = build_index(source, index, fake_encoder, progress=False)
    assert again.up_to_date and again.version == first.version


def test_incremental_build_embeds_only_changed_text(built, fake_encoder):
    source, index, first = built
    (source / "b.md").write_text("# Plans\n\nCommunity strategies join up local plans. A new sentence.")
    second = build_index(source, index, fake_encoder, progress=False)
    assert second.version != first.version
    assert second.reused == 1  # a.txt's passage came from the old index, unread and unembedded
    assert second.read_documents == 1 and second.embedded == 1


def test_a_crash_mid_build_leaves_the_previous_index(built, fake_encoder, monkeypatch):
    source, index, first = built
    (source / "a.txt").write_text("Entirely new content about budgets.")

    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(np, "save", explode)
    with pytest.raises(OSError):
        build_index(source, index, fake_encoder, progress=False)
    loaded = store.load_index(index)
    assert loaded.version == first.version
    assert any("partnerships" in p.text for p in loaded.passages)


def test_unreadable_file_is_skipped_and_named(tmp_path, fake_encoder):
    source = tmp_path / "docs"
    source.mkdir()
    (source / "good.txt").write_text("A readable document about councils.")
    (source / "broken.pdf").write_bytes(b"%PDF-1.7 garbage")
    (source / "notes.xyz").write_text("unsupported")
    report = build_index(source, tmp_path / "index", fake_encoder, progress=False)
    assert report.documents == 1
    assert any("broken.pdf" in message for message in report.skipped)
    assert any("notes.xyz" in message for message in report.skipped)
    assert "1 documents" in report.summary()


def test_sidecar_metadata_is_recorded(tmp_path, fake_encoder):
    source = tmp_path / "docs"
    source.mkdir()
    (source / "leeds.txt").write_text("Test case-study text about a fictional council.")
    (source / "leeds.txt.meta.json").write_text(
        json.dumps({"title": "Case A", "kind": "Case Study", "council": "Testshire"})
    )
    build_index(source, tmp_path / "index", fake_encoder, progress=False)
    loaded = store.load_index(tmp_path / "index")
    assert loaded.passages[0].kind == "case study"
    assert loaded.passages[0].council == "Testshire"
    assert loaded.manifest["documents"][0]["title"] == "Case A"
    document = loaded.documents[0]  # the manifest's record, typed
    assert isinstance(document, DocumentMeta)
    assert (document.title, document.council, document.kind, document.passages) == (
        "Case A",
        "Testshire",
        "case study",
        1,
    )


def test_a_malformed_document_record_is_refused(built):
    _, index, _ = built
    path = store.current_folder(index) / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["documents"][0] = {"title": "no id, path or checksum"}
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexInvalid, match="document record"):
        store.load_index(index)
