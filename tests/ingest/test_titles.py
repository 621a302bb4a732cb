"""Titles: sidecar, else the PDF's /Title, else its first-page heading, else the file name cleaned up."""

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from qa_service.ingest import corpus, titles
from tests.fixtures.make_docs import make_pdf


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
