"""The streaming embedder: windows, near-duplicates embedded once, reuse of the live index's vectors."""

import numpy as np

from qa_service.ingest import embedding_cache
from qa_service.ingest.embedding_cache import EmbeddingCache
from qa_service.ingest.texts import duplicate_key

BOILERPLATE = (
    "Forward-looking statements in this report involve risks and uncertainties "
    "that could cause results to differ in {}."
)


def embed(cache, texts, encoder):
    """Queue texts in windows, flush, and return their vectors: what a build does with the cache."""
    for start in range(0, len(texts), embedding_cache.WINDOW):
        cache.add(texts[start : start + embedding_cache.WINDOW], encoder)
    cache.flush(encoder)
    return cache.vectors(texts, encoder.dimension)


class Counting:
    """Wraps the fake encoder and records every batch it is asked to encode."""

    def __init__(self, inner):
        self.inner, self.dimension, self.calls = inner, inner.dimension, []

    def encode_passages(self, texts, *, progress=False):
        self.calls.append(list(texts))
        return self.inner.encode_passages(texts)


def test_near_duplicates_are_embedded_once_and_share_the_vector(fake_encoder):
    encoder, cache = Counting(fake_encoder), EmbeddingCache()
    texts = [BOILERPLATE.format(2019), "Councils set targets.", BOILERPLATE.format(2020)]
    vectors = embed(cache, texts, encoder)
    assert sum(len(batch) for batch in encoder.calls) == 2
    assert cache.embedded == 2 and cache.duplicates == 1
    assert np.array_equal(vectors[0], vectors[2]) and vectors.shape == (3, fake_encoder.dimension)


def test_texts_wait_for_a_full_window_then_go_in_one_call(fake_encoder, monkeypatch):
    monkeypatch.setattr(embedding_cache, "WINDOW", 4)
    encoder, cache = Counting(fake_encoder), EmbeddingCache()
    assert cache.add([f"text number {word}" for word in "abc"], encoder) == 0 and not encoder.calls
    assert cache.add(["text number d"], encoder) == 4 and len(encoder.calls) == 1
    assert cache.flush(encoder) == 0  # nothing left queued


def test_a_seeded_cache_reuses_vectors_without_encoding(fake_encoder):
    known = fake_encoder.encode_passages(["Councils set targets."])[0]
    encoder = Counting(fake_encoder)
    cache = EmbeddingCache({duplicate_key("Councils set targets."): known})
    vectors = embed(cache, ["Councils set targets."], encoder)
    assert not encoder.calls and cache.reused == 1 and np.array_equal(vectors[0], known)


def test_no_texts_give_an_empty_matrix(fake_encoder):
    assert embed(EmbeddingCache(), [], fake_encoder).shape == (0, fake_encoder.dimension)


def test_a_repeat_after_its_window_was_encoded_counts_as_a_duplicate_not_a_reuse(fake_encoder, monkeypatch):
    monkeypatch.setattr(embedding_cache, "WINDOW", 1)
    encoder, cache = Counting(fake_encoder), EmbeddingCache()
    embed(cache, [BOILERPLATE.format(2019), "Councils set targets.", BOILERPLATE.format(2021)], encoder)
    assert (cache.embedded, cache.duplicates, cache.reused) == (2, 1, 0)
