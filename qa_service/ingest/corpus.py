"""Find the source documents and their metadata sidecars (`<file>.meta.json`)."""

from __future__ import annotations

import hashlib
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from qa_service.errors import UnreadableDocument
from qa_service.ingest import sandbox, titles
from qa_service.ingest.readers import READERS, SIDECAR_SUFFIX
from qa_service.ingest.stream.pool import default_workers
from qa_service.models import DocumentMeta

# Reading a title is a metadata lookup or one page's text: a file that needs more is not worth the wait.
TITLE_LIMITS = sandbox.SandboxLimits(memory_mb=512, seconds=10.0, wall_factor=3.0)


def discover(source_dir: Path) -> tuple[list[DocumentMeta], list[str]]:
    """Return the documents under source_dir (sorted by path) and messages for files skipped."""
    found: list[tuple[Path, dict[str, object]]] = []
    skipped = []
    for path in sorted(p for p in source_dir.rglob("*") if p.is_file()):
        hidden = any(part.startswith(".") for part in path.relative_to(source_dir).parts)
        if path.name.endswith(SIDECAR_SUFFIX) or hidden:  # hidden: uploads in flight, the library's backups
            continue
        if path.suffix.lower() not in READERS:
            skipped.append(f"{path.name}: unsupported file type {path.suffix or '(none)'}")
            continue
        try:
            found.append((path, _sidecar(path)))
        except UnreadableDocument as exc:
            skipped.append(exc.message)
    # each PDF's title is read in its own sandbox child: the threads only wait, one child per core
    with ThreadPoolExecutor(max_workers=default_workers()) as pool:
        candidates = list(pool.map(lambda item: title_candidates(*item), found))
    names = [titles.name_title(p) for p, _ in found]
    indexed = titles.choose([c.indexed for c in candidates], names)
    fallbacks = [titles.shown_fallback(title, name) for title, name in zip(indexed, names, strict=True)]
    shown = titles.choose([c.shown for c in candidates], fallbacks)
    titled = zip(found, shown, indexed, strict=True)
    documents = [describe(path, source_dir, title, index_title) for (path, _), title, index_title in titled]
    return documents, skipped


def title_candidates(path: Path, meta: dict[str, object]) -> titles.Candidates:
    """Return the title sources in order of trust: the sidecar's, then the PDF's own (metadata, cover)."""
    if meta.get("title"):
        return titles.Candidates((str(meta["title"]),), (str(meta["title"]),))
    if path.suffix.lower() != ".pdf":
        return titles.Candidates()
    try:  # an untrusted PDF is opened only in a capped child, as its text is (ingest/sandbox.py)
        return sandbox.run_safely(titles.pdf_candidates, path, TITLE_LIMITS)
    except UnreadableDocument:  # the reader skips it with the reason; its title falls back to the name
        return titles.Candidates()


def describe(
    path: Path, source_dir: Path, title: str | None = None, indexed: str | None = None
) -> DocumentMeta:
    """Build a document's metadata from its sidecar (if any), its titles (shown, and indexed when it
    differs) and its content checksum."""
    meta = _sidecar(path)
    relative = path.relative_to(source_dir).as_posix()
    kind = str(meta.get("kind") or "report").strip().lower()
    if title is None:
        found, name = title_candidates(path, meta), titles.name_title(path)
        indexed = next(iter(found.indexed), name)
        title = next(iter(found.shown), titles.shown_fallback(indexed, name))
    return DocumentMeta(
        id=slug(relative.rsplit(".", 1)[0]),
        title=title,
        retrieval_title=indexed if indexed and indexed != title else None,
        kind=kind,
        path=relative,
        checksum=file_checksum(path, meta),
        publisher=_optional(meta, "publisher"),
        date=_optional(meta, "date"),
        council=_optional(meta, "council"),
        source_url=_optional(meta, "source_url"),
    )


def file_checksum(path: Path, meta: dict[str, object]) -> str:
    """Return sha256 over the file bytes and its metadata, so a metadata edit also rebuilds."""
    digest = hashlib.sha256(path.read_bytes())
    digest.update(json.dumps(meta, sort_keys=True).encode())
    return digest.hexdigest()


def slug(text: str) -> str:
    """Return a URL-safe id from a file path."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "document"


def _sidecar(path: Path) -> dict[str, object]:
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise UnreadableDocument(f"{sidecar.name}: metadata is not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise UnreadableDocument(f"{sidecar.name}: metadata must be a JSON object")
    return data


def _optional(meta: dict[str, object], key: str) -> str | None:
    value = meta.get(key)
    return str(value) if value not in (None, "") else None
