"""Contextual chunk headers: the indexed text names the document; the passage text stays verbatim."""

from qa_service.ingest.context import HEADER_END, document_header, retrieval_texts
from qa_service.models import DocumentMeta, Passage

META = DocumentMeta(
    id="testshire",
    title="Testshire health partnerships",
    kind="case study",
    path="case_studies/TESTSHIRE_2023.pdf",
    checksum="x",
    date="2023-04-01",
    council="Testshire County Council (fictional)",
)
PASSAGE = Passage(
    id="p1",
    document_id="testshire",
    document_title=META.title,
    kind=META.kind,
    section=("Partnerships", "Boards"),
    start=0,
    end=30,
    text="The boards met four times a year.",
)


def test_the_header_names_title_kind_council_year_and_file():
    header = document_header(META)
    assert header.startswith("Testshire health partnerships (")
    for part in ("case study", "Testshire County Council (fictional)", "2023", "TESTSHIRE 2023"):
        assert part in header


OTHER = DocumentMeta(id="other", title="Other", kind="report", path="other.txt", checksum="y")


def test_the_indexed_text_is_header_section_then_the_verbatim_passage():
    (text,) = retrieval_texts([PASSAGE], [META, OTHER])
    header, body = text.split(HEADER_END, 1)
    assert header.endswith(": Partnerships › Boards")
    assert body == PASSAGE.text


def test_a_passage_of_an_unknown_document_is_indexed_as_is():
    assert retrieval_texts([PASSAGE], [OTHER, OTHER.__class__(**{**OTHER.__dict__, "id": "x"})]) == [
        PASSAGE.text
    ]


def test_in_a_single_document_index_only_the_section_path_is_added():
    assert retrieval_texts([PASSAGE], [META]) == [f"Partnerships › Boards{HEADER_END}{PASSAGE.text}"]
