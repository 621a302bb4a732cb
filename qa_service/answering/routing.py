"""Document routing: which documents a question names, by title words, organisation or year (pure).

A word routes only as far as it tells documents apart: each is weighted by its inverse document
frequency over the corpus's document names, so "report" or "10-K" (on every document) counts for
nothing and a company's or council's name counts for much. With few documents that weight cannot tell
a name from a common word ("report", "plan" and "climate" are on one title of two, as "Nike" is), so
the corpus's own prose decides which is which: a word it writes in lower case mid-sentence is a common
word, and a question naming a document by a name is routed by its names alone. Routing is a soft
preference (see Retriever.ranked): a wrong guess lowers the right passage, it never hides it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from qa_service.index.tokenizer import STOPWORDS
from qa_service.models import DocumentMeta

NGRAM = 3  # "Lockheed Martin" also matches a name written "LOCKHEEDMARTIN"
CLOSE_TO_BEST = 0.5  # documents matching at least half as well as the best one are named too
COMMON_AT = 0.5  # a title word the prose writes in lower case at least this often is a common word
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

    def __init__(self, documents: Sequence[DocumentMeta], prose: Iterable[str] = ()) -> None:
        """Index the documents' names; prose (a sample of their text) tells names from common words."""
        self.cards = [_card(document) for document in documents]
        frequency = Counter(word for card in self.cards for word in card.words)
        total = len(self.cards)
        self.weights = {word: math.log(total / count) for word, count in frequency.items()}
        self.threshold = math.log(2)  # a word on at most half of the documents
        self.common = common_words(prose, set(frequency)) if total > 1 else frozenset()

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
        """Return each document's naming score: the summed weights of its title words in the question,
        counting only names when the question names a document by one (a common word never outweighs it)."""
        asked = _phrases(_words(question))
        names = {phrase for phrase, parts in asked.items() if not self.common.issuperset(parts)}
        by_name = self._scores(names)
        return by_name if max(by_name.values(), default=0.0) >= self.threshold else self._scores(set(asked))

    def _scores(self, asked: set[str]) -> dict[str, float]:
        return {card.id: sum(self.weights[word] for word in card.words & asked) for card in self.cards}


def common_words(prose: Iterable[str], words: set[str]) -> frozenset[str]:
    """Return those of words that the prose mostly writes in lower case after a lower-case word.

    Only words inside running sentences count: a heading ("Climate Action Plan") or a sentence start
    capitalises every word, a name ("... sales of Nike rose") is capitalised mid-sentence too.
    """
    seen: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for text in prose:
        for before, word in pairwise(_WORD.findall(text)):
            folded = word.casefold()
            if folded in words and before.islower():
                seen[folded] += 1
                lower[folded] += word.islower()
    return frozenset(word for word, count in seen.items() if lower[word] >= COMMON_AT * count)


def _card(document: DocumentMeta) -> _Card:
    # routing matches the indexed title (as retrieval's headers do); the card shows the title readers see
    fields = [document.indexed_title, document.path, document.council, document.publisher]
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


def _phrases(words: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Return the words plus runs of up to NGRAM neighbours written as one word ("generalmills"),
    each with the words it is made of."""
    return {"".join(run): run for run in _runs(words)}


def _runs(words: Sequence[str]) -> Iterable[tuple[str, ...]]:
    for size in range(1, NGRAM + 1):
        for start in range(len(words) - size + 1):
            yield tuple(words[start : start + size])
