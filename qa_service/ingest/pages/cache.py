"""A bounded folder of rendered pages, shared by every worker: files written whole, oldest dropped first."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class PageCache:
    """Files by key in one folder; a write lands by atomic rename, a read refreshes the file's age."""

    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder = folder
        self.max_bytes = max_bytes

    def get(self, name: str) -> Path | None:
        """Return the cached file, marking it recently used, or None."""
        path = self.folder / name
        try:
            os.utime(path)  # the age eviction reads: least recently used goes first
        except OSError:
            return None
        return path

    def put(self, name: str, data: bytes) -> Path:
        """Store data under name (whole or not at all), then trim the folder to its bound."""
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".part-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, self.folder / name)  # readers see the old file or the new one, never half
        self.trim()
        return self.folder / name

    def trim(self) -> None:
        """Delete the least recently used files until the folder is within its bound."""
        entries = []
        for entry in os.scandir(self.folder):
            if entry.is_file() and not entry.name.startswith(".part-"):
                stat = entry.stat()
                entries.append((stat.st_mtime, stat.st_size, entry.path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(FileNotFoundError):  # another worker trimmed it first
                os.remove(path)
            total -= size
