"""Quote rules (pure): whole statements, lists with their items, the best passage first, nothing twice."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Protocol, TypeVar

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
MAX_ITEMS = 10  # a list longer than this is not quoted whole (the quote would swamp the answer)
MAX_LIST_WORDS = 160


class Quoted(Protocol):
    """What the rules need of a candidate sentence (compose.Candidate)."""

    @property
    def passage(self) -> Passage: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def score(self) -> float: ...
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
    with its items (one that has none in its passage is left out), no fragments."""
    whole = (with_items(c) if introduces_list(c.quote) else c for c in candidates if not is_fragment(c.quote))
    return [c for c in whole if c is not None]


def arrange(chosen: list[C]) -> list[C]:
    """Return the quotes passage by passage, the passage of the best sentence first and the others by
    their best sentence; within a passage its best sentence, then the rest in reading order. No
    sentence is quoted twice, nor one held inside another quote."""
    kept: list[C] = []
    for candidate in sorted(chosen, key=lambda c: c.score, reverse=True):
        if not any(_repeats(candidate, other) for other in kept):
            kept.append(candidate)
    lead: dict[str, float] = {}
    for candidate in kept:
        key = _text_key(candidate.passage)
        lead[key] = max(lead.get(key, candidate.score), candidate.score)
    # a passage's best sentence opens its group, the rest follow in reading order
    return sorted(
        kept, key=lambda c: (-lead[_text_key(c.passage)], c.score < lead[_text_key(c.passage)], c.start)
    )


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
