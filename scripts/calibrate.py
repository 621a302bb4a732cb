"""Calibrate the "not covered" threshold on in-scope and out-of-scope questions; print JSON rates."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# evaluation/ is a top-level folder beside scripts/ (not in the wheel): run from a checkout.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.calibration import choose, load_questions, outcomes_over, summary, sweep  # noqa: E402
from qa_service.encoders.torch import Encoder  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def main(argv: list[str] | None = None) -> int:
    """Run the questions over the seed plus the fictional fixture and report the chosen threshold."""
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--verbose", action="store_true", help="also print every question's score")
    args = cli.parse_args(argv)
    questions = load_questions(DATA / "golden.jsonl", DATA / "fictional_questions.jsonl")
    outcomes = outcomes_over([ROOT / "source_docs", DATA / "fictional"], questions, Encoder())
    rates = sweep(outcomes)
    chosen = choose(rates)
    if args.verbose:
        for o in sorted(outcomes, key=lambda o: o.score):
            print(
                f"{o.score:.3f} {'IN ' if o.question.covered else 'OUT'} rank={o.rank} {o.question.question}"
            )
    print(
        json.dumps(
            {"chosen": chosen, "at_chosen": summary(outcomes, chosen["threshold"]), "sweep": rates[::5]}
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
