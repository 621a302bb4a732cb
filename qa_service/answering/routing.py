"""Document routing: which documents a question names, by title words, organisation or year (pure).

A word routes only as far as it tells documents apart: each is weighted by its inverse document
frequency over the corpus's document names, so "report" or "10-K" (on every document) counts for
nothing and a company's or council's name counts for much. Routing is a soft preference (see
Retriever.ranked): a wrong guess lowers the right passage, it never hides it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from qa_service.index.tokenizer import STOPWORDS
from qa_service.models import DocumentMeta

NGRAM = 3  # "Lockheed Martin" also matches a name written "LOCKHEEDMARTIN"
CLOSE_TO_BEST = 0.5  # documents matching at least half as well as the best one are named too
_WORD = re.compile(r"[^\W_]+")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True)
class Route:
    """The documents a question names (ids and titles, best first); empty when it names none."""

    ids: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.ids)


NO_ROUTE = Route()


@dataclass(frozen=True)
class _Card:
    id: str
    title: str
    words: frozenset[str]
    years: frozenset[str]


class Router:
    """Match questions against the documents of one index (its manifest's document records)."""

    def __init__(self, documents: Sequence[DocumentMeta]) -> None:
        self.cards = [_card(document) for document in documents]
        frequency = Counter(word for card in self.cards for word in card.words)
        total = len(self.cards)
        self.weights = {word: math.log(total / count) for word, count in frequency.items()}
        self.threshold = math.log(2)  # a word on at most half of the documents

    def route(self, question: str) -> Route:
        """Return the documents the question names, narrowed to the latest year it names where one fits."""
        if len(self.cards) < 2:
            return Route()
        scores = self.scores(question)
        best = max(scores.values(), default=0.0)
        if best < self.threshold:
            return Route()
        named = [card for card in self.cards if scores[card.id] >= max(self.threshold, CLOSE_TO_BEST * best)]
        named = _by_year(named, set(_YEAR.findall(question)))
        if len(named) == len(self.cards):
            return Route()
        named.sort(key=lambda card: -scores[card.id])
        return Route(tuple(card.id for card in named), tuple(card.title for card in named))

    def scores(self, question: str) -> dict[str, float]:
        """Return each document's naming score: the summed weights of its name words in the question."""
        asked = _phrases(_words(question))
        return {card.id: sum(self.weights[word] for word in card.words & asked) for card in self.cards}


def _card(document: DocumentMeta) -> _Card:
    fields = [document.title, document.path, document.council, document.publisher]
    text = " ".join(re.sub(r"\.\w+$", "", str(value)) for value in fields if value)
    words = _words(text)
    return _Card(
        id=document.id,
        title=document.title or document.id,
        words=frozenset(word for word in _phrases(words) if not _YEAR.fullmatch(word)),
        years=frozenset(_YEAR.findall(f"{text} {document.date or ''}")),
    )


def _by_year(named: list[_Card], years: set[str]) -> list[_Card]:
    """Keep the named documents of the latest year the question names (reports repeat earlier years)."""
    dated = [(max(card.years & years), card) for card in named if card.years & years]
    if not dated:
        return named
    latest = max(year for year, _ in dated)
    return [card for year, card in dated if year == latest]


def _words(text: str) -> list[str]:
    """Return lower-case words with stop words and single letters dropped ("Boeing's" -> "boeing")."""
    return [word for word in _WORD.findall(text.casefold()) if len(word) > 1 and word not in STOPWORDS]


def _phrases(words: Sequence[str]) -> set[str]:
    """Return the words plus runs of up to NGRAM neighbours written as one word ("generalmills")."""
    return set(words) | set(_joined(words))


def _joined(words: Sequence[str]) -> Iterable[str]:
    for size in range(2, NGRAM + 1):
        for start in range(len(words) - size + 1):
            yield "".join(words[start : start + size])
