"""The editorial database on SQLite (always) and PostgreSQL (started here from Debian's packages)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from editorial_data import make_answer
from sqlalchemy import text

from qa_service.editorial import analytics
from qa_service.editorial.answers import load_answer, save_answer
from qa_service.editorial.db import Storage, database_url, utcnow
from qa_service.editorial.feedback import Feedback, save_feedback
from qa_service.editorial.schema import MIGRATIONS, metadata, schema_version
from qa_service.errors import NotFound


def _pg_bin() -> Path | None:
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_url():
    """Start a throwaway PostgreSQL as a non-root user on a free port; skip with the reason if we cannot."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (it is in the dev dependency group)")
    pg_bin = _pg_bin()
    if pg_bin is None:
        pytest.skip("PostgreSQL is not installed: `apt-get install -y postgresql` (make test does it)")
    as_user: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="qa-pg-"))
    if os.geteuid() == 0:  # initdb refuses to run as root
        if (
            shutil.which("runuser") is None
            or subprocess.run(["id", "postgres"], capture_output=True).returncode
        ):
            pytest.skip("running as root without a `postgres` user and runuser to start PostgreSQL")
        shutil.chown(folder, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port, data = _free_port(), folder / "data"
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    initdb = [*as_user, pg_bin / "initdb", "-D", data, "-A", "trust", "-U", "qa"]
    start = [*as_user, pg_bin / "pg_ctl", "-D", data, "-l", folder / "log", "-o", options, "-w", "start"]
    try:
        subprocess.run(initdb, check=True, capture_output=True, timeout=120)
        subprocess.run(start, check=True, capture_output=True, timeout=60)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"PostgreSQL did not start: {exc}")
    yield f"postgresql+psycopg://qa@127.0.0.1:{port}/postgres"
    subprocess.run([*as_user, pg_bin / "pg_ctl", "-D", data, "-m", "immediate", "stop"], capture_output=True)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def storage(request, tmp_path):
    """A freshly migrated editorial database of each kind."""
    if request.param == "sqlite":
        url = database_url({"DATA_DIR": str(tmp_path / "data")})
    else:
        url = request.getfixturevalue("postgres_url")
    db = Storage(url, retention_days=30)
    with db.engine.begin() as conn:  # the PostgreSQL server is shared by the session: start empty
        metadata.drop_all(conn)
    db.migrate()
    yield db
    db.engine.dispose()


def test_sqlite_file_lives_in_the_data_dir_in_wal_mode(tmp_path):
    db = Storage.from_config({"DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": None, "RETENTION_DAYS": 9})
    assert (tmp_path / "data" / "qa.sqlite3").exists()
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert db.retention_days == 9


def test_database_url_overrides_the_data_dir(tmp_path):
    url = "postgresql+psycopg://u@db.example/qa"
    assert database_url({"DATABASE_URL": url, "DATA_DIR": str(tmp_path / "x")}) == url
    assert not (tmp_path / "x").exists()


def test_migrations_are_recorded_and_idempotent(storage):
    assert storage.version() == len(MIGRATIONS)
    assert storage.migrate() == len(MIGRATIONS)
    with storage.engine.connect() as conn:
        assert conn.execute(schema_version.select()).all() == [(len(MIGRATIONS),)]


def test_an_empty_database_is_at_version_zero(tmp_path):
    assert Storage(database_url({"DATA_DIR": str(tmp_path)})).version() == 0


def test_answer_round_trip_keeps_a_snapshot_of_the_cited_passage(storage):
    answer_id = save_answer(storage, make_answer("Who runs partnerships?"), keep_question=True)
    stored = load_answer(storage, answer_id)
    assert (stored.question, stored.covered, stored.index_version) == (
        "Who runs partnerships?",
        True,
        "v-test-1",
    )
    (cite,) = stored.citations
    assert cite.quote == "Councils run partnerships."
    assert cite.passage_text.startswith("Councils run partnerships. The rest")
    assert (cite.section, cite.page, cite.document) == (
        "Chapter 1 › Partnerships",
        "4",
        "Fictional test report",
    )


def test_two_quotes_from_one_passage_share_their_number(storage):
    answer = make_answer("Two quotes?")
    first = answer.citations[0]
    second = replace(first, quote="The rest of this fictional passage.")
    answer_id = save_answer(storage, replace(answer, citations=(first, second)), keep_question=True)
    stored = load_answer(storage, answer_id)
    assert [(c.n, c.quote) for c in stored.citations] == [(1, first.quote), (1, second.quote)]


def test_questions_are_not_kept_when_logging_is_off(storage):
    stored = load_answer(storage, save_answer(storage, make_answer("Private?"), keep_question=False))
    assert stored.question is None
    assert stored.answer


def test_unknown_answer_is_not_found(storage):
    with pytest.raises(NotFound):
        load_answer(storage, "no-such-id")
    with pytest.raises(NotFound):
        save_feedback(storage, Feedback("no-such-id", "up"))


def test_analytics_count_questions_citations_and_feedback(storage):
    first = save_answer(storage, make_answer("Who runs partnerships?"), keep_question=True)
    save_answer(storage, make_answer("who runs partnerships?"), keep_question=True)
    save_answer(storage, make_answer("What about the moon?", covered=False), keep_question=True)
    save_feedback(storage, Feedback(first, "up", "useful"))
    save_feedback(storage, Feedback(first, "down"))
    since = utcnow() - timedelta(days=1)
    assert analytics.questions(storage, since)[0][1] == 2
    assert analytics.questions(storage, since, covered=False) == [("What about the moon?", 1)]
    assert analytics.cited(storage, since, by_section=False) == [("Fictional test report", 2)]
    assert analytics.cited(storage, since, by_section=True) == [
        ("Fictional test report › Chapter 1 › Partnerships", 2)
    ]
    assert analytics.totals(storage, since) == {"answers": 3, "not_covered": 1, "up": 1, "down": 1}
    days = analytics.feedback_by_day(storage, since, utcnow().date())
    assert (days[-1].up, days[-1].down) == (1, 1)
    rows = {row[0]: row for row in analytics.export_rows(storage, since)}
    assert rows[first][-3:] == (1, 1, "useful")
    assert rows[first][6] == "test-doc--abc123"


def test_a_database_from_before_citation_positions_is_migrated_keeping_its_rows(storage):
    with storage.engine.begin() as conn:  # the schema as the first release made it: citations keyed by n
        conn.execute(text("DROP TABLE citations"))
        conn.execute(
            text(
                "CREATE TABLE citations (answer_id VARCHAR(32) NOT NULL REFERENCES answers (id), "
                "n INTEGER NOT NULL, passage_id TEXT NOT NULL, document_id TEXT NOT NULL, "
                "document TEXT NOT NULL, section TEXT, page TEXT, quote TEXT NOT NULL, "
                "passage_text TEXT NOT NULL, PRIMARY KEY (answer_id, n))"
            )
        )
        conn.execute(schema_version.update().values(version=1))
    old = make_answer("Who runs partnerships?")
    with storage.engine.begin() as conn:
        conn.execute(text("INSERT INTO answers VALUES ('old', :at, 'q?', 'a', true, 'v1')"), {"at": utcnow()})
        conn.execute(
            text("INSERT INTO citations VALUES ('old', 1, 'p', 'd', 'Doc', NULL, '4', 'the quote', 'text')")
        )
    assert storage.migrate() == len(MIGRATIONS) == 4
    (kept,) = load_answer(storage, "old").citations
    assert (kept.n, kept.page, kept.quote) == (1, "4", "the quote")
    first = old.citations[0]
    twice = replace(old, citations=(first, replace(first, quote=first.quote[:5])))
    assert len(load_answer(storage, save_answer(storage, twice, keep_question=True)).citations) == 2
