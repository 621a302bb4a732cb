"""Delete stored answers and feedback older than the retention period: `python scripts/purge.py`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import Config  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.exc import SQLAlchemyError  # noqa: E402

from qa_service import config  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Read the QA_* settings like the app does, purge once, print one summary line."""
    settings = Config(str(config.ROOT))
    settings.from_mapping(config.DEFAULTS)
    settings.from_prefixed_env("QA")
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=int(settings["RETENTION_DAYS"]), help="retention period")
    parser.add_argument("--database-url", default=settings["DATABASE_URL"], help="default: QA_DATABASE_URL")
    args = parser.parse_args(argv)
    if args.days < 1:
        print("error: --days must be at least 1", file=sys.stderr)
        return 2
    from qa_service.editorial.db import Storage

    settings.update(RETENTION_DAYS=args.days, DATABASE_URL=args.database_url)
    try:
        storage = Storage.from_config(settings)
        purged = storage.purge()
    except (SQLAlchemyError, OSError) as exc:
        print(f"error: cannot purge the editorial database: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    where = make_url(str(storage.engine.url)).render_as_string(hide_password=True)
    print(
        f"purged {purged.answers} answers, {purged.feedback} feedback rows (> {args.days} days) from {where}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
