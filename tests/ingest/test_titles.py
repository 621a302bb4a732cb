"""Titles: sidecar, else the PDF's /Title, else its first-page heading, else the file name cleaned up."""

from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from qa_service.ingest import context, corpus, titles
from qa_service.ingest.readers import pdf_cover
from tests.fixtures.make_docs import LOREM, make_pdf


def _with_title(path: Path, title: str) -> Path:
    writer = PdfWriter(clone_from=PdfReader(path))
    writer.add_metadata({"/Title": title})
    writer.write(path)
    return path


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("NIKE_2019_10K.pdf", "NIKE 2019 10K"),
        ("health-partnerships-case-study.txt", "Health partnerships case study"),
        ("Annual Report 2021.docx", "Annual Report 2021"),
    ],
)
def test_the_file_name_is_cleaned_up(name, expected):
    assert titles.name_title(Path(name)) == expected


@pytest.mark.parametrize(
    "title", ["", "0001410636-21-000101", "Microsoft Word - draft v3.docx", "untitled", "report.pdf", "Q4"]
)
def test_ids_and_tool_defaults_are_not_titles(title):
    assert titles.plausible(title) is None


def test_a_wrapped_cover_title_is_joined_and_furniture_skipped():
    lines = ["Contents", "Testshire County Council", "Annual Climate Report", "", "1 April 2024."]
    assert titles.first_heading(lines) == "Testshire County Council Annual Climate Report"


def test_a_title_every_document_shares_names_none_of_them():
    shared = "UNITED STATES SECURITIES AND EXCHANGE COMMISSION"
    chosen = titles.choose([[shared], [shared, "Fictional Widgets Annual Report"], []], ["A", "B", "C"])
    assert chosen == ["A", "Fictional Widgets Annual Report", "C"]


def test_years_come_from_any_text():
    assert titles.years("FY2019 and 2018", None, "Report 2019") == ["2019", "2018"]


def test_chain_sidecar_then_metadata_then_heading_then_name(tmp_path):
    cover = ["Fictional Borough Council", "Health Partnerships Review", "", "Some body text follows here."]
    make_pdf(tmp_path / "a_sidecar.pdf", [cover])
    (tmp_path / "a_sidecar.pdf.meta.json").write_text('{"title": "Chosen by the editor"}')
    _with_title(make_pdf(tmp_path / "b_meta.pdf", [cover]), "Fictional Metadata Title")
    make_pdf(tmp_path / "c_heading.pdf", [cover])
    make_pdf(tmp_path / "d_NAME_ONLY_2020.pdf", [["1", "", "2"]])
    found = {meta.path: meta.title for meta in corpus.discover(tmp_path)[0]}
    assert found == {
        "a_sidecar.pdf": "Chosen by the editor",
        "b_meta.pdf": "Fictional Metadata Title",
        "c_heading.pdf": "Fictional Borough Council Health Partnerships Review",
        "d_NAME_ONLY_2020.pdf": "d NAME ONLY 2020",
    }


def test_a_damaged_pdf_still_gets_its_file_name(tmp_path):
    (tmp_path / "broken_file.pdf").write_bytes(b"%PDF-1.4 not really")
    assert corpus.discover(tmp_path)[0][0].title == "Broken file"


# A fictional company's form cover (test data): the lines every filing's cover prints, then its name.
FICTIONAL_COVER = [
    "UNITED STATES",
    "SECURITIES AND EXCHANGE COMMISSION",
    "Washington, D.C. 20549",
    "FORM 10-K",
    "ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934",
    "For the fiscal year ended March 31, 2031",
    "Commission file number 1-0000",
    "FICTIONAL HARBOUR WIDGETS, INC.",
    "(Exact name of registrant as specified in its charter)",
]


def test_a_form_cover_gives_registrant_form_and_period():
    assert pdf_cover.cover_title(FICTIONAL_COVER) == "FICTIONAL HARBOUR WIDGETS, INC. Form 10-K 2031"
    quarterly = [
        "Form 10-Q",
        "For the quarterly period ended June 30, 2030",
        "Fictional Co. (Exact name of registrant)",
    ]
    assert pdf_cover.cover_title(quarterly) == "Fictional Co. Form 10-Q June 30, 2030"
    assert pdf_cover.cover_title(["Fictional Annual Report", "A fictional year"]) is None  # not a form


def test_form_boilerplate_names_the_genre_not_the_document():
    assert all(pdf_cover.is_boilerplate(line) for line in FICTIONAL_COVER[:7])
    assert pdf_cover.names_genre("UNITED STATES SECURITIES AND EXCHANGE COMMISSION Washington, D.C. 20549")
    assert not pdf_cover.names_genre("Fictional Harbour Widgets Annual Review")


def test_a_filing_is_shown_by_its_cover_but_indexed_as_before(tmp_path):
    make_pdf(tmp_path / "FHW_2031_10K.pdf", [FICTIONAL_COVER, [LOREM]])
    (meta,) = corpus.discover(tmp_path)[0]
    assert meta.title == "FICTIONAL HARBOUR WIDGETS, INC. Form 10-K 2031"
    # retrieval reads the title chain's own choice, the cover's first heading, exactly as before
    assert meta.retrieval_title == meta.indexed_title
    assert meta.indexed_title.startswith("UNITED STATES SECURITIES AND EXCHANGE COMMISSION")
    before = replace(meta, title=meta.indexed_title, retrieval_title=None)
    assert context.document_header(meta) == context.document_header(before)
    assert meta.title not in context.document_header(meta)


def test_a_sidecar_title_still_wins_over_the_cover(tmp_path):
    make_pdf(tmp_path / "FHW_2031_10K.pdf", [FICTIONAL_COVER, [LOREM]])
    (tmp_path / "FHW_2031_10K.pdf.meta.json").write_text('{"title": "Widgets annual filing (editor)"}')
    (meta,) = corpus.discover(tmp_path)[0]
    assert (meta.title, meta.retrieval_title) == ("Widgets annual filing (editor)", None)


def test_a_form_heading_is_never_shown_even_without_a_registrant(tmp_path):
    make_pdf(tmp_path / "FHW_2031_10K.pdf", [FICTIONAL_COVER[:7], [LOREM]])
    (meta,) = corpus.discover(tmp_path)[0]
    assert meta.title == "FHW 2031 10K"  # the file name, not "UNITED STATES SECURITIES AND ..."
    assert pdf_cover.names_genre(meta.indexed_title)


def test_a_reused_document_takes_the_title_shown_now(tmp_path, fake_encoder):
    from qa_service.index import store
    from qa_service.ingest.build import build_index

    source = tmp_path / "docs"
    source.mkdir()
    make_pdf(source / "FHW_2031_10K.pdf", [FICTIONAL_COVER, [LOREM]])
    build_index(source, tmp_path / "index", fake_encoder, progress=False)
    # a second filing with the same cover: the cover title names neither, so each is shown by its name
    make_pdf(source / "FHW_2031_10K_copy.pdf", [FICTIONAL_COVER, ["A fictional amended filing."]])
    build_index(source, tmp_path / "index", fake_encoder, progress=False)
    index = store.load_index(tmp_path / "index")
    shown = {p.document_id: p.document_title for p in index.passages}
    assert shown == {"fhw-2031-10k": "FHW 2031 10K", "fhw-2031-10k-copy": "FHW 2031 10K copy"}
