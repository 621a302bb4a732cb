"""The one module that imports bm25s' index: BM25 keyword search over passage texts."""

from __future__ import annotations

import json
from pathlib import Path

import bm25s
import numpy as np

from qa_service.errors import IndexInvalid
from qa_service.index.tokenizer import Tokenizer

_SETTINGS = "lexical.json"


class LexicalIndex:
    """BM25 over stemmed, stop-word-free tokens; labels are row numbers of the passage table."""

    def __init__(self, model: bm25s.BM25, size: int, tokenizer: Tokenizer) -> None:
        self._model = model
        self._size = size
        self.tokenizer = tokenizer

    @classmethod
    def build(cls, texts: list[str], tokenizer: Tokenizer | None = None) -> LexicalIndex:
        """Tokenise, stem and index passage texts (row i = texts[i])."""
        index = cls(bm25s.BM25(), len(texts), tokenizer or Tokenizer())
        tokens = [index.tokenizer(text) for text in texts]
        if texts:
            index._model.index(tokens, show_progress=False)
        return index

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """Read a saved index with the tokenizer it recorded (the vocabulary is stored, not re-tokenised)."""
        try:
            settings = json.loads((folder / _SETTINGS).read_text(encoding="utf-8"))
            tokenizer = Tokenizer.from_settings(settings)  # unknown settings: IndexInvalid, rebuild
            if settings["size"] == 0:
                return cls(bm25s.BM25(), 0, tokenizer)
            model = bm25s.BM25.load(str(folder), show_progress=False)
        except (OSError, ValueError, KeyError) as exc:
            raise IndexInvalid(f"cannot read the keyword index in {folder.name}: {exc}") from exc
        if model.scores["num_docs"] != settings["size"]:
            raise IndexInvalid("the keyword index does not match its settings")
        return cls(model, settings["size"], tokenizer)

    def save(self, folder: Path) -> None:
        """Write the BM25 matrices, vocabulary and tokeniser settings into a folder."""
        folder.mkdir(parents=True, exist_ok=True)
        if self._size:
            self._model.save(str(folder), show_progress=False)
        settings = {"size": self._size, **self.tokenizer.settings()}
        (folder / _SETTINGS).write_text(json.dumps(settings), encoding="utf-8")

    def __len__(self) -> int:
        return self._size

    def search(self, query: str, k: int, *, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Return (scores, labels) of up to k matching rows, best first, optionally only among rows."""
        scores = self.scores(query)
        candidates = np.flatnonzero(scores > 0)
        if rows is not None:
            candidates = np.intersect1d(candidates, np.asarray(rows, dtype=np.int64))
        k = max(0, min(int(k), len(candidates)))
        if k == 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        picked = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
        # stable order: score descending, then row ascending, so ties rank reproducibly
        order = np.lexsort((picked, -scores[picked]))
        labels = picked[order].astype(np.int64)
        return scores[labels].astype(np.float32), labels

    def scores(self, query: str) -> np.ndarray:
        """Return the BM25 score of every row for a query (zeros when no query word is indexed)."""
        vocabulary = self._model.vocab_dict if self._size else {}
        ids = [vocabulary[token] for token in self.tokenizer(query) if token in vocabulary]
        if not ids:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._model.get_scores_from_ids(ids), dtype=np.float32)
