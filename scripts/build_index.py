"""Build (or refresh) the FAISS index from the source documents: `python scripts/build_index.py`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa_service import config  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, build the index, print one summary line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--source-dir", default=os.environ.get("QA_SOURCE_DIR", config.DEFAULTS["SOURCE_DIR"])
    )
    parser.add_argument("--index-dir", default=os.environ.get("QA_INDEX_DIR", config.DEFAULTS["INDEX_DIR"]))
    parser.add_argument(
        "--model", default=os.environ.get("QA_MODEL"), help="model folder (default: packaged MiniLM)"
    )
    parser.add_argument(
        "--encoder",
        default=os.environ.get("QA_ENCODER", config.DEFAULTS["ENCODER"]),
        help="onnx-int8 (default) or torch: passages are embedded by the same encoder as questions",
    )
    parser.add_argument("--workers", type=int, default=None, help="documents parsed at once (default: cores)")
    parser.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    args = parser.parse_args(argv)
    source = Path(args.source_dir)
    if not source.is_dir():
        print(f"error: source folder {source} does not exist", file=sys.stderr)
        return 2
    from qa_service.encoders import load_encoder
    from qa_service.ingest.build import build_index
    from qa_service.ingest.stream.pool import default_workers

    try:
        encoder = load_encoder(args.encoder, args.model, threads=default_workers())
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report = build_index(
        source, Path(args.index_dir), encoder, force=args.force, progress=not args.quiet, workers=args.workers
    )
    for message in report.skipped:
        print(f"skipped: {message}", file=sys.stderr)
    print(report.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
