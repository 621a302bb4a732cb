"""PDF reader: per-page text, running lines removed, wrapped lines rejoined into paragraphs."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from pypdf import PdfReader

from qa_service.errors import UnreadableDocument
from qa_service.ingest.furniture import strip_running_lines
from qa_service.ingest.readers.text import normalise
from qa_service.models import Block

SHORT_LINE = 0.8  # a line under this share of the paragraph's width ends early: paragraph break
TITLE_LINE = 0.6  # an unpunctuated line under this share, of few words, is a heading-like line
TITLE_WORDS = 10
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_BULLET = re.compile(r"[•▪●◦■□–-]\s")
_HYPHENATED = re.compile(r"([A-Za-z]+)-$")
_WORD = re.compile(r"[A-Za-z]+")


def _open(data: bytes) -> PdfReader:
    """Return a reader for the bytes, unlocking an empty-password encryption if there is one."""
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise UnreadableDocument("PDF is encrypted and needs a password")
    return reader


def _label(labels: Sequence[str], index: int) -> str | None:
    """Return the printed page label, or None when it is just the physical page number."""
    label = labels[index]
    return None if label == str(index + 1) else label


def _is_caps(line: str) -> bool:
    """Return True for a short all-capitals line, the usual look of a heading in reports."""
    return any(c.isalpha() for c in line) and line.upper() == line and len(line.split()) <= TITLE_WORDS


def _breaks(prev: str, cur: str, width: int) -> bool:
    """Return True when cur starts a new paragraph after prev, given the paragraph's widest line."""
    if _BULLET.match(cur) or _is_caps(prev) != _is_caps(cur):  # entering or leaving a CAPS heading
        return True
    width = max(width, len(cur))
    if _SENTENCE_END.search(prev):
        return len(prev) < SHORT_LINE * width
    return len(prev) < TITLE_LINE * width and len(prev.split()) <= TITLE_WORDS


def _join(text: str, line: str, vocabulary: set[str]) -> str:
    """Append a wrapped line, dropping a hyphen only when the whole word occurs unhyphenated."""
    hyphen = _HYPHENATED.search(text)
    head = _WORD.match(line)
    if hyphen and head:
        whole = (hyphen.group(1) + head.group(0)).lower()
        return (text[:-1] if whole in vocabulary else text) + line
    return f"{text} {line}"


def paragraphs(lines: Sequence[str], vocabulary: set[str]) -> list[str]:
    """Return paragraphs rebuilt from one page's normalised lines (blank lines break paragraphs)."""
    paras: list[str] = []
    text, width, prev, gap = "", 0, "", False
    for line in lines:
        if not line:
            gap = bool(text)
            continue
        # A paragraph never starts in lower case, so such a line continues the sentence even after a gap.
        if text and not line[0].islower() and (gap or _breaks(prev, line, width)):
            paras.append(text)
            text, width = "", 0
        text = _join(text, line, vocabulary) if text else line
        width, prev, gap = max(width, len(line)), line, False
    return [*paras, text] if text else paras


def page_lines(reader: PdfReader) -> list[list[str]]:
    """Return each page's extracted lines, normalised."""
    return [[normalise(line) for line in (page.extract_text() or "").splitlines()] for page in reader.pages]


def read_pdf(data: bytes) -> list[Block]:
    """Return body Blocks per page, carrying the physical page number and any printed label."""
    reader = _open(data)
    pages = strip_running_lines(page_lines(reader))
    if not any(line for lines in pages for line in lines):
        raise UnreadableDocument("PDF has no extractable text (scanned images?)")
    vocabulary = {word.lower() for lines in pages for line in lines for word in _WORD.findall(line)}
    labels = reader.page_labels  # pypdf works out every page's label on each access: once per document
    return [
        Block(text, page=index + 1, page_label=_label(labels, index))
        for index, lines in enumerate(pages)
        for text in paragraphs(lines, vocabulary)
    ]
