"""Incremental builds: adding one PDF reads and embeds only that PDF; edits re-read what they touch."""

import shutil
import sys
from pathlib import Path

import pytest

from qa_service.index import store
from qa_service.ingest import embedding_cache, manifest
from qa_service.ingest.build import build_index
from qa_service.ingest.context import retrieval_text

sys.path.insert(0, str(Path(__file__).parents[1]))
from fixtures.make_docs import make_pdf  # noqa: E402


class Counting:
    """The fake encoder, recording every text it embeds."""

    def __init__(self, inner):
        self.inner, self.texts = inner, []
        self.name, self.checksum, self.dimension = inner.name, inner.checksum, inner.dimension
        self.max_tokens = inner.max_tokens

    def count_tokens(self, text):
        return self.inner.count_tokens(text)

    def encode_passages(self, texts, *, progress=False):
        self.texts.extend(texts)
        return self.inner.encode_passages(texts)


def write_pdf(source: Path, name: str, topic: str) -> None:
    pages = [
        [f"The fictional {topic} plan covers page {n}.", f"Its {topic} budget grows every year."]
        for n in (1, 2)
    ]
    make_pdf(source / f"{name}.pdf", pages)


@pytest.fixture
def built(tmp_path, fake_encoder):
    source, index = tmp_path / "docs", tmp_path / "index"
    source.mkdir()
    for name, topic in (("alpha", "harbour"), ("beta", "library"), ("gamma", "orchard")):
        write_pdf(source, name, topic)
    first = build_index(source, index, Counting(fake_encoder), progress=False)
    return source, index, first


def test_adding_one_pdf_reads_and_embeds_only_that_pdf(built, fake_encoder):
    source, index, first = built
    write_pdf(source, "delta", "tramway")
    encoder = Counting(fake_encoder)
    second = build_index(source, index, encoder, progress=False)
    assert second.read_documents == 1 and second.pages == 2
    assert encoder.texts and all("tramway" in text for text in encoder.texts)
    new = second.embedded + second.duplicates  # its two pages differ only in the page number
    assert second.reused == first.passages and second.passages == first.passages + new == 8
    assert {p.document_id for p in store.load_index(index).passages} == {"alpha", "beta", "gamma", "delta"}


def test_an_edited_pdf_is_read_again_and_its_old_passages_go(built, fake_encoder):
    source, index, _ = built
    write_pdf(source, "beta", "ferry")
    encoder = Counting(fake_encoder)
    report = build_index(source, index, encoder, progress=False)
    texts = [p.text for p in store.load_index(index).passages if p.document_id == "beta"]
    assert report.read_documents == 1 and all("ferry" in t and "library" not in t for t in texts)
    assert all("ferry" in text for text in encoder.texts)


def test_new_reader_or_splitter_code_reads_everything_again(built, fake_encoder, monkeypatch):
    source, index, first = built
    monkeypatch.setattr(manifest, "passage_code_checksum", lambda: "other code")
    encoder = Counting(fake_encoder)
    report = build_index(source, index, encoder, force=True, progress=False)
    assert report.read_documents == 3 and report.passages == first.passages
    assert not encoder.texts  # the text is unchanged, so every vector still comes from the cache


def test_editing_a_reader_file_makes_the_next_build_rebuild(built, fake_encoder, monkeypatch, tmp_path):
    source, index, first = built
    code = tmp_path / "ingest"  # a copy of the passage code, so the test can edit a reader file
    shutil.copytree(manifest.INGEST, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(manifest, "INGEST", code)
    assert build_index(source, index, fake_encoder, progress=False).up_to_date  # the same code: no work
    reader = code / "readers" / "pdf.py"
    reader.write_text(reader.read_text() + "\n# an edit\n")
    report = build_index(source, index, Counting(fake_encoder), progress=False)
    assert not report.up_to_date and report.read_documents == 3 and report.passages == first.passages


def test_the_manifest_records_the_passage_code(built):
    _, index, _ = built
    assert store.load_index(index).manifest["passage_code"] == manifest.passage_code_checksum()


def test_each_passage_text_is_computed_once_per_build(built, fake_encoder, monkeypatch):
    source, index, first = built
    calls = []

    def counted(passage, documents):
        calls.append(passage.id)
        return retrieval_text(passage, documents)

    monkeypatch.setattr(embedding_cache, "retrieval_text", counted)
    write_pdf(source, "delta", "tramway")
    report = build_index(source, index, Counting(fake_encoder), progress=False)
    assert report.passages == first.passages + 2 and len(calls) == len(set(calls)) == report.passages
