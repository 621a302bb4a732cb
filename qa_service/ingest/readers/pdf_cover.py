"""A form's cover page: who filed it, which form, for which period; and the lines every such cover shares.

An SEC filing opens with the same lines whatever the company ("UNITED STATES", "SECURITIES AND EXCHANGE
COMMISSION", "Washington, D.C. 20549", "FORM 10-K", "For the fiscal year ended ..."): they name the genre,
never the document. What names it is the registrant's line, printed above "(Exact name of registrant as
specified in its charter)", with the form and the period the cover states.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium

from qa_service.ingest.readers.pdf_layout import CELL_SEPARATOR, page_lines

_BOILERPLATE_LINE = re.compile(
    r"^(united states|securities and exchange commission|washington,? d\.? ?c\.?( \d{5})?|form( \S+)?"
    r"|\(mark one\)|.*pursuant to section \d+.*|.*securities exchange act of 1934.*|commission file.*"
    r"|(for )?the (fiscal )?(year|quarterly period) ended.*|.*transition period.*)$",
    re.IGNORECASE,
)
# a title holding one of these is a form's heading, whatever else it says
_GENRE = re.compile(
    r"securities and exchange commission|washington,? d\.? ?c\.? \d{5}|pursuant to section \d+"
    r"|securities exchange act of 1934|exact name of (the )?registrant",
    re.IGNORECASE,
)
_REGISTRANT = re.compile(r"\(?\s*exact name of (the )?registrant", re.IGNORECASE)
_FORM = re.compile(r"\bform\s+(\d{1,2}-[a-z]{1,2}|[a-z]{1,2}-\d{1,2})\b", re.IGNORECASE)
_ANNUAL = re.compile(r"\bfiscal year ended:?\s+(?:[a-z]+\.?\s+\d{1,2},?\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)
_PERIOD = re.compile(
    r"\b(?:quarterly )?period ended:?\s+([a-z]+\.?\s+\d{1,2},?\s+(?:19|20)\d\d|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
COMPANY_WORDS = 8  # a registrant's name is short; a longer line is a sentence the layout ran together
COVER_LINES = 60  # the registrant's line sits in the cover's first lines


def is_boilerplate(line: str) -> bool:
    """Return True for a line every form's cover prints ("FORM 10-K", "Washington, D.C. 20549")."""
    return bool(_BOILERPLATE_LINE.match(" ".join(line.split())))


def names_genre(title: str) -> bool:
    """Return True when a title is (or holds) a form's heading: it names the genre, not the document."""
    return bool(_GENRE.search(" ".join(title.split())))


def cover_lines(path: Path) -> list[str]:
    """Return the first page's lines as the service's PDF reader lays them out, a table row's cells apart."""
    document = pdfium.PdfDocument(path)
    try:
        page = document[0]
        try:
            return [cell for line in page_lines(page) for cell in line.text.split(CELL_SEPARATOR)]
        finally:
            page.close()
    finally:
        document.close()


def cover_title(lines: Sequence[str]) -> str | None:
    """Return "<registrant> Form <form> <period>" where a form's cover names its registrant, else None.

    The period is the fiscal year of an annual report, the closing date of any other period."""
    lines = [" ".join(line.split()) for line in lines[:COVER_LINES] if line.strip()]
    mark = next((i for i, line in enumerate(lines) if _REGISTRANT.search(line)), None)
    if mark is None:
        return None
    before = lines[mark][: _REGISTRANT.search(lines[mark]).start()].strip().lstrip(".")  # type: ignore[union-attr]
    company = re.sub(r"\s+([.,])", r"\1", (before or (lines[mark - 1] if mark else "")).strip(" ("))
    if not company or len(company.split()) > COMPANY_WORDS or is_boilerplate(company) or names_genre(company):
        return None
    text = " ".join(lines[: mark + 1])
    form, period = _FORM.search(text), _ANNUAL.search(text) or _PERIOD.search(text)
    if not (form or period):
        return None
    parts = [company, f"Form {form.group(1).upper()}" if form else "", period.group(1) if period else ""]
    return " ".join(part for part in parts if part)
