"""A quote's placement as matches: one span per passage, parts joined by what an ellipsis left out (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa_service.answering.quotes.align import PartMatch
from qa_service.answering.quotes.diff import DiffOp, elided
from qa_service.models import Passage

Chain = list[tuple[int, PartMatch]]  # (passage row, placement) for each part of the quote, in order


@dataclass(frozen=True)
class QuoteMatch:
    """One passage span a quote comes from, with the word-level changes from source to quote."""

    passage: Passage
    start: int  # offsets into passage.text
    end: int
    similarity: float
    diff: tuple[DiffOp, ...]
    part: int = 0  # which ellipsis-separated part of the quote this span starts with

    @property
    def source_text(self) -> str:
        """Return the span exactly as the document has it."""
        return self.passage.text[self.start : self.end]


def mean(chain: Chain | None) -> float:
    """Return the mean similarity of a placement (0 for none)."""
    return sum(m.similarity for _, m in chain) / len(chain) if chain else 0.0


def grouped(chain: Chain, passages: Sequence[Passage]) -> list[QuoteMatch]:
    """Return one match per passage the chain touches, its parts joined by what the ellipses left out."""
    groups: list[tuple[int, int, list[PartMatch]]] = []
    for index, (row, match) in enumerate(chain):
        if groups and groups[-1][0] == row:
            groups[-1][2].append(match)
        else:
            groups.append((row, index, [match]))
    return [as_match(passages[row], found, part) for row, part, found in groups]


def as_match(passage: Passage, found: Sequence[PartMatch], part: int = 0) -> QuoteMatch:
    """Return one match: the span from the first part to the last, the gaps as elided deletes."""
    diff: list[DiffOp] = list(found[0].diff)
    for before, after in zip(found, found[1:], strict=False):
        gap = passage.text[before.end : after.start].strip()
        diff += ([elided(gap)] if gap else []) + list(after.diff)
    similarity = min(m.similarity for m in found)
    return QuoteMatch(passage, found[0].start, found[-1].end, similarity, tuple(diff), part)
