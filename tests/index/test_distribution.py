"""Index distribution: publish to a shared folder, fetch with checksum verification, refuse damage."""

import json
import threading

import pytest

from qa_service.errors import IndexInvalid
from qa_service.index import store
from qa_service.index.distribution import LATEST, fetch_latest, folder_checksum, publish_shared, read_latest
from qa_service.ingest.build import build_index


@pytest.fixture
def built(tmp_path, fake_encoder):
    """A builder's index folder over a small corpus, and a function that rebuilds it with more text."""
    source = tmp_path / "docs"
    source.mkdir()
    (source / "a.txt").write_text("Councils run local partnerships.\n\nThe government sets targets.")
    index = tmp_path / "builder-index"
    build_index(source, index, fake_encoder, progress=False)

    def rebuild(text: str) -> str:
        (source / "b.txt").write_text(text)
        return build_index(source, index, fake_encoder, progress=False).version

    return index, rebuild


def version_of(index_dir):
    return store.read_manifest(store.current_folder(index_dir))["version"]


def test_publish_then_fetch_gives_the_replica_the_same_verified_version(built, tmp_path):
    index, _ = built
    shared, replica = tmp_path / "shared", tmp_path / "replica"
    published = publish_shared(index, shared)
    assert read_latest(shared) == published
    assert published.checksum == folder_checksum(store.current_folder(index))
    assert fetch_latest(shared, replica) == published
    assert version_of(replica) == published.version == version_of(index)
    assert len(store.load_index(replica).passages) == len(store.load_index(index).passages)


def test_a_new_version_replaces_the_old_one_on_fetch(built, tmp_path):
    index, rebuild = built
    shared, replica = tmp_path / "shared", tmp_path / "replica"
    publish_shared(index, shared)
    fetch_latest(shared, replica)
    second = rebuild("Parish councils share one plan.")
    publish_shared(index, shared)
    assert fetch_latest(shared, replica).version == second == version_of(replica)


@pytest.mark.parametrize("damage", ["flip_byte", "delete_file", "delete_folder", "wrong_checksum"])
def test_damaged_publication_is_refused_and_the_old_version_stays(built, tmp_path, damage):
    index, rebuild = built
    shared, replica = tmp_path / "shared", tmp_path / "replica"
    old = publish_shared(index, shared)
    fetch_latest(shared, replica)
    rebuild("Parish councils share one plan.")
    new = publish_shared(index, shared)
    folder = shared / "versions" / new.version
    if damage == "flip_byte":
        data = bytearray((folder / "vectors.faiss").read_bytes())
        data[-1] ^= 0xFF
        (folder / "vectors.faiss").write_bytes(bytes(data))
    elif damage == "delete_file":
        (folder / "passages.jsonl").unlink()
    elif damage == "delete_folder":
        for path in sorted(folder.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        folder.rmdir()
    else:
        (shared / LATEST).write_text(json.dumps({"version": new.version, "checksum": "0" * 64}))
    with pytest.raises(IndexInvalid):
        fetch_latest(shared, replica)
    assert version_of(replica) == old.version
    assert not (replica / "versions" / new.version).exists()  # nothing half-copied left behind
    assert not [p for p in (replica / "versions").iterdir() if p.name.startswith(".tmp-")]


@pytest.mark.parametrize("latest", [None, "not json", '{"version": "x"}'])
def test_missing_or_unreadable_announcement_is_index_invalid(tmp_path, latest):
    shared = tmp_path / "shared"
    shared.mkdir()
    if latest is not None:
        (shared / LATEST).write_text(latest)
    with pytest.raises(IndexInvalid):
        fetch_latest(shared, tmp_path / "replica")


def test_a_tampered_local_copy_is_not_trusted(built, tmp_path):
    index, _ = built
    shared, replica = tmp_path / "shared", tmp_path / "replica"
    published = publish_shared(index, shared)
    fetch_latest(shared, replica)
    (replica / "versions" / published.version / "passages.jsonl").write_text("{}\n")
    with pytest.raises(IndexInvalid, match="does not match"):
        fetch_latest(shared, replica)


def test_workers_fetching_at_once_all_end_on_the_version(built, tmp_path):
    index, _ = built
    shared, replica = tmp_path / "shared", tmp_path / "replica"
    published = publish_shared(index, shared)
    errors = []

    def fetch():
        try:
            fetch_latest(shared, replica)
        except IndexInvalid as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=fetch) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert version_of(replica) == published.version
    assert folder_checksum(replica / "versions" / published.version) == published.checksum
