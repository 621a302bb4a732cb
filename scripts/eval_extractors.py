"""Compare the PDF extractors (pypdf, pypdfium2, pdfplumber, the service's reader) on the dev sets."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# evaluation/ is a top-level folder beside scripts/ (not in the wheel): run from a checkout.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.extractors import run_extractors  # noqa: E402
from evaluation.markdown import extractors_markdown  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Measure, print the Markdown table and the JSON figures."""
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "eval")
    cli.add_argument("--all-pages", action="store_true", help="read every page (slow for pypdf/pdfplumber)")
    cli.add_argument("--only", action="append", default=[], help="an extractor name (repeatable)")
    args = cli.parse_args(argv)
    if not (args.shared / "filings").is_dir():
        print(f"error: no filings/ evaluation data under {args.shared}", file=sys.stderr)
        return 2
    report = run_extractors(args.shared, args.all_pages, args.only)
    print(extractors_markdown(report))
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
