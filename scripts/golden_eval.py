"""Run the golden question set over the default corpus; print Recall@k, refusal rates and quote checks."""

from __future__ import annotations

import json
from pathlib import Path

from qa_service.calibration import load_questions, outcomes_over, summary
from qa_service.config import DEFAULTS
from qa_service.encoder import Encoder

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Index source_docs in a temporary folder, ask every golden question, print one JSON line."""
    questions = load_questions(ROOT / "tests" / "data" / "golden.jsonl")
    outcomes = outcomes_over([ROOT / "source_docs"], questions, Encoder())
    result = summary(outcomes, float(DEFAULTS["COVER_THRESHOLD"]))  # type: ignore[arg-type]
    print(json.dumps({"golden": result}))
    return 1 if result["unverified_quotes"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
