"""Read source documents into clean Blocks, choosing the reader by file suffix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qa_service.errors import UnreadableDocument
from qa_service.ingest.furniture import filter_blocks
from qa_service.ingest.readers.html import read_html
from qa_service.ingest.readers.office import read_docx
from qa_service.ingest.readers.pdf import read_pdf
from qa_service.ingest.readers.text import read_markdown, read_txt
from qa_service.models import Block

SIDECAR_SUFFIX = ".meta.json"
READERS: dict[str, tuple[str, Callable[[bytes], list[Block]]]] = {
    ".pdf": ("PDF", read_pdf),
    ".docx": ("Word", read_docx),
    ".html": ("HTML", read_html),
    ".htm": ("HTML", read_html),
    ".md": ("Markdown", read_markdown),
    ".markdown": ("Markdown", read_markdown),
    ".txt": ("text", read_txt),
}

__all__ = ["READERS", "is_document", "read_blocks"]


def is_document(path: Path) -> bool:
    """Return True for a visible file with a supported suffix that is not a metadata sidecar."""
    name = path.name.lower()
    return not name.startswith(".") and not name.endswith(SIDECAR_SUFFIX) and path.suffix.lower() in READERS


def read_blocks(path: Path) -> list[Block]:
    """Return the document's Blocks with furniture removed, or raise UnreadableDocument naming it."""
    if not is_document(path):
        raise UnreadableDocument(f"{path.name}: not a supported document type ({path.suffix or 'no suffix'})")
    kind, reader = READERS[path.suffix.lower()]
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"{path.name}: cannot be read ({exc.strerror})") from exc
    if not data:
        raise UnreadableDocument(f"{path.name}: file is empty")
    try:
        blocks = reader(data)
    except UnreadableDocument as exc:
        raise UnreadableDocument(f"{path.name}: {exc.message}") from exc
    except Exception as exc:  # corrupt input fails in many library-specific ways; all mean "unreadable"
        reason = f"{type(exc).__name__}: {exc}"
        raise UnreadableDocument(f"{path.name}: not a valid {kind} file ({reason})") from exc
    return filter_blocks(blocks)
