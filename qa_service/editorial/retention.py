"""Purge rows past the retention period while serving: at most once per interval, never on a request."""

from __future__ import annotations

import logging
import threading
import time

from qa_service.editorial.db import Storage

log = logging.getLogger(__name__)

PURGE_EVERY_SECONDS = 3600.0


class RetentionTimer:
    """Start a background purge when the last one is at least `interval` seconds old."""

    def __init__(self, storage: Storage, interval: float = PURGE_EVERY_SECONDS) -> None:
        self.storage = storage
        self.interval = interval
        self.last = time.monotonic()  # the app purged on start-up
        self.thread: threading.Thread | None = None  # the latest purge, for tests and shutdown
        self._lock = threading.Lock()

    def due(self) -> bool:
        """Return True, and count the purge as started, when one is due (one caller wins)."""
        now = time.monotonic()
        with self._lock:
            if now - self.last < self.interval:
                return False
            self.last = now
            return True

    def maybe_purge(self) -> None:
        """Purge on a background thread when due; the request that noticed goes on at once."""
        if self.due():
            self.start()

    def start(self) -> threading.Thread:
        """Purge now on a daemon thread; a failure is logged and retried next interval."""
        self.thread = threading.Thread(target=self.purge, name="retention-purge", daemon=True)
        self.thread.start()
        return self.thread

    def purge(self) -> None:
        """Purge once, logging what was removed (or why it could not be)."""
        try:
            purged = self.storage.purge()
        except Exception:  # any database trouble: serving goes on, the next interval retries
            log.exception("could not purge expired rows")
            return
        log.info("retention purge: %d answers, %d feedback", purged.answers, purged.feedback)
