from types import SimpleNamespace

from qa_service.ingest.manifest import fingerprint, make_manifest, new_version
from qa_service.models import DocumentMeta

MODEL = SimpleNamespace(name="m", checksum="c1", dimension=4, max_tokens=256)
DOC = DocumentMeta(id="a", title="A", kind="report", path="a.txt", checksum="x")


def test_fingerprint_follows_sources_and_model():
    base = fingerprint([DOC], MODEL)
    assert fingerprint([DOC], MODEL) == base
    assert fingerprint([DOC], SimpleNamespace(**vars(MODEL) | {"checksum": "c2"})) != base
    edited = DocumentMeta(**vars(DOC) | {"checksum": "y"})
    assert fingerprint([edited], MODEL) != base
    assert fingerprint([], MODEL) != base


def test_manifest_records_what_the_index_was_built_from():
    manifest = make_manifest("v1", "fp", MODEL, [(DOC, 3)], [], ["bad.pdf: not a valid PDF"])
    assert manifest["fingerprint"] == "fp"
    assert manifest["documents"][0]["passages"] == 3
    assert manifest["model"] == {"name": "m", "checksum": "c1", "dimension": 4, "max_tokens": 256}
    assert manifest["skipped"] == ["bad.pdf: not a valid PDF"]
    assert manifest["libraries"]["faiss-cpu"]


def test_versions_sort_by_time_and_are_unique():
    first, second = new_version(), new_version()
    assert first != second and first[:16] <= second[:16]
