"""One progress bar for a build: documents done, with pages/s, texts/s and the ETA."""

from __future__ import annotations

import time
from types import TracebackType

from tqdm import tqdm


class BuildProgress:
    """A tqdm bar over documents whose postfix shows the page and embedding rates so far."""

    def __init__(self, documents: int, *, enabled: bool = True) -> None:
        self._bar = tqdm(total=documents, desc="building", unit="doc", disable=not enabled)
        self._started = time.perf_counter()
        self.pages = 0
        self.texts = 0

    def advance(self, *, pages: int = 0, texts: int = 0, documents: int = 0) -> None:
        """Count pages read, texts embedded and documents finished; refresh the rates."""
        self.pages += pages
        self.texts += texts
        elapsed = max(time.perf_counter() - self._started, 1e-9)
        self._bar.set_postfix_str(
            f"{self.pages / elapsed:.1f} pages/s, {self.texts / elapsed:.1f} texts/s", refresh=False
        )
        self._bar.update(documents)

    def __enter__(self) -> BuildProgress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._bar.close()
