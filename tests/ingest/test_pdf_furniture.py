"""The PDF reader's furniture removal: running headers/footers and page numbers, on laid-out lines."""

from __future__ import annotations

import pytest

from qa_service.ingest.readers.pdf_furniture import is_page_number, without_furniture
from qa_service.ingest.readers.pdf_geometry import Line


def strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Run the reader's furniture removal over lines of these texts; return the texts kept."""
    lines = [[Line(text, 10.0, False, cells=text.count("|") + 1) for text in page] for page in pages]
    return [[line.text for line in page] for page in without_furniture(lines)]


@pytest.mark.parametrize("line", ["12", "Page 3 of 34", "- 4 -", "iv", "page 7", "3 / 34"])
def test_page_number_lines(line):
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["2022 Widget Report", "CV", "Lorem ipsum 12", ""])
def test_not_page_number_lines(line):
    assert not is_page_number(line)


def test_running_header_footer_and_page_numbers_are_stripped():
    bodies = ["Lorem ipsum.", "Dolor sit amet.", "Consectetur adipiscing.", "Sed do eiusmod.", "Tempor."]
    pages = [
        ["Fictional Widget Review 2031", body, f"Chapter {n} footer", f"Page {n} of 5"]
        for n, body in enumerate(bodies, start=1)
    ]
    assert strip_running_lines(pages) == [[body] for body in bodies]


def test_running_line_needs_enough_pages():
    pages = [["Repeated heading", "Lorem ipsum."], ["Repeated heading", "Dolor sit."], ["Other", "Amet."]]
    assert strip_running_lines(pages) == pages


def test_long_running_header_emitted_mid_page_is_stripped():
    header = "Fictional Widget Review 2031 Overview Methods Results"
    pages = [[header, "Lorem ipsum."] for _ in range(4)] + [["Lorem", "ipsum", "dolor", header, "9", "sit"]]
    assert strip_running_lines(pages)[-1] == ["Lorem", "ipsum", "dolor", "sit"]


NAV = "Overview | Environmental | Social | Governance | Appendix | {n}"


def test_running_row_is_stripped_whatever_its_cells_and_pieces():
    title = "Fictional Widget Review 2031"
    bodies = ["Lorem ipsum.", "Dolor sit.", "Consectetur.", "Adipiscing."]
    pages = [[f"{title} | {NAV.format(n=n)}", body] for n, body in enumerate(bodies, start=1)]
    pages += [[title, "Amet lorem.", NAV.format(n=5), "Ipsum dolor."]]  # the row alone, mid-page
    pages += [[title, "Sed.", "Overview | Environmental | Social", "Do.", "Governance | Appendix | 6"]]
    pages += [[title, "Tempor.", "Overview Environmental Social Governance Appendix 7", "Magna."]]
    kept = strip_running_lines(pages)
    assert kept[:4] == [[body] for body in bodies]
    assert kept[4:] == [["Amet lorem.", "Ipsum dolor."], ["Sed.", "Do."], ["Tempor.", "Magna."]]


def test_a_lone_cell_a_short_piece_mid_page_or_numbers_of_a_running_row_are_kept():
    pages = [[f"{NAV.format(n=n)} | 2031", f"Lorem ipsum {n}."] for n in range(1, 5)]
    page = ["Governance", "Amet.", "Sed.", "Environmental | Social", "Ipsum.", "Dolor.", "2029 | 2030"]
    assert strip_running_lines([*pages, page])[4] == page
