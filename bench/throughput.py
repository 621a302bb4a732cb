"""Requests/s through gunicorn at 1, 2, 8 and 32 connections vs workers / floor (one process load)."""

from __future__ import annotations

import argparse
import threading
import time

from bench.common import free_port, post_ask, questions, save, seed_index, start_gunicorn, stop


def floor_ms(kind: str) -> float:
    """Return the median encode + search time for one question, in this process."""
    from qa_service.encoders import load_encoder
    from qa_service.store import load_index

    encoder, index = load_encoder(kind), load_index(seed_index())
    times = []
    for question in questions() * 2:
        start = time.perf_counter()
        index.vectors.search(encoder.encode_queries([question]), 5)
        times.append(time.perf_counter() - start)
    return 1e3 * sorted(times)[len(times) // 2]


def load(port: int, connections: int, seconds: float) -> float:
    """Keep `connections` clients asking in a loop for `seconds`; return answers per second."""
    asked, done, stop_at = questions(), [0] * connections, time.perf_counter() + seconds

    def client(slot: int) -> None:
        while time.perf_counter() < stop_at:
            post_ask(port, asked[(slot + done[slot]) % len(asked)])
            done[slot] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - started)


def main() -> None:
    """Measure throughput per connection count, then the floor again (contention moves both)."""
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--encoder", default="onnx-int8")
    cli.add_argument("--workers", type=int, default=2)
    cli.add_argument("--seconds", type=float, default=8)
    args = cli.parse_args()
    env = {"QA_INDEX_DIR": str(seed_index()), "QA_ENCODER": args.encoder, "QA_QUERY_CACHE_SIZE": "0"}
    before = floor_ms(args.encoder)
    port = free_port()
    server = start_gunicorn(port, args.workers, env)
    try:
        load(port, 2, 2)  # warm both workers
        rates = {str(c): round(load(port, c, args.seconds), 1) for c in (1, 2, 8, 32)}
    finally:
        stop(server)
    floor = (before + floor_ms(args.encoder)) / 2
    ideal = args.workers / (floor / 1e3)
    best = max(rates.values())
    save(
        "throughput",
        {
            "encoder": args.encoder,
            "workers": args.workers,
            "floor_ms": round(floor, 2),
            "ideal_rps": round(ideal, 1),
            "rps": rates,
            "saturation_ratio": round(best / ideal, 3),
        },
    )


if __name__ == "__main__":
    main()
