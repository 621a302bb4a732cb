"""Quote check latency: p50 of POST /api/quote-check against POST /api/ask, interleaved in one run.

Both routes run in-process (Flask test client, the default int8 ONNX query encoder, answer cache off) over
the same index; each round sends one question and one quote in turn so the machine's load hits both
alike. Quotes are the corpus's own sentences: verbatim, with one word changed, and unrelated ones."""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from bench.common import RESULTS, ROOT, percentiles, questions, save, seed_index

UNRELATED = (  # plainly not in any indexed document
    "Mitochondrial enzymes regulate apoptosis in murine neurons under hypoxia.",
    "The telescope resolved two faint dwarf galaxies orbiting the spiral.",
    "Soil bacteria fix atmospheric nitrogen in the roots of legumes.",
)


def quotes(service, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Return verbatim sentences, the same with one word changed, and unrelated sentences, in turn."""
    rng = random.Random(14)
    found = [p.text[s:e].strip() for p in service.retriever.passages for s, e in p.sentences]
    found = [s for s in found if len(s.split()) >= 8]
    picked = rng.sample(found, min(count, len(found)))
    edited = [_swap(s, rng) for s in picked]
    return [q for trio in zip(picked, edited, UNRELATED * count, strict=False) for q in trio]


def _swap(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    words[rng.randrange(1, len(words) - 1)] = "considerably"
    return " ".join(words)


def measure(index_dir: Path, rounds: int) -> dict:
    """Interleave /api/ask and /api/quote-check requests; return both percentile sets and the p50 ratio."""
    from qa_service import create_app

    config = {"INDEX_DIR": str(index_dir), "QUERY_CACHE_SIZE": 0, "DATA_DIR": str(RESULTS / "data")}
    app = create_app(config | {"RATELIMIT_ENABLED": False, "TESTING": True})
    client = app.test_client()
    asked, quoted = questions(), quotes(app.extensions["qa"], 10)
    times: dict[str, list[float]] = {"ask": [], "quote_check": []}
    calls = {
        "ask": lambda i: client.post("/api/ask", json={"question": asked[i % len(asked)]}),
        "quote_check": lambda i: client.post("/api/quote-check", json={"quote": quoted[i % len(quoted)]}),
    }
    for i in range(3):  # warm both paths
        calls["ask"](i), calls["quote_check"](i)
    for i in range(rounds * max(len(asked), len(quoted))):
        for name, call in calls.items():
            start = time.perf_counter()
            assert call(i).status_code == 200
            times[name].append(time.perf_counter() - start)
    result = {name: percentiles(values) for name, values in times.items()}
    result["quote_over_ask_p50"] = round(result["quote_check"]["p50"] / result["ask"]["p50"], 3)
    result["passages"] = len(app.extensions["qa"].retriever.passages)
    return result


def main() -> None:
    """Measure on the seed index, and on the quote evaluation's bigger index when `make eval` built it."""
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--rounds", type=int, default=2)
    args = cli.parse_args()
    results = {"seed": measure(seed_index(), args.rounds)}
    bigger = ROOT / ".cache" / "eval" / "index-quotes"
    if (bigger / "current").exists():
        results["report + filings + seed"] = measure(bigger, 1)
    for name, r in results.items():
        print(
            f"{name}: /api/quote-check p50 {r['quote_check']['p50']} ms, /api/ask p50 {r['ask']['p50']} ms, "
            f"ratio {r['quote_over_ask_p50']} ({r['passages']} passages)"
        )
    save("quote_check", results)


if __name__ == "__main__":
    main()
