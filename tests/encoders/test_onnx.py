"""The int8 ONNX encoder against the fp32 torch model it was exported from (real packaged weights)."""

import numpy as np
import pytest

pytestmark = pytest.mark.model

QUESTIONS = [
    "Who wrote the report?",
    "How many local authorities did the case studies come from?",
    "What could happen to local partnerships without changes to government policy?",
    "Who launched the report?",
]


@pytest.fixture(scope="session")
def onnx_encoder():
    from qa_service.encoders.onnx import OnnxEncoder

    return OnnxEncoder()  # exports once into .cache/onnx/ on a fresh machine (about 20 s)


def test_same_public_shape_as_the_torch_encoder(onnx_encoder, real_encoder):
    assert onnx_encoder.checksum == real_encoder.checksum  # same embedding space: fp32 indexes load
    assert onnx_encoder.dimension == real_encoder.dimension
    assert onnx_encoder.max_tokens == real_encoder.max_tokens
    assert onnx_encoder.count_tokens(QUESTIONS[2]) == real_encoder.count_tokens(QUESTIONS[2])
    vectors = onnx_encoder.encode_queries(QUESTIONS)
    assert vectors.dtype == np.float32 and vectors.shape == (4, real_encoder.dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)


def test_vectors_stay_close_to_fp32(onnx_encoder, real_encoder):
    texts = [*QUESTIONS, "word " * 400, "short"]  # a batch mixing lengths, one past the window
    cosines = (onnx_encoder.encode_passages(texts) * real_encoder.encode_passages(texts)).sum(axis=1)
    assert cosines.min() > 0.97


def test_top5_agrees_with_fp32_on_the_seed_index(onnx_encoder, real_encoder, seed_index):
    from qa_service.index.store import load_index

    index = load_index(seed_index, model_checksum=onnx_encoder.checksum)
    top = {}
    for name, encoder in (("fp32", real_encoder), ("int8", onnx_encoder)):
        top[name] = index.vectors.search(encoder.encode_queries(QUESTIONS), 5)[1]
    overlap = [len(set(a) & set(b)) / 5 for a, b in zip(top["fp32"], top["int8"], strict=True)]
    assert np.mean(overlap) >= 0.8
    assert (top["fp32"][:, 0] == top["int8"][:, 0]).all()


def test_a_file_exported_from_other_weights_is_refused(tmp_path, onnx_encoder):
    import shutil

    from qa_service.encoders.onnx import OnnxEncoder
    from qa_service.errors import IndexInvalid

    fake_model = tmp_path / "model"
    shutil.copytree(onnx_encoder.model_path, fake_model)
    (fake_model / "model.safetensors").write_bytes(b"other weights")
    with pytest.raises(IndexInvalid):
        OnnxEncoder(str(fake_model), onnx_path=onnx_encoder.onnx_path)


def test_factory_honours_qa_encoder(monkeypatch):
    from qa_service.encoders import load_encoder

    with pytest.raises(ValueError):
        load_encoder("gpu-fp16")


def test_the_build_encoder_on_every_core_gives_the_serving_vectors(onnx_encoder):
    from qa_service.encoders import load_encoder

    build = load_encoder("onnx-int8", threads=2)  # what scripts/build_index.py uses on this machine
    texts = [*QUESTIONS, "word " * 300]
    assert np.allclose(build.encode_passages(texts), onnx_encoder.encode_passages(texts), atol=1e-4)
