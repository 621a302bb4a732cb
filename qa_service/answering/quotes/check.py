"""Check a quote against the documents: exact, close (with a word diff) or not found (pure: no Flask)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from rapidfuzz import fuzz

from qa_service.answering.quotes.align import PartMatch, align, verbatim
from qa_service.answering.quotes.match import Chain, QuoteMatch, as_match, grouped, mean
from qa_service.answering.quotes.names import Names
from qa_service.answering.quotes.text import fold, fold_mapped, quote_parts
from qa_service.answering.retrieval import Retriever
from qa_service.models import Filters, Hit

SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"')\]]))\s+(?=[\"'(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class QuoteCheck:
    """The verdict on a quote: its matches (never the nearest passages) or the nearest passages."""

    quote: str
    verdict: str  # "exact" | "close" | "not_found"
    matches: tuple[QuoteMatch, ...]
    nearest: tuple[Hit, ...]
    index_version: str
    parts: int = 1


@dataclass(frozen=True)
class QuotePolicy:
    """When a placement counts as close, and how many candidates and results to consider."""

    close_at: float = 0.75  # rapidfuzz ratio of the quote and its span (docs/evaluation.md, quote check)
    candidates: int = 10  # retrieved passages aligned against the quote
    max_exact: int = 5  # verbatim copies listed
    nearest: int = 3


class QuoteChecker:
    """Quote checks over one retriever's passages (their folded texts are kept for the verbatim scan)."""

    def __init__(self, retriever: Retriever, policy: QuotePolicy = QuotePolicy()) -> None:
        self.retriever, self.policy = retriever, policy
        self.passages = retriever.passages
        self._folded = [fold(p.text) for p in self.passages]

    def check(self, quote: str, filters: Filters = Filters()) -> QuoteCheck:
        """Return the verdict on quote, its source spans and their differences."""
        parts = quote_parts(fold(quote)) or [fold(quote)]
        version = self.retriever.index.version
        scanned = self.scan(max(parts, key=len), filters)[: self.policy.candidates]
        if len(parts) == 1 and scanned:
            return QuoteCheck(quote, "exact", self._exact(parts[0], scanned), (), version)
        plain = " ".join(parts)
        ranked = self.retriever.ranked(self.retriever.embed(plain), filters)[: self.policy.candidates]
        rows = list(dict.fromkeys([*scanned, *(r for r, _ in ranked), *self._lexical(plain, filters)]))
        best = self.best_chain(parts, rows)
        if len(parts) == 1 and len(sentences := SENTENCE_END.split(parts[0])) > 1 and mean(best) < 1:
            split = self.best_chain(
                sentences, rows
            )  # a quote across a passage boundary, sentence by sentence
            best = split if mean(split) > mean(best) else best
        if best is None:
            nearest = tuple(Hit(self.passages[r], s) for r, s in ranked[: self.policy.nearest])
            return QuoteCheck(quote, "not_found", (), nearest, version, len(parts))
        chained = tuple(replace(m, diff=self.names.flagged(m.diff)) for m in grouped(best, self.passages))
        exact = all(op.op == "equal" for m in chained for op in m.diff)
        return QuoteCheck(quote, "exact" if exact else "close", chained, (), version, len(parts))

    @cached_property
    def names(self) -> Names:
        """Return what tells names from common words here: the corpus's lower-case words (built once)."""
        return Names(self._folded)

    def _exact(self, part: str, rows: Sequence[int]) -> tuple[QuoteMatch, ...]:
        """Return the verbatim copies of part in these passages (the first few)."""
        found = []
        for row in rows[: self.policy.max_exact]:
            passage = self.passages[row]
            match = align(part, passage.text, fold_mapped(passage.text))
            if match:
                found.append(as_match(passage, [match]))
        return tuple(found)

    def _lexical(self, text: str, filters: Filters) -> list[int]:
        """Return BM25's best rows on their own: a quote shares its source's words, fusion may bury them."""
        if self.retriever.lexical is None:
            return []
        _, labels = self.retriever.lexical.search(text, 2 * self.policy.candidates)
        allowed = [int(row) for row in labels if filters.allows(self.passages[int(row)])]
        return allowed[: self.policy.candidates]

    def scan(self, part: str, filters: Filters) -> list[int]:
        """Return the rows of every passage holding part verbatim (on word boundaries)."""
        return [
            row
            for row, text in enumerate(self._folded)
            if part in text and filters.allows(self.passages[row]) and verbatim(part, text) >= 0
        ]

    def best_chain(self, parts: Sequence[str], rows: Sequence[int]) -> Chain | None:
        """Return the best in-order placement of every part, starting in one of rows, or None."""
        chains = [chain for row in rows if (chain := self.chain(parts, row))]
        return max(chains, key=mean, default=None)

    def chain(self, parts: Sequence[str], row: int) -> Chain | None:
        """Place each part after the previous one, in this passage or the next one of its document."""
        placed: Chain = []
        after = 0
        for part in parts:
            found = self._place(part, row, after, neighbour=bool(placed))
            if found is None:
                return None
            row, match = found
            placed.append((row, match))
            after = match.resume
        return placed

    def _place(self, part: str, row: int, after: int, neighbour: bool) -> tuple[int, PartMatch] | None:
        # a first part starts in a candidate itself; later parts may run on into the next passage
        for where, start in ((row, after), (self._next(row) if neighbour else None, 0)):
            if where is None or not self._near(part, where, start):
                continue
            passage = self.passages[where]
            match = align(part, passage.text, fold_mapped(passage.text), start)
            if match and match.similarity >= self.policy.close_at:
                return where, match
        return None

    def _near(self, part: str, row: int, start: int) -> bool:
        """Cheaply rule out a passage before mapping its offsets (the cached folded text is the same)."""
        folded = self._folded[row]
        return (
            verbatim(part, folded, start) >= 0
            or fuzz.partial_ratio(part, folded[start:], score_cutoff=50) > 0
        )

    def _next(self, row: int) -> int | None:
        following = row + 1
        if (
            following < len(self.passages)
            and self.passages[following].document_id == self.passages[row].document_id
        ):
            return following
        return None
