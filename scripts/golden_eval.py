"""Run the golden question set over the default corpus; print Recall@k, refusal rates and quote checks."""

from __future__ import annotations

import json
import sys
from pathlib import Path

# evaluation/ is a top-level folder beside scripts/ (not in the wheel): run from a checkout.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.suite import golden  # noqa: E402
from qa_service.config import DEFAULTS  # noqa: E402
from qa_service.encoders.torch import Encoder  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Index source_docs in a temporary folder, ask every golden question, print one JSON line."""
    threshold = float(DEFAULTS["COVER_THRESHOLD"])  # type: ignore[arg-type]
    result = golden(ROOT / "tests" / "data" / "golden.jsonl", ROOT / "source_docs", Encoder(), threshold)
    print(json.dumps({"golden": result}))
    return 1 if result["unverified_quotes"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
