"""Pick the encoder named by QA_ENCODER: the int8 ONNX export (default) or the fp32 torch model."""

from __future__ import annotations

from typing import Any

KINDS = ("onnx-int8", "torch")


def load_encoder(
    kind: str, model_path: str | None = None, onnx_path: str | None = None, *, threads: int = 1
) -> Any:
    """Return the encoder of this kind over the packaged (or given) weights.

    Serving keeps one thread per worker (gunicorn runs a worker per core); the index build passes
    every core, since it is the only job on them (bench/build.py measures both).
    """
    if kind == "torch":
        from qa_service.encoders.torch import Encoder  # imported here so a service on ONNX never loads torch

        return Encoder(model_path, threads=threads)
    if kind == "onnx-int8":
        from qa_service.encoders.onnx import OnnxEncoder

        return OnnxEncoder(model_path, onnx_path=onnx_path, threads=threads)
    raise ValueError(f"QA_ENCODER={kind!r}: choose one of {', '.join(KINDS)}")
