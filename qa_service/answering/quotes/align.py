"""Align one quote part inside one passage: verbatim, else rapidfuzz's best partial alignment (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from qa_service.answering.quotes.diff import DiffOp, WordSpan, opcodes, operations, trimmed
from qa_service.answering.quotes.text import Folded, words

SLACK_CHARS = 40  # source text looked at beyond the aligned window, so dropped or added words still line up


@dataclass(frozen=True)
class PartMatch:
    """Where one part of a quote sits in a passage, and how the passage's words differ from it."""

    start: int  # offsets into the passage's original text
    end: int
    resume: int  # folded offset after the span: where a later part of the same quote may start
    similarity: float  # rapidfuzz ratio of the part and the folded span, 0..1
    diff: tuple[DiffOp, ...]

    @property
    def exact(self) -> bool:
        """Return True when every word is the source's own."""
        return all(op.op == "equal" for op in self.diff)


def verbatim(part: str, folded: str, after: int = 0) -> int:
    """Return where part starts in folded at or after `after` on word boundaries, or -1."""
    if part not in folded:  # the cheap test first: most passages fail it
        return -1
    match = re.compile(r"(?<!\w)" + re.escape(part) + r"(?!\w)").search(folded, after)
    return match.start() if match else -1


def align(part: str, text: str, folded: Folded, after: int = 0, cutoff: float = 50.0) -> PartMatch | None:
    """Return the part's best placement in the passage at or after folded offset `after`, or None."""
    found = verbatim(part, folded.text, after)
    if found >= 0:
        start, end = folded.original(found, found + len(part))
        return PartMatch(start, end, found + len(part), 1.0, (DiffOp("equal", text[start:end], part),))
    alignment = fuzz.partial_ratio_alignment(part, folded.text[after:], score_cutoff=cutoff)
    if alignment is None:
        return None
    low, high = _window(folded.text, after + alignment.dest_start, after + alignment.dest_end, after)
    return _diffed(part, text, folded, low, high)


def _window(folded: str, start: int, end: int, after: int) -> tuple[int, int]:
    """Widen the aligned window by some slack, out to whole words."""
    slack = max(SLACK_CHARS, (end - start) // 2)
    low, high = max(after, start - slack), min(len(folded), end + slack)
    low = max(after, folded.rfind(" ", 0, low) + 1) if low > after else after
    stop = folded.find(" ", high)
    return low, len(folded) if stop < 0 else stop


def _diffed(part: str, text: str, folded: Folded, low: int, high: int) -> PartMatch | None:
    """Diff the quote's words against the window's, keep the span the quote reaches, score it."""
    spans = words(folded.text, low, high)
    quoted = part.split()
    codes = trimmed(opcodes([folded.text[s:e] for s, e in spans], quoted))
    first, last = codes[0][1] if codes else 0, codes[-1][2] if codes else 0
    if last <= first:
        return None
    fold_start, fold_end = spans[first][0], spans[last - 1][1]
    start, end = folded.original(fold_start, fold_end)
    source = WordSpan(
        tuple(folded.text[s:e] for s, e in spans), tuple(folded.original(s, e) for s, e in spans)
    )
    diff = operations(codes, source, text, quoted)
    similarity = fuzz.ratio(part, folded.text[fold_start:fold_end]) / 100
    return PartMatch(start, end, fold_end, round(similarity, 4), tuple(diff))
