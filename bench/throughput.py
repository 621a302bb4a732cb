"""Requests/s through gunicorn at 1, 2, 8 and 32 connections vs workers / floor (wrk, else Python threads)."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from bench.common import free_port, post_ask, questions, save, seed_index, start_gunicorn, stop

# wrk (C, one thread) costs a fraction of the CPU of Python client threads, which shared the 2 cores
# with both workers and capped the old measurement; it cycles through the golden questions.
LUA = """
local questions = {%s}
local n = 0
request = function()
  n = n + 1
  local body = '{"question": ' .. questions[(n %% #questions) + 1] .. '}'
  return wrk.format("POST", "/api/ask", {["Content-Type"] = "application/json"}, body)
end
"""


def floor_ms(kind: str) -> float:
    """Return the median encode + search time for one question, in this process."""
    from qa_service.encoders import load_encoder
    from qa_service.index.store import load_index

    encoder, index = load_encoder(kind), load_index(seed_index())
    times = []
    for question in questions() * 2:
        start = time.perf_counter()
        index.vectors.search(encoder.encode_queries([question]), 5)
        times.append(time.perf_counter() - start)
    return 1e3 * sorted(times)[len(times) // 2]


def load(port: int, connections: int, seconds: float, asked: list[str] | None = None) -> float:
    """Keep `connections` clients asking in a loop for `seconds`; return answers per second."""
    asked, done, stop_at = asked or questions(), [0] * connections, time.perf_counter() + seconds

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


def wrk_rate(port: int, connections: int, seconds: float, script: Path) -> float:
    """Run wrk (one thread) for `seconds`; return answers per second, refusing a run with errors."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{int(seconds)}s", "--timeout", "30s", "-s", str(script)]
    out = subprocess.run([*command, f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True)
    if re.search(r"Non-2xx|Socket errors", out.stdout):
        raise RuntimeError(f"wrk saw errors:\n{out.stdout}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out.stdout).group(1))  # type: ignore[union-attr]


def rate_function(asked: list[str] | None = None):  # type: ignore[no-untyped-def]
    """Return (name, measure(port, connections, seconds)) of the load generator to use."""
    asked = asked or questions()  # the golden questions unless told otherwise
    if shutil.which("wrk") is None:
        return "python threads", lambda port, connections, seconds: load(port, connections, seconds, asked)
    script = Path(tempfile.mkdtemp()) / "ask.lua"
    # json.dumps of a JSON string is a Lua string literal holding that JSON string, quotes and all
    script.write_text(LUA % ", ".join(json.dumps(json.dumps(q)) for q in asked))
    return "wrk -t1", lambda port, connections, seconds: wrk_rate(port, connections, seconds, script)


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
        generator, measure = rate_function()
        rates = {str(c): round(measure(port, c, args.seconds), 1) for c in (1, 2, 8, 32)}
    finally:
        stop(server)
    floor = (before + floor_ms(args.encoder)) / 2
    ideal = args.workers / (floor / 1e3)
    best = max(rates.values())
    save(
        "throughput",
        {
            "encoder": args.encoder,
            "load_generator": generator,
            "workers": args.workers,
            "floor_ms": round(floor, 2),
            "ideal_rps": round(ideal, 1),
            "rps": rates,
            "saturation_ratio": round(best / ideal, 3),
        },
    )


if __name__ == "__main__":
    main()
