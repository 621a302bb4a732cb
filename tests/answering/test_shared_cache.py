"""The answer cache shared through Redis: JSON only, passages resolved locally, failures are misses."""

from __future__ import annotations

import json

import pytest

from qa_service.answering.service import QAService, Settings
from qa_service.answering.shared_cache import PREFIX, SharedAnswerCache
from qa_service.ingest.build import build_index


class DictStore:
    """The two Redis commands the cache uses, over a dict (the edge fake; the e2e run uses Redis)."""

    def __init__(self):
        self.items, self.ttls = {}, {}

    def get(self, name):
        return self.items.get(name)

    def set(self, name, value, ex=None):
        self.items[name], self.ttls[name] = value.encode(), ex


class BrokenStore:
    def get(self, name):
        raise ConnectionError("redis is down")

    def set(self, name, value, ex=None):
        raise ConnectionError("redis is down")


@pytest.fixture
def index_dir(tmp_path, fake_encoder):
    source = tmp_path / "docs"
    source.mkdir()
    (source / "a.txt").write_text(
        "Councils run local partnerships.\n\nThe government sets targets for councils."
    )
    build_index(source, tmp_path / "index", fake_encoder, progress=False)
    return tmp_path / "index"


def replica(index_dir, encoder, store):
    service = QAService(index_dir, encoder, Settings(cache_size=0), SharedAnswerCache(store, ttl_seconds=60))
    assert service.load()
    return service


def test_an_answer_computed_by_one_replica_is_served_by_another(index_dir, fake_encoder):
    store = DictStore()
    first, second = replica(index_dir, fake_encoder, store), replica(index_dir, fake_encoder, store)
    answer = first.ask("Who runs local partnerships?")
    assert (first.shared.misses, first.shared.hits) == (1, 0)
    shared = second.ask("who runs local partnerships")  # same normalised question
    assert (second.shared.hits, second.shared.misses) == (1, 0)
    assert shared.text == answer.text and shared.citations == answer.citations and shared.hits == answer.hits
    assert shared.question == "who runs local partnerships"
    (key,) = store.items
    assert key.startswith(PREFIX + answer.index_version + ":") and store.ttls[key] == 60
    assert (
        json.loads(store.items[key])["citations"][0][1] == answer.citations[0].passage.id
    )  # ids, not pickles


def test_an_entry_naming_unknown_passages_is_a_miss(index_dir, fake_encoder):
    store = DictStore()
    first = replica(index_dir, fake_encoder, store)
    answer = first.ask("Who runs local partnerships?")
    (key,) = store.items
    row = json.loads(store.items[key])
    row["hits"][0][0] = "no-such-passage"
    store.items[key] = json.dumps(row).encode()
    second = replica(index_dir, fake_encoder, store)
    assert second.ask("Who runs local partnerships?").text == answer.text
    assert (second.shared.hits, second.shared.misses) == (0, 1)


@pytest.mark.parametrize("value", [b"not json", b'{"citations": 5}', b"[]"])
def test_a_foreign_value_is_a_miss(index_dir, fake_encoder, value):
    store = DictStore()
    service = replica(index_dir, fake_encoder, store)
    key = ("v", "q", 5)
    store.items[SharedAnswerCache.redis_key(key)] = value
    assert service.shared.get(key, service.retriever.passage) is None


def test_redis_down_answers_without_the_cache(index_dir, fake_encoder, caplog):
    service = replica(index_dir, fake_encoder, BrokenStore())
    answer = service.ask("Who runs local partnerships?")
    alone = QAService(index_dir, fake_encoder, Settings(cache_size=0))
    assert alone.load()
    expected = alone.ask("Who runs local partnerships?")  # the same answer as with no shared cache at all
    assert (answer.text, answer.covered, answer.citations) == (
        expected.text,
        expected.covered,
        expected.citations,
    )
    assert answer.citations  # a real, cited answer, not an empty one
    assert service.shared.misses == 1
    assert "shared answer cache read failed" in caplog.text


def test_follow_ups_are_never_shared(index_dir, fake_encoder):
    store = DictStore()
    service = replica(index_dir, fake_encoder, store)
    service.ask(
        "And who sets targets?", history=[{"question": "Who runs partnerships?", "answer": "Councils."}]
    )
    assert store.items == {}


def test_the_key_separates_options_and_versions():
    base = SharedAnswerCache.redis_key(("v1", "who", 5))
    assert base != SharedAnswerCache.redis_key(("v1", "who", 6))
    assert base != SharedAnswerCache.redis_key(("v2", "who", 5))
    assert base == SharedAnswerCache.redis_key(("v1", "who", 5))
