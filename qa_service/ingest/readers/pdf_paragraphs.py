"""Rebuild paragraphs from a PDF page's lines: wrapped lines rejoined, line-end hyphens mended."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

SHORT_LINE = 0.8  # a line under this share of the paragraph's width ends early: paragraph break
TITLE_LINE = 0.6  # an unpunctuated line under this share, of few words, is a heading-like line
TITLE_WORDS = 10
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_BULLET = re.compile(r"[•▪●◦■□–-]\s")
_HYPHENATED = re.compile(r"([A-Za-z]+)-$")
_WORD = re.compile(r"[A-Za-z]+")
_COMPOUND = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")


def vocabulary(lines: Iterable[str]) -> set[str]:
    """Return the document's words and hyphenated compounds, lower-cased, leaving out line-end splits."""
    words: set[str] = set()
    split_head = False  # the previous line ended in a hyphen: this line's first word is a word's tail
    for line in lines:
        body = line[:-1] if line.endswith("-") else line
        found = _WORD.findall(body)
        words.update(w.lower() for w in found[split_head : len(found) - line.endswith("-")])
        words.update(c.lower() for c in _COMPOUND.findall(body))
        split_head = line.endswith("-")
    return words


def _is_caps(line: str) -> bool:
    """Return True for a short all-capitals line, the usual look of a heading in reports."""
    return any(c.isalpha() for c in line) and line.upper() == line and len(line.split()) <= TITLE_WORDS


def _breaks(prev: str, cur: str, width: int) -> bool:
    """Return True when cur starts a new paragraph after prev, given the paragraph's widest line."""
    if _BULLET.match(cur) or _is_caps(prev) != _is_caps(cur):  # entering or leaving a CAPS heading
        return True
    width = max(width, len(cur))
    if _SENTENCE_END.search(prev):
        return len(prev) < SHORT_LINE * width
    return len(prev) < TITLE_LINE * width and len(prev.split()) <= TITLE_WORDS


def keeps_hyphen(head: str, tail: str, known: set[str]) -> bool:
    """Return True when "head-" + "tail" is a real compound ("long-term"), False for a split word."""
    head, tail = head.lower(), tail.lower()
    if f"{head}-{tail}" in known:
        return True
    if head + tail in known:
        return False
    return head in known and tail in known  # two words in their own right: a compound never seen whole


def _join(text: str, line: str, known: set[str]) -> str:
    """Append a wrapped line, mending a word that a line-end hyphen split."""
    hyphen = _HYPHENATED.search(text)
    head = _WORD.match(line)
    if hyphen and head:
        return (text if keeps_hyphen(hyphen.group(1), head.group(0), known) else text[:-1]) + line
    return f"{text} {line}"


def paragraphs(lines: Sequence[str], known: set[str]) -> list[str]:
    """Return paragraphs rebuilt from one page's normalised lines (blank lines break paragraphs)."""
    paras: list[str] = []
    text, width, prev, gap = "", 0, "", False
    for line in lines:
        if not line:
            gap = bool(text)
            continue
        # A paragraph never starts in lower case, so such a line continues the sentence even after a gap.
        if text and not line[0].islower() and (gap or _breaks(prev, line, width)):
            paras.append(text)
            text, width = "", 0
        text = _join(text, line, known) if text else line
        width, prev, gap = max(width, len(line)), line, False
    return [*paras, text] if text else paras
