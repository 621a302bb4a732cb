"""Shared fixtures: a deterministic fake encoder for unit speed, the real packaged model for end-to-end."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "source_docs"
# Rate limiting is on by default (tests/test_limits.py proves it); fixtures turn it off so many requests fit.
NO_RATE_LIMIT = {"RATELIMIT_ENABLED": False}


class FakeEncoder:
    """Hashed bag-of-words vectors: texts sharing words are similar; deterministic and instant."""

    name = "fake-bow"
    checksum = "fake-checksum"
    dimension = 64
    max_tokens = 256

    def count_tokens(self, text: str) -> int:
        """Count words plus the two special tokens, like a word-level tokenizer would."""
        return len(text.split()) + 2

    def encode_passages(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        """Embed texts as unit vectors of hashed lowercase words."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimension] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Embed questions the same way as passages."""
        return self.encode_passages(texts)


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    return FakeEncoder()


@pytest.fixture(scope="session")
def real_encoder():
    from qa_service.encoders.torch import Encoder

    return Encoder()


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, real_encoder) -> Path:
    """The real default corpus indexed once per session with the real packaged model."""
    from qa_service.ingest.build import build_index

    index_dir = tmp_path_factory.mktemp("seed-index")
    build_index(SEED_DIR, index_dir, real_encoder, progress=False)
    return index_dir


@pytest.fixture(scope="session")
def app(seed_index, real_encoder, tmp_path_factory):
    from qa_service import create_app

    data = {"DATA_DIR": str(tmp_path_factory.mktemp("data"))}  # the editorial database, never the repo's
    return create_app(
        {"TESTING": True, "INDEX_DIR": str(seed_index), "SOURCE_DIR": str(SEED_DIR), **NO_RATE_LIMIT, **data},
        encoder=real_encoder,
    )


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def copy_seed(tmp_path) -> Path:
    """A writable copy of the default corpus."""
    target = tmp_path / "source_docs"
    shutil.copytree(SEED_DIR, target)
    return target


@pytest.fixture
def fake_app_factory(tmp_path, fake_encoder):
    """Build an app over documents written to a temp folder, with the fake encoder."""
    from qa_service import create_app
    from qa_service.ingest.build import build_index

    def make(docs: dict[str, str] | None = None, **config):
        source = tmp_path / "docs"
        source.mkdir(exist_ok=True)
        for name, text in (docs or {}).items():
            (source / name).write_text(text, encoding="utf-8")
        index = tmp_path / "index"
        build_index(source, index, fake_encoder, progress=False)
        settings = {"TESTING": True, "INDEX_DIR": str(index), "SOURCE_DIR": str(source), **NO_RATE_LIMIT}
        settings |= {"DATA_DIR": str(tmp_path / "data")} | config
        return create_app(settings, encoder=fake_encoder)

    return make
