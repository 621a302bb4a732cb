"""What an index version says about itself: sources, model, counts and library versions."""

from __future__ import annotations

import hashlib
import importlib.metadata as md
import uuid
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from qa_service.index.store import FORMAT
from qa_service.models import DocumentMeta, Passage

LIBRARIES = ("faiss-cpu", "sentence-transformers", "bm25s")
INGEST = Path(__file__).resolve().parent
# The code that turns a file into passages: an edit to any of it re-reads every document.
PASSAGE_CODE = ("readers", "tables", "furniture.py", "sandbox.py", "chunking.py", "sentences.py", "titles.py")


def passage_code_checksum() -> str:
    """Return a sha256 over the source of the readers and splitters, recorded in the manifest."""
    digest = hashlib.sha256()
    for name in PASSAGE_CODE:
        path = INGEST / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(INGEST).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


class ModelInfo(Protocol):
    """The encoder facts a manifest records."""

    name: str
    checksum: str
    dimension: int
    max_tokens: int


def new_version() -> str:
    """Return a sortable, unique index version id (UTC time plus a random suffix)."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + uuid.uuid4().hex[:6]


def fingerprint(documents: list[DocumentMeta], model: ModelInfo) -> str:
    """Return an id that changes whenever a source, its metadata, the passage code or the model changes."""
    parts = [passage_code_checksum(), model.checksum] + [f"{d.path}:{d.checksum}" for d in documents]
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "\n".join(parts)))


def make_manifest(
    version: str,
    source_fingerprint: str,
    model: ModelInfo,
    described: list[tuple[DocumentMeta, int]],
    passages: list[Passage],
    skipped: list[str],
) -> dict[str, Any]:
    """Return the manifest of one index version."""
    return {
        "format": FORMAT,
        "version": version,
        "fingerprint": source_fingerprint,  # over every source seen, skipped ones included
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "model": {
            "name": model.name,
            "checksum": model.checksum,
            "dimension": model.dimension,
            "max_tokens": model.max_tokens,
        },
        "count": len(passages),
        "sentences": sum(len(p.sentences) for p in passages),
        "passage_code": passage_code_checksum(),  # lets the next build reuse passages
        "documents": [asdict(replace(meta, passages=count)) for meta, count in described],
        "skipped": skipped,
        "libraries": {name: _version(name) for name in LIBRARIES},
    }


def _version(package: str) -> str | None:
    try:
        return md.version(package)
    except md.PackageNotFoundError:
        return None
