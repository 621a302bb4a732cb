"""Run the golden question set over the default corpus; print Recall@k, refusal rates and quote checks."""

from __future__ import annotations

import json
from pathlib import Path

from qa_service.config import DEFAULTS
from qa_service.encoder import Encoder
from qa_service.eval_suite import golden

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Index source_docs in a temporary folder, ask every golden question, print one JSON line."""
    threshold = float(DEFAULTS["COVER_THRESHOLD"])  # type: ignore[arg-type]
    result = golden(ROOT / "tests" / "data" / "golden.jsonl", ROOT / "source_docs", Encoder(), threshold)
    print(json.dumps({"golden": result}))
    return 1 if result["unverified_quotes"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
