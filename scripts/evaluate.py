"""Measure bm25, dense and hybrid retrieval on a BEIR-format set and print JSON metrics per mode."""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

# evaluation/ is a top-level folder beside scripts/ (not in the wheel): run from a checkout.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.datasets import QRELS, load_eval_set  # noqa: E402
from evaluation.runner import MODES  # noqa: E402
from evaluation.suite import beir_report  # noqa: E402
from qa_service.errors import QAError  # noqa: E402
from qa_service.index.fusion import FusionConfig  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--dataset", choices=sorted(QRELS), help="read ../shared/eval/<name> in place")
    cli.add_argument("--corpus", type=Path)
    cli.add_argument("--queries", type=Path)
    cli.add_argument("--qrels", type=Path)
    cli.add_argument("--modes", default=",".join(MODES))
    cli.add_argument("--scope-by-doc", choices=["auto", "on", "off"], default="auto")
    cli.add_argument("--limit", type=int, help="evaluate only the first N judged queries")
    defaults = FusionConfig()
    cli.add_argument("--fusion", choices=["rrf", "blend"], default=defaults.method)
    cli.add_argument("--rrf-k", type=int, default=defaults.rrf_k)
    cli.add_argument("--depth", type=int, default=defaults.depth)
    cli.add_argument("--dense-weight", type=float, default=defaults.dense_weight)
    cli.add_argument("--lexical-weight", type=float, default=defaults.lexical_weight)
    cli.add_argument("--normalise", choices=["minmax", "zscore"], default=defaults.normalise)
    cli.add_argument("--grid", action="store_true", help="also score the fusion tuning grid")
    cli.add_argument("--cache", type=Path, default=ROOT / ".cache" / "eval")
    args = cli.parse_args(argv)
    if args.dataset:
        folder = SHARED / args.dataset
        args.corpus = args.corpus or folder / "corpus.jsonl"
        args.queries = args.queries or folder / "queries.jsonl"
        args.qrels = args.qrels or folder / QRELS[args.dataset]
    if not (args.corpus and args.queries and args.qrels):
        cli.error("give --dataset, or --corpus, --queries and --qrels")
    unknown = set(args.modes.split(",")) - set(MODES)
    if unknown:
        cli.error(f"unknown mode {', '.join(sorted(unknown))}: choose from {', '.join(MODES)}")
    return args


def tuning_grid(base: FusionConfig) -> list[FusionConfig]:
    """List the fusion settings compared in docs/evaluation.md."""
    rrf = [
        replace(base, method="rrf", rrf_k=k, depth=depth, dense_weight=1.0, lexical_weight=weight)
        for k, depth, weight in itertools.product((5, 20, 60), (20, 100), (0.5, 1.0, 1.5, 2.0))
    ]
    alphas = (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
    blend = [
        replace(
            base, method="blend", normalise=norm, depth=depth, dense_weight=a, lexical_weight=round(1 - a, 2)
        )
        for norm, depth, a in itertools.product(("minmax", "zscore"), (20, 50, 100), alphas)
    ]
    return rrf + blend


def main(argv: list[str] | None = None, *, encoder: Any = None) -> int:
    """Run the evaluation and print one JSON report (encoder: the packaged model unless given)."""
    args = parse(argv)
    fusion = FusionConfig(
        args.fusion, args.depth, args.rrf_k, args.dense_weight, args.lexical_weight, args.normalise
    )
    try:
        eval_set = load_eval_set(args.corpus, args.queries, args.qrels, args.limit)
        scoped = {"auto": eval_set.scoped, "on": True, "off": False}[args.scope_by_doc]
        if encoder is None:
            from qa_service.encoders.torch import Encoder  # loads torch: only when no encoder is injected

            encoder = Encoder()
        name = args.dataset or args.corpus.parent.name
        report = beir_report(
            eval_set,
            encoder,
            args.cache,
            name,
            scoped=scoped,
            fusion=fusion,
            modes=args.modes.split(","),
            grid_configs=tuning_grid(fusion) if args.grid else (),
        )
    except QAError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
