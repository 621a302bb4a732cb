"""Query latency: the floor (encode + FAISS search) vs /api/ask in-process vs over HTTP via gunicorn."""

from __future__ import annotations

import argparse
import time

from bench.common import (
    RESULTS,
    free_port,
    percentiles,
    post_ask,
    post_raw,
    questions,
    save,
    seed_index,
    start_gunicorn,
    stop,
)


def floor_call(encoder, vectors):  # type: ignore[no-untyped-def]
    """Return the model's own limit for one question: encode it, search the index."""

    def run(question: str) -> None:
        vectors.search(encoder.encode_queries([question]), 5)

    return run


def measure(kind: str, rounds: int) -> dict:
    """Interleave floor, in-process and HTTP per question so contention hits all three alike."""
    from qa_service import create_app

    index_dir = seed_index()
    env = {"QA_INDEX_DIR": str(index_dir), "QA_ENCODER": kind, "QA_QUERY_CACHE_SIZE": "0"}
    env["QA_DATA_DIR"] = str(RESULTS / "data")  # the answer log of the run, not the developer's data/
    app = create_app({k[3:]: v for k, v in env.items()} | {"RATELIMIT_ENABLED": False, "TESTING": True})
    service = app.extensions["qa"]
    floor = floor_call(service.encoder, service.retriever.index.vectors)
    client, port = app.test_client(), free_port()
    server = start_gunicorn(port, 1, env)
    paths = {
        "floor": floor,
        "in_process": lambda q: client.post("/api/ask", json={"question": q}).get_json(),
        "http": lambda q: post_ask(port, q),  # urllib: what a Python caller pays
        "http_raw": lambda q: post_raw(port, q),  # bare socket: what the server itself takes
    }
    times: dict[str, list[float]] = {name: [] for name in paths}
    try:
        for question in questions()[:3]:  # warm every path
            for call in paths.values():
                call(question)
        for _ in range(rounds):
            for question in questions():
                for name, call in paths.items():
                    start = time.perf_counter()
                    call(question)
                    times[name].append(time.perf_counter() - start)
    finally:
        stop(server)
    result = {name: percentiles(values) for name, values in times.items()}
    for name in ("in_process", "http", "http_raw"):
        result[f"{name}_over_floor_p50"] = round(result[name]["p50"] / result["floor"]["p50"], 3)
    result["samples"] = {name: [round(1e3 * t, 3) for t in values] for name, values in times.items()}
    result["cached_hit"] = cached_hit(index_dir, kind)
    return result


def cached_hit(index_dir, kind: str) -> dict:  # type: ignore[no-untyped-def]
    """Return in-process /api/ask latency for a repeated question (the answer cache on)."""
    from qa_service import create_app

    config = {"INDEX_DIR": str(index_dir), "ENCODER": kind, "DATA_DIR": str(RESULTS / "data")}
    app = create_app(config | {"RATELIMIT_ENABLED": False})
    client, asked, times = app.test_client(), questions(), []
    for question in asked:
        client.post("/api/ask", json={"question": question})
        start = time.perf_counter()
        client.post("/api/ask", json={"question": question.upper()})
        times.append(time.perf_counter() - start)
    return percentiles(times)


def main() -> None:
    """Measure each encoder kind."""
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--encoders", default="onnx-int8,torch")
    cli.add_argument("--rounds", type=int, default=3)
    args = cli.parse_args()
    save("latency", {kind: measure(kind, args.rounds) for kind in args.encoders.split(",")})


if __name__ == "__main__":
    main()
