"""Measure bm25, dense and hybrid retrieval on a BEIR-format set and print JSON metrics per mode."""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import asdict, replace
from pathlib import Path

from qa_service.encoder import Encoder
from qa_service.errors import QAError
from qa_service.eval_runner import MODES, Retrievers, collect, grid, passage_vectors, score_mode
from qa_service.evaluation import load_eval_set
from qa_service.fusion import FusionConfig

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
DATASETS = {"scifact": "qrels/test.tsv", "policyqa": "qrels/dev.tsv"}


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--dataset", choices=sorted(DATASETS), help="read ../shared/eval/<name> in place")
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
        args.qrels = args.qrels or folder / DATASETS[args.dataset]
    if not (args.corpus and args.queries and args.qrels):
        cli.error("give --dataset, or --corpus, --queries and --qrels")
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


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print one JSON report."""
    args = parse(argv)
    fusion = FusionConfig(
        args.fusion, args.depth, args.rrf_k, args.dense_weight, args.lexical_weight, args.normalise
    )
    try:
        eval_set = load_eval_set(args.corpus, args.queries, args.qrels, args.limit)
        scoped = {"auto": eval_set.scoped, "on": True, "off": False}[args.scope_by_doc]
        encoder = Encoder()
        name = args.dataset or args.corpus.parent.name
        vectors = passage_vectors([entry.text for entry in eval_set.corpus], encoder, args.cache, name)
        retrievers = Retrievers(eval_set, encoder, vectors, scoped)
        found = collect(retrievers)
    except QAError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    report: dict = {"dataset": name, "queries": len(eval_set.queries), "scoped": scoped}
    report["fusion"] = asdict(fusion)
    for mode in args.modes.split(","):
        report[mode] = score_mode(retrievers, found, mode, fusion)
    if args.grid:
        report["grid"] = [_grid_row(row) for row in grid(retrievers, found, tuning_grid(fusion))]
    print(json.dumps(report, indent=1))
    return 0


def _grid_row(row: dict) -> dict:
    config = row.pop("config")
    return {"config": asdict(config), "ndcg@10": row["ndcg@10"], "recall@100": row["recall@100"]}


if __name__ == "__main__":
    sys.exit(main())
