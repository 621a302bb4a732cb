"""Quote rules (pure): whole statements, lists with their items, the best passage first, nothing twice."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Protocol, TypeVar

from qa_service.ingest.tables.shape import CELL_SEPARATOR, cells, header_like
from qa_service.ingest.tables.spans import table_at
from qa_service.models import Passage

# a sentence that opens a list item: "• Monitoring ...", "- ...", "1. ...", "(a) ...", "iv) ..."
_MARKER = r"(?:[•▪◦●■*\-–—]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,5}[.)])\s+\S"
_ITEM = re.compile(rf"^\s*{_MARKER}")
_FIRST_ITEM = re.compile(rf":\s*{_MARKER}")  # "... include: • Replacing vans." (one line of text)
# a "sentence" that stops mid-phrase was cut by a layout break: "CT REIT's approach to energy and"
_DANGLING = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"]
    + ["than", "that", "which", "whose", "our", "its", "their", "is", "are", "was", "were", "be"]
)
# a column header cell naming a period: "2021", "FY2020", "At December 31, 2019", "Year ended May 31, 2021"
_PERIOD_CELL = re.compile(
    r"^(?:(?:at|as of|years? ended|fiscal(?: year)?|fy|q[1-4])\s*)?(?:[a-z]+\.? \d{1,2},?\s*)?(?:19|20)\d\d$",
    re.IGNORECASE,
)
_LETTER = re.compile(r"[^\W\d_]")
_BRACKETED = re.compile(r"\([^()]*\)")
MAX_ITEMS = 10  # a list longer than this is not quoted whole (the quote would swamp the answer)
MAX_LIST_WORDS = 160


class Span(Protocol):
    """A sentence of a passage, as offsets into its text (compose.Candidate; what the gate reads)."""

    @property
    def passage(self) -> Passage: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


class Quoted(Span, Protocol):
    """What the rules need of a candidate sentence (compose.Candidate)."""

    @property
    def score(self) -> float: ...
    @property
    def rank(self) -> int: ...
    @property
    def quote(self) -> str: ...


C = TypeVar("C", bound=Quoted)


def is_fragment(quote: str) -> bool:
    """Return True for a piece of a sentence: it starts in lower case or ends on a joining word or comma."""
    text = quote.strip()
    if not text:
        return True
    last = re.sub(r"[^\w’']+$", "", text).rsplit(maxsplit=1)[-1:] or [""]
    starts_low = text[0].islower() and not _ITEM.match(text)
    return starts_low or text.endswith(",") or last[0].lower() in _DANGLING


def header_row(candidate: Quoted) -> bool:
    """Return True for a table's column header row: one the table names as its header, one whose cells
    after the first are all periods ("(In millions) | 2021 | 2020", "At December 31, 2019 | At December
    31, 2018"), or a table's only row holding words and no amounts ("Activision | Blizzard | Total").
    It labels the numbers below it and answers nothing by itself (a quoted row carries it as its header)."""
    table = table_at(candidate.passage, candidate.start, candidate.end)
    if table is None or CELL_SEPARATOR not in candidate.quote:
        return False
    row = cells(candidate.quote)
    alone = candidate.passage.text[table.start : table.end].strip() == candidate.quote.strip()
    periods = all(_PERIOD_CELL.match(cell) for cell in row[1:] if cell)
    return row in table.header or periods or (alone and header_like(row))


def wordless(candidate: Quoted) -> bool:
    """Return True for figures with no word to say what they are: a chart's axis read as a table row
    ("60 | 60"), a data label left alone ("8.7"), a unit in brackets ("(Thousands m3)"). A row of
    figures under a worded header row is quoted with it ("Revenue | 2021 | 2020" over "5,114 | 4,927"),
    so it says what it counts."""
    if _LETTER.search(_BRACKETED.sub("", candidate.quote)):
        return False
    table = table_at(candidate.passage, candidate.start, candidate.end)
    return table is None or not any(_LETTER.search(cell) for row in table.header for cell in row)


def introduces_list(quote: str) -> bool:
    """Return True when a sentence opens a list: it ends with a colon, or its first item follows one."""
    return quote.rstrip().endswith(":") or _FIRST_ITEM.search(quote) is not None


def with_items(candidate: C) -> C | None:
    """Return a list's opening sentence extended over its items in the same passage, or None when the
    passage holds no items after it, or too many to quote."""
    passage = candidate.passage
    following = [(s, e) for s, e in passage.sentences if s >= candidate.end]
    items = []
    for start, end in following:
        if not _ITEM.match(passage.text[start:end]):
            break
        items.append(end)
    words = len(passage.text[candidate.start : items[-1]].split()) if items else 0
    if not items:  # a line that already holds its only item is whole; a bare colon is not
        return candidate if _FIRST_ITEM.search(candidate.quote) else None
    if len(items) > MAX_ITEMS or words > MAX_LIST_WORDS:
        return None
    return replace(candidate, end=items[-1])  # type: ignore[type-var]


def statements(candidates: list[C]) -> list[C]:
    """Return the candidates that can be quoted as they are: whole sentences, a list's opening sentence
    with its items (one that has none in its passage is left out), no fragments, no table header rows,
    no figures without a word to say what they count."""
    whole = (
        with_items(c) if introduces_list(c.quote) else c
        for c in candidates
        if not is_fragment(c.quote) and not header_row(c) and not wordless(c)
    )
    return [c for c in whole if c is not None]


def distinct(ranked: list[C]) -> list[C]:
    """Return the candidates (best first) without one whose words another already quotes."""
    kept: list[C] = []
    for candidate in ranked:
        if not any(_repeats(candidate, other) for other in kept):
            kept.append(candidate)
    return kept


def stand_ins(candidates: list[C], quotable: list[C], floor: float, lowest: float) -> list[C]:
    """Return, best first, the best quotable sentence (scoring at least `lowest`) of each passage that
    reaches the floor only with a span of its content that cannot be quoted: a table's column header
    row, or a fragment where the passage opens mid-sentence. That span shows the passage holds what
    was asked; the passage speaks through its best sentence that can be quoted (a table's best data
    row, which the answer shows under its header). A heading names a topic, not content: it
    vouches for nothing."""
    reached = {place(c) for c in candidates if c.score >= floor and (header_row(c) or is_fragment(c.quote))}
    reached -= {place(c) for c in quotable if c.score >= floor}
    best: dict[str, C] = {}
    for candidate in sorted(quotable, key=lambda c: c.score, reverse=True):
        if place(candidate) in reached and candidate.score >= lowest:
            best.setdefault(place(candidate), candidate)
    return list(best.values())


def passage_leads(ranked: list[C], limit: int) -> list[C]:
    """Return the best candidate of each page (candidates best first), for the `limit` pages retrieval
    ranked highest; one text in two passages counts once, and so do two passages of one page (a page
    cut in two is quoted by its best sentence, and the answer still quotes `limit` pages)."""
    leads: dict[object, C] = {}
    for candidate in ranked:
        passage = candidate.passage
        key = place(candidate) if passage.page is None else (passage.document_id, passage.page)
        leads.setdefault(key, candidate)
    return sorted(leads.values(), key=lambda c: c.rank)[:limit]


def arrange(chosen: list[C]) -> list[C]:
    """Return the quotes passage by passage, in retrieval order (passages of one rank: the one with the
    best sentence first); within a passage its best sentence, then the rest in reading order. No
    sentence is quoted twice, nor one held inside another quote."""
    kept = distinct(sorted(chosen, key=lambda c: c.score, reverse=True))
    lead: dict[str, float] = {}
    rank: dict[str, int] = {}
    for candidate in kept:
        key = place(candidate)
        lead[key] = max(lead.get(key, candidate.score), candidate.score)
        rank[key] = min(rank.get(key, candidate.rank), candidate.rank)
    # a passage's best sentence opens its group, the rest follow in reading order
    return sorted(
        kept,
        key=lambda c: (rank[place(c)], -lead[place(c)], c.score < lead[place(c)], c.start),
    )


def place(candidate: Quoted) -> str:
    """Return what identifies a candidate's passage: its text (one text in two passages is one place)."""
    return _text_key(candidate.passage)


def same_text_passages(quotes: list[C]) -> list[C]:
    """Anchor each quote on the first quoted passage holding the same text (one passage, one number)."""
    first: dict[str, Passage] = {}
    anchored = []
    for candidate in quotes:
        passage = first.setdefault(_text_key(candidate.passage), candidate.passage)
        anchored.append(candidate if passage is candidate.passage else replace(candidate, passage=passage))  # type: ignore[type-var]
    return anchored


def _repeats(candidate: Quoted, other: Quoted) -> bool:
    """Return True when a quote says again what another already quotes (same words, or inside it)."""
    mine, theirs = _folded(candidate.quote), _folded(other.quote)
    if mine in theirs or theirs in mine:
        return True
    same_place = _text_key(candidate.passage) == _text_key(other.passage)
    return same_place and candidate.start < other.end and other.start < candidate.end


def _folded(text: str) -> str:
    return " ".join(text.split()).lower()


def _text_key(passage: Passage) -> str:
    return " ".join(passage.text.split())
