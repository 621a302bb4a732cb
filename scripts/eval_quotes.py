"""Run only the quote-check evaluation (the `quote_check` step of `make eval`) and print its section."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# evaluation/ is a top-level folder beside scripts/ (not in the wheel): run from a checkout.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.quotes.report import quote_section  # noqa: E402
from evaluation.quotes.scoring import quote_report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Index the documents, check the quotes, print the Markdown section; write the JSON results."""
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "eval")
    cli.add_argument("--cache", type=Path, default=ROOT / ".cache" / "eval")
    cli.add_argument("--per-kind", type=int, default=40, help="quotes per kind and source group")
    args = cli.parse_args(argv)
    if not args.shared.is_dir():
        print(f"error: no evaluation data at {args.shared}", file=sys.stderr)
        return 2
    from qa_service.encoders.torch import Encoder  # loads torch

    report = quote_report(args.shared, ROOT / "source_docs", args.cache, Encoder(), args.per_kind)
    args.cache.mkdir(parents=True, exist_ok=True)
    (args.cache / "quote-check.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(quote_section(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
