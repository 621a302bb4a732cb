"""Shared answer cache effect: answer latency on a miss, a Redis hit (another replica answered it first)
and a local hit, measured interleaved per question in one process with the real model.

`python -m bench.shared_cache` (needs redis-server). Prints medians in ms (.cache/bench/shared_cache.json).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench import servers
from bench.common import questions, save, seed_index


def timed(call, *args) -> float:
    """Return the seconds one call takes."""
    start = time.perf_counter()
    call(*args)
    return time.perf_counter() - start


def measure(rounds: int = 3) -> dict:
    """Time miss / Redis hit / local hit for every golden question, interleaved, `rounds` times."""
    import redis

    from qa_service.answering.service import QAService, Settings
    from qa_service.answering.shared_cache import SharedAnswerCache
    from qa_service.encoders import load_encoder

    folder = Path(tempfile.mkdtemp(prefix="qa-cache-"))
    proc, url = servers.start_redis(folder)
    try:
        encoder = load_encoder("onnx-int8", None, None)
        client = redis.Redis.from_url(url)
        no_cache = QAService(seed_index(), encoder, Settings(cache_size=0))
        writer = QAService(seed_index(), encoder, Settings(cache_size=0), SharedAnswerCache(client))
        reader = QAService(seed_index(), encoder, Settings(cache_size=0), SharedAnswerCache(client))
        local = QAService(seed_index(), encoder, Settings(cache_size=1024))
        for service in (no_cache, writer, reader, local):
            service.load()
        times: dict[str, list[float]] = {"miss": [], "redis_hit": [], "local_hit": []}
        for round_ in range(rounds):
            for question in questions():
                asked = f"{question} ({round_})"  # a new key each round: the miss is a real miss
                times["miss"].append(timed(no_cache.ask, asked))
                writer.ask(asked)  # "another replica" answers first and shares it
                times["redis_hit"].append(timed(reader.ask, asked))
                local.ask(asked)
                times["local_hit"].append(timed(local.ask, asked))
        client.close()
    finally:
        servers.kill_group(proc)
        shutil.rmtree(folder, ignore_errors=True)
    medians = {name: round(1e3 * statistics.median(values), 3) for name, values in times.items()}
    return medians | {
        "questions": len(times["miss"]),
        "miss_over_redis_hit": round(medians["miss"] / medians["redis_hit"], 1),
    }


if __name__ == "__main__":
    save("shared_cache", measure())
