"""Split text into sentences as character spans (pure; offsets let quotes be checked verbatim)."""

from __future__ import annotations

import re
from dataclasses import replace

from qa_service.models import Block

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and a
# likely sentence start. Abbreviations below never end a sentence.
_END = re.compile(r"[.!?…]+['\"’”)\]]*(?=\s+['\"‘“(\[]?[A-Z0-9*•])")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_ROW = re.compile(r"^[^\n]* \| [^\n]*$", re.MULTILINE)  # a table row (cells joined by " | "): one "sentence"
# A list marker ("1.", "12)", "iv.", "•") at the start of a line begins a new sentence (its item)...
_ITEM_START = re.compile(r"(?<=\n)[ \t]*(?:\d{1,3}[.)]|[ivx]{1,5}\.|[•*\-–])(?=[ \t]+\S)")
# ...and the dot of a bare number or roman numeral never ends one when it is all the "sentence" holds
# before it, or follows a colon ("three priorities: 1. Fund councils."): it numbers the item after it.
_MARKER = re.compile(r"(?:^|:)\s*(?:\d{1,3}|[ivx]{1,5})$")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "cllr", "rt", "hon", "no", "nos", "vol", "fig", "figs", "p",
    "pp", "para", "e.g", "i.e", "etc", "vs", "cf", "al", "approx", "inc", "ltd", "co", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gov", "govt", "dept",
}  # fmt: skip


# a space a layout put before closing punctuation or inside brackets: "2016 , we", "rate ." "( 370 )"
_SPACE_BEFORE = re.compile(r"(?<=[\w%)\]’”\"])[ \t]+(?=[,;:.!?](?:\s|$))")
_INSIDE_BRACKETS = re.compile(r"(?<=\()[ \t]+(?=[\w$])|(?<=[\w%.])[ \t]+(?=\))")


def mend_spacing(text: str) -> str:
    """Remove the spaces a PDF's layout leaves before , ; : . ! ? and inside brackets ("2016 , we")."""
    return _INSIDE_BRACKETS.sub("", _SPACE_BEFORE.sub("", text))


def mend_blocks(blocks: list[Block]) -> list[Block]:
    """Return the blocks with a PDF's layout spacing mended; an OCR block's word offsets follow its words.

    Mending only deletes spaces, so each word (no space inside) is found again after the one before it.
    Passages and their OCR word boxes are both cut from these blocks: their offsets agree.
    """
    mended = []
    for block in blocks:
        text = mend_spacing(block.text) if block.page is not None else block.text
        if text == block.text:
            mended.append(block)
            continue
        words, at = [], 0
        for start, end, *box in block.words:
            at = text.index(block.text[start:end], at)
            words.append((at, at + end - start, *box))
            at += end - start
        mended.append(replace(block, text=text, words=tuple(words)))  # type: ignore[arg-type]
    return mended


def split_sentences(text: str, rows: bool = True) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences in text, trimmed of surrounding whitespace.

    With rows, each table row is a sentence of its own (what an answer quotes); without, a table's rows
    run on as before (how passages are cut: their boundaries, and so retrieval, stay as measured).
    """
    spans: list[tuple[int, int]] = []
    block_start = 0
    # a blank line is a hard boundary: a sentence never runs across paragraphs; nor across table rows
    rows_at = dict((m.start(), m.end()) for m in _ROW.finditer(text)) if rows else {}
    bounds = sorted({m.start() for m in _BLANK_LINE.finditer(text)} | set(rows_at) | set(rows_at.values()))
    for block_end in [*bounds, len(text)]:
        start = block_start
        whole = rows_at.get(block_start) == block_end  # a row is never cut at a full stop inside a cell
        for end in [] if whole else _boundaries(text, block_start, block_end):
            if end > start and not _is_marker(text[start:end]):
                spans.append((start, end))
                start = end
        spans.append((start, block_end))
        block_start = block_end
    return [trimmed for span in spans if (trimmed := _trim(text, *span))]


def _boundaries(text: str, start: int, end: int) -> list[int]:
    """Return where sentences may end: after end punctuation (not abbreviations) and before list items."""
    ends = [m.end() for m in _END.finditer(text, start, end) if not _is_abbreviation(text, m.start())]
    items = [m.start() for m in _ITEM_START.finditer(text, start, end)]
    return sorted(set(ends + items))


def _is_marker(span: str) -> bool:
    """Return True when span ends in a list number's dot ("1.", "Our aims: 2."), not a sentence end."""
    return span.endswith(".") and bool(_MARKER.search(span[:-1].rstrip()))


def _is_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", text[:dot])
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    # single capital letters are initials ("A. Cutten"), not sentence ends
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
