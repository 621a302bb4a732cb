"""House-style citations and quote highlighting for the pages (pure; chat.js mirrors citation_text)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

MARKER = re.compile(r"\[(\d+)\]")


def short_publisher(publisher: str) -> str:
    """Return the abbreviation a publisher gives in trailing parentheses, else the full name."""
    match = re.search(r"\(([^()]+)\)\s*$", publisher)
    return match.group(1).strip() if match else publisher.strip()


def citation_text(
    *,
    title: str,
    quote: str,
    publisher: str | None = None,
    page: str | int | None = None,
    paragraph: int | None = None,
    url: str | None = None,
) -> str:
    """Return `LGIU, Title, p. 12, "quote", url` from the metadata that exists, inventing none."""
    parts = [short_publisher(publisher)] if publisher else []
    parts.append(title)
    if page not in (None, ""):
        parts.append(f"p. {page}")
    elif paragraph is not None:  # paragraph numbers count through the document, so only without a page
        parts.append(f"para. {paragraph}")
    parts.append(f'"{quote}"')
    if url:
        parts.append(url)
    return ", ".join(parts)


def pdf_page_link(source_url: str | None, page: int | None) -> str | None:
    """Return a link opening the source PDF at a physical page (`#page=`), or None for other sources."""
    if not source_url or page is None or not urlsplit(source_url).path.lower().endswith(".pdf"):
        return None
    return f"{source_url.split('#', 1)[0]}#page={page}"


def quote_span(text: str, quote: str, start: int | None = None, end: int | None = None) -> tuple[int, int]:
    """Return the quote's (start, end) in text: valid offsets as given, else found; (0, 0) if absent."""
    if start is not None and end is not None and 0 <= start < end <= len(text):
        return start, end
    found = text.find(quote) if quote else -1
    return (found, found + len(quote)) if found >= 0 else (0, 0)


def split_highlight(text: str, start: int, end: int) -> tuple[str, str, str]:
    """Split text into before / highlighted / after; nothing is highlighted for an empty or bad span."""
    if not 0 <= start < end <= len(text):
        return text, "", ""
    return text[:start], text[start:end], text[end:]


def answer_segments(text: str) -> list[tuple[str, int | None]]:
    """Split an answer into text runs and [n] citation markers, in order."""
    segments: list[tuple[str, int | None]] = []
    position = 0
    for match in MARKER.finditer(text):
        if match.start() > position:
            segments.append((text[position : match.start()], None))
        segments.append((match.group(0), int(match.group(1))))
        position = match.end()
    if position < len(text):
        segments.append((text[position:], None))
    return segments


def table_segments(
    segments: Sequence[tuple[str, int | None]], tables: Sequence[tuple[int, str, object]]
) -> list[tuple[str, int | None, object]]:
    """Mark the run “quote” before a marker [n] whose citation (n, quote, table) is a table row.

    Returns (text, n, table) triples: a table is drawn in place of its quoted run of " | " cells.
    """
    marked: list[tuple[str, int | None, object]] = []
    for i, (text, n) in enumerate(segments):
        following = segments[i + 1][1] if i + 1 < len(segments) else None
        for number, quote, table in tables:
            run = f"“{' '.join(quote.split())}” "
            if table and n is None and number == following and text.endswith(run):
                marked += [(text[: -len(run)], None, None), ("", None, table)]
                break
        else:
            marked.append((text, n, None))
    return marked
