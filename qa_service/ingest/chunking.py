"""Split a document's blocks into passages that fit the model's window (pure)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from qa_service.ingest.sentences import mend_blocks, split_sentences
from qa_service.ingest.tables.shape import Shape, table_shapes
from qa_service.ingest.tables.spans import passage_tables
from qa_service.models import Block, DocumentMeta, Passage

BLOCK_SEPARATOR = "\n\n"
MERGE_BELOW_TOKENS = 24  # a body block this short joins its neighbour (same section and page)
# A page's blocks join into passages up to the passage limit, across the headings between them. A PDF's
# blocks are layout fragments (a table's row groups, a caption, a line under a bold label read as a
# heading), not authored paragraphs: kept apart, a statement page became nine passages of 6-60 words and
# the row a question needs lost the title above it. Measured on filings/ page hit@5 (docs/evaluation.md):
# 0.41 apart; joined up to 96 tokens 0.55, 160 0.62, 224 0.66, the limit (256) 0.69; the report PDF's
# page Recall@5 0.56 -> 0.78. Documents without pages keep their authored paragraphs.
OVERLAP_SENTENCES = 1  # context carried into the next piece when a paragraph must be split

TokenCounter = Callable[[str], int]


@dataclass(frozen=True)
class _Unit:
    """A body block placed in the document text, with the section and paragraph it belongs to."""

    start: int
    end: int
    section: tuple[str, ...]
    page: int | None
    page_label: str | None
    paragraph: int


def document_text(blocks: list[Block]) -> tuple[str, list[int]]:
    """Join blocks into the document's extracted text; return it and each block's start offset."""
    starts, offset = [], 0
    for block in blocks:
        starts.append(offset)
        offset += len(block.text) + len(BLOCK_SEPARATOR)
    return BLOCK_SEPARATOR.join(block.text for block in blocks), starts


def split_passages(
    meta: DocumentMeta, blocks: list[Block], count_tokens: TokenCounter, max_tokens: int = 256
) -> tuple[str, list[Passage]]:
    """Return the document text and its passages, each at most max_tokens as the model counts them.

    A PDF's text runs are placed by the layout, so punctuation set as a run of its own reads with a
    space before it ("2016 , we"): mended here, once, so passages, quotes and vectors all read it mended.
    """
    blocks = mend_blocks(blocks)
    text, starts = document_text(blocks)
    units = _merge(text, _units(blocks, starts), count_tokens, max_tokens)
    spans: list[tuple[_Unit, int, int]] = []
    for unit in units:
        spans.extend((unit, s, e) for s, e in _fit(text, unit, count_tokens, max_tokens))
    seen: dict[str, int] = {}
    shapes = table_shapes(blocks)
    tables = [(starts[i], starts[i] + len(blocks[i].text), shape) for i, shape in shapes.items()]
    return text, [_passage(meta, text, unit, s, e, seen, tables) for unit, s, e in spans]


def _units(blocks: list[Block], starts: list[int]) -> list[_Unit]:
    section: list[tuple[int, str]] = []
    units, paragraph = [], 0
    for block, start in zip(blocks, starts, strict=True):
        if block.heading_level:
            section = [(lvl, name) for lvl, name in section if lvl < block.heading_level]
            section.append((block.heading_level, block.text))
            continue
        paragraph += 1
        path = tuple(name for _, name in section)
        units.append(_Unit(start, start + len(block.text), path, block.page, block.page_label, paragraph))
    return units


def _merge(text: str, units: list[_Unit], count: TokenCounter, limit: int) -> list[_Unit]:
    merged: list[_Unit] = []
    for unit in units:
        last = merged[-1] if merged else None
        if last and _joinable(text, last, unit, count, limit):
            merged[-1] = _Unit(last.start, unit.end, last.section, last.page, last.page_label, last.paragraph)
        else:
            merged.append(unit)
    return merged


def _joinable(text: str, last: _Unit, unit: _Unit, count: TokenCounter, limit: int) -> bool:
    """Return whether unit joins the passage last: within the limit, on the same PDF page or tiny."""
    same_page = last.page is not None and last.page == unit.page
    if not same_page and (last.section, last.page) != (unit.section, unit.page):
        return False  # decided without tokenising anything
    if count(text[last.start : unit.end]) > limit:
        return False
    return (
        same_page
        or min(count(text[last.start : last.end]), count(text[unit.start : unit.end])) < MERGE_BELOW_TOKENS
    )


def _fit(text: str, unit: _Unit, count: TokenCounter, limit: int) -> list[tuple[int, int]]:
    """Return spans covering the unit, each within the limit; split by sentences, then by words."""
    if count(text[unit.start : unit.end]) <= limit:
        return [(unit.start, unit.end)]
    pieces: list[tuple[int, int]] = []
    for s, e in split_sentences(text[unit.start : unit.end], rows=False):  # cut as measured (filings)
        pieces.extend(_words(text, unit.start + s, unit.start + e, count, limit))
    return _pack(text, pieces, count, limit)


def _words(text: str, start: int, end: int, count: TokenCounter, limit: int) -> list[tuple[int, int]]:
    """Cut an over-long sentence at word boundaries into spans within the limit."""
    if count(text[start:end]) <= limit:
        return [(start, end)]
    spans, piece_start, last_ok = [], start, start
    for pos in [i for i in range(start, end) if text[i].isspace()] + [end]:
        if count(text[piece_start:pos]) > limit and last_ok > piece_start:
            spans.append((piece_start, last_ok))
            piece_start = last_ok + 1
        last_ok = pos
    spans.append((piece_start, end))
    return spans


def _pack(text: str, pieces: list[tuple[int, int]], count: TokenCounter, limit: int) -> list[tuple[int, int]]:
    """Greedily join consecutive pieces; each new window repeats the previous window's last piece."""
    windows: list[tuple[int, int]] = []
    first = 0
    while first < len(pieces):
        last = first
        while last + 1 < len(pieces) and count(text[pieces[first][0] : pieces[last + 1][1]]) <= limit:
            last += 1
        windows.append((pieces[first][0], pieces[last][1]))
        if last + 1 >= len(pieces):
            break
        following = last + 1
        back = max(following - OVERLAP_SENTENCES, first + 1)  # never restart at the same piece
        # carry context only when the next window can still grow past it
        fits = back < following and count(text[pieces[back][0] : pieces[following][1]]) <= limit
        first = back if fits else following
    return windows


def _passage(
    meta: DocumentMeta,
    text: str,
    unit: _Unit,
    start: int,
    end: int,
    seen: dict[str, int],
    tables: list[tuple[int, int, Shape]],
) -> Passage:
    body = text[start:end]
    digest = hashlib.sha256(f"{meta.id}\x00{'/'.join(unit.section)}\x00{body}".encode()).hexdigest()[:12]
    seen[digest] = seen.get(digest, 0) + 1
    pid = f"{meta.id}--{digest}" + (f"-{seen[digest]}" if seen[digest] > 1 else "")
    return Passage(
        id=pid,
        document_id=meta.id,
        document_title=meta.title,
        kind=meta.kind,
        section=unit.section,
        start=start,
        end=end,
        text=body,
        page=unit.page,
        page_label=unit.page_label,
        paragraph=unit.paragraph,
        council=meta.council,
        sentences=tuple(split_sentences(body)),
        tables=passage_tables(tables, start, end),
    )
