"""Answers shared by every replica through Redis, keyed by index version (a miss whenever Redis fails).

Only JSON goes to Redis, never pickles: a cached answer is its text, its citations and hits as passage
ids, and the passages are looked up again in the replica's own index of the same version. A replica
whose index cannot resolve an id treats the entry as a miss.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Hashable
from typing import Any, Protocol

from qa_service.models import Answer, Citation, Hit, Passage

log = logging.getLogger(__name__)
PREFIX = "qa:answer:"


class KeyValueStore(Protocol):
    """The two Redis commands the cache uses (redis.Redis satisfies it)."""

    def get(self, name: str) -> Any: ...

    def set(self, name: str, value: str, ex: int | None = None) -> Any: ...


class SharedAnswerCache:
    """A Redis-backed answer cache; every failure of the store is logged and counted as a miss."""

    def __init__(self, store: KeyValueStore, ttl_seconds: int = 3600) -> None:
        self.store = store
        self.ttl = ttl_seconds
        self.hits = 0
        self.misses = 0

    @staticmethod
    def redis_key(key: tuple[Hashable, ...]) -> str:
        """Return the Redis key: the index version in clear (for inspection), the rest hashed."""
        digest = hashlib.sha256(repr(key[1:]).encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return f"{PREFIX}{key[0]}:{digest}"

    def get(self, key: tuple[Hashable, ...], lookup: Callable[[str], Passage | None]) -> Answer | None:
        """Return the shared answer for key with its passages resolved by lookup, or None."""
        try:
            raw = self.store.get(self.redis_key(key))
            answer = _decode(json.loads(raw), lookup) if raw is not None else None
        except Exception as exc:  # noqa: BLE001 - Redis down or a foreign value: serve without the cache
            log.warning("shared answer cache read failed: %s", exc)
            answer = None
        if answer is None:
            self.misses += 1
        else:
            self.hits += 1
        return answer

    def put(self, key: tuple[Hashable, ...], answer: Answer) -> None:
        """Store an answer for every replica; a failing Redis only loses the sharing."""
        try:
            self.store.set(self.redis_key(key), json.dumps(_encode(answer)), ex=self.ttl)
        except Exception as exc:  # noqa: BLE001 - the answer is already computed; never fail the request
            log.warning("shared answer cache write failed: %s", exc)


def _encode(answer: Answer) -> dict[str, Any]:
    return {
        "question": answer.question,
        "text": answer.text,
        "covered": answer.covered,
        "citations": [[c.n, c.passage.id, c.quote, c.start] for c in answer.citations],
        "hits": [[h.passage.id, h.score] for h in answer.hits],
        "index_version": answer.index_version,
        "standalone_question": answer.standalone_question,
        "evidence": answer.evidence,
    }


def _decode(row: dict[str, Any], lookup: Callable[[str], Passage | None]) -> Answer | None:
    ids = [c[1] for c in row["citations"]] + [h[0] for h in row["hits"]]
    passages = {pid: lookup(pid) for pid in ids}
    if any(p is None for p in passages.values()):
        return None
    return Answer(
        row["question"],
        row["text"],
        bool(row["covered"]),
        tuple(Citation(n, passages[pid], quote, start) for n, pid, quote, start in row["citations"]),  # type: ignore[arg-type]
        tuple(Hit(passages[pid], float(score)) for pid, score in row["hits"]),  # type: ignore[arg-type]
        row["index_version"],
        row["standalone_question"],
        evidence=row.get("evidence"),
    )
