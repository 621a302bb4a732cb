"""A 100,000-passage index written and queried on this machine, simulated with synthetic passages and vectors.

The vectors are clustered random unit vectors (bench/scale.py) and the passages random words of real
length, so nothing is embedded: the figures are the write, load, first-query time and peak memory of
the real store (HNSW past index/dense.HNSW_FROM), plus the encoding time projected from the floor.
`python -m bench.build_scale [--n 100000]`; figures go to .cache/bench/build_scale.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.common import RESULTS, save
from bench.scale import corpus

WORDS_PER_PASSAGE = 150  # filings/ passages average ~150 words (~200 word pieces)


def main() -> None:
    """Write an n-passage index version, load it, run the first dense and keyword query."""
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--n", type=int, default=100_000)
    n = cli.parse_args().n
    rng = np.random.default_rng(0)
    out: dict[str, object] = {"passages": n, "memory_total_mb": _mem_total_mb()}
    with tempfile.TemporaryDirectory() as work:
        started = time.perf_counter()
        _write(Path(work), _passages(n, rng), corpus(n, rng))
        out["write_s"] = round(time.perf_counter() - started, 1)  # lexical + HNSW + passages, no encoding
        out |= _first_query(Path(work), rng)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    out |= _projection(n)
    save("build_scale", out)


def _passages(n: int, rng: np.random.Generator) -> list:
    from qa_service.models import Passage

    vocabulary = np.array([f"w{i}" for i in range(30_000)])
    ranks = np.minimum(rng.zipf(1.2, size=(n, WORDS_PER_PASSAGE)), len(vocabulary)) - 1  # Zipf like text
    texts = [" ".join(vocabulary[row]) + "." for row in ranks]
    return [
        Passage(
            f"d{i // 500}-{i}",
            f"d{i // 500}",
            "Synthetic",
            "report",
            (),
            0,
            len(t),
            t,
            sentences=((0, len(t)),),
        )
        for i, t in enumerate(texts)
    ]


def _write(folder: Path, passages: list, vectors: np.ndarray) -> None:
    from qa_service.index import store
    from qa_service.index.keyword import LexicalIndex

    lexical = LexicalIndex.build([p.text for p in passages])
    manifest = {"format": store.FORMAT, "version": "v1", "count": len(passages), "model": {"dimension": 384}}
    store.write_version(folder, "v1", manifest, passages, vectors, lexical)
    store.publish(folder, "v1")


def _first_query(folder: Path, rng: np.random.Generator) -> dict[str, object]:
    from qa_service.index import store
    from qa_service.index.keyword import LexicalIndex

    started = time.perf_counter()
    loaded = store.load_index(folder)
    lexical = LexicalIndex.load(loaded.folder / "lexical")
    load_s = time.perf_counter() - started
    query = corpus(1, rng)
    started = time.perf_counter()
    loaded.vectors.search(query, 10)
    lexical.search("w1 w20 w300", 10)
    return {
        "index_kind": loaded.vectors.kind,
        "load_s": round(load_s, 1),
        "first_query_ms": round(1e3 * (time.perf_counter() - started), 1),
    }


def _projection(n: int) -> dict[str, object]:
    """Project the encoding time from the int8 floor measured by bench/build.py (if it has run)."""
    path = RESULTS / "build.json"
    if not path.exists():
        return {}
    rate = json.loads(path.read_text()).get("floor", {}).get("int8_texts_per_s")
    if not rate:
        return {}
    return {"floor_int8_texts_per_s": rate, "projected_encode_min": round(n / rate / 60, 1)}


def _mem_total_mb() -> int:
    with open("/proc/meminfo", encoding="ascii") as info:
        return int(info.readline().split()[1]) // 1024


if __name__ == "__main__":
    main()
