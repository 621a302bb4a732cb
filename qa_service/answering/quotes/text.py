"""Fold text for quote matching and map folded offsets back to the original (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Typography a quote loses or gains when it is retyped, pasted or printed; case and spelling are kept.
_SAME = {
    "'": "\u2018\u2019\u201a\u201b\u2032",
    '"': "\u201c\u201d\u201e\u201f\u2033",
    "-": "\u2010\u2011\u2012\u2013\u2014\u2015\u2212",
}
TYPOGRAPHY = str.maketrans({variant: plain for plain, variants in _SAME.items() for variant in variants})
CHUNKS = re.compile(r"\s+|\S+")
WORD = re.compile(r"\S+")
# "…", "...", ". . .", "[...]", "[…]", "(...)": an elision inside a quote
ELLIPSIS = re.compile(r"\s*(?:[\[(]\s*(?:\u2026|\.\s?\.\s?\.)\s*[\])]|\u2026|\.\s?\.\s?\.)\s*")
EDGE_PUNCTUATION = "\"'()[]{}<>.,;:!?*"


def fold(text: str) -> str:
    """Return text with whitespace runs as one space and curly quotes and dashes made plain."""
    return " ".join(text.translate(TYPOGRAPHY).split())


@dataclass(frozen=True)
class Folded:
    """A folded text and, for each of its characters, the offset of that character in the original."""

    text: str
    origin: tuple[int, ...]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Return the original (start, end) of the folded span [start, end)."""
        if start >= end:
            point = (
                self.origin[start]
                if start < len(self.origin)
                else (self.origin[-1] + 1 if self.origin else 0)
            )
            return point, point
        return self.origin[start], self.origin[end - 1] + 1


def fold_mapped(text: str) -> Folded:
    """Fold text as fold() does and remember where each folded character came from."""
    chunks: list[str] = []
    origin: list[int] = []
    for match in CHUNKS.finditer(text.translate(TYPOGRAPHY)):
        if not match.group().isspace():
            chunks.append(match.group())
            origin.extend(range(match.start(), match.end()))
        elif chunks and match.end() < len(text):  # inner whitespace only: fold() strips the ends
            chunks.append(" ")
            origin.append(match.start())
    return Folded("".join(chunks), tuple(origin))


def quote_parts(quote: str) -> list[str]:
    """Split a folded quote at its ellipses into the parts that must appear in order."""
    return [part.strip() for part in ELLIPSIS.split(quote) if part.strip(" " + EDGE_PUNCTUATION)]


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return the (start, end) of each whitespace-separated word of text[start:end]."""
    stop = len(text) if end is None else end
    return [(m.start(), m.end()) for m in WORD.finditer(text, start, stop)]


def word_key(word: str) -> str:
    """Return the word as compared: its edge punctuation aside (a quote may cut a sentence's full stop)."""
    return word.strip(EDGE_PUNCTUATION) or word
