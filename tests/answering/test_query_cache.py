from qa_service.answering.query_cache import QueryCache, normalise


def test_normalise_folds_case_space_and_end_punctuation():
    assert normalise("  Who WROTE   the report? ") == normalise("who wrote the report")


def test_least_recently_used_is_dropped_first():
    cache = QueryCache(2)
    cache.put(("v1", "a"), 1)
    cache.put(("v1", "b"), 2)
    assert cache.get(("v1", "a")) == 1  # a is now the most recent
    cache.put(("v1", "c"), 3)
    assert cache.get(("v1", "b")) is None
    assert cache.get(("v1", "a")) == 1 and cache.get(("v1", "c")) == 3
    assert len(cache) == 2


def test_size_zero_caches_nothing():
    cache = QueryCache(0)
    cache.put(("v1", "a"), 1)
    assert cache.get(("v1", "a")) is None


def test_key_carries_the_index_version():
    assert QueryCache.key("v1", "Who?", 5) != QueryCache.key("v2", "Who?", 5)
    assert QueryCache.key("v1", "Who wrote it?", 5) == QueryCache.key("v1", "who wrote it", 5)


class CountingEncoder:
    """Wrap the fake encoder and count query encodes, to see the cache skip the model."""

    def __init__(self, inner):
        self.inner, self.calls = inner, 0
        for name in ("name", "checksum", "dimension", "max_tokens"):
            setattr(self, name, getattr(inner, name))

    def count_tokens(self, text):
        return self.inner.count_tokens(text)

    def encode_passages(self, texts, *, progress=False):
        return self.inner.encode_passages(texts)

    def encode_queries(self, texts):
        self.calls += 1
        return self.inner.encode_queries(texts)


DOCS = {"a.md": "# Plans\n\nCouncils cut their plans from forty to twelve in the test borough.\n"}


def test_repeated_question_is_answered_from_the_cache(fake_app_factory, fake_encoder):
    app = fake_app_factory(DOCS, WARMUP=False)
    service = app.extensions["qa"]
    counting = CountingEncoder(fake_encoder)
    service.encoder = service.retriever.encoder = counting
    first = service.ask("How many plans did councils cut?")
    second = service.ask("how many plans did councils  cut")
    assert counting.calls == 1
    assert second.text == first.text and second.question == "how many plans did councils  cut"


def test_index_swap_invalidates_the_cache(fake_app_factory, fake_encoder, tmp_path):
    from qa_service.ingest.build import build_index

    app = fake_app_factory(DOCS, WARMUP=False)
    service = app.extensions["qa"]
    service.ask("How many plans did councils cut?")
    assert len(service.cache) == 1
    (tmp_path / "docs" / "b.md").write_text("# More\n\nA second fictional test document.\n")
    build_index(tmp_path / "docs", tmp_path / "index", fake_encoder, progress=False)
    assert service.load()
    assert len(service.cache) == 0
    answer = service.ask("How many plans did councils cut?")
    assert answer.index_version == service.version


def test_a_cached_answer_names_the_question_as_this_user_typed_it(fake_app_factory):
    app = fake_app_factory(DOCS, WARMUP=False)
    app.extensions["qa"].ask("How many plans did councils cut?")
    body = app.test_client().post("/api/ask", json={"question": "how many plans did councils cut"}).get_json()
    # the chat page shows "searched as" when these differ: a cache hit must not show another user's wording
    assert body["standalone_question"] == body["question"] == "how many plans did councils cut"
