"""Privacy by design: rows past the retention period are purged on start-up, while serving and by the CLI."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

from editorial_data import make_answer
from sqlalchemy import func, select

from qa_service.editorial.answers import load_answer, save_answer
from qa_service.editorial.db import Storage, database_url, utcnow
from qa_service.editorial.feedback import Feedback, save_feedback
from qa_service.editorial.retention import RetentionTimer
from qa_service.editorial.schema import answers, citations, feedback

ROOT = Path(__file__).resolve().parents[2]
DOCS = {"doc.txt": "Councils run local partnerships across the county.\n\nThe government sets targets."}


def counts(storage: Storage) -> tuple[int, int, int]:
    with storage.engine.connect() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(t)).scalar() for t in (answers, citations, feedback)
        )


def seed_old_and_new(storage: Storage, days: int) -> tuple[str, str]:
    """One answer (cited, rated) older than `days`, one fresh; plus fresh feedback on the old one."""
    old_time = utcnow() - timedelta(days=days + 1)
    old = save_answer(storage, make_answer("An old question?"), keep_question=True, at=old_time)
    new = save_answer(storage, make_answer("A new question?"), keep_question=True)
    save_feedback(storage, Feedback(old, "up"), at=old_time)
    save_feedback(storage, Feedback(new, "down"), at=old_time)  # old feedback on a new answer goes too
    save_feedback(storage, Feedback(new, "up"))
    return old, new


def test_purge_removes_rows_past_retention_with_their_citations_and_feedback(tmp_path):
    storage = Storage(database_url({"DATA_DIR": str(tmp_path)}), retention_days=30)
    storage.migrate()
    old, new = seed_old_and_new(storage, 30)
    assert counts(storage) == (2, 2, 3)
    purged = storage.purge()
    assert (purged.answers, purged.feedback) == (1, 2)
    assert counts(storage) == (1, 1, 1)
    assert load_answer(storage, new).question == "A new question?"
    assert storage.purge() == type(purged)(0, 0)


def test_the_retention_timer_purges_at_most_once_an_hour(tmp_path):
    storage = Storage(database_url({"DATA_DIR": str(tmp_path)}), retention_days=30)
    storage.migrate()
    timer = RetentionTimer(storage)
    seed_old_and_new(storage, 30)
    assert not timer.due()  # the app just purged on start-up: the old row waits for the next hour
    timer.last -= 3601
    assert timer.due() and not timer.due()  # one caller wins; the next waits another hour
    timer.start().join(10)
    assert counts(storage) == (1, 1, 1)


def test_the_app_purges_on_start_up(fake_app_factory, tmp_path):
    storage = Storage(database_url({"DATA_DIR": str(tmp_path / "data")}), retention_days=30)
    storage.migrate()
    seed_old_and_new(storage, 30)
    app = fake_app_factory(DOCS, RETENTION_DAYS=30)
    assert counts(app.extensions["qa_storage"]) == (1, 1, 1)


def test_a_request_starts_the_due_purge_off_the_request_path(fake_app_factory, monkeypatch):
    app = fake_app_factory(DOCS, RETENTION_DAYS=30)
    storage, timer = app.extensions["qa_storage"], app.extensions["qa_retention"]
    seed_old_and_new(storage, 30)
    timer.last -= 3601
    release, purge = threading.Event(), storage.purge
    monkeypatch.setattr(storage, "purge", lambda: release.wait(10) and purge())
    response = app.test_client().post("/api/ask", json={"question": "Who runs local partnerships?"})
    assert response.status_code == 200 and timer.thread.is_alive()  # answered while the purge waits
    release.set()
    timer.thread.join(10)
    assert counts(storage)[0] == 2  # the fresh seed answer and the one just asked


def run_purge(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "purge.py"), *args],
        capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", **env}, timeout=120,
    )  # fmt: skip


def test_purge_cli_reads_the_environment_and_prints_one_line(tmp_path, runner, monkeypatch):
    storage = Storage(database_url({"DATA_DIR": str(tmp_path)}), retention_days=7)
    storage.migrate()
    seed_old_and_new(storage, 7)
    monkeypatch.setenv("QA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("QA_RETENTION_DAYS", "7")
    result = runner("purge")
    assert result.code == 0, result.err
    assert result.out.strip().splitlines() == [
        f"purged 1 answers, 2 feedback rows (> 7 days) from sqlite:///{tmp_path / 'qa.sqlite3'}"
    ]
    assert counts(storage) == (1, 1, 1)


def test_purge_cli_user_errors_are_clean(tmp_path):
    bad_days = run_purge("--days", "0", env={"QA_DATA_DIR": str(tmp_path)})
    assert bad_days.returncode == 2 and bad_days.stderr.startswith("error: --days")
    bad_url = run_purge("--database-url", "nosuchdialect://x", env={"QA_DATA_DIR": str(tmp_path)})
    assert bad_url.returncode == 1 and bad_url.stderr.startswith("error: cannot purge")
    assert "Traceback" not in bad_url.stderr
