"""The naive baseline the issue measures against: pypdf page text in 80-word windows, MiniLM, top 5."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from evaluation.filings.pdf_cache import cached_page_texts, cached_vectors

WINDOW_WORDS = 80


@dataclass(frozen=True)
class Window:
    """One 80-word window of one page of one PDF."""

    document_id: str
    page: int  # 1-based physical page
    text: str


def windows(document_id: str, pages: list[str]) -> list[Window]:
    """Cut each page's text into consecutive windows of WINDOW_WORDS words (no overlap, no header)."""
    found = []
    for number, text in enumerate(pages, 1):
        words = text.split()
        for start in range(0, len(words), WINDOW_WORDS):
            found.append(Window(document_id, number, " ".join(words[start : start + WINDOW_WORDS])))
    return found


class NaiveBaseline:
    """Dense search over every window of every PDF, nothing else (no BM25, no routing, no MMR)."""

    def __init__(self, pdfs: dict[str, Path], encoder: Any, cache: Path) -> None:
        self.encoder = encoder
        self.windows: list[Window] = []
        parts = []
        for document, path in pdfs.items():  # one cache entry set per PDF
            found = windows(document, cached_page_texts(path, cache))
            parts.append(cached_vectors([w.text for w in found], encoder, cache, "naive-windows"))
            self.windows.extend(found)
        self.vectors = np.concatenate(parts)

    def top(self, question: str, k: int = 5) -> list[Window]:
        """Return the k windows most similar to the question."""
        scores = self.vectors @ self.encoder.encode_queries([question])[0]
        return [self.windows[row] for row in np.argsort(-scores, kind="stable")[:k]]
