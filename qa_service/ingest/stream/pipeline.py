"""Stream documents → passages → vectors: parsing runs ahead in sandboxed children while the encoder works."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import numpy as np

from qa_service.ingest import reuse
from qa_service.ingest.chunking import split_passages
from qa_service.ingest.embedding_cache import EmbeddingCache
from qa_service.ingest.readers.ocr.words import mark_ocr
from qa_service.ingest.stream.pool import Read, read_documents
from qa_service.ingest.stream.progress import BuildProgress
from qa_service.models import DocumentMeta, Passage


class StreamEncoder(Protocol):
    """What the pipeline needs from an encoder: its window, a token counter and passage vectors."""

    dimension: int
    max_tokens: int

    def count_tokens(self, text: str) -> int: ...
    def encode_passages(self, texts: list[str], *, progress: bool = False) -> np.ndarray: ...


@dataclass
class Streamed:
    """Everything a build streamed: passages in document order, and where the time went."""

    passages: list[Passage] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # what the encoder and BM25 see of each passage
    described: list[tuple[DocumentMeta, int]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # "<path>: <remark>" from the readers (OCR cut short)
    pages: int = 0
    read_documents: int = 0  # parsed now (the rest were reused from the live index)
    stages: dict[str, float] = field(default_factory=lambda: dict.fromkeys(("read", "split", "wait"), 0.0))


def stream(
    source_dir: Path,
    documents: list[DocumentMeta],
    encoder: StreamEncoder,
    cache: EmbeddingCache,
    reusable: dict[tuple[str, str], list[Passage]],
    *,
    workers: int | None = None,
    progress: bool = True,
) -> Streamed:
    """Read, split and embed every document; unchanged ones come from `reusable` without a parse."""
    out = Streamed()
    to_read = [meta for meta in documents if reuse.key(meta) not in reusable]
    reads = _timed(read_documents(source_dir, to_read, workers), out)
    with BuildProgress(len(documents), enabled=progress) as bar:
        for meta in documents:
            pages = out.pages
            found = reusable.get(reuse.key(meta))
            reused = found is not None
            if found is not None:  # the title shown may change when another document shares it
                found = [replace(p, document_title=meta.title) for p in found]
            if found is None:
                found = _split(next(reads), encoder, out)
            bar.advance(pages=out.pages - pages)
            if found is None:
                bar.advance(documents=1)
                continue
            texts = cache.texts(found, reused=reused)
            out.passages.extend(found)
            out.texts.extend(texts)
            out.described.append((meta, len(found)))
            bar.advance(texts=cache.add(texts, encoder, found), documents=1)
        bar.advance(texts=cache.flush(encoder))
    return out


def _timed(reads: Iterator[Read], out: Streamed) -> Iterator[Read]:
    """Yield reads, adding the time the consumer waited for each to the "wait" stage."""
    while True:
        started = time.perf_counter()
        try:
            read = next(reads)
        except StopIteration:
            return
        out.stages["wait"] += time.perf_counter() - started
        yield read


def _split(read: Read, encoder: StreamEncoder, out: Streamed) -> list[Passage] | None:
    out.stages["read"] += read.seconds
    if read.blocks is None:
        out.skipped.append(read.problem or f"{read.meta.path}: could not be read")
        return None
    started = time.perf_counter()
    _, found = split_passages(read.meta, read.blocks, encoder.count_tokens, encoder.max_tokens)
    found = mark_ocr(found, read.blocks)
    out.notes += [f"{read.meta.path}: {block.note}" for block in read.blocks if block.note]
    out.stages["split"] += time.perf_counter() - started
    out.read_documents += 1
    out.pages += max((block.page or 1 for block in read.blocks), default=0)
    return found
