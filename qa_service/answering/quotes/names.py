"""Named entities in a quote's changes: a changed name or subject is flagged like a number (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from qa_service.answering.quotes.diff import DiffOp
from qa_service.answering.quotes.text import word_key

ENTITY = "entity"  # the flag: a name (company, person, place, brand) changed, so the subject may differ
_LOWER_WORD = re.compile(r"(?<![\w'’])[a-z][a-z'’-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
_SENTENCE_END = (".", "!", "?", ":", ";")


class Names:
    """Tell a name from a capitalised common word, by the words the corpus also writes in lower case."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.lower = {word for text in texts for word in _LOWER_WORD.findall(text)}

    def is_name(self, word: str, initial: bool) -> bool:
        """Return True for a name: capitalised mid-sentence, or at a sentence start never lower-cased."""
        key = _POSSESSIVE.sub("", word_key(word))
        if not key[:1].isupper() or not any(ch.isalpha() for ch in key):
            return False
        if not initial:
            return True
        return (key.isupper() and len(key) > 1) or key.lower() not in self.lower

    def names(self, words: Sequence[str], initial: bool) -> set[str]:
        """Return the names among consecutive words (lower-cased); the first starts a sentence if initial."""
        found = set()
        for i, word in enumerate(words):
            start = initial if i == 0 else words[i - 1].endswith(_SENTENCE_END)
            if self.is_name(word, start):
                found.add(_POSSESSIVE.sub("", word_key(word)).lower())
        return found

    def flagged(self, diff: Sequence[DiffOp]) -> tuple[DiffOp, ...]:
        """Return the diff with "entity" added to each change that puts in or takes out a name."""
        result = []
        source_initial = quote_initial = True
        for op in diff:
            said, quoted = op.source.split(), op.quote.split()
            if (
                op.op != "equal" and op.source.casefold() != op.quote.casefold()
            ):  # a case change keeps its subject
                taken, put = self.names(said, source_initial), self.names(quoted, quote_initial)
                if taken != put and ENTITY not in op.flags:
                    op = DiffOp(op.op, op.source, op.quote, (*op.flags, ENTITY))
            source_initial = said[-1].endswith(_SENTENCE_END) if said else source_initial
            quote_initial = quoted[-1].endswith(_SENTENCE_END) if quoted else quote_initial
            result.append(op)
        return tuple(result)
