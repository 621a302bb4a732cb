"""The library's source store and type sniffing: names cleaned, types by bytes, backups restored."""

from __future__ import annotations

import io

import pytest
from fixtures.make_docs import make_docx, make_pdf

from qa_service.editorial.library import sniff
from qa_service.editorial.library.sources import Conflict, SourceStore, clean_name


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../x.pdf", "x.pdf"),
        ("..\\..\\windows\\x.pdf", "x.pdf"),
        ("/etc/passwd", "passwd"),
        ("a\x00b\x1b\u202e.md", "ab.md"),
        ("...", "document"),
        (".hidden.pdf", "hidden.pdf"),
        ("Annual report (2024).pdf", "Annual report (2024).pdf"),
        ("x" * 300 + ".pdf", "x" * 100),
    ],
)
def test_names_lose_folders_control_characters_and_leading_dots(sent, kept):
    assert clean_name(sent) == kept


def test_types_come_from_the_bytes_not_the_name(tmp_path):
    pdf = make_pdf(tmp_path / "a.pdf", [["Fictional page."]]).read_bytes()
    word = make_docx(tmp_path / "a.docx", [("Normal", "Fictional paragraph.")]).read_bytes()
    assert sniff.detect(pdf[:4096], "notes.txt") == ".pdf"
    assert sniff.detect(word[:4096], "a.pdf", word) == ".docx"
    assert sniff.detect(b"<!DOCTYPE html><html><body>Hi</body></html>", "a.txt") == ".html"
    assert sniff.detect(b"# Heading\n\nText", "a.markdown") == ".md"
    assert sniff.detect("Caf\u00e9 text".encode(), "a.pdf") == ".txt"
    for binary in (
        b"\x7fELF\x02\x01\x01" + bytes(64),
        b"MZ\x90\x00\x03" + bytes(64),
        b"\x89PNG\r\n\x1a\n" + bytes(32),
    ):
        with pytest.raises(sniff.UnsupportedType):
            sniff.detect(binary, "report.pdf")
    with pytest.raises(sniff.UnsupportedType, match="ZIP"):
        sniff.detect(b"PK\x03\x04" + bytes(40), "a.docx", b"PK\x03\x04" + bytes(40))


def test_add_refuses_a_taken_name_and_replace_keeps_a_backup_a_failure_restores(tmp_path):
    store = SourceStore(tmp_path)
    added = store.add(io.BytesIO(b"First fictional text."), "Notes.txt", {"title": "Notes"})
    assert (added.id, added.file_name, added.meta) == ("notes", "Notes.txt", {"title": "Notes"})
    with pytest.raises(Conflict):
        store.add(io.BytesIO(b"Other text."), "notes.txt", {})
    store.replace("notes", "job1", io.BytesIO(b"# Second\n\nFictional."), "new.md", {"council": "Eastmoor"})
    assert [d.file_name for d in store.documents()] == ["Notes.md"]
    assert store.find("notes").meta == {"title": "Notes", "council": "Eastmoor"}
    assert store.restore("job1", "notes")
    assert (tmp_path / "Notes.txt").read_text() == "First fictional text."
    assert [d.file_name for d in store.documents()] == ["Notes.txt"] and store.find("notes").meta == {
        "title": "Notes"
    }
    store.delete("notes", "job2")
    assert store.documents() == []
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and not p.name.startswith(".")]
