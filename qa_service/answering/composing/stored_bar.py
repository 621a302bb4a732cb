"""The gate's chance bar for one index version, measured once and then read at every load.

Asking an index its null probes (`probes.py`) takes 1 s on the seed and 10-20 s on 10,000 passages, so
the result is kept in `<index dir>/calibration/<version>.json`, keyed by a fingerprint of what it
depends on: the version's manifest (its passages and model), the probe questions and the probe
settings. A changed fingerprint (new probes, a new version of the scoring) is measured again. The file
sits beside the version folders, not inside one: a version folder is checksummed whole when replicas
fetch it (index/distribution.py), so it must not change after it is built. An index folder that cannot
be written still loads; its bar is then measured at every load, as before.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from qa_service.answering.composing import probes
from qa_service.index.store import VERSIONS

log = logging.getLogger(__name__)

FOLDER = "calibration"
FORMAT = 2  # raise when the way a probe is scored changes: every stored bar is measured again


@dataclass(frozen=True)
class Calibration:
    """What the null probes measured of one index: the chance bar and how long the probes are."""

    bar: float
    bar_words: int


def fingerprint(
    manifest: Mapping[str, Any], questions: Sequence[str], settings: Mapping[str, Any] | None = None
) -> str:
    """Return a digest of everything a calibration depends on (settings: how an answer searches and
    scores, e.g. k and the sentence weights)."""
    basis = {
        "format": FORMAT,
        "manifest": manifest,
        "settings": settings or {},
        "questions": list(questions),
        "quantile": probes.PROBE_QUANTILE,
        "margin": probes.PROBE_MARGIN,
    }
    return hashlib.sha256(json.dumps(basis, sort_keys=True, default=str).encode()).hexdigest()


def calibrate(
    index_dir: Path,
    manifest: Mapping[str, Any],
    support_of: Callable[[str], float],
    questions: Sequence[str] | None = None,
    settings: Mapping[str, Any] | None = None,
) -> Calibration:
    """Return the index's calibration: read from its file when the fingerprint matches, else measured
    with the null probes (support_of scores one question as an answer would) and written there."""
    asked = list(questions or probes.null_questions())
    key = fingerprint(manifest, asked, settings)
    path = index_dir / FOLDER / f"{manifest['version']}.json"
    stored = _read(path, key)
    if stored is not None:
        return stored
    found = Calibration(probes.chance_bar(support_of, asked), probes.longest(asked))
    _write(path, key, found)
    return found


def _read(path: Path, key: str) -> Calibration | None:
    try:
        row = json.loads(path.read_text(encoding="utf-8"))
        if row["fingerprint"] == key:
            return Calibration(float(row["bar"]), int(row["bar_words"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass  # none yet, or unreadable: measure again
    return None


def _write(path: Path, key: str, found: Calibration) -> None:
    """Write the file atomically (workers of one replica may load at once); drop files of versions
    that are gone."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        tmp.write_text(json.dumps({"fingerprint": key, **asdict(found)}) + "\n", encoding="utf-8")
        os.replace(tmp, path)
        versions = path.parent.parent / VERSIONS
        for old in path.parent.glob("*.json"):
            if old != path and not (versions / old.stem).is_dir():
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("cannot keep the gate's calibration in %s: %s", path.parent, exc)
