"""Index distribution: publish a built version to a shared folder; replicas fetch, verify and switch.

The shared folder (a volume every replica mounts) holds `versions/<v>/` (a copy of the build's version
folder) and `LATEST.json` = {"version", "checksum"}: a SHA-256 over every file of the version folder.
`LATEST.json` is written last, via a temporary file and `os.replace`, so a replica never sees a
version before all of its files are in place. A replica copies the folder into its own
`index/versions/`, recomputes the checksum and only then points its `current` at it; anything that
cannot be read or does not match raises IndexInvalid and leaves the live version alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from qa_service.errors import IndexInvalid
from qa_service.index import store

LATEST = "LATEST.json"


@dataclass(frozen=True)
class Published:
    """What the shared folder says is the newest version."""

    version: str
    checksum: str


def folder_checksum(folder: Path) -> str:
    """Return a SHA-256 over the relative path and bytes of every file in folder, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def publish_shared(index_dir: Path, shared_dir: Path) -> Published:
    """Copy the live version of index_dir to the shared folder and announce it in LATEST.json."""
    folder = store.current_folder(index_dir)
    if folder is None:
        raise IndexInvalid(f"no index built in {index_dir} to publish")
    version = str(store.read_manifest(folder)["version"])
    target = shared_dir / store.VERSIONS / version
    if not target.is_dir():
        _copy_into_place(folder, target)
    published = Published(version, folder_checksum(target))
    tmp = shared_dir / f".{LATEST}.{uuid.uuid4().hex}"
    tmp.write_text(json.dumps({"version": version, "checksum": published.checksum}) + "\n")
    os.replace(tmp, shared_dir / LATEST)
    return published


def read_latest(shared_dir: Path) -> Published:
    """Return what the shared folder announces; IndexInvalid when it cannot be read."""
    try:
        row = json.loads((shared_dir / LATEST).read_text(encoding="utf-8"))
        return Published(str(row["version"]), str(row["checksum"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexInvalid(f"cannot read {LATEST} in {shared_dir}: {exc}") from exc


def fetch_latest(shared_dir: Path, index_dir: Path) -> Published:
    """Copy the announced version into index_dir, verify its checksum, then make it current there."""
    latest = read_latest(shared_dir)
    local = index_dir / store.VERSIONS / latest.version
    if not local.is_dir():
        source = shared_dir / store.VERSIONS / latest.version
        if not source.is_dir():
            raise IndexInvalid(f"version {latest.version} is announced but missing from {shared_dir}")
        _copy_into_place(source, local, expect=latest.checksum)
    elif folder_checksum(local) != latest.checksum:
        raise IndexInvalid(f"local copy of {latest.version} does not match the published checksum")
    current = store.current_folder(index_dir)
    if current is None or current.name != latest.version:
        store.publish(index_dir, latest.version, shared=True)
    return latest


def _copy_into_place(source: Path, target: Path, expect: str | None = None) -> None:
    """Copy a version folder via a private temporary name (workers may fetch at once), then rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".tmp-{target.name}-{uuid.uuid4().hex[:8]}"
    try:
        shutil.copytree(source, tmp)
        if expect is not None and folder_checksum(tmp) != expect:
            raise IndexInvalid(f"version {target.name} does not match its published checksum")
        os.rename(tmp, target)
    except OSError as exc:
        if not target.is_dir():  # another worker finishing first is fine; anything else is not
            raise IndexInvalid(f"cannot copy version {target.name}: {exc}") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
