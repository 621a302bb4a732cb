"""Records passed between the pure core and the edges; turned into JSON only at the edge."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date

import numpy as np

# An OCR word: (start, end) offsets into its block's or passage's text, then its box (x0, y0, x1, y1) as
# fractions of the page's width and height from the top left, so any rendering of the page can mark it.
WordBox = tuple[int, int, float, float, float, float]


@dataclass(frozen=True)
class Block:
    """One structural unit a reader found: a heading or a body paragraph."""

    text: str
    heading_level: int = 0  # 0 = body text, 1..6 = heading depth
    page: int | None = None  # 1-based physical page in a PDF
    page_label: str | None = None  # printed page label where the PDF defines one
    ocr: bool = False  # read by OCR from a page image (a scanned page), not from a text layer
    words: tuple[WordBox, ...] = ()  # OCR word boxes: offsets into `text`, box as fractions of the page
    note: str | None = None  # what the reader wants said about the document (e.g. OCR stopped early)
    table: bool = False  # a table: one row per line, cells joined by " | "


@dataclass(frozen=True)
class TableSpan:
    """A table in a passage's text: where its rows are, and the caption and header rows that explain them."""

    start: int  # offsets into the passage text: the first row's start, the last row's end
    end: int
    caption: str | None = None  # the title (and period) printed above the table
    header: tuple[tuple[str, ...], ...] = ()  # the column header rows' cells (may be in an earlier passage)


@dataclass(frozen=True)
class DocumentMeta:
    """What the sidecar metadata and the file itself say about one source document."""

    id: str
    title: str
    kind: str  # "press release" | "report" | "case study" | other free text
    path: str
    checksum: str
    publisher: str | None = None
    date: str | None = None
    council: str | None = None
    source_url: str | None = None
    passages: int | None = None  # how many passages an index holds of it (a manifest's record)
    # the title retrieval reads (contextual headers, routing) when it differs from the title shown: a
    # filing is shown as "NIKE, Inc. Form 10-K 2021" but indexed under the title chain's choice, so a
    # better name for readers never moves retrieval (docs/evaluation.md, "Whole answers over the real PDFs")
    retrieval_title: str | None = None

    @property
    def indexed_title(self) -> str:
        """Return the title retrieval reads: the retrieval title when one was kept, else the title."""
        return self.retrieval_title or self.title

    @property
    def titles(self) -> list[str]:
        """Return the titles it goes by: the one shown, then the one indexed when it differs."""
        return [t for t in dict.fromkeys([self.title, self.indexed_title]) if t]

    @classmethod
    def from_record(cls, record: Mapping[str, object]) -> DocumentMeta:
        """Return the document a manifest record describes (keys it does not know are ignored)."""
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in record.items() if key in known})  # type: ignore[arg-type]


@dataclass(frozen=True)
class Passage:
    """A span of one document's extracted text, small enough for the model's window."""

    id: str
    document_id: str
    document_title: str
    kind: str
    section: tuple[str, ...]
    start: int  # character offsets into the document's extracted text
    end: int
    text: str
    page: int | None = None
    page_label: str | None = None
    paragraph: int | None = None
    council: str | None = None
    sentences: tuple[tuple[int, int], ...] = ()  # sentence spans relative to `text` (a table row is one)
    ocr: bool = False  # its text was read by OCR from a scanned page
    words: tuple[WordBox, ...] = ()  # OCR word boxes, offsets relative to `text` (empty unless ocr)
    tables: tuple[TableSpan, ...] = ()  # the tables in `text`


def printed_page(passage: Passage) -> str | None:
    """Return the page as a reader sees it printed: the PDF's label where it has one, else the number."""
    if passage.page_label:
        return passage.page_label
    return None if passage.page is None else str(passage.page)


def section_of(passage: Passage) -> str | None:
    """Return the heading path as one string."""
    return " › ".join(passage.section) or None


@dataclass(frozen=True)
class Filters:
    """Restrict a search to documents of one kind, council or id (None = any)."""

    kind: str | None = None
    council: str | None = None
    document: str | None = None

    def allows(self, passage: Passage) -> bool:
        """Return True when the passage passes every filter that is set."""
        return all(
            want is None or (have or "").casefold() == want.casefold()
            for want, have in (
                (self.kind, passage.kind),
                (self.council, passage.council),
                (self.document, passage.document_id),
            )
        )


@dataclass(frozen=True, eq=False)  # eq=False: an array has no truth value to compare or hash
class Query:
    """What a search looks for: the question's text (for BM25 and cues) and its unit vector."""

    text: str
    vector: np.ndarray


@dataclass(frozen=True)
class Hit:
    """A retrieved passage with its score (higher is better)."""

    passage: Passage
    score: float


@dataclass(frozen=True)
class SentenceMatch:
    """A sentence of a retrieved passage, as a span of its text, with how closely it matches a query."""

    passage: Passage
    start: int
    end: int
    similarity: float  # cosine of the sentence and the query
    passage_similarity: float  # cosine of its passage and the query
    overlap: float  # IDF-weighted share of the query's words the sentence contains

    @property
    def text(self) -> str:
        """Return the sentence exactly as it stands in the passage."""
        return self.passage.text[self.start : self.end]


@dataclass(frozen=True)
class Citation:
    """One numbered citation: the verbatim quote and where it comes from."""

    n: int
    passage: Passage
    quote: str
    start: int | None = None  # where the quote starts in the passage text, when the composer knows it


@dataclass(frozen=True)
class DocumentRef:
    """A document an answer was scoped to: its id and title."""

    id: str
    title: str


@dataclass(frozen=True)
class Answer:
    """A composed answer: text with [n] markers, its citations and the passages consulted."""

    question: str
    text: str
    covered: bool
    citations: tuple[Citation, ...]
    hits: tuple[Hit, ...]
    index_version: str
    standalone_question: str | None = None
    evidence: float | None = None  # the score compared with the "not covered" threshold (None: a listing)
    scope: tuple[DocumentRef, ...] = ()  # the documents the question named (or a filter chose), if any


@dataclass(frozen=True)
class DayFeedback:
    """Thumbs up and down received on one day."""

    day: date
    up: int
    down: int

    @property
    def ratio(self) -> float | None:
        """Return the share of thumbs up, or None on a day without feedback."""
        total = self.up + self.down
        return self.up / total if total else None
