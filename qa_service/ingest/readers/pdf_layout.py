"""Lay out one PDF page from pypdfium2's characters: visual lines, cells, table rows, type cues."""

from __future__ import annotations

import ctypes
import re
import statistics
from dataclasses import replace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from qa_service.ingest.readers.pdf_columns import column_order
from qa_service.ingest.readers.pdf_geometry import Char, Fragment, Line, fragment

CELL_SEPARATOR = " | "
CELL_GAP = 1.5  # a horizontal gap wider than this many line heights separates two cells or columns
BOLD_WEIGHT = 600
# pdfium reports a hyphen it took for a soft line-end hyphen as one of these
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_HYPHENS = {"\x02": "-", "\xad": "-", "\ufffe": "-"}


def page_chars(textpage: pdfium.PdfTextPage) -> list[Char]:
    """Return the page's characters in content-stream order (line ends as "\\n")."""
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count)
    handle, box = textpage.raw, pdfium_c.FS_RECTF()
    # one ctypes call per character: bound once, this loop is the reader's hot path
    loose_box, unicode = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetUnicode
    chars = []
    for i in range(count):
        ch = text[i] if len(text) == count else chr(unicode(handle, i))
        loose_box(handle, i, box)
        chars.append(Char(_HYPHENS.get(ch, ch), box.left, box.right, box.bottom, box.top, i))
    return chars


def _bold(textpage: pdfium.PdfTextPage, chars: list[Char]) -> bool:
    """Return True when the line's first, middle and last characters are set in a bold font."""
    sample = {chars[0].index, chars[len(chars) // 2].index, chars[-1].index}
    return all(_bold_at(textpage, i) for i in sample)


def _bold_at(textpage: pdfium.PdfTextPage, index: int) -> bool:
    """Return True for a bold weight or, as the standard fonts report no weight, a bold font name."""
    if pdfium_c.FPDFText_GetFontWeight(textpage.raw, index) >= BOLD_WEIGHT:
        return True
    name = ctypes.create_string_buffer(128)
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, name, len(name), None)
    return _BOLD_NAME.search(name.value.decode("latin-1")) is not None


def visual_lines(chars: list[Char]) -> list[list[Fragment]]:
    """Split the character stream into lines (at line ends or a change of baseline), then into fragments.

    pdfium ends a line with "\r\n". A lone "\n" is where one text object stops and another starts;
    some filings set every word apart that way ("SQUARE,\nINC."), so it counts as a space and the
    next character's position decides, as for any character, whether the line goes on.
    """
    lines: list[list[Char]] = [[]]
    ink: Char | None = None  # the line's last non-space character
    previous = ""
    for char in chars:
        if char.ch == "\n" and previous != "\r":
            char = replace(char, ch=" ")
        previous = char.ch
        if char.ch in "\r\n":
            lines.append([])
            ink = None
            continue
        if not char.ch.isspace():
            if ink and not (_same_line(ink, char) or _stacked(ink, char)):
                lines.append([])
            ink = char
        lines[-1].append(char)
    return [frags for line in lines if (frags := _fragments(line))]


def _same_line(prev: Char, char: Char) -> bool:
    """Return True when char sits on prev's line: its vertical middle within prev's box, not far back."""
    middle = (char.top + char.bottom) / 2
    back = prev.left - char.left > CELL_GAP * (prev.top - prev.bottom)
    return prev.bottom <= middle <= prev.top and not back


def _stacked(prev: Char, char: Char) -> bool:
    """Return True when char continues prev's rotated line: both turned, one right above the other."""
    # A glyph turned a quarter is wider than tall in its loose box (upright ones never are), and
    # the next glyph sits in the same x-range just above or below it. Without this check every
    # glyph of a rotated axis label became a line of its own, joined later as "T h o u s a n d s".
    if not (_turned(prev) and _turned(char)):
        return False
    width = prev.right - prev.left
    overlap = min(prev.right, char.right) - max(prev.left, char.left)
    gap = max(char.bottom - prev.top, prev.bottom - char.top)
    return overlap >= 0.5 * min(width, char.right - char.left) and gap < width


def _turned(char: Char) -> bool:
    return char.right - char.left > char.top - char.bottom > 0


def _fragments(line: list[Char]) -> list[Fragment]:
    """Cut a line where the gap between two inked characters is wider than CELL_GAP line heights."""
    parts: list[list[Char]] = [[]]
    last: Char | None = None
    for char in line:
        if char.ch.isspace():
            if parts[-1]:
                parts[-1].append(char)
            continue
        if last and char.left - last.right > CELL_GAP * max(last.top - last.bottom, 1.0):
            parts.append([])
        parts[-1].append(char)
        last = char
    return [frag for part in parts if part and (frag := fragment(part)).text]


def page_lines(page: pdfium.PdfPage) -> list[Line]:
    """Return the page's lines in reading order, table rows as cells, with size and weight cues."""
    textpage = page.get_textpage()
    try:
        ordered = column_order(visual_lines(page_chars(textpage)), 0.0, page.get_width())
        result: list[Line] = []
        above: tuple[float, float, str] | None = None  # the previous line's bottom, top and text
        for frags in ordered:
            chars = [c for f in frags for c in f.chars if not c.ch.isspace()]
            size = statistics.median(c.top - c.bottom for c in chars)
            text = CELL_SEPARATOR.join(f.text for f in frags)
            gap = _gap(above, frags[0].top, size)
            result.append(Line(text, round(size, 1), _bold(textpage, chars), len(frags), gap))
            above = (min(c.bottom for c in chars), frags[0].top, text)
        return result
    finally:
        textpage.close()


def _gap(above: tuple[float, float, str] | None, top: float, size: float) -> bool:
    """Return True for blank space above a line, or a jump back up the page (new column) after a full stop."""
    if above is None:
        return False
    bottom, above_top, text = above
    return bottom - top > 0.8 * size or (top > above_top + size and text.endswith((".", "!", "?")))
