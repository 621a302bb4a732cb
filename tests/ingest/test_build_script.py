"""scripts/build_index.py as a process and as main(argv), and the app factory's configuration."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_script(*args, env=None):
    return subprocess.run(
        [sys.executable, "scripts/build_index.py", "--quiet", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_missing_source_folder_is_a_clean_error(tmp_path):
    result = run_script("--source-dir", str(tmp_path / "absent"), "--index-dir", str(tmp_path / "i"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_source_folder_is_a_clean_error_in_process(tmp_path, runner):
    ran = runner("build_index", "--source-dir", str(tmp_path / "absent"), "--index-dir", str(tmp_path / "i"))
    assert ran.code == 2 and "does not exist" in ran.err


def test_build_then_up_to_date(tmp_path, copy_seed, runner):
    paths = ("--quiet", "--source-dir", str(copy_seed), "--index-dir", str(tmp_path / "index"))
    first = runner("build_index", *paths)
    assert first.code == 0, first.err
    assert "1 documents, 7 passages" in first.out
    second = runner("build_index", *paths)
    assert "index up to date" in second.out


def test_unknown_encoder_is_a_clean_error(tmp_path, copy_seed):
    result = run_script(
        "--source-dir", str(copy_seed), "--index-dir", str(tmp_path / "i"), "--encoder", "gpu"
    )
    assert result.returncode == 2 and "QA_ENCODER='gpu'" in result.stderr
    assert "Traceback" not in result.stderr


def test_factory_reads_prefixed_environment(monkeypatch, tmp_path, fake_encoder):
    from qa_service import create_app

    monkeypatch.setenv("QA_INDEX_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("QA_DEFAULT_K", "3")
    app = create_app(encoder=fake_encoder)
    assert app.config["INDEX_DIR"] == str(tmp_path / "elsewhere")
    assert app.config["DEFAULT_K"] == 3
    assert create_app({"DEFAULT_K": 9}, encoder=fake_encoder).config["DEFAULT_K"] == 9
