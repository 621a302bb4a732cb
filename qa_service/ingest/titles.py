"""A document's title: its sidecar, else the PDF's /Title, else its first-page heading, else its file name.

Two titles come out of the chain. The *indexed* one is what retrieval reads (the contextual header and
routing): the chain above, unchanged, since a new title in every passage's header moves retrieval
(measured in docs/evaluation.md). The one *shown* to readers (citations, /documents, the widget) prefers
a form cover's registrant, form and period ("NIKE, Inc. Form 10-K 2021") and is never a line every form
prints ("UNITED STATES SECURITIES AND EXCHANGE COMMISSION"). A sidecar's title is both.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from pypdf import PdfReader

from qa_service.ingest.readers import pdf_cover

log = logging.getLogger(__name__)

MAX_TITLE_WORDS = 16  # a longer "heading" is a sentence or a paragraph, not a title
HEADING_LINES = 12  # a cover's title sits in its first few lines
TITLE_LINES = 3  # ... and wraps over at most this many
_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of two or more letters
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# what authoring tools write when no one set a title: "Microsoft Word - draft.docx", "untitled", a file name
_TOOL_TITLE = re.compile(r"^(microsoft \w+ - |untitled\b)|\.(docx?|pdf|indd|pptx?|xlsx?)$", re.IGNORECASE)
_FURNITURE = re.compile(r"^(table of contents|contents|index)$", re.IGNORECASE)


def name_title(path: PurePath) -> str:
    """Return the file name as a title: separators become spaces ("NIKE_2019_10K" -> "NIKE 2019 10K")."""
    text = re.sub(r"[-_.\s]+", " ", path.stem).strip() or path.name
    return text[0].upper() + text[1:] if text.islower() else text


def plausible(title: str | None) -> str | None:
    """Return the title tidied when it reads like one (words, not an id or a tool's default), else None."""
    text = " ".join((title or "").split())
    words = _WORD.findall(text)
    if len(words) < 1 or len(text.split()) > MAX_TITLE_WORDS or _TOOL_TITLE.search(text):
        return None
    return text if sum(map(len, words)) >= 4 else None


@dataclass(frozen=True)
class Candidates:
    """A document's title sources in order of trust: those retrieval indexes, and those shown to readers."""

    indexed: tuple[str, ...] = ()
    shown: tuple[str, ...] = ()


def pdf_candidates(path: Path) -> Candidates:
    """Return the titles a PDF states: indexed, its own /Title or else its first-page heading; shown, the
    registrant, form and period its cover names, then those two unless they are a form's heading."""
    try:
        reader = PdfReader(path)
        info = reader.metadata
        own = plausible(str(info.title) if info and info.title else None)
        lines = [] if own else (reader.pages[0].extract_text() or "").splitlines()
    except Exception as exc:  # a damaged PDF still gets a title (its file name); the reader reports it
        log.info("no title from %s: %s: %s", path.name, type(exc).__name__, exc)
        return Candidates()
    heading = first_heading(lines)  # reading the cover costs far more than the metadata: only when needed
    shown_heading = first_heading([line for line in lines if not pdf_cover.is_boilerplate(line)])
    shown = [_cover_title(path), own, shown_heading]
    return Candidates(
        tuple(title for title in (own, heading) if title),
        tuple(dict.fromkeys(t for t in shown if t and not pdf_cover.names_genre(t))),
    )


def _cover_title(path: Path) -> str | None:
    try:
        return pdf_cover.cover_title(pdf_cover.cover_lines(path))
    except Exception as exc:  # the indexed title does not depend on it
        log.info("no cover title from %s: %s: %s", path.name, type(exc).__name__, exc)
        return None


def shown_fallback(indexed: str, name: str) -> str:
    """Return the title shown when no source names the document: the indexed one, unless it is a form's
    heading, then the file name."""
    return name if pdf_cover.names_genre(indexed) else indexed


def first_heading(lines: Sequence[str]) -> str | None:
    """Return the first title-like line among a page's first lines, joined with a wrapped next line."""
    lines = [" ".join(line.split()) for line in lines[:HEADING_LINES]]
    lines = [line for line in lines if not _FURNITURE.match(line)]
    for i, line in enumerate(lines):
        title = plausible(line)
        if title and len(_WORD.findall(line)) >= 2:
            for following in lines[i + 1 : i + TITLE_LINES]:  # a cover title wraps; a blank line ends it
                joined = plausible(f"{title} {following}") if following else None
                if joined is None or _ends_sentence(title) or _ends_sentence(following):
                    break
                title = joined
            return title
    return None


def choose(candidates: Sequence[Sequence[str]], fallbacks: Sequence[str]) -> list[str]:
    """Pick each document's first candidate that no other document shares, else its fallback.

    A title several documents share ("UNITED STATES SECURITIES AND EXCHANGE COMMISSION" on every
    filing's cover) names none of them, so the next source in the chain is used instead.
    """
    counts = Counter(title.casefold() for found in candidates for title in dict.fromkeys(found))
    return [
        next((title for title in found if counts[title.casefold()] == 1), fallback)
        for found, fallback in zip(candidates, fallbacks, strict=True)
    ]


def years(*texts: str | None) -> list[str]:
    """Return the four-digit years (1900-2099) named in the texts, in order, without repeats."""
    return list(dict.fromkeys(year for text in texts if text for year in _YEAR.findall(text)))


def _ends_sentence(text: str) -> bool:
    return text.endswith((".", "!", "?", ":"))
