"""The streaming embedder: windows, near-duplicates embedded once, reuse of the live index's vectors,
and each passage's sentence vectors embedded in the same call and stored as float16."""

import re

import numpy as np

from qa_service.ingest import embedding_cache
from qa_service.ingest.embedding_cache import EmbeddingCache
from qa_service.ingest.texts import duplicate_key
from qa_service.models import Passage

BOILERPLATE = (
    "Forward-looking statements in this report involve risks and uncertainties "
    "that could cause results to differ in {}."
)


def passage(text):
    """A passage of text, its sentences ending at each full stop."""
    spans = tuple((m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text))
    return Passage(text[:8], "doc", "Doc", "report", (), 0, len(text), text, sentences=spans)


def passages(texts):
    return [passage(text) for text in texts]


def embed(cache, texts, encoder):
    """Queue texts in windows, flush, and return their vectors: what a build does with the cache."""
    for start in range(0, len(texts), embedding_cache.WINDOW):
        window = texts[start : start + embedding_cache.WINDOW]
        cache.add(window, encoder, passages(window))
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
    assert sum(len(batch) for batch in encoder.calls) == 2 + 2  # two passages, one sentence each
    assert cache.embedded == 2 and cache.duplicates == 1
    assert np.array_equal(vectors[0], vectors[2]) and vectors.shape == (3, fake_encoder.dimension)


def test_texts_wait_for_a_full_window_then_go_in_one_call(fake_encoder, monkeypatch):
    monkeypatch.setattr(embedding_cache, "WINDOW", 4)
    encoder, cache = Counting(fake_encoder), EmbeddingCache()
    first = [f"text number {word}" for word in "abc"]
    assert cache.add(first, encoder, passages(first)) == 0 and not encoder.calls
    assert cache.add(["text number d"], encoder, passages(["text number d"])) == 4 and len(encoder.calls) == 1
    assert cache.flush(encoder) == 0  # nothing left queued


def test_a_seeded_cache_reuses_vectors_without_encoding(fake_encoder):
    known = fake_encoder.encode_passages(["Councils set targets."])[0]
    encoder = Counting(fake_encoder)
    sentences = {duplicate_key("Councils set targets."): known[None].astype(np.float16)}
    cache = EmbeddingCache({duplicate_key("Councils set targets."): known}, sentences=sentences)
    vectors = embed(cache, ["Councils set targets."], encoder)
    assert not encoder.calls and cache.reused == 1 and np.array_equal(vectors[0], known)


def test_no_texts_give_an_empty_matrix(fake_encoder):
    assert embed(EmbeddingCache(), [], fake_encoder).shape == (0, fake_encoder.dimension)


def test_a_repeat_after_its_window_was_encoded_counts_as_a_duplicate_not_a_reuse(fake_encoder, monkeypatch):
    monkeypatch.setattr(embedding_cache, "WINDOW", 1)
    encoder, cache = Counting(fake_encoder), EmbeddingCache()
    embed(cache, [BOILERPLATE.format(2019), "Councils set targets.", BOILERPLATE.format(2021)], encoder)
    assert (cache.embedded, cache.duplicates, cache.reused) == (2, 1, 0)


def test_sentences_are_embedded_in_the_same_call_as_their_passages(fake_encoder):
    encoder, cache = Counting(fake_encoder), EmbeddingCache()
    texts = [
        "Header\n\nCouncils set targets. Boards meet monthly.",
        "Parish plans merged. Boards meet monthly.",
    ]
    found = passages([text.split("\n\n")[-1] for text in texts])
    cache.add(texts, encoder, found)
    cache.flush(encoder)
    assert len(encoder.calls) == 1
    assert encoder.calls[0][2:] == ["Councils set targets.", " Boards meet monthly.", "Parish plans merged."]
    stored = cache.sentence_vectors(texts, found, fake_encoder.dimension)
    assert stored.dtype == np.float16 and stored.shape == (4, fake_encoder.dimension)
    alone = fake_encoder.encode_passages(["Councils set targets.", " Boards meet monthly."])
    assert np.allclose(stored[:2], alone, atol=1e-3)
    assert np.array_equal(stored[1], stored[3])  # the same sentence in two passages: embedded once


def test_a_sentence_met_in_an_earlier_window_is_not_embedded_again(fake_encoder, monkeypatch):
    monkeypatch.setattr(embedding_cache, "WINDOW", 1)
    encoder, cache = Counting(fake_encoder), EmbeddingCache()
    texts = ["Councils set targets. Boards meet monthly.", "Parish plans merged. Boards meet monthly."]
    found = passages(texts)
    for text, one in zip(texts, found, strict=True):
        cache.add([text], encoder, [one])
    cache.flush(encoder)
    assert encoder.calls[1] == [texts[1], "Parish plans merged."]  # the shared sentence is not sent twice
    stored = cache.sentence_vectors(texts, found, fake_encoder.dimension)
    assert np.array_equal(stored[1], stored[3])
    assert np.allclose(stored[3], fake_encoder.encode_passages([" Boards meet monthly."])[0], atol=1e-3)


def test_a_near_duplicate_cut_into_other_sentences_gets_zero_rows(fake_encoder):
    cache = EmbeddingCache()
    first, second = BOILERPLATE.format(2019), BOILERPLATE.format("20.19")  # same key, two sentences
    cache.add([first, second], fake_encoder, passages([first, second]))
    cache.flush(fake_encoder)
    stored = cache.sentence_vectors([first, second], passages([first, second]), fake_encoder.dimension)
    assert stored[:1].any() and not stored[1:].any()  # the service embeds those when first asked


def test_a_seeded_passage_without_stored_sentences_is_embedded_again(fake_encoder):
    known = fake_encoder.encode_passages(["Councils set targets."])[0]
    encoder = Counting(fake_encoder)
    cache = EmbeddingCache({duplicate_key("Councils set targets."): known})  # an index from before
    embed(cache, ["Councils set targets."], encoder)
    assert cache.embedded == 1 and cache.reused == 0
