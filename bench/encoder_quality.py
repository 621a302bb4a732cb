"""int8 ONNX vs fp32 torch query encoding: speed (interleaved), golden top-5 agreement, SciFact nDCG@10."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from bench.common import ROOT, percentiles, questions, save, seed_index

SCIFACT = ROOT.parent / "shared" / "eval" / "scifact"


def encode_times(encoders: dict, texts: list[str], rounds: int = 3) -> dict[str, list[float]]:
    """Time one-question encodes, alternating the encoders so contention hits both alike."""
    times: dict[str, list[float]] = {name: [] for name in encoders}
    for _ in range(rounds):
        for text in texts:
            for name, encoder in encoders.items():
                start = time.perf_counter()
                encoder.encode_queries([text])
                times[name].append(time.perf_counter() - start)
    return times


def golden_agreement(encoders: dict) -> dict:
    """Return mean top-5 overlap and top-1 agreement of int8 with fp32 over the seed index."""
    from qa_service.index.store import load_index

    index = load_index(seed_index())
    asked = questions()
    top = {name: index.vectors.search(e.encode_queries(asked), 5)[1] for name, e in encoders.items()}
    overlap = [len(set(a) & set(b)) / 5 for a, b in zip(top["torch"], top["onnx-int8"], strict=True)]
    same_first = float(np.mean(top["torch"][:, 0] == top["onnx-int8"][:, 0]))
    return {
        "questions": len(asked),
        "top5_overlap": round(float(np.mean(overlap)), 4),
        "top1_same": round(same_first, 4),
        "passages": len(index.passages),
    }


def scifact(encoders: dict) -> dict:
    """Return dense nDCG@10 on SciFact with fp32 passages and each encoder's queries."""
    from evaluation.datasets import load_dataset
    from evaluation.ranking import score_run
    from evaluation.runner import passage_vectors
    from qa_service.index.dense import VectorIndex

    data = load_dataset(SCIFACT.parent, "scifact")
    texts = [entry.text for entry in data.corpus]
    vectors = passage_vectors(texts, encoders["torch"], ROOT / ".cache" / "eval", "scifact")
    index, ids = VectorIndex.build(vectors, kind="flat"), [entry.id for entry in data.corpus]
    report = {"queries": len(data.queries), "documents": len(texts)}

    def ndcg(searched: VectorIndex, encoder: Any) -> float:
        labels = searched.search(encoder.encode_queries([q.text for q in data.queries]), 10)[1]
        run = {q.id: [ids[row] for row in rows] for q, rows in zip(data.queries, labels, strict=True)}
        return round(score_run(run, data.qrels)["ndcg@10"], 4)

    for name, encoder in encoders.items():
        report[f"ndcg@10_{name}"] = ndcg(index, encoder)
    report["delta"] = round(report["ndcg@10_torch"] - report["ndcg@10_onnx-int8"], 4)
    # the build embeds passages with the serving encoder (int8): both sides int8, as a built index is
    int8 = encoders["onnx-int8"]
    int8_vectors = passage_vectors(texts, int8, ROOT / ".cache" / "eval", "scifact-int8")
    report["ndcg@10_int8_passages_and_queries"] = ndcg(VectorIndex.build(int8_vectors, kind="flat"), int8)
    return report


def main() -> None:
    """Measure and save."""
    from qa_service.encoders import load_encoder

    encoders = {kind: load_encoder(kind) for kind in ("torch", "onnx-int8")}
    times = encode_times(encoders, questions())
    speed = {name: percentiles(values) for name, values in times.items()}
    speed["speedup_p50"] = round(speed["torch"]["p50"] / speed["onnx-int8"]["p50"], 2)
    result = {"encode_ms": speed, "golden": golden_agreement(encoders)}
    if SCIFACT.exists():
        result["scifact"] = scifact(encoders)
    save("encoder_quality", result)


if __name__ == "__main__":
    main()
