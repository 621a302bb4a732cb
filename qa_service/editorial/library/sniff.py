"""Tell an upload's type by its content (magic bytes), never by its name (pure)."""

from __future__ import annotations

import io
import re
import zipfile

# What the readers accept, by the suffix a stored file gets: the content decides, the name only
# chooses between the text kinds (Markdown or plain text), which no magic number tells apart.
PDF, DOCX, HTML, MARKDOWN, TEXT = ".pdf", ".docx", ".html", ".md", ".txt"
_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_MARKDOWN_NAMES = (".md", ".markdown")
SNIFF_BYTES = 64 * 1024  # enough to see a text file's encoding and an HTML file's opening tags


class UnsupportedType(ValueError):
    """The content is not one of the document types the library reads."""


def detect(head: bytes, name: str, data: bytes | None = None) -> str:
    """Return the suffix to store a file under, from its first bytes (and, for a ZIP, its whole data)."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        if data is not None and _is_docx(data):
            return DOCX
        raise UnsupportedType("the file is a ZIP archive, not a Word (.docx) document")
    if not _is_text(head):
        raise UnsupportedType("the file's content is not a PDF, Word, HTML, Markdown or text file")
    if _HTML.match(head.removeprefix(b"\xef\xbb\xbf")):
        return HTML
    return MARKDOWN if name.lower().endswith(_MARKDOWN_NAMES) else TEXT


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _is_text(head: bytes) -> bool:
    """Return True for UTF-8 text without NUL or other binary control bytes (a cut last character is fine)."""
    if not head or b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # only a multi-byte character cut at the end of the sample is fine
            return False
        text = head[: exc.start].decode("utf-8")
    controls = sum(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text)
    return controls <= len(text) // 100
