"""A filing without a sidecar is shown by its cover's registrant, form and period everywhere a reader
sees its title, while retrieval keeps indexing it under the title chain's own choice (fictional PDF)."""

from tests.fixtures.make_docs import LOREM, make_pdf
from tests.ingest.test_titles import FICTIONAL_COVER

SHOWN = "FICTIONAL HARBOUR WIDGETS, INC. Form 10-K 2031"


def test_citations_documents_and_search_show_the_cover_title(tmp_path, fake_app_factory):
    docs = tmp_path / "docs"
    docs.mkdir()
    body = ["Fictional Harbour Widgets sold 4,200 widgets in fiscal 2031.", LOREM]
    make_pdf(docs / "FHW_2031_10K.pdf", [FICTIONAL_COVER, body])
    (docs / "note.txt").write_text("A fictional note about lighthouses and their keepers.", encoding="utf-8")
    client = fake_app_factory().test_client()
    listed = {d["id"]: d["title"] for d in client.get("/api/documents").get_json()["documents"]}
    assert listed["fhw-2031-10k"] == SHOWN
    assert SHOWN in client.get("/documents").get_data(as_text=True)
    hits = client.get("/api/search", query_string={"q": "widgets sold in fiscal 2031"}).get_json()["results"]
    filing = next(hit for hit in hits if hit["document_id"] == "fhw-2031-10k")
    assert filing["document"] == SHOWN
    passage = client.get(f"/api/passages/{filing['id']}").get_json()
    assert passage["document"] == SHOWN
    assert "SECURITIES AND EXCHANGE COMMISSION" not in client.get("/documents").get_data(as_text=True)
