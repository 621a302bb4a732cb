"""Every shared fixture, by name.

- `real_app` / `client`: the app over the real default corpus with the real packaged model (session).
- `fake_app` / `fake_client`: the app over a two-paragraph document with the one `FakeEncoder`; its index
  is built once per session. Tests that change config, documents or the index use `fake_app_factory`;
  a module whose documents are slow to index (OCR) builds its app once with `fake_app_over(folder)`.
- `runner`: run a command-line entry point in scripts/ in-process as `main(argv)`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "source_docs"
# Rate limiting is on by default (tests/web/test_rate_limits.py proves it); fixtures turn it off.
NO_RATE_LIMIT = {"RATELIMIT_ENABLED": False}
FAKE_DOCS = {"doc.txt": "Councils run local partnerships.\n\nThe government sets targets for councils."}


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
def real_app(seed_index, real_encoder, tmp_path_factory):
    from qa_service import create_app

    data = {"DATA_DIR": str(tmp_path_factory.mktemp("data"))}  # the editorial database, never the repo's
    return create_app(
        {"TESTING": True, "INDEX_DIR": str(seed_index), "SOURCE_DIR": str(SEED_DIR), **NO_RATE_LIMIT, **data},
        encoder=real_encoder,
    )


@pytest.fixture
def client(real_app):
    return real_app.test_client()


def real_client_over(files: list[Path], tmp_path_factory, encoder):
    """A test client of the real app over an index of these files (with their sidecars) built for real."""
    from qa_service import create_app
    from qa_service.ingest.build import build_index

    source = tmp_path_factory.mktemp("docs")
    for path in files:
        shutil.copy(path, source / path.name)
    index = tmp_path_factory.mktemp("index")
    build_index(source, index, encoder, progress=False)
    settings = {"TESTING": True, "INDEX_DIR": str(index), "SOURCE_DIR": str(source), **NO_RATE_LIMIT}
    app = create_app(settings | {"DATA_DIR": str(tmp_path_factory.mktemp("data"))}, encoder=encoder)
    return app.test_client()


def real_client_fixture(folder: Path, pattern: str):
    """A module-scoped `client` fixture: the real app over an index of folder/pattern (and sidecars)."""

    @pytest.fixture(scope="module")
    def client(real_encoder, tmp_path_factory):
        return real_client_over(sorted(folder.glob(pattern)), tmp_path_factory, real_encoder)

    return client


@pytest.fixture
def copy_seed(tmp_path) -> Path:
    """A writable copy of the default corpus."""
    target = tmp_path / "source_docs"
    shutil.copytree(SEED_DIR, target)
    return target


def make_fake_app(folder: Path, encoder: FakeEncoder, docs: dict[str, str] | None = None, **config):
    """Write docs to folder/docs, index them into folder/index and build an app over them."""
    from qa_service import create_app
    from qa_service.ingest.build import build_index

    source = folder / "docs"
    source.mkdir(parents=True, exist_ok=True)
    for name, text in (docs or {}).items():
        (source / name).write_text(text, encoding="utf-8")
    index = folder / "index"
    build_index(source, index, encoder, progress=False)
    settings = {"TESTING": True, "INDEX_DIR": str(index), "SOURCE_DIR": str(source), **NO_RATE_LIMIT}
    settings |= {"DATA_DIR": str(folder / "data")} | config
    return create_app(settings, encoder=encoder)


@pytest.fixture
def fake_app_factory(tmp_path, fake_encoder):
    """Build an app of its own over documents written to tmp_path, with the fake encoder."""
    return lambda docs=None, **config: make_fake_app(tmp_path, fake_encoder, docs, **config)


@pytest.fixture(scope="session")
def fake_app_over():
    """Return build(folder): an app over the documents already in folder/docs, with a fake encoder; for
    module-scoped fixtures whose documents are slow to index (OCR)."""
    return lambda folder: make_fake_app(folder, FakeEncoder())


@pytest.fixture(scope="session")
def fake_app(tmp_path_factory):
    """One fake-encoder app over FAKE_DOCS for the session: for tests that only send requests."""
    return make_fake_app(tmp_path_factory.mktemp("fake-app"), FakeEncoder(), FAKE_DOCS)


@pytest.fixture
def fake_client(fake_app):
    return fake_app.test_client()


@dataclass(frozen=True)
class Ran:
    """What one command-line run returned and printed."""

    code: int | str | None
    out: str
    err: str


def load_script(name: str) -> ModuleType:
    """Import scripts/<name>.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"scripts_{name}", ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Runner:
    """Run scripts/<name>.py in-process as main(argv, **kwargs); argparse exits become the code."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    module = staticmethod(load_script)

    def __call__(self, name: str, *argv: str, **kwargs: object) -> Ran:
        """Run one entry point and return its exit code and what it printed."""
        self.capsys.readouterr()  # drop what the test printed before
        try:
            code = load_script(name).main(list(argv), **kwargs)
        except SystemExit as exc:
            code = exc.code
        captured = self.capsys.readouterr()
        return Ran(code, captured.out, captured.err)


@pytest.fixture
def runner(capsys) -> Runner:
    """Run the command-line entry points in scripts/ in-process (`runner("purge", "--days", "7")`)."""
    return Runner(capsys)
