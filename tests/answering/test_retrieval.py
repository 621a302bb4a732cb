"""Hybrid retrieval: dense + BM25 fused, near-duplicates dropped, filters honoured (fake encoder)."""

import shutil

import pytest

from qa_service.models import Filters

DOCS = {
    "a.txt": "Councils merged their partnership boards to save staff time.",
    "b.txt": "Councils merged their partnership boards to save staff time.",
    "d.txt": "The zebra crossing budget rose.",
    "c.txt": "Whitehall funding for transport plans was cut in half.",
    "c.txt.meta.json": '{"kind": "case study", "council": "Testshire County Council (fictional)"}',
}


@pytest.fixture
def service(fake_app_factory):
    return fake_app_factory(DOCS).extensions["qa"]


def test_the_keyword_index_is_loaded_with_the_vectors(service):
    assert service.retriever.lexical is not None
    assert len(service.retriever.lexical) == len(service.retriever.passages)


def test_near_duplicate_passages_are_not_both_returned(service):
    hits = service.search_with_version("partnership boards staff time", k=5)[0]
    texts = [hit.passage.text for hit in hits]
    assert texts.count("Councils merged their partnership boards to save staff time.") == 1
    assert len(hits) == len(set(texts))


def test_mmr_drops_the_duplicate_even_when_fusion_ranks_it_equal(service):
    retriever = service.retriever
    fused = [(row, 1.0) for row in range(len(retriever.passages))]
    assert len(retriever._diverse(fused, 5)) == len(retriever.passages) - 1


def test_a_rare_keyword_finds_its_passage_first(service):
    assert "zebra" in service.search_with_version("zebra", k=1)[0][0].passage.text


def test_k_beyond_the_passage_count_never_yields_a_missing_row(service):
    hits = service.search_with_version("plans", k=20)[0]
    assert 0 < len(hits) <= len(service.retriever.passages)
    assert all(hit.passage in service.retriever.passages for hit in hits)


def test_filters_restrict_both_retrievers(service):
    retriever = service.retriever
    query = retriever.embed("councils partnership boards")
    hits = retriever.search(query, 5, Filters(kind="case study"))
    assert [hit.passage.kind for hit in hits] == ["case study"]
    assert retriever.search(retriever.embed("anything"), 5, Filters(council="Nowhere")) == []


def test_an_index_without_a_keyword_folder_still_serves_dense_only(fake_app_factory):
    app = fake_app_factory(DOCS)
    service = app.extensions["qa"]
    shutil.rmtree(service.retriever.index.folder / "lexical")
    assert service.load()
    assert service.retriever.lexical is None
    assert service.search_with_version("zebra crossing", k=1)[0]
    assert service.retriever.tokenizer("Partnerships and plans") == ["partnership", "plan"]  # not str.split


def test_filter_rows_are_scanned_once_per_filter_and_stay_bounded(service, monkeypatch):
    from qa_service.answering import retrieval

    retriever, scans = service.retriever, []
    query = retriever.embed("transport plans")
    original = Filters.allows
    monkeypatch.setattr(Filters, "allows", lambda self, p: scans.append(p) or original(self, p))
    wanted = Filters(council="testshire county council (fictional)")
    first = retriever.search(query, 5, wanted)
    assert retriever.search(query, 5, wanted) == first
    assert len(scans) == len(retriever.passages) and [h.passage.kind for h in first] == ["case study"]
    monkeypatch.setattr(retrieval, "ALLOWED_ROWS_KEPT", 2)
    for council in ("A", "B", "C"):
        retriever.search(query, 5, Filters(council=council))
    assert len(retriever._allowed_rows) <= 2


ROUTED = {
    "alpha.txt": "The boards met monthly.\n\nThe budget for boards was cut.",
    "alpha.txt.meta.json": '{"title": "Alphaton case study", "council": "Alphaton Council (fictional)"}',
    "beta.txt": "The boards met monthly to review the budget.\n\nBoards were merged.",
    "beta.txt.meta.json": '{"title": "Betaville case study", "council": "Betaville Council (fictional)"}',
}


def test_a_named_document_ranks_first_but_others_stay_in_the_list(fake_app_factory):
    retriever = fake_app_factory(ROUTED).extensions["qa"].retriever
    question = "How often did the boards meet in Alphaton?"
    route = retriever.route(question)
    assert route.ids == ("alpha",)
    hits = retriever.search(retriever.embed(question), 4, route=route)
    assert hits[0].passage.document_id == "alpha"
    assert {hit.passage.document_id for hit in hits} == {"alpha", "beta"}  # soft: not a filter


def test_a_document_filter_overrides_routing(fake_app_factory):
    retriever = fake_app_factory(ROUTED).extensions["qa"].retriever
    assert not retriever.route("boards in Alphaton", Filters(document="beta"))
