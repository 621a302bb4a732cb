"""Untrusted documents: bombs, entity tricks and huge files are skipped and reported; the build finishes.

Every document here is fictional test data built on the fly.
"""

import io
import zipfile
import zlib

import docx
import pytest

from qa_service.errors import UnreadableDocument
from qa_service.ingest import sandbox
from qa_service.ingest.build import build_index
from qa_service.ingest.sandbox import MB, SandboxLimits, read_blocks_safely
from qa_service.ingest.stream import pool as reading_pool

TEXT = b"BT /F1 12 Tf 72 700 Td (Fictional council text.) Tj ET "
GOOD = "Fictional Borough Council merged its partnership boards.\n\nThe merged board meets quarterly."


def pdf_with_stream(content: bytes, padding_mb: int = 0) -> bytes:
    """Return a one-page PDF whose content is `content` + padding_mb MB of spaces, Flate-compressed."""
    squeeze, blank = zlib.compressobj(1), b" " * MB  # streamed: the padding never sits in memory whole
    stream = squeeze.compress(content) + b"".join(squeeze.compress(blank) for _ in range(padding_mb))
    stream += squeeze.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = io.BytesIO(b"%PDF-1.7\n"), []
    out.seek(0, 2)
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def docx_with_document_xml(transform) -> bytes:
    """Return a real .docx whose word/document.xml is rewritten by transform(xml)."""
    document = docx.Document()
    document.add_paragraph("Fictional text about a parish plan.")
    buffer = io.BytesIO()
    document.save(buffer)
    source, target = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            out.writestr(item, transform(data) if item.filename == "word/document.xml" else data)
    return target.getvalue()


def with_dtd(dtd: bytes, entity: bytes):
    def transform(xml: bytes) -> bytes:
        declaration, rest = xml.split(b"?>", 1)
        rest = rest.replace(b"Fictional text", entity, 1)
        return declaration + b"?>\n<!DOCTYPE w:document [" + dtd + b"]>" + rest

    return transform


XXE = with_dtd(b'<!ENTITY xxe SYSTEM "file:///etc/passwd">', b"&xxe;")
LAUGHS = with_dtd(
    b'<!ENTITY a "hahahahahahahahahaha">'
    + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10) for i in range(8)),
    b"&i;",
)


def zip_bomb_docx() -> bytes:
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("word/document.xml", b"<a>" + b" " * (300 * MB) + b"</a>")
    return target.getvalue()


@pytest.fixture
def hostile_docs(tmp_path):
    source = tmp_path / "docs"
    source.mkdir()
    (source / "good.txt").write_text(GOOD, encoding="utf-8")
    # inflates to 1.5 GB: over the sandbox's 1 GB memory cap (pdfium reads a 200 MB stream within it)
    (source / "bomb.pdf").write_bytes(pdf_with_stream(TEXT, padding_mb=1536))
    (source / "xxe.docx").write_bytes(docx_with_document_xml(XXE))
    (source / "laughs.docx").write_bytes(docx_with_document_xml(LAUGHS))
    (source / "zipbomb.docx").write_bytes(zip_bomb_docx())
    with (source / "huge.html").open("wb") as handle:  # sparse: as big as an attacker likes, cheap to make
        handle.write(b"<html><body><p>Fictional page.</p>")
        handle.truncate(SandboxLimits().max_bytes + 1)
    return source


def test_build_skips_and_reports_hostile_files_and_finishes(hostile_docs, tmp_path, fake_encoder):
    report = build_index(hostile_docs, tmp_path / "index", fake_encoder, progress=False)
    reasons = " | ".join(report.skipped)
    assert report.version and report.documents == 1 and report.passages >= 1
    for name in ("bomb.pdf", "xxe.docx", "laughs.docx", "zipbomb.docx", "huge.html"):
        assert name in reasons, reasons
    assert "root:" not in reasons  # /etc/passwd never read into anything
    assert "DTD" in reasons and "decompression bomb" in reasons and "MB limit" in reasons


def test_memory_limit_stops_a_hungry_parser(tmp_path):
    path = tmp_path / "hungry.pdf"  # inflates to 60 MB: over our 16 MB budget
    path.write_bytes(pdf_with_stream(TEXT, padding_mb=60))
    # pdfium aborts when an allocation fails: the child dies, and the sandbox reports it
    with pytest.raises(UnreadableDocument, match="hungry.pdf: the parser died"):
        read_blocks_safely(path, SandboxLimits(memory_mb=16))


def test_time_limit_stops_a_slow_parser(tmp_path):
    path = tmp_path / "slow.html"
    paragraphs = "".join(f"<p>Fictional paragraph {n} about a council plan.</p>" for n in range(60000))
    path.write_text(f"<html><body>{paragraphs}</body></html>", encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="longer than 0.1 s"):
        read_blocks_safely(path, SandboxLimits(seconds=0.1))


def test_the_time_limit_counts_cpu_time_so_a_busy_machine_skips_nothing(tmp_path):
    path = tmp_path / "slow.html"
    paragraphs = "".join(f"<p>Fictional paragraph {n} about a council plan.</p>" for n in range(200000))
    path.write_text(f"<html><body>{paragraphs}</body></html>", encoding="utf-8")
    with pytest.raises(UnreadableDocument, match="longer than 0.5 s of CPU time"):
        read_blocks_safely(path, SandboxLimits(seconds=0.5, wall_factor=1000))


def test_a_small_pdf_reads_in_the_sandbox(tmp_path):
    path = tmp_path / "small.pdf"
    path.write_bytes(pdf_with_stream(TEXT, padding_mb=1))
    assert [b.text for b in read_blocks_safely(path)] == ["Fictional council text."]


def test_ordinary_documents_still_read_in_the_sandbox(tmp_path):
    path = tmp_path / "fine.docx"
    path.write_bytes(docx_with_document_xml(lambda xml: xml))
    assert [b.text for b in read_blocks_safely(path)] == ["Fictional text about a parish plan."]


def test_build_uses_the_sandbox(tmp_path, fake_encoder, monkeypatch):
    source = tmp_path / "docs"
    source.mkdir()
    (source / "good.txt").write_text(GOOD, encoding="utf-8")
    (source / "big.txt").write_text("Fictional words. " * 1000, encoding="utf-8")

    def tight(path, limits):  # the reading pool's own caps, tightened
        return sandbox.read_blocks_safely(path, SandboxLimits(max_bytes=4096))

    monkeypatch.setattr(reading_pool, "read_blocks_safely", tight)
    report = build_index(source, tmp_path / "index", fake_encoder, progress=False)
    assert report.documents == 1 and "big.txt" in report.skipped[0]


def test_pdf_titles_are_read_in_the_sandbox_too(tmp_path, monkeypatch):
    from qa_service.ingest import corpus, titles

    (tmp_path / "hungry_report.pdf").write_bytes(pdf_with_stream(TEXT, padding_mb=60))
    calls, run_safely = [], sandbox.run_safely

    def spy(task, path, limits):
        calls.append((task, path.name))
        return run_safely(task, path, SandboxLimits(memory_mb=16))  # tighter than TITLE_LIMITS

    monkeypatch.setattr(corpus.sandbox, "run_safely", spy)
    documents, _ = corpus.discover(tmp_path)
    assert calls == [(titles.pdf_candidates, "hungry_report.pdf")]
    assert documents[0].title == "Hungry report"  # the child failed: the file name stands in, nothing crashed
