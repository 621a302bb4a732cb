"""Hot swap: pick up a newly published index without a restart (poll on request, SIGHUP, admin POST).

With QA_INDEX_SHARED_DIR set, each check first fetches the version the build announced in the shared
folder into the local index folder and verifies its checksum (index/distribution.py); a version that
cannot be fetched or verified is never switched to, and the replica keeps serving the one it has.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify, request
from flask.typing import ResponseReturnValue

from qa_service.errors import IndexInvalid, NotReady
from qa_service.index import distribution, store
from qa_service.web.auth import check_admin_token, header_token

log = logging.getLogger(__name__)
bp = Blueprint("reload", __name__, url_prefix="/admin")
RETRY_SECONDS = 60.0  # a refused version is tried again after this, then after twice as long each time
RETRY_MAX_SECONDS = 3600.0


class IndexWatcher:
    """Load a newly published index beside the live one; one load at a time, refused versions retried late."""

    def __init__(self, service: Any, interval: float, shared_dir: Path | None = None) -> None:
        self.service = service
        self.interval = interval
        self.shared_dir = shared_dir
        self.fetched: distribution.Published | None = None  # the last shared version copied and verified
        self.fetch_error: str | None = None
        self.refused: dict[str, str] = {}  # version -> reason: not retried at every check
        self._retry: dict[str, tuple[int, float]] = {}  # version -> (failed loads, next try, monotonic)
        self._checked = time.monotonic()
        self._busy = threading.Lock()

    def published_version(self) -> str | None:
        """Return the version `index/current` points at now, or None when it cannot be read."""
        folder = store.current_folder(self.service.index_dir)
        try:
            return str(store.read_manifest(folder)["version"]) if folder else None
        except (IndexInvalid, KeyError):
            return None

    def reload(self, *, force: bool = False) -> dict[str, Any]:
        """Load the published index if it is new (or force); return what happened."""
        with self._busy:
            self.fetch()
            published = self.published_version()
            live = self.service.version
            if not force and (published is None or published == live or self._held_back(published)):
                return {"reloaded": False, "index_version": live, "published": published}
            loaded = self.service.load()
            if published:
                self._note(published, loaded)
            log.info("index reload: published=%s live=%s loaded=%s", published, self.service.version, loaded)
            return {
                "reloaded": loaded,
                "index_version": self.service.version,
                "published": published,
                "reason": None if loaded else self.service.last_error,
            }

    def _held_back(self, version: str) -> bool:
        """Return whether a refused version waits for its next try (a cause may pass: memory, a full disk)."""
        return version in self.refused and time.monotonic() < self._retry[version][1]

    def _note(self, version: str, loaded: bool) -> None:
        """Forget a loaded version's refusals; space a refused one's next try (doubling, at most an hour)."""
        if loaded:
            self.refused.pop(version, None)
            self._retry.pop(version, None)
            return
        failures = self._retry.get(version, (0, 0.0))[0] + 1
        wait = min(RETRY_SECONDS * 2 ** (failures - 1), RETRY_MAX_SECONDS)
        self.refused[version] = self.service.last_error
        self._retry[version] = (failures, time.monotonic() + wait)

    def fetch(self) -> None:
        """Copy and verify the shared folder's announced version, if it is new; note any failure."""
        if self.shared_dir is None:
            return
        try:
            if distribution.read_latest(self.shared_dir) != self.fetched:
                self.fetched = distribution.fetch_latest(self.shared_dir, self.service.index_dir)
            self.fetch_error = None
        except IndexInvalid as exc:
            self.fetch_error = exc.message
            log.warning(
                "index fetch from %s failed, keeping %s: %s", self.shared_dir, self.service.version, exc
            )

    def maybe_reload(self) -> None:
        """At most every `interval` seconds, reload in the background if a new version is published."""
        now = time.monotonic()
        if self.interval < 0 or now - self._checked < self.interval or self._busy.locked():
            return
        self._checked = now
        self.start()

    def start(self) -> threading.Thread:
        """Check and reload on a background thread so no request waits for the load."""
        thread = threading.Thread(target=self.reload, name="index-reload", daemon=True)
        thread.start()
        return thread


def init_reload(app: Flask) -> IndexWatcher:
    """Watch for new index versions on requests, on SIGHUP and via POST /admin/reload."""
    shared = app.config["INDEX_SHARED_DIR"]
    watcher = IndexWatcher(
        app.extensions["qa"], float(app.config["INDEX_CHECK_SECONDS"]), Path(shared) if shared else None
    )
    app.extensions["qa_reload"] = watcher
    if shared:
        watcher.reload()  # a fresh replica fetches the published version before its first request
    app.before_request(watcher.maybe_reload)
    if app.config["RELOAD_ON_SIGHUP"] and threading.current_thread() is threading.main_thread():
        # the handler only starts a thread: real work in a signal handler could deadlock on a lock
        signal.signal(signal.SIGHUP, lambda signum, frame: watcher.start())
    app.register_blueprint(bp)
    return watcher


@bp.post("/reload")
def reload() -> ResponseReturnValue:
    """Reload the published index now; needs `Authorization: Bearer <QA_ADMIN_TOKEN>`."""
    check_admin_token(header_token(), "the admin endpoint is disabled (set QA_ADMIN_TOKEN)")
    result = current_app.extensions["qa_reload"].reload(force=request.args.get("force") == "1")
    if result["index_version"] is None:
        raise NotReady(result.get("reason") or "no index loaded")
    return jsonify(result)
