"""The indexed source files: found by manifest id only, served only while their bytes match the index."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from qa_service.errors import NotFound, QAError
from qa_service.ingest.corpus import describe
from qa_service.models import DocumentMeta


@dataclass(frozen=True)
class SourceFile:
    """One document of the live index and where its file is."""

    id: str
    title: str
    kind: str
    council: str | None
    path: Path
    checksum: str  # of the bytes and sidecar indexed: the cache and ETag key

    @property
    def media_type(self) -> str:
        """Return the file's Content-Type."""
        return mimetypes.guess_type(self.path.name)[0] or "application/octet-stream"

    @property
    def is_pdf(self) -> bool:
        """Return True when the file has pages to render."""
        return self.path.suffix.lower() == ".pdf"


def source_file(documents: list[DocumentMeta], document_id: str, source_dir: Path) -> SourceFile:
    """Return the manifest's document of this id, or raise NotFound; the request never names a path."""
    entry = next((d for d in documents if d.id == document_id), None)
    relative = PurePosixPath(entry.path) if entry else None
    if entry is None or relative is None or relative.is_absolute() or ".." in relative.parts:
        raise NotFound(f"no document with id {document_id!r}", code="unknown_document")
    return SourceFile(
        id=document_id,
        title=entry.title or document_id,
        kind=entry.kind,
        council=entry.council,
        path=source_dir.joinpath(*relative.parts),
        checksum=entry.checksum,
    )


class Verifier:
    """Check that a file on disk is still the one indexed; remembered per (size, mtime) of the file."""

    def __init__(self, source_dir: Path) -> None:
        self.source_dir = source_dir
        self._seen: dict[Path, tuple[int, int, str]] = {}

    def verified(self, file: SourceFile) -> Path:
        """Return the file's path, or raise when it is gone or changed since the index was built."""
        try:
            stat = file.path.stat()
        except OSError as exc:
            raise NotFound(f"the file of {file.id!r} is not available", code="file_unavailable") from exc
        known = self._seen.get(file.path)
        if known is None or known[:2] != (stat.st_size, stat.st_mtime_ns):
            checksum = describe(file.path, self.source_dir, title="").checksum
            known = self._seen[file.path] = (stat.st_size, stat.st_mtime_ns, checksum)
        if known[2] != file.checksum:
            raise QAError(
                f"the file of {file.id!r} changed since it was indexed; it is served again once re-indexed",
                code="document_changed",
                status=409,
            )
        return file.path
