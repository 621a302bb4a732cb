"""The same MiniLM as `Encoder`, run as int8 ONNX: about 5x faster per question on one core."""

from __future__ import annotations

import json
import logging
import os
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from qa_service.encoders.onnx_export import INPUTS, default_onnx_path, export_int8, source_checksum
from qa_service.encoders.torch import default_model_path, model_name, weights_checksum
from qa_service.errors import IndexInvalid

log = logging.getLogger(__name__)
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class OnnxEncoder:
    """Embed questions (and, for parity, passages) with an int8 ONNX export of the packaged weights."""

    def __init__(
        self,
        model_path: str | None = None,
        *,
        onnx_path: str | Path | None = None,
        threads: int = 1,
        batch_size: int = 16,  # fastest of 16/32/64 for passages (bench/build.py, docs/performance.md)
    ) -> None:
        self.model_path = model_path or default_model_path()
        self.batch_size = batch_size
        # The checksum names the embedding space: the fp32 weights the int8 file was derived from, so
        # an index built by `Encoder` (fp32 passages) loads, and one built by another model is refused.
        self.checksum = weights_checksum(self.model_path)
        self.onnx_path = Path(onnx_path) if onnx_path else default_onnx_path(self.checksum)
        self._session = self._load_session(threads)
        self._tokenizer = _tokenizer(self.model_path, self.max_tokens)
        self.dimension = int(self._session.get_outputs()[0].shape[-1])

    @property
    def name(self) -> str:
        """Return a short model name for manifests and logs."""
        return model_name(self.model_path)

    @property
    def max_tokens(self) -> int:
        """Return the model's window in word pieces, special tokens included."""
        config = Path(self.model_path) / "sentence_bert_config.json"
        return int(json.loads(config.read_text(encoding="utf-8"))["max_seq_length"])

    def count_tokens(self, text: str) -> int:
        """Count word pieces as the model sees them, [CLS] and [SEP] included."""
        return len(self._counter.encode(text).ids)

    def encode_passages(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        """Embed passages as float32 unit vectors, shortest first so a batch pads little."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # similar lengths pad less
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            out[rows] = self._encode([texts[i] for i in rows])
        return out

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Embed questions as float32 unit vectors."""
        return self.encode_passages(texts)

    def _encode(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feed = dict(zip(INPUTS, (ids, mask, np.zeros_like(ids)), strict=True))
        hidden = self._session.run(None, feed)[0]
        # mean pooling over real tokens, then unit length: what sentence-transformers does for MiniLM
        summed = (hidden * mask[..., None]).sum(axis=1)
        vectors = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)

    @cached_property
    def _counter(self) -> Any:
        return _tokenizer(self.model_path, None)

    def _load_session(self, threads: int) -> Any:
        if not self.onnx_path.exists():
            log.warning("no int8 model at %s: exporting it from the packaged weights", self.onnx_path)
            export_int8(self.model_path, self.onnx_path, self.checksum)
        session = _session(self.onnx_path, threads)
        if source_checksum(session) != self.checksum:
            raise IndexInvalid(f"{self.onnx_path} was not exported from the weights in {self.model_path}")
        return session


def _session(path: Path, threads: int) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    # one thread per worker, as for torch: gunicorn runs one worker per core; the build passes all cores
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    # idle threads sleep instead of spinning: the build's reader processes need those cycles
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _tokenizer(model_path: str, max_tokens: int | None) -> Any:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(Path(model_path) / "tokenizer.json"))
    # tokenizer.json pads every text to 128: pad to the longest in the batch instead (4x less work)
    tokenizer.no_padding()
    tokenizer.no_truncation()
    if max_tokens is not None:
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        tokenizer.enable_truncation(max_tokens)
    return tokenizer
