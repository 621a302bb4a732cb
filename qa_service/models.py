"""Records passed between the pure core and the edges; turned into JSON only at the edge."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Block:
    """One structural unit a reader found: a heading or a body paragraph."""

    text: str
    heading_level: int = 0  # 0 = body text, 1..6 = heading depth
    page: int | None = None  # 1-based physical page in a PDF
    page_label: str | None = None  # printed page label where the PDF defines one


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
    sentences: tuple[tuple[int, int], ...] = ()  # sentence spans relative to `text`


@dataclass(frozen=True)
class Hit:
    """A retrieved passage with its score (higher is better)."""

    passage: Passage
    score: float


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
    extra: dict[str, object] = field(default_factory=dict)
    scope: tuple[DocumentRef, ...] = ()  # the documents the question named (or a filter chose), if any
