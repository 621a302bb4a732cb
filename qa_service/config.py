"""Defaults for every setting; `create_app` overlays QA_* environment variables and test overrides."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DEFAULTS: dict[str, object] = {
    "SOURCE_DIR": str(ROOT / "source_docs"),
    "INDEX_DIR": str(ROOT / "index"),
    "MODEL": None,  # None = the packaged all-MiniLM-L6-v2
    "DEFAULT_K": 5,
    "MAX_K": 20,
    "MAX_QUESTION_CHARS": 1000,
    "COVER_THRESHOLD": 0.42,
    "WARMUP": True,  # encode one question at start so the first user does not pay for lazy loading
    "JSON_SORT_KEYS": False,
}


def source_dir(config: dict[str, object]) -> Path:
    """Return the configured source folder."""
    return Path(str(config["SOURCE_DIR"]))


def index_dir(config: dict[str, object]) -> Path:
    """Return the configured index folder."""
    return Path(str(config["INDEX_DIR"]))
