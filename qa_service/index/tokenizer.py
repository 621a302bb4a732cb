"""The search words of a text: lower-cased, stop words removed, stemmed (the one module importing PyStemmer).

The keyword index tokenises passages and queries with it; the answering code weighs word overlap and
spots defined terms with the same object, so both always agree (txtai's `pipeline/data/tokenizer.py`).
"""

from __future__ import annotations

import re
from typing import Any

import Stemmer
from bm25s.stopwords import STOPWORDS_EN

from qa_service.errors import IndexInvalid

# scikit-learn's token pattern (bm25s's default): words of two or more letters or digits.
_WORD = re.compile(r"(?u)\b\w\w+\b")
STOPWORDS = frozenset(STOPWORDS_EN)  # also used by document routing
LANGUAGE = "english"
STOPWORD_LIST = "bm25s english"


class Tokenizer:
    """Split text into the stemmed, stop-word-free words BM25 indexes; its settings travel with an index."""

    def __init__(self, language: str = LANGUAGE, stopwords: str = STOPWORD_LIST) -> None:
        if language != LANGUAGE or stopwords != STOPWORD_LIST:
            raise IndexInvalid(f"unknown tokenizer settings: stemmer {language!r}, stop words {stopwords!r}")
        self.language, self.stopwords = language, stopwords
        self._stemmer = Stemmer.Stemmer(language)

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> Tokenizer:
        """Return the tokenizer a saved index recorded (see settings)."""
        return cls(settings.get("stemmer", ""), settings.get("stopwords", ""))

    def settings(self) -> dict[str, str]:
        """Return what a saved index records so that loading it tokenises the same way."""
        return {"stemmer": self.language, "stopwords": self.stopwords}

    def __call__(self, text: str) -> list[str]:
        """Return text's lower-case stemmed words, stop words removed."""
        words = [word for word in _WORD.findall(text.lower()) if word not in STOPWORDS]
        return self._stemmer.stemWords(words)
