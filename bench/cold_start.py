"""Cold start: gunicorn process start to the first answered /api/ask, per encoder."""

from __future__ import annotations

import argparse
import time

from bench.common import free_port, post_ask, save, seed_index, start_gunicorn, stop


def cold_start(kind: str) -> dict:
    """Return seconds from spawning gunicorn (1 worker) to /readyz and to the first answer."""
    port, started = free_port(), time.perf_counter()
    server = start_gunicorn(port, 1, {"QA_INDEX_DIR": str(seed_index()), "QA_ENCODER": kind})
    ready = time.perf_counter() - started
    try:
        post_ask(port, "Who wrote the report?")
        answered = time.perf_counter() - started
    finally:
        stop(server)
    return {"ready_s": round(ready, 2), "first_answer_s": round(answered, 2)}


def main() -> None:
    """Measure each encoder kind, alternating, a few times."""
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--encoders", default="onnx-int8,torch")
    cli.add_argument("--repeat", type=int, default=2)
    args = cli.parse_args()
    kinds = args.encoders.split(",")
    seed_index()
    runs = {kind: [cold_start(kind) for _ in range(args.repeat)] for kind in kinds}
    save("cold_start", {kind: min(r, key=lambda x: x["first_answer_s"]) for kind, r in runs.items()})


if __name__ == "__main__":
    main()
