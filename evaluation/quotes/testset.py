"""Build the quote-check test set from the indexed documents themselves: true sentences, one programmatic
edit each (number, negation added/removed, word swap, words dropped, ellipsis), unrelated sentences."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from qa_service.answering.quotes.diff import NEGATIONS, NUMBER_WORDS
from qa_service.answering.quotes.text import fold
from qa_service.ingest.readers.pdf_layout import CELL_SEPARATOR
from qa_service.models import Passage

NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
VERB = re.compile(r" (is|are|was|were|will|can|has|have|should|would|could|may) ")
NOT = re.compile(r" not ")
SWAPPABLE = re.compile(r"[A-Za-z]{5,}")


@dataclass(frozen=True)
class Sentence:
    """A sentence of one passage, unique in the corpus, so its right location is known."""

    text: str
    passage: Passage
    following: tuple[str, ...] = ()  # the next two sentences of the same passage, for the ellipsis edit


@dataclass(frozen=True)
class QuoteCase:
    """One quote to check, what it should come back as, and the evidence the diff must show."""

    kind: str  # "exact" | an edit kind | "unrelated"
    quote: str
    expected: str  # "exact" | "close" | "not_found"
    passage: Passage | None  # where the sentence came from (None for unrelated)
    edit_source: str = ""  # the source words the edit touched ("" when it only added words)
    edit_quote: str = ""  # the words the edit put into the quote
    flag: str = ""  # the flag the edit must carry ("number", "negation", "elided")


def sentences(passages: Sequence[Passage]) -> list[Sentence]:
    """Return the passages' prose sentences of 10-40 words that occur verbatim once in the whole corpus."""
    spans = [[p.text[s:e].strip() for s, e in p.sentences] for p in passages]
    counts = Counter(fold(text) for texts in spans for text in set(texts))
    found = []
    for passage, texts in zip(passages, spans, strict=True):
        for i, text in enumerate(texts):
            if (
                10 <= len(text.split()) <= 40
                and counts[fold(text)] == 1
                and "..." not in text
                and prose(text)
            ):
                found.append(Sentence(text, passage, tuple(texts[i + 1 : i + 3])))
    return found


def prose(text: str) -> bool:
    """Return True for running text: no table-cell separators, at least half of its words with letters."""
    # A journalist quotes prose, not a table row ("Net income | $ | 5,727 $ | 2,539") or a run of
    # figures; such "sentences" measured the reader's table layout, not the quote check. Prose
    # sentences with numbers in them are plentiful, so the number edit still gets its full sample.
    words = text.split()
    return CELL_SEPARATOR not in text and sum(any(c.isalpha() for c in w) for w in words) * 2 >= len(words)


def change_number(s: Sentence, rng: random.Random) -> QuoteCase | None:
    """Change one number (a digit string: add one to its last digit group)."""
    numbers = list(NUMBER.finditer(s.text))
    if not numbers:
        return None
    m = rng.choice(numbers)
    new = m.group()[:-1] + str((int(m.group()[-1]) + 1) % 10)
    return _case("number", s, s.text[: m.start()] + new + s.text[m.end() :], m.group(), new, "number")


def add_not(s: Sentence, rng: random.Random) -> QuoteCase | None:
    """Add a "not" after an auxiliary verb."""
    verbs = list(VERB.finditer(s.text))
    if not verbs or NOT.search(s.text):
        return None
    m = rng.choice(verbs)
    return _case("negation added", s, s.text[: m.end()] + "not " + s.text[m.end() :], "", "not", "negation")


def drop_not(s: Sentence, rng: random.Random) -> QuoteCase | None:
    """Remove a "not"."""
    m = NOT.search(s.text)
    return (
        _case("negation removed", s, s.text[: m.start()] + " " + s.text[m.end() :], "not", "", "negation")
        if m
        else None
    )


def swap_word(s: Sentence, rng: random.Random, vocabulary: Sequence[str]) -> QuoteCase | None:
    """Replace one content word with another word of the corpus."""
    words = [m for m in SWAPPABLE.finditer(s.text) if m.group().lower() not in NUMBER_WORDS | NEGATIONS]
    if not words:
        return None
    m = rng.choice(words[1:] or words)
    new = rng.choice([w for w in vocabulary if w.lower() != m.group().lower()])
    return _case("word swapped", s, s.text[: m.start()] + new + s.text[m.end() :], m.group(), new)


def drop_words(s: Sentence, rng: random.Random) -> QuoteCase | None:
    """Drop two consecutive words from inside the sentence."""
    words = s.text.split()
    at = rng.randrange(1, len(words) - 3)
    quote = " ".join(words[:at] + words[at + 2 :])
    return _case("words dropped", s, quote, " ".join(words[at : at + 2]), "")


def ellipsis(s: Sentence, rng: random.Random) -> QuoteCase | None:
    """Join the sentence and the one after next with an ellipsis, leaving the middle one out."""
    if len(s.following) < 2 or len(s.following[0].split()) < 3:
        return None
    quote = f"{s.text} \u2026 {s.following[1]}"
    return _case("ellipsis", s, quote, s.following[0], "", "elided")


def _case(kind: str, s: Sentence, quote: str, source: str, new: str, flag: str = "") -> QuoteCase:
    return QuoteCase(kind, " ".join(quote.split()), "close", s.passage, source, new, flag)


def cases(
    pool: Sequence[Sentence], unrelated: Sequence[str], per_kind: int, seed: int = 14
) -> Iterator[QuoteCase]:
    """Yield up to per_kind cases of each kind, each edit applied to its own sample of sentences."""
    rng = random.Random(seed)
    vocabulary = sorted({w for s in pool for w in SWAPPABLE.findall(s.text)})
    for s in rng.sample(list(pool), min(per_kind, len(pool))):
        yield QuoteCase("exact", s.text, "exact", s.passage)
    edits: list[Callable[[Sentence, random.Random], QuoteCase | None]] = [
        change_number,
        add_not,
        drop_not,
        lambda s, r: swap_word(s, r, vocabulary),
        drop_words,
        ellipsis,
    ]
    for edit in edits:
        shuffled = rng.sample(list(pool), len(pool))
        yield from [c for c in (edit(s, rng) for s in shuffled) if c][:per_kind]
    for text in rng.sample(list(unrelated), min(per_kind, len(unrelated))):
        yield QuoteCase("unrelated", text, "not_found", None)
