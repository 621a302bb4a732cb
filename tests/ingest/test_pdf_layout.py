"""PDF layout on generated pages: columns, tables as rows, line-end hyphens, outline and headings."""

from __future__ import annotations

import textwrap

import pypdfium2 as pdfium
from fixtures.make_docs import add_outline, columns, make_pdf, make_placed_pdf, table, two_columns
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from qa_service.ingest.readers import read_blocks
from qa_service.ingest.readers.pdf_geometry import Char
from qa_service.ingest.readers.pdf_layout import page_lines, visual_lines

LEFT = [
    "The fictional Alpha board met in the",
    "spring and agreed to merge its two",
    "housing plans into one shared plan",
    "for the county.",
]
RIGHT = [
    "The fictional Beta council kept its",
    "own transport plan and asked its",
    "officers to report on bus services",
    "in the autumn.",
]


def test_two_columns_drawn_row_by_row_read_column_by_column(tmp_path):
    path = make_placed_pdf(tmp_path / "columns.pdf", [two_columns(LEFT, RIGHT)])
    assert [block.text for block in read_blocks(path)] == [" ".join(LEFT), " ".join(RIGHT)]


SHORT_INTRO = "The fictional Gamma trust sets out its aims for the coming year in this short note."
LONG_BODY = (
    "The fictional Gamma trust looked after four parks and two libraries in the year, and it opened a"
    " reading room beside the river where the old boat house stood, and it planted a row of young oak"
    " trees along the main road into the town, and it asked its members to count the birds in each park"
    " in the spring and again in the autumn, and it kept the libraries open late on two evenings a week."
)
LONG_SIDE = (
    "The fictional Gamma trust also met with the county board to agree how the parks would be paid for"
    " over the next five years, and the board agreed to meet half of the cost of the new reading room,"
    " and the trust agreed to share its bird counts with the county and with the schools nearby, and"
    " both agreed to review the plan once more when the trees planted on the main road were established."
)


def test_short_column_beside_two_long_ones_is_read_before_them(tmp_path):
    # The shape of a report page: a short introduction column beside two long ones, drawn row by row.
    # The short column holds under a quarter of the characters beside its neighbour, so it was read
    # interleaved with the middle column, line by line.
    texts = [SHORT_INTRO, LONG_BODY, LONG_SIDE]
    page = columns([textwrap.wrap(text, 30) for text in texts], (40, 225, 410))
    path = make_placed_pdf(tmp_path / "three_columns.pdf", [page])
    assert [block.text for block in read_blocks(path)] == texts


def test_table_cells_are_kept_as_rows(tmp_path):
    rows = [["Measure", "2021", "2022"], ["Fictional widgets sold", "1,200", "1,450"]]
    rows += [["Fictional gadgets sold", "300", "275"]]
    intro = (56, 60, "The fictional council counted its widgets and gadgets in both years.", "Helvetica", 10)
    path = make_placed_pdf(tmp_path / "table.pdf", [[intro, *table(rows)]])
    texts = [block.text for block in read_blocks(path)]
    assert texts == [
        "The fictional council counted its widgets and gadgets in both years.",
        "Measure | 2021 | 2022\nFictional widgets sold | 1,200 | 1,450\nFictional gadgets sold | 300 | 275",
    ]


def test_line_end_hyphens_mend_split_words_and_keep_compounds(tmp_path):
    lines = ["The fictional board agreed a long-", "term plan for the manage-", "ment of its parks."]
    lines += ["", "Each term of the fictional board is long."]
    texts = [block.text for block in read_blocks(make_pdf(tmp_path / "hyphens.pdf", [lines]))]
    assert texts[0] == "The fictional board agreed a long-term plan for the management of its parks."


def test_outline_entries_become_sections_at_their_pages(tmp_path):
    pages = [["Lorem ipsum dolor sit amet."], ["Parks", "Consectetur adipiscing elit."], ["Sed do eiusmod."]]
    path = make_pdf(tmp_path / "outline.pdf", pages)
    add_outline(path, [("Housing", 0, None), ("Parks", 1, None), ("Park budgets", 2, "Parks")])
    blocks = [(b.heading_level, b.text, b.page) for b in read_blocks(path)]
    assert blocks == [
        (1, "Housing", 1),
        (0, "Lorem ipsum dolor sit amet.", 1),
        (1, "Parks", 2),  # the printed line itself, matched to its bookmark, not repeated as body text
        (0, "Consectetur adipiscing elit.", 2),
        (2, "Park budgets", 3),
        (0, "Sed do eiusmod.", 3),
    ]


def test_larger_and_bold_lines_are_headings_by_size_rank(tmp_path):
    body = [(56, 130 + 14 * n, text, "Helvetica", 10) for n, text in enumerate(LEFT)]
    page = [
        (56, 80, "Fictional Parks Strategy", "Helvetica", 20),
        (56, 110, "Play areas", "Helvetica-Bold", 10),
        *body,
    ]
    blocks = [(b.heading_level, b.text) for b in read_blocks(make_placed_pdf(tmp_path / "h.pdf", [page]))]
    assert blocks == [(1, "Fictional Parks Strategy"), (2, "Play areas"), (0, " ".join(LEFT))]


def test_rotated_labels_read_as_words_not_letter_by_letter(tmp_path):
    canvas = Canvas(str(tmp_path / "rotated.pdf"), pagesize=A4)
    canvas.setFont("Helvetica", 10)
    for x, angle, label in ((300, 90, "(Thousands m3)"), (350, -90, "Fictional water use")):
        canvas.saveState()
        canvas.translate(x, 400)
        canvas.rotate(angle)
        canvas.drawString(0, 0, label)
        canvas.restoreState()
    canvas.drawString(56, 300, "The fictional council met.")
    canvas.save()
    document = pdfium.PdfDocument(tmp_path / "rotated.pdf")
    lines = [line.text for line in page_lines(document[0])]
    document.close()
    assert lines == ["(Thousands m3)", "Fictional water use", "The fictional council met."]


def _chars(text: str, x: float, baseline: float, width: float = 5.0, height: float = 10.0) -> list[Char]:
    """One character per letter, laid left to right on a baseline (the shape pdfium reports)."""
    return [
        Char(ch, x + i * width, x + (i + 1) * width, baseline, baseline + height, i)
        for i, ch in enumerate(text)
    ]


def _texts(stream: list[Char]) -> list[str]:
    return [" | ".join(f.text for f in frags) for frags in visual_lines(stream)]


def test_a_lone_line_feed_between_two_words_of_one_line_is_a_space():
    # some filings' fonts map the space glyph to "\n": pdfium reports it with a space's box
    square = _chars("SQUARE,", 100, 700)
    gap = Char("\n", 135, 137, 700, 710, 7)
    inc = _chars("INC.", 137, 700)
    line_end = [Char("\r", 157, 157, 700, 710, 11), Char("\n", 157, 157, 700, 710, 12)]
    assets = _chars("Assets", 100, 680)
    assert _texts([*square, gap, *inc, *line_end, *assets]) == ["SQUARE, INC.", "Assets"]


def test_a_lone_line_feed_before_a_lower_line_still_ends_the_line():
    first, second = _chars("Revenue", 100, 700), _chars("Costs", 100, 680)
    assert _texts([*first, Char("\n", 135, 135, 700, 710, 7), *second]) == ["Revenue", "Costs"]


def test_leader_dots_and_blanks_become_a_cell_break(tmp_path):
    canvas = Canvas(str(tmp_path / "contents.pdf"), pagesize=A4)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(56, 700, "1 Fictional housing plans . . . . . . . . . . . . . . . . 4")
    canvas.drawString(56, 680, "2 Fictional transport..........................................9")
    canvas.drawString(56, 660, "Signed ____________________")
    canvas.drawString(56, 640, "The plan was agreed... and signed.")
    canvas.save()
    document = pdfium.PdfDocument(tmp_path / "contents.pdf")
    lines = [line.text for line in page_lines(document[0])]
    document.close()
    assert lines == [
        "1 Fictional housing plans | 4",
        "2 Fictional transport | 9",
        "Signed",
        "The plan was agreed... and signed.",  # an ellipsis is not a leader
    ]
