"""A bounded LRU cache of answers to repeated questions, keyed by index version so a swap invalidates it."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any


def normalise(question: str) -> str:
    """Return the question as the cache sees it: case-folded, whitespace collapsed, end punctuation off."""
    return " ".join(question.casefold().split()).rstrip(" ?!.")


class QueryCache:
    """Least-recently-used map from (index version, normalised question, options) to a result."""

    def __init__(self, size: int = 1024) -> None:
        self.size = max(0, int(size))
        self._items: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()
        self._lock = threading.Lock()  # gthread workers share one service
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(version: str, question: str, *options: Hashable) -> tuple[Hashable, ...]:
        """Build a cache key; the index version comes first so a new index never sees old answers."""
        return (version, normalise(question), *options)

    def get(self, key: tuple[Hashable, ...]) -> Any | None:
        """Return the cached result for key (marking it recently used), or None."""
        with self._lock:
            if key not in self._items:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return self._items[key]

    def put(self, key: tuple[Hashable, ...], value: Any) -> None:
        """Store a result, dropping the least recently used beyond the size bound."""
        if self.size == 0:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        """Drop everything (after an index swap the old entries could never be hit again)."""
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
