"""Run every benchmark (each in its own process), then write docs/performance.md and the latency plot."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from bench.common import RESULTS, ROOT
from bench.report import render

SCRIPTS = (
    "encoder_quality",
    "latency",
    "throughput",
    "build",
    "build_scale",
    "cold_start",
    "memory",
    "scale",
    "quote_check",
    "real_corpus",
    "page_render",
)


def main() -> int:
    """Run the scripts (or reuse saved results with --reuse), then render the report."""
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--reuse", action="store_true", help="only render from .cache/bench/*.json")
    cli.add_argument("--only", default=",".join(SCRIPTS))
    args = cli.parse_args()
    if not args.reuse:
        for name in args.only.split(","):
            print(f"== bench/{name}.py", flush=True)
            subprocess.run([sys.executable, "-m", f"bench.{name}"], cwd=ROOT, check=True)
    results = {
        n: json.loads((RESULTS / f"{n}.json").read_text())
        for n in SCRIPTS
        if (RESULTS / f"{n}.json").exists()
    }
    render(results, ROOT / "docs" / "performance.md", ROOT / "docs" / "img" / "latency.png")
    print("wrote docs/performance.md and docs/img/latency.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
