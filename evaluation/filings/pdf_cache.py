"""Read evaluation PDFs once: the service's Blocks and pypdf's raw page text, cached on disk by content."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
from pypdf import PdfReader

from qa_service.ingest import manifest
from qa_service.ingest.readers import read_blocks
from qa_service.models import Block


def content_key(path: Path) -> str:
    """Return a short sha256 of the file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def reader_key() -> str:
    """Return a short form of the passage-code checksum, so a new extractor invalidates the cache."""
    return manifest.passage_code_checksum()[:12]


def cached_blocks(path: Path, cache: Path) -> list[Block]:
    """Return the service's Blocks for a PDF, read once per (file content, reader code)."""
    target = cache / "blocks" / f"{content_key(path)}-{reader_key()}.json"
    if target.exists():
        return [Block(**row) for row in json.loads(target.read_text(encoding="utf-8"))]
    blocks = read_blocks(path)  # evaluation data is trusted: read in process, no sandbox limits
    _write(target, [asdict(block) for block in blocks])
    return blocks


def cached_page_texts(path: Path, cache: Path) -> list[str]:
    """Return pypdf's plain text of every page (the naive baseline's input), extracted once per file."""
    target = cache / "pages" / f"{content_key(path)}.json"
    if target.exists():
        return list(json.loads(target.read_text(encoding="utf-8")))
    texts = [page.extract_text() or "" for page in PdfReader(path).pages]
    _write(target, texts)
    return texts


def _write(target: Path, data: object) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".tmp")
    partial.write_text(json.dumps(data), encoding="utf-8")
    partial.replace(target)


def cached_vectors(texts: list[str], encoder: Any, cache: Path, name: str, chunk: int = 512) -> np.ndarray:
    """Embed texts in chunks, each saved under the cache by its content, so an interrupted run resumes."""
    parts = []
    for start in range(0, len(texts), chunk):
        part = texts[start : start + chunk]
        digest = hashlib.sha256("\x00".join(part).encode()).hexdigest()[:16]
        target = cache / "vectors" / f"{name}-{encoder.checksum[:8]}-{digest}.npy"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            np.save(target.with_suffix(".tmp.npy"), encoder.encode_passages(part))
            target.with_suffix(".tmp.npy").replace(target)
        parts.append(np.load(target))
    return np.concatenate(parts) if parts else np.zeros((0, encoder.dimension), dtype=np.float32)
