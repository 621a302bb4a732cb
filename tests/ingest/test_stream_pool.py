"""The reading pool: sandboxed parses in parallel, results in document order, failures named."""

import sys
from pathlib import Path

from qa_service.ingest import corpus
from qa_service.ingest.sandbox import SandboxLimits
from qa_service.ingest.stream.pool import default_workers, read_documents

sys.path.insert(0, str(Path(__file__).parents[1]))
from fixtures.make_docs import make_pdf  # noqa: E402


def folder_of_pdfs(tmp_path: Path, count: int) -> Path:
    source = tmp_path / "docs"
    source.mkdir()
    for n in range(count):
        make_pdf(source / f"doc-{n:02d}.pdf", [[f"Fictional document {n} about parish budgets."]] * 2)
    return source


def test_documents_come_back_in_order_with_their_pages(tmp_path):
    source = folder_of_pdfs(tmp_path, 5)
    documents = corpus.discover(source)[0]
    reads = list(read_documents(source, documents, workers=2))
    assert [r.meta.path for r in reads] == [d.path for d in documents]
    assert all(r.blocks and r.problem is None and r.seconds > 0 for r in reads)
    assert [max(b.page or 0 for b in r.blocks) for r in reads] == [2] * 5
    assert "document 3" in reads[3].blocks[0].text


def test_a_broken_or_oversized_document_is_named_and_the_rest_still_read(tmp_path):
    source = folder_of_pdfs(tmp_path, 2)
    (source / "broken.pdf").write_bytes(b"%PDF-1.7 garbage")
    (source / "huge.pdf").write_bytes(b"%PDF-1.7 " + b" " * 50_000)
    documents = corpus.discover(source)[0]
    reads = {r.meta.path: r for r in read_documents(source, documents, 2, SandboxLimits(max_bytes=20_000))}
    assert reads["broken.pdf"].blocks is None and "broken.pdf" in reads["broken.pdf"].problem
    assert reads["huge.pdf"].blocks is None and "limit" in reads["huge.pdf"].problem
    assert reads["doc-00.pdf"].blocks and reads["doc-01.pdf"].blocks


def test_stopping_early_does_not_hang(tmp_path):
    source = folder_of_pdfs(tmp_path, 6)
    reads = read_documents(source, corpus.discover(source)[0], workers=1)
    assert next(reads).meta.path == "doc-00.pdf"
    reads.close()  # the consumer gives up: pending parses are cancelled, the pool shuts down


def test_one_worker_per_usable_core():
    import os

    assert default_workers() == len(os.sched_getaffinity(0)) >= 1
