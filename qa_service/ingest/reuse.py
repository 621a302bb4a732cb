"""What an incremental build may take from the live index: unchanged documents' passages and vectors."""

from __future__ import annotations

from pathlib import Path

from qa_service.errors import QAError
from qa_service.index import store
from qa_service.index.store import LoadedIndex
from qa_service.ingest import manifest
from qa_service.models import DocumentMeta, Passage


def load_previous(index_dir: Path, model_checksum: str) -> LoadedIndex | None:
    """Return the live index when it was built with this model, else None (a cold build)."""
    try:
        return store.load_index(index_dir, model_checksum=model_checksum)
    except (QAError, OSError, ValueError):
        return None


def reusable_passages(previous: LoadedIndex | None) -> dict[tuple[str, str], list[Passage]]:
    """Return (path, checksum) -> passages for each document the live index holds, if its code matches."""
    if previous is None or previous.manifest.get("passage_code") != manifest.passage_code_checksum():
        return {}
    by_document: dict[str, list[Passage]] = {}
    for passage in previous.passages:
        by_document.setdefault(passage.document_id, []).append(passage)
    return {key(d): by_document.get(d.id, []) for d in previous.documents}


def key(meta: DocumentMeta) -> tuple[str, str]:
    """Return the key reusable_passages uses for a document."""
    return meta.path, meta.checksum
