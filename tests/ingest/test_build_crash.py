"""A build killed mid-way (SIGKILL while embedding or writing) or out of disk never harms the live index."""

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from qa_service import create_app
from qa_service.index import store
from qa_service.ingest.build import build_index

DOCS = {"a.txt": "Councils run local partnerships.\n\nThe government sets targets for councils."}
TESTS = Path(__file__).resolve().parents[1]

# The child builds with the fake encoder and parks itself at the chosen step, so the kill lands there.
CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from conftest import FakeEncoder
    from qa_service.ingest import build
    from qa_service.index import store

    source, index, step, marker = map(Path, sys.argv[1:5])

    def park(real):
        def parked(*args, **kwargs):
            marker.write_text("here")
            time.sleep(600)
            return real(*args, **kwargs)
        return parked

    encoder = FakeEncoder()
    if str(step) == "embedding":
        encoder.encode_passages = park(encoder.encode_passages)
    else:  # writing: vectors are on disk in the temporary folder, the manifest is not yet
        store._write_json = park(store._write_json)
    if __name__ == "__main__":
        build.build_index(source, index, encoder, force=True, progress=False)
    """
)


@pytest.fixture
def live(fake_app_factory):
    """A served index (version 1) and the folder of its sources, with one new document added since."""
    app = fake_app_factory(DOCS)
    source = app.extensions["qa"].index_dir.parent / "docs"
    (source / "b.txt").write_text("Parish plans were merged.\n\nBoards meet quarterly.", encoding="utf-8")
    return app


def assert_still_serves(app, fake_encoder, version):
    fresh = create_app(dict(app.config), encoder=fake_encoder)  # a worker (re)starting now
    client = fresh.test_client()
    assert client.get("/readyz").get_json()["index_version"] == version
    answer = client.post("/api/ask", json={"question": "Who sets targets for councils?"}).get_json()
    assert answer["index_version"] == version and answer["covered"]


@pytest.mark.parametrize("step", ["embedding", "writing"])
def test_sigkill_during_build_leaves_the_live_index(live, fake_encoder, tmp_path, step):
    service = live.extensions["qa"]
    old = service.version
    marker = tmp_path / "marker"
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(tests=str(TESTS)), encoding="utf-8")
    source = service.index_dir.parent / "docs"
    child = subprocess.Popen(
        [sys.executable, str(script), str(source), str(service.index_dir), step, str(marker)]
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert child.poll() is None, "the build ended before reaching the step"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert os.readlink(service.index_dir / store.CURRENT).endswith(old)
    assert_still_serves(live, fake_encoder, old)
    report = build_index(source, service.index_dir, fake_encoder, progress=False)  # the next build is clean
    assert report.version != old and report.documents == 2
    leftovers = [p.name for p in (service.index_dir / store.VERSIONS).iterdir() if p.name.startswith(".tmp-")]
    assert leftovers == []


@pytest.mark.parametrize("target", ["_write_json", "_fsync_dir"])
def test_full_disk_during_build_leaves_the_live_index(live, fake_encoder, monkeypatch, target):
    service = live.extensions["qa"]
    old = service.version

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store, target, full)
    with pytest.raises(OSError) as raised:
        build_index(service.index_dir.parent / "docs", service.index_dir, fake_encoder, progress=False)
    assert raised.value.errno == errno.ENOSPC
    monkeypatch.undo()
    assert store.current_folder(service.index_dir).name == old
    assert_still_serves(live, fake_encoder, old)
