"""Build the index: stream documents into passages and vectors, embed what changed, publish atomically."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from qa_service.errors import IndexInvalid, NotReady
from qa_service.index import store
from qa_service.index.keyword import LexicalIndex
from qa_service.ingest import corpus, manifest, reuse
from qa_service.ingest.embedding_cache import EmbeddingCache
from qa_service.ingest.stream.pipeline import Streamed, stream

log = logging.getLogger(__name__)


class BuildEncoder(manifest.ModelInfo, Protocol):
    """What the build needs from an encoder: the facts its manifest records, plus tokens and vectors."""

    def count_tokens(self, text: str) -> int: ...
    def encode_passages(self, texts: list[str], *, progress: bool = False) -> np.ndarray: ...


@dataclass
class BuildReport:
    """What one build did, for the summary line and the benchmark."""

    documents: int = 0
    passages: int = 0
    embedded: int = 0
    reused: int = 0
    duplicates: int = 0  # passages sharing the vector of a near-identical one embedded in this build
    pages: int = 0
    read_documents: int = 0
    seconds: float = 0.0
    version: str | None = None
    up_to_date: bool = False
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # readers' remarks on documents read (OCR cut short)
    stages: dict[str, float] = field(default_factory=dict)  # seconds: read (summed over workers), ...

    def summary(self) -> str:
        """Return the one-line summary printed at the end of a build."""
        state = "up to date" if self.up_to_date else f"built {self.version}"
        return (
            f"index {state}: {self.documents} documents, {self.passages} passages "
            f"({self.embedded} embedded, {self.reused} reused, {self.duplicates} near-duplicates), "
            f"{len(self.skipped)} skipped, {self.seconds:.1f} s"
        )


def build_index(
    source_dir: Path,
    index_dir: Path,
    encoder: BuildEncoder,
    *,
    force: bool = False,
    progress: bool = True,
    workers: int | None = None,
) -> BuildReport:
    """Rebuild index_dir from source_dir unless it is already up to date with the sources and model."""
    started = time.perf_counter()
    documents, skipped = corpus.discover(source_dir)
    fingerprint = manifest.fingerprint(documents, encoder)
    last = _previous_manifest(index_dir)
    if not force and last and last.get("fingerprint") == fingerprint:
        report = BuildReport(documents=len(last["documents"]), passages=last["count"], skipped=skipped)
        report.up_to_date, report.version = True, last["version"]
        report.seconds = time.perf_counter() - started
        return report
    previous = reuse.load_previous(index_dir, encoder.checksum)
    by_id = {meta.id: meta for meta in documents}  # what each passage's contextual header names
    cache = EmbeddingCache.from_index(previous, by_id)  # computes each passage's text, once
    reusable = reuse.reusable_passages(previous)
    del previous  # its vectors live on in the cache; the rest need not stay in memory
    streamed = stream(source_dir, documents, encoder, cache, reusable, workers=workers, progress=progress)
    report = _report(streamed, cache, skipped)
    write_started = time.perf_counter()
    report.version = _write(index_dir, fingerprint, encoder, streamed, cache, report.skipped)
    report.stages["write"] = time.perf_counter() - write_started
    report.seconds = time.perf_counter() - started
    return report


def _report(streamed: Streamed, cache: EmbeddingCache, skipped: list[str]) -> BuildReport:
    for message in streamed.skipped:
        log.warning("skipped %s", message)
    return BuildReport(
        documents=len(streamed.described),
        passages=len(streamed.passages),
        embedded=cache.embedded,
        reused=cache.reused,
        duplicates=cache.duplicates,
        pages=streamed.pages,
        read_documents=streamed.read_documents,
        skipped=skipped + streamed.skipped,
        notes=streamed.notes,
        stages={**streamed.stages, "encode": cache.seconds},
    )


def _write(
    index_dir: Path,
    fingerprint: str,
    encoder: BuildEncoder,
    streamed: Streamed,
    cache: EmbeddingCache,
    skipped: list[str],
) -> str:
    passages = streamed.passages
    vectors = cache.vectors(streamed.texts, encoder.dimension)
    sentences = cache.sentence_vectors(streamed.texts, passages, encoder.dimension)
    version = manifest.new_version()
    described = manifest.make_manifest(version, fingerprint, encoder, streamed.described, passages, skipped)
    lexical = LexicalIndex.build(streamed.texts)
    store.write_version(index_dir, version, described, passages, vectors, lexical, sentences)
    store.publish(index_dir, version)
    return version


def _previous_manifest(index_dir: Path) -> dict[str, Any] | None:
    folder = store.current_folder(index_dir)
    try:
        return store.read_manifest(folder) if folder else None
    except (IndexInvalid, NotReady):
        return None
