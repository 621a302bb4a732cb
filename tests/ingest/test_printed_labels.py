"""Printed page numbers from running headers/footers when a PDF defines no labels (fictional data)."""

from fixtures.make_docs import make_statement_report

from qa_service.ingest.readers import read_blocks
from qa_service.ingest.readers.pdf_labels import printed_labels


def test_a_running_footer_number_is_the_page_label():
    pages = [
        ["FICTIONAL REPORT", "Cover"],
        ["Text", "2023 FORM 10-K 1"],
        ["Text", "2023 FORM 10-K 2"],
        ["Text", "Dues | 44 | 45", "2023 FORM 10-K 3"],
    ]
    assert printed_labels(pages) == [None, "1", "2", "3"]  # the year and "10" never run on by one
    years = [["Chart", "2019"], ["Chart", "2020"], ["Chart", "2021"]]
    assert printed_labels(years) == [
        None,
        None,
        None,
    ]  # years at the edge of chart pages are not page numbers


def test_prefixed_and_roman_numbers_and_a_lone_number_are_not_confused():
    pages = [["ii"], ["iii"], ["Notes", "F-1"], ["F-2", "Notes"], ["Total 2023"], ["Nothing here"]]
    assert printed_labels(pages) == ["ii", "iii", "F-1", "F-2", None, None]


def test_a_pdf_without_labels_gets_its_printed_footer_numbers(tmp_path):
    blocks = read_blocks(make_statement_report(tmp_path) / "harbour-accounts.pdf")
    labels = {b.page: b.page_label for b in blocks}
    assert labels == {1: None, 2: "1", 3: "2", 4: "3"}
    assert not any("ANNUAL REPORT" in b.text for b in blocks)  # the footer itself is still furniture
