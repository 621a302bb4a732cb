"""The index folder: versioned builds, an atomic `current` pointer, and a verified load."""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from qa_service.errors import IndexInvalid, NotReady
from qa_service.index.dense import VectorIndex
from qa_service.index.keyword import LexicalIndex
from qa_service.models import DocumentMeta, Passage, TableSpan

FORMAT = 1
SENTENCE_VECTORS = "sentence_vectors.npy"  # float16, one row per sentence of every passage, in order
CURRENT = "current"
VERSIONS = "versions"
KEEP_VERSIONS = 3


@dataclass(frozen=True)
class LoadedIndex:
    """An index read from disk and checked for consistency."""

    folder: Path
    manifest: dict[str, Any]
    passages: tuple[Passage, ...]
    vectors: VectorIndex
    documents: tuple[DocumentMeta, ...] = field(default=())  # the manifest's document records, typed

    @property
    def version(self) -> str:
        """Return the index version id."""
        return str(self.manifest["version"])


def current_folder(index_dir: Path) -> Path | None:
    """Return the live version folder, or None when nothing was built yet."""
    pointer = index_dir / CURRENT
    return pointer.resolve() if pointer.exists() else None


def read_manifest(folder: Path) -> dict[str, Any]:
    """Read a version folder's manifest; an unreadable one is IndexInvalid."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexInvalid(f"unreadable manifest in {folder.name}: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise IndexInvalid(f"manifest in {folder.name} has an unknown format")
    return manifest


def load_index(
    index_dir: Path, *, model_checksum: str | None = None, dimension: int | None = None
) -> LoadedIndex:
    """Load the live index and refuse it when its parts disagree with each other or with the model."""
    folder = current_folder(index_dir)
    if folder is None:
        raise NotReady(f"no index built in {index_dir} (run `make index`)")
    manifest = read_manifest(folder)
    passages = tuple(_read_passages(folder / "passages.jsonl"))
    vectors = VectorIndex.load(folder / "vectors.faiss")
    model = manifest.get("model", {})
    checks = [
        (
            len(passages) == manifest.get("count"),
            f"{len(passages)} passages but manifest says {manifest.get('count')}",
        ),
        (len(vectors) == len(passages), f"{len(vectors)} vectors for {len(passages)} passages"),
        (vectors.dimension == model.get("dimension"), f"vector dimension {vectors.dimension} != manifest"),
        (dimension in (None, vectors.dimension), f"index dimension {vectors.dimension} != model {dimension}"),
        (model_checksum in (None, model.get("checksum")), "index was built with another model"),
    ]
    for ok, reason in checks:
        if not ok:
            raise IndexInvalid(reason)
    return LoadedIndex(folder, manifest, passages, vectors, _documents(manifest))


def _documents(manifest: dict[str, Any]) -> tuple[DocumentMeta, ...]:
    """Return the manifest's document records as DocumentMeta; a malformed one is IndexInvalid."""
    try:
        return tuple(DocumentMeta.from_record(record) for record in manifest.get("documents", []))
    except (TypeError, AttributeError) as exc:
        raise IndexInvalid(f"a document record in the manifest is malformed: {exc}") from exc


def write_version(
    index_dir: Path,
    version: str,
    manifest: dict[str, Any],
    passages: list[Passage],
    vectors: np.ndarray,
    lexical: LexicalIndex,
    sentences: np.ndarray | None = None,
) -> Path:
    """Write a complete version folder via a temporary folder, then rename it into place.

    sentences: the float16 vector of every passage's every sentence, in order (sentence_vectors.npy).
    """
    versions = index_dir / VERSIONS
    versions.mkdir(parents=True, exist_ok=True)
    tmp = versions / f".tmp-{version}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    VectorIndex.build(vectors).save(tmp / "vectors.faiss")
    with (tmp / "passages.jsonl").open("w", encoding="utf-8") as handle:
        for passage in passages:
            handle.write(json.dumps(asdict(passage), ensure_ascii=False) + "\n")
    lexical.save(tmp / "lexical")
    if sentences is not None:
        np.save(tmp / SENTENCE_VECTORS, sentences)
    _write_json(tmp / "manifest.json", manifest)  # last: a folder without a manifest is incomplete
    _fsync_dir(tmp)
    final = versions / version
    os.replace(tmp, final)
    return final


STALE_TMP_SECONDS = 3600  # an unfinished build or fetch this old has died


def publish(index_dir: Path, version: str, *, shared: bool = False) -> None:
    """Point `current` at a version atomically (symlink + os.replace), then prune old versions."""
    # a private link name: workers of one replica may publish the same fetched version at once
    tmp_link = index_dir / f".{CURRENT}.{uuid.uuid4().hex[:8]}.tmp"
    os.symlink(Path(VERSIONS) / version, tmp_link)
    os.replace(tmp_link, index_dir / CURRENT)
    _fsync_dir(index_dir)
    _prune(index_dir / VERSIONS, keep=version, in_flight_ok=shared)


def _prune(versions: Path, keep: str, in_flight_ok: bool = False) -> None:
    folders = sorted(
        (p for p in versions.iterdir() if p.is_dir() and _mtime(p) is not None),
        key=lambda p: _mtime(p) or 0.0,
    )
    # one builder owns its folder: every .tmp- is a crash's leftover. Where workers fetch at once (shared), a
    # .tmp- folder may be another worker's copy in flight: only one left long ago is removed
    cutoff = time.time() - (STALE_TMP_SECONDS if in_flight_ok else -1)
    stale = [p for p in folders if p.name.startswith(".tmp-") and (_mtime(p) or cutoff) < cutoff]
    complete = [p for p in folders if not p.name.startswith(".tmp-") and p.name != keep]
    for folder in stale + complete[: max(0, len(complete) - (KEEP_VERSIONS - 1))]:
        shutil.rmtree(folder, ignore_errors=True)


def _mtime(path: Path) -> float | None:
    """Return a folder's modification time, or None when another worker removed it meanwhile."""
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return None


def _read_passages(path: Path) -> list[Passage]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        return [_passage(json.loads(line)) for line in lines if line.strip()]
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise IndexInvalid(f"unreadable passages file: {exc}") from exc


def _passage(row: dict[str, Any]) -> Passage:
    row["section"] = tuple(row["section"])
    row["sentences"] = tuple(tuple(span) for span in row["sentences"])
    row["words"] = tuple(tuple(word) for word in row.get("words", ()))
    row["tables"] = tuple(_table(table) for table in row.get("tables", ()))
    return Passage(**row)


def _table(row: dict[str, Any]) -> TableSpan:
    return TableSpan(row["start"], row["end"], row["caption"], tuple(tuple(cells) for cells in row["header"]))


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
