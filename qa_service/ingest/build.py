"""Build the index: read documents, split passages, embed what changed, publish atomically."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from tqdm import tqdm

from qa_service.errors import IndexInvalid, NotReady, UnreadableDocument
from qa_service.index import manifest, store
from qa_service.index.keyword import LexicalIndex
from qa_service.ingest import context, corpus
from qa_service.ingest.chunking import split_passages
from qa_service.ingest.embedding_cache import EmbeddingCache
from qa_service.ingest.sandbox import read_blocks_safely
from qa_service.models import DocumentMeta, Passage

log = logging.getLogger(__name__)


class BuildEncoder(manifest.ModelInfo, Protocol):
    """What the build needs from an encoder: the facts its manifest records, plus tokens and vectors."""

    def count_tokens(self, text: str) -> int: ...
    def encode_passages(self, texts: list[str], *, progress: bool = False) -> np.ndarray: ...


@dataclass
class BuildReport:
    """What one build did, for the summary line."""

    documents: int = 0
    passages: int = 0
    embedded: int = 0
    reused: int = 0
    seconds: float = 0.0
    version: str | None = None
    up_to_date: bool = False
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Return the one-line summary printed at the end of a build."""
        state = "up to date" if self.up_to_date else f"built {self.version}"
        return (
            f"index {state}: {self.documents} documents, {self.passages} passages "
            f"({self.embedded} embedded, {self.reused} reused), {len(self.skipped)} skipped, "
            f"{self.seconds:.1f} s"
        )


def build_index(
    source_dir: Path, index_dir: Path, encoder: BuildEncoder, *, force: bool = False, progress: bool = True
) -> BuildReport:
    """Rebuild index_dir from source_dir unless it is already up to date with the sources and model."""
    started = time.perf_counter()
    documents, skipped = corpus.discover(source_dir)
    report = BuildReport(skipped=skipped)
    fingerprint = manifest.fingerprint(documents, encoder)
    previous = _previous(index_dir)
    if not force and previous and previous.get("fingerprint") == fingerprint:
        report.up_to_date, report.version = True, previous["version"]
        report.documents, report.passages = len(previous["documents"]), previous["count"]
        report.seconds = time.perf_counter() - started
        return report
    passages, described = _split_all(source_dir, documents, encoder, report)
    cache = EmbeddingCache.from_index(index_dir, encoder.checksum)
    texts = context.retrieval_texts(passages, documents)  # title, year, section: see ingest/context.py
    vectors = cache.embed(texts, encoder, progress=progress)
    sentence_texts = [p.text[s:e] for p in passages for s, e in p.sentences]
    sentence_vectors = cache.embed(sentence_texts, encoder, progress=progress)
    report.embedded, report.reused = cache.embedded, cache.reused
    version = manifest.new_version()
    described_index = manifest.make_manifest(
        version, fingerprint, encoder, described, passages, report.skipped
    )
    extra = {"sentence_vectors.npy": lambda path: np.save(path, sentence_vectors)}
    extra.update(_lexical_writer(texts))
    store.write_version(index_dir, version, described_index, passages, vectors, extra)
    store.publish(index_dir, version)
    report.version, report.documents, report.passages = version, len(described), len(passages)
    report.seconds = time.perf_counter() - started
    return report


def _split_all(
    source_dir: Path, documents: list[DocumentMeta], encoder: BuildEncoder, report: BuildReport
) -> tuple[list[Passage], list[tuple[DocumentMeta, int]]]:
    passages: list[Passage] = []
    described: list[tuple[DocumentMeta, int]] = []
    for meta in tqdm(documents, desc="reading", unit="doc", disable=len(documents) < 5):
        try:
            blocks = read_blocks_safely(source_dir / meta.path)  # size, memory and time limits
        except UnreadableDocument as exc:
            report.skipped.append(exc.message)
            log.warning("skipped %s", exc.message)
            continue
        except Exception as exc:  # a reader bug on one file must not stop the build
            report.skipped.append(f"{meta.path}: could not be read ({type(exc).__name__}: {exc})")
            continue
        _, found = split_passages(meta, blocks, encoder.count_tokens, encoder.max_tokens)
        passages.extend(found)
        described.append((meta, len(found)))
    return passages, described


def _previous(index_dir: Path) -> dict[str, Any] | None:
    folder = store.current_folder(index_dir)
    try:
        return store.read_manifest(folder) if folder else None
    except (IndexInvalid, NotReady):
        return None


def _lexical_writer(texts: list[str]) -> dict[str, Any]:
    lexical = LexicalIndex.build(texts)
    return {"lexical": lexical.save}
