"""Where evidence lives: the page view of a quote, the original file, the page image (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from qa_service.models import Passage

# hl=<passage id>:<start>-<end>; ids are slugs with "--" and a hex digest
HIGHLIGHT = re.compile(r"^([A-Za-z0-9._~-]{1,300}):(\d{1,7})-(\d{1,7})$")


@dataclass(frozen=True)
class Highlight:
    """A quote to highlight: offsets into one passage's text."""

    passage_id: str
    start: int
    end: int

    @property
    def param(self) -> str:
        """Return the value of the hl query parameter."""
        return f"{self.passage_id}:{self.start}-{self.end}"


def parse_highlight(value: str | None) -> Highlight | None:
    """Return the highlight an hl parameter names, or None when absent or malformed."""
    match = HIGHLIGHT.match(value or "")
    if not match or int(match.group(2)) >= int(match.group(3)):
        return None
    return Highlight(match.group(1), int(match.group(2)), int(match.group(3)))


def file_url(document_id: str) -> str:
    """Return the path serving a document's original file."""
    return f"/documents/{quote(document_id, safe='')}/file"


def page_url(document_id: str, page: int, highlight: Highlight | None = None) -> str:
    """Return the path of a page view, with the highlight when there is one."""
    url = f"/documents/{quote(document_id, safe='')}/pages/{page}"
    return f"{url}?hl={quote(highlight.param, safe=':')}" if highlight else url


def quote_page_url(passage: Passage, start: int | None, end: int | None) -> str | None:
    """Return "See it on the page" for a quote at start:end of a passage, or None for a page-less one."""
    if passage.page is None:
        return None
    if start is None or end is None or not 0 <= start < end <= len(passage.text):
        start, end = 0, len(passage.text)
    return page_url(passage.document_id, passage.page, Highlight(passage.id, start, end))
