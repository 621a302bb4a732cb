"""Sentence vectors: stored by the build (float16), else embedded once per retrieved passage, bounded."""

import numpy as np
import pytest

from qa_service.answering.sentence_vectors import SentenceVectors
from qa_service.errors import IndexInvalid
from qa_service.index import store
from qa_service.ingest.build import build_index

DOCS = {
    "a.txt": "Councils run local partnerships. They meet monthly.\n\nThe government sets targets.",
    "b.txt": "Parish plans were merged. Boards meet quarterly.",
}


class Counting:
    def __init__(self, inner):
        self.inner, self.calls = inner, []

    def encode_passages(self, texts, *, progress=False):
        self.calls.append(list(texts))
        return self.inner.encode_passages(texts)


@pytest.fixture
def index(tmp_path, fake_encoder):
    source = tmp_path / "docs"
    source.mkdir()
    for name, text in DOCS.items():
        (source / name).write_text(text, encoding="utf-8")
    build_index(source, tmp_path / "index", fake_encoder, progress=False)
    return store.load_index(tmp_path / "index")


def expected(index, fake_encoder, row):
    passage = index.passages[row]
    return fake_encoder.encode_passages([passage.text[s:e] for s, e in passage.sentences])


def test_the_build_stores_every_sentence_vector_as_float16(index, fake_encoder):
    stored = np.load(index.folder / "sentence_vectors.npy")
    assert stored.dtype == np.float16 and len(stored) == sum(len(p.sentences) for p in index.passages)
    encoder = Counting(fake_encoder)
    rows = list(range(len(index.passages)))
    found = SentenceVectors(index, encoder).for_rows(rows)
    assert not encoder.calls  # answering embeds nothing but the question
    for row in rows:
        assert np.allclose(found[row], expected(index, fake_encoder, row), atol=1e-3)


def test_a_sentence_without_a_stored_vector_is_embedded_alone_on_first_use(index, fake_encoder):
    stored = np.load(index.folder / "sentence_vectors.npy")
    stored[0] = 0  # e.g. a near-duplicate of a passage cut into other sentences
    np.save(index.folder / "sentence_vectors.npy", stored)
    encoder = Counting(fake_encoder)
    vectors = SentenceVectors(index, encoder)
    found = vectors.for_rows([0, 1])
    assert encoder.calls == [[index.passages[0].text[slice(*index.passages[0].sentences[0])]]]
    assert np.allclose(found[0], expected(index, fake_encoder, 0), atol=1e-3)
    vectors.for_rows([0])
    assert len(encoder.calls) == 1  # kept


def drop_stored(index):
    (index.folder / "sentence_vectors.npy").unlink()  # an index built before they were stored


def test_sentences_are_embedded_on_first_use_then_reused(index, fake_encoder):
    drop_stored(index)
    encoder = Counting(fake_encoder)
    vectors = SentenceVectors(index, encoder)
    rows = list(range(len(index.passages)))
    first = vectors.for_rows(rows)
    assert len(encoder.calls) == 1  # all passages' sentences in one batch
    for row in rows:
        assert np.allclose(first[row], expected(index, fake_encoder, row))
    again = vectors.for_rows(rows[::-1])
    assert len(encoder.calls) == 1 and np.array_equal(again[0], first[-1])


def test_the_cache_is_bounded(index, fake_encoder):
    drop_stored(index)
    encoder = Counting(fake_encoder)
    vectors = SentenceVectors(index, encoder, keep=1)
    vectors.for_rows([0])
    vectors.for_rows([1])  # evicts row 0
    vectors.for_rows([0])
    assert [len(call) for call in encoder.calls] == [
        len(index.passages[0].sentences),
        len(index.passages[1].sentences),
        len(index.passages[0].sentences),
    ]


def test_an_older_index_with_float32_sentence_vectors_uses_them(index, fake_encoder):
    stored = np.concatenate([expected(index, fake_encoder, row) for row in range(len(index.passages))])
    np.save(index.folder / "sentence_vectors.npy", stored)
    encoder = Counting(fake_encoder)
    found = SentenceVectors(index, encoder).for_rows([1])
    assert not encoder.calls and np.allclose(found[0], expected(index, fake_encoder, 1))


def test_stored_sentence_vectors_of_the_wrong_size_are_refused(index, fake_encoder):
    np.save(index.folder / "sentence_vectors.npy", np.zeros((1, fake_encoder.dimension), dtype=np.float32))
    with pytest.raises(IndexInvalid, match="sentence vectors"):
        SentenceVectors(index, fake_encoder)
