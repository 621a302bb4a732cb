"""The gate's chance bar is measured once per index version and read back at every later load."""

from __future__ import annotations

import json

import pytest

from qa_service.answering.composing import probes, stored_bar
from qa_service.answering.service import QAService, Settings
from qa_service.index import distribution, store
from qa_service.ingest.build import build_index

QUESTIONS = ["How many legs does a spider have?", "Who wrote the Odyssey?", "What do pandas eat?"]


class Counted:
    """support_of for calibrate: a fixed score per question, counting the questions asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, question: str) -> float:
        self.asked.append(question)
        return 0.1 * len(self.asked)


def manifest(version: str = "v1") -> dict:
    return {"format": 1, "version": version, "count": 3, "model": {"checksum": "abc"}}


def test_a_second_load_reads_the_bar_instead_of_asking_the_probes(tmp_path):
    (tmp_path / store.VERSIONS / "v1").mkdir(parents=True)
    first, second = Counted(), Counted()
    measured = stored_bar.calibrate(tmp_path, manifest(), first, QUESTIONS)
    assert len(first.asked) == len(QUESTIONS)
    assert stored_bar.calibrate(tmp_path, manifest(), second, QUESTIONS) == measured
    assert second.asked == []
    assert measured.bar_words == probes.longest(QUESTIONS)


@pytest.mark.parametrize(
    "changed",
    [
        {"questions": [*QUESTIONS, "How do magnets work?"]},  # new probes
        {"settings": {"k": 7}},  # answers search deeper: the probes score differently
        {"manifest": {**manifest(), "count": 4}},  # the same version id, other contents
    ],
)
def test_a_changed_fingerprint_is_measured_again(tmp_path, changed):
    (tmp_path / store.VERSIONS / "v1").mkdir(parents=True)
    stored_bar.calibrate(tmp_path, manifest(), Counted(), QUESTIONS)
    again = Counted()
    stored_bar.calibrate(
        tmp_path,
        changed.get("manifest", manifest()),
        again,
        changed.get("questions", QUESTIONS),
        settings=changed.get("settings"),
    )
    assert again.asked


def test_files_of_removed_versions_are_dropped(tmp_path):
    for version in ("v1", "v2"):
        (tmp_path / store.VERSIONS / version).mkdir(parents=True)
        stored_bar.calibrate(tmp_path, manifest(version), Counted(), QUESTIONS)
    (tmp_path / store.VERSIONS / "v1").rmdir()
    (tmp_path / store.VERSIONS / "v3").mkdir()
    stored_bar.calibrate(tmp_path, manifest("v3"), Counted(), QUESTIONS)
    kept = sorted(p.name for p in (tmp_path / stored_bar.FOLDER).iterdir())
    assert kept == ["v2.json", "v3.json"]


def test_an_index_folder_that_cannot_be_written_still_calibrates(tmp_path):
    (tmp_path / stored_bar.FOLDER).write_text("a file where the folder would go")
    counted = Counted()
    found = stored_bar.calibrate(tmp_path, manifest(), counted, QUESTIONS)
    assert found.bar > 0 and len(counted.asked) == len(QUESTIONS)


def test_a_damaged_file_is_measured_again(tmp_path):
    stored_bar.calibrate(tmp_path, manifest(), Counted(), QUESTIONS)
    (tmp_path / stored_bar.FOLDER / "v1.json").write_text("{not json")
    again = Counted()
    stored_bar.calibrate(tmp_path, manifest(), again, QUESTIONS)
    assert again.asked
    assert json.loads((tmp_path / stored_bar.FOLDER / "v1.json").read_text())["bar"] > 0


@pytest.fixture
def index_dir(tmp_path, fake_encoder):
    source = tmp_path / "docs"
    source.mkdir()
    (source / "a.txt").write_text("Councils run local partnerships.\n\nThe government sets targets.")
    build_index(source, tmp_path / "index", fake_encoder, progress=False)
    return tmp_path / "index"


def test_a_service_probes_an_index_once_and_later_loads_read_the_file(index_dir, fake_encoder, monkeypatch):
    first = QAService(index_dir, fake_encoder, Settings(cache_size=0))
    assert first.load()
    probed: list[str] = []
    original = QAService._probe
    monkeypatch.setattr(QAService, "_probe", lambda self, r, q: probed.append(q) or original(self, r, q))
    second = QAService(index_dir, fake_encoder, Settings(cache_size=0))
    assert second.load()
    assert probed == []
    assert second.gate.bar == first.gate.bar and second.gate.bar_words == first.gate.bar_words


def test_the_stored_bar_leaves_the_version_folder_as_replicas_verify_it(index_dir, fake_encoder):
    folder = store.current_folder(index_dir)
    assert folder is not None
    before = distribution.folder_checksum(folder)
    assert QAService(index_dir, fake_encoder, Settings(cache_size=0)).load()
    assert distribution.folder_checksum(folder) == before
    assert (index_dir / stored_bar.FOLDER / f"{folder.name}.json").exists()
