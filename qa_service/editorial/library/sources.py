"""The source store: documents and their `.meta.json` sidecars in the source folder, changed atomically.

Every replica reaches the same folder (QA_SOURCE_DIR on a shared volume). Uploads are typed by their
bytes before anything is written, names are cleaned (no folders, no control characters), a new name
never overwrites another document (replacing is explicit), and each write is a temporary file renamed
into place. Replace and delete first move the old files into a hidden backup a failed build restores.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from qa_service.editorial.library import sniff
from qa_service.ingest.corpus import slug
from qa_service.ingest.readers import SIDECAR_SUFFIX, is_document

BACKUPS = ".library/backups"  # hidden: the build never reads it (ingest/corpus.py skips dot-folders)
MAX_NAME = 100


class Conflict(ValueError):
    """The upload's cleaned name belongs to another document; replace that one instead."""


@dataclass(frozen=True)
class Stored:
    """A document in the store: its id (as the index names it), file name and sidecar metadata."""

    id: str
    file_name: str
    meta: dict[str, str]


def clean_name(name: str) -> str:
    """Return a safe file name: the last path part, no control characters, only plain punctuation."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", name))[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = re.sub(r"[^\w .,()&'+-]+", "-", base)
    base = re.sub(r"\s+", " ", base).strip(" .-")
    return base[:MAX_NAME].strip(" .-") or "document"


class SourceStore:
    """Add, replace and delete documents in one folder (flat: every file the library adds is at the top)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def documents(self) -> list[Stored]:
        """Return every document in the folder with its sidecar metadata, sorted by file name."""
        if not self.root.is_dir():
            return []
        found = [path for path in self.root.iterdir() if path.is_file() and is_document(path)]
        return [self._stored(path) for path in sorted(found, key=lambda p: p.name.lower())]

    def find(self, document_id: str) -> Stored | None:
        """Return the document with this id, if the store holds it."""
        return next((d for d in self.documents() if d.id == document_id), None)

    def add(self, upload: IO[bytes], name: str, meta: dict[str, str]) -> Stored:
        """Store a new document under its cleaned name; Conflict if that name is another document's."""
        suffix = _detect(upload, name)  # 415 before a byte is written
        stem = clean_name(name).rsplit(".", 1)[0].strip(" .-") or "document"
        target = self.root / f"{stem}{suffix}"
        document_id = slug(target.name.rsplit(".", 1)[0])
        if self.find(document_id) is not None or target.exists():
            raise Conflict(f"{target.name} is already in the library: replace it (PUT) instead")
        self.root.mkdir(parents=True, exist_ok=True)
        self._write_meta(target, meta)
        self._write(target, upload)
        return self._stored(target)

    def replace(
        self, document_id: str, job_id: str, upload: IO[bytes] | None, name: str, meta: dict[str, str]
    ) -> Stored:
        """Back up the document, then write its new file (same name, the content's suffix) and metadata."""
        current = self._require(document_id)
        path = self.root / current.file_name
        suffix = _detect(upload, name or current.file_name) if upload is not None else path.suffix
        self._backup(path, job_id)
        target = path.with_suffix(suffix)
        merged = {**current.meta, **meta}
        if upload is not None:
            if target != path:
                self._remove(path)
            self._write(target, upload)
        self._write_meta(target, {k: v for k, v in merged.items() if v})
        return self._stored(target)

    def delete(self, document_id: str, job_id: str) -> Stored:
        """Move the document and its sidecar into the job's backup (the build then drops it)."""
        current = self._require(document_id)
        self._backup(self.root / current.file_name, job_id)
        self._remove(self.root / current.file_name)
        return current

    def restore(self, job_id: str, document_id: str) -> bool:
        """Put a job's backup back in place of what the job wrote; False when there is no backup."""
        folder = self.root / BACKUPS / job_id
        if not folder.is_dir():
            return False
        current = self.find(document_id)
        if current is not None:
            self._remove(self.root / current.file_name)
        for saved in folder.iterdir():
            os.replace(saved, self.root / saved.name.removeprefix("."))
        shutil.rmtree(folder, ignore_errors=True)
        return True

    def discard_backup(self, job_id: str) -> None:
        """Drop a job's backup once its build succeeded."""
        shutil.rmtree(self.root / BACKUPS / job_id, ignore_errors=True)

    def _require(self, document_id: str) -> Stored:
        found = self.find(document_id)
        if found is None:
            raise KeyError(document_id)
        return found

    def _stored(self, path: Path) -> Stored:
        sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
        try:
            meta = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
        except (ValueError, OSError):
            meta = {}
        meta = {str(k): str(v) for k, v in meta.items()} if isinstance(meta, dict) else {}
        return Stored(slug(path.name.rsplit(".", 1)[0]), path.name, meta)

    def _backup(self, path: Path, job_id: str) -> None:
        folder = self.root / BACKUPS / job_id
        folder.mkdir(parents=True, exist_ok=True)
        for source in (path, path.with_name(path.name + SIDECAR_SUFFIX)):
            if source.exists():  # dot-named, so nothing in the backup looks like a document
                shutil.copy2(source, folder / f".{source.name}")

    def _write(self, target: Path, upload: IO[bytes]) -> None:
        tmp = self.root / f".upload-{uuid.uuid4().hex}"
        try:
            with tmp.open("wb") as handle:
                shutil.copyfileobj(upload, handle, 1 << 20)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)

    def _write_meta(self, target: Path, meta: dict[str, str]) -> None:
        sidecar = target.with_name(target.name + SIDECAR_SUFFIX)
        if not meta:
            sidecar.unlink(missing_ok=True)
            return
        tmp = self.root / f".meta-{uuid.uuid4().hex}"
        tmp.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, sidecar)

    def _remove(self, path: Path) -> None:
        path.unlink(missing_ok=True)
        path.with_name(path.name + SIDECAR_SUFFIX).unlink(missing_ok=True)


def _detect(upload: IO[bytes], name: str) -> str:
    """Return the stored suffix for an upload's content (the stream is left at its start)."""
    head = upload.read(sniff.SNIFF_BYTES)
    upload.seek(0)
    data = upload.read() if head.startswith(b"PK") else None
    upload.seek(0)
    return sniff.detect(head, name, data)
