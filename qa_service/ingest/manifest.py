"""What an index version says about itself: sources, model, counts and library versions."""

from __future__ import annotations

import importlib.metadata as md
import uuid
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any, Protocol

from qa_service.index.store import FORMAT
from qa_service.ingest.chunking import SPLITTER_VERSION
from qa_service.models import DocumentMeta, Passage

LIBRARIES = ("faiss-cpu", "sentence-transformers", "bm25s")


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
    """Return an id that changes whenever a source, its metadata, the splitter or the model changes."""
    parts = [SPLITTER_VERSION, model.checksum] + [f"{d.path}:{d.checksum}" for d in documents]
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
        "splitter_version": SPLITTER_VERSION,
        "documents": [{**asdict(meta), "passages": count} for meta, count in described],
        "skipped": skipped,
        "libraries": {name: _version(name) for name in LIBRARIES},
    }


def _version(package: str) -> str | None:
    try:
        return md.version(package)
    except md.PackageNotFoundError:
        return None
