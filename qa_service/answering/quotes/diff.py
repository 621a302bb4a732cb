"""Word-level differences between a source span and a quote, with the changes that matter flagged (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from qa_service.answering.quotes.text import word_key

NUMBER_WORDS = frozenset(
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "half",
        "third",
        "quarter",
        "dozen",
        "twice",
        "double",
        "treble",
        "triple",
        "percent",
        "first",
        "second",
        "fifth",
        "tenth",
        "hundreds",
        "thousands",
        "millions",
        "billions",
    ]
)
NEGATIONS = frozenset(
    [
        "not",
        "no",
        "never",
        "none",
        "nor",
        "neither",
        "nobody",
        "nothing",
        "nowhere",
        "cannot",
        "without",
        "hardly",
        "barely",
    ]
)
DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class DiffOp:
    """One word-level operation turning the source's words into the quote's."""

    op: str  # "equal" | "insert" (only in the quote) | "delete" (only in the source) | "replace"
    source: str  # the source's words, exactly as the document has them ("" for insert)
    quote: str  # the quote's words ("" for delete)
    flags: tuple[str, ...] = ()  # "number", "negation" (changes that alter meaning), "elided" (an ellipsis)


@dataclass(frozen=True)
class WordSpan:
    """The words being compared: their texts, and where each sits in the text it came from."""

    texts: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def flags_of(changed: Sequence[str]) -> tuple[str, ...]:
    """Return which kinds of meaning-bearing words a change touches: numbers and negations."""
    keys = [word_key(word).lower() for word in changed]
    found = []
    if any(DIGIT.search(key) or key in NUMBER_WORDS for key in keys):
        found.append("number")
    if any(key in NEGATIONS or key.endswith("n't") for key in keys):
        found.append("negation")
    return tuple(found)


def opcodes(source: Sequence[str], quote: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """Return difflib's word opcodes from source to quote, words compared without edge punctuation."""
    matcher = SequenceMatcher(
        None, [word_key(w) for w in source], [word_key(w) for w in quote], autojunk=False
    )
    return [(tag, s1, s2, q1, q2) for tag, s1, s2, q1, q2 in matcher.get_opcodes()]


def trimmed(codes: list[tuple[str, int, int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """Drop source words the quote does not reach at either end: a quote is an excerpt, not a deletion."""
    while codes and codes[0][0] == "delete":
        codes = codes[1:]
    while codes and codes[-1][0] == "delete":
        codes = codes[:-1]
    # A changed first or last word makes difflib replace it together with every source word beyond the
    # quote's end ("4,029 Adjustments to reconcile..." for "4,020"): keep as many source words as the
    # quote has there, the ones next to the matched words, so the span ends where the quote does.
    if codes and codes[0][0] == "replace":
        tag, s1, s2, q1, q2 = codes[0]
        codes = [(tag, max(s1, s2 - (q2 - q1)), s2, q1, q2), *codes[1:]]
    if codes and codes[-1][0] == "replace":
        tag, s1, s2, q1, q2 = codes[-1]
        codes = [*codes[:-1], (tag, s1, min(s2, s1 + (q2 - q1)), q1, q2)]
    return codes


def operations(
    codes: Sequence[tuple[str, int, int, int, int]], source: WordSpan, text: str, quote: Sequence[str]
) -> list[DiffOp]:
    """Turn opcodes into DiffOps: source words sliced from text (typos and spacing kept), flags set."""
    found = []
    for tag, s1, s2, q1, q2 in codes:
        said = text[source.spans[s1][0] : source.spans[s2 - 1][1]] if s2 > s1 else ""
        quoted = " ".join(quote[q1:q2])
        changed = [] if tag == "equal" else [*source.texts[s1:s2], *quote[q1:q2]]
        found.append(DiffOp(tag, said, quoted, flags_of(changed)))
    return found


def elided(text: str) -> DiffOp:
    """Return the operation for source words an ellipsis in the quote stands for."""
    return DiffOp("delete", text, "", ("elided", *flags_of(text.split())))
