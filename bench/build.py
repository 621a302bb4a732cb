"""Index build rate (texts/s) vs raw `encode_passages` of the same texts, same encoder, same run."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, save

CORPORA = (ROOT / "source_docs", ROOT / "tests" / "data" / "fictional")


def main() -> None:
    """Build a fresh index (no embedding cache) and encode the same texts raw, alternating, twice."""
    from qa_service.encoders.torch import Encoder
    from qa_service.index.store import load_index
    from qa_service.ingest.build import build_index

    encoder = Encoder()
    encoder.encode_passages(["warm up"])
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "docs"
        for folder in CORPORA:
            shutil.copytree(folder, source, dirs_exist_ok=True)
        builds, raws = [], []
        for attempt in range(2):
            index_dir = Path(work) / f"index-{attempt}"
            start = time.perf_counter()
            build_index(source, index_dir, encoder, force=True, progress=False)
            builds.append(time.perf_counter() - start)
            passages = load_index(index_dir).passages
            texts = [p.text for p in passages] + [p.text[s:e] for p in passages for s, e in p.sentences]
            start = time.perf_counter()
            encoder.encode_passages(texts)
            raws.append(time.perf_counter() - start)
    build_rate, raw_rate = len(texts) / min(builds), len(texts) / min(raws)
    save(
        "build",
        {
            "passages": len(passages),
            "texts": len(texts),
            "build_s": round(min(builds), 2),
            "raw_encode_s": round(min(raws), 2),
            "build_texts_per_s": round(build_rate, 1),
            "raw_texts_per_s": round(raw_rate, 1),
            "ratio": round(build_rate / raw_rate, 3),
        },
    )


if __name__ == "__main__":
    main()
