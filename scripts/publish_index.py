"""Publish the live index version to the shared folder the replicas fetch from."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa_service import config  # noqa: E402
from qa_service.errors import IndexInvalid  # noqa: E402
from qa_service.index.distribution import publish_shared  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, publish the live version, print one summary line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index-dir", default=os.environ.get("QA_INDEX_DIR", config.DEFAULTS["INDEX_DIR"]))
    parser.add_argument("--to", default=os.environ.get("QA_INDEX_SHARED_DIR"), help="the shared folder")
    args = parser.parse_args(argv)
    if not args.to:
        print("error: say where to publish (--to or QA_INDEX_SHARED_DIR)", file=sys.stderr)
        return 2
    try:
        published = publish_shared(Path(args.index_dir), Path(args.to))
    except IndexInvalid as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    print(f"published {published.version} (sha256 {published.checksum[:12]}…) to {args.to}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
