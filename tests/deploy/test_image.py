"""The image, built for real: podman builds the Dockerfile on a base debootstrapped from Debian's own
packages (deploy/build_image.sh), and the image's filesystem, started under chroot with the image's
ENV, WORKDIR, USER and CMD (deploy/chroot_ask.py), answers /api/ask with verified quotes.

Minutes on a clean machine (debootstrap, pip, ONNX export, index build); podman's layer cache and the
kept base image make a rerun after a code change take about a minute or two."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TAG = "localhost/qa-service:test"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.podman,
    pytest.mark.skipif(
        not (shutil.which("podman") and shutil.which("debootstrap")),
        reason="podman and debootstrap are not installed (make test installs them: make podman)",
    ),
]


@pytest.fixture(scope="module")
def built() -> str:
    result = subprocess.run(
        [str(ROOT / "deploy" / "build_image.sh"), TAG], capture_output=True, text=True, timeout=1200
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return result.stdout


def inspect(tag: str) -> dict:
    output = subprocess.run(["podman", "image", "inspect", tag], capture_output=True, text=True, check=True)
    return dict(json.loads(output.stdout)[0])


def test_built_on_the_debootstrap_base(built):
    size = re.search(r"built \S+ on (\S+) in \d+ s: (\d+) MB", built)
    assert size, built
    base = inspect(size.group(1))
    image = inspect(TAG)
    assert image["RootFS"]["Layers"][: len(base["RootFS"]["Layers"])] == base["RootFS"]["Layers"]
    assert int(size.group(2)) < 3000  # CPU torch: the CUDA build alone is several GB


def test_image_runs_as_its_user_with_its_command(built):
    config = inspect(TAG)["Config"]
    assert config["User"] == "10001"
    assert config["Cmd"][0] == "gunicorn" and "qa_service:create_app()" in config["Cmd"]
    assert "HF_HUB_OFFLINE=1" in config["Env"]


def test_filesystem_answers_under_chroot(built):
    result = subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "chroot_ask.py"), TAG],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert "verified quote(s)" in result.stdout


def test_image_has_tesseract_for_scanned_pages(built):
    mount = subprocess.run(["podman", "image", "mount", TAG], capture_output=True, text=True, check=True)
    root = Path(mount.stdout.strip())
    try:
        assert (root / "usr" / "bin" / "tesseract").exists()
        assert list((root / "usr" / "share" / "tesseract-ocr").glob("*/tessdata/eng.traineddata"))
    finally:
        subprocess.run(["podman", "image", "unmount", TAG], capture_output=True)
