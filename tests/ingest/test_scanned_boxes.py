"""Boxing a quote from OCR word boxes (page fractions) on a page image: one box per printed line."""

from __future__ import annotations

from qa_service.ingest.pages.scanned import quote_boxes

TEXT = "Fictional board met. It agreed to repaint"
# words of TEXT with their boxes as page fractions: two on line one, the rest wrapped onto line two
WORDS = (
    (0, 9, 0.10, 0.10, 0.30, 0.12),
    (10, 15, 0.32, 0.10, 0.42, 0.12),
    (16, 20, 0.44, 0.105, 0.52, 0.12),
    (21, 23, 0.10, 0.13, 0.14, 0.15),
    (24, 30, 0.16, 0.13, 0.28, 0.15),
    (31, 33, 0.30, 0.132, 0.34, 0.15),
    (34, 41, 0.36, 0.13, 0.50, 0.15),
)


def test_a_quote_over_two_lines_gets_a_box_a_line_in_pixels():
    boxes = quote_boxes(WORDS, TEXT.index("board"), len(TEXT), 1000, 2000)
    assert boxes == ((320, 200, 520, 240), (100, 260, 500, 300))


def test_only_the_words_the_quote_touches_are_boxed():
    start = TEXT.index("agreed")
    assert quote_boxes(WORDS, start, start + len("agreed to"), 1000, 2000) == ((160, 260, 340, 300),)
    assert quote_boxes(WORDS, start + 2, start + 3, 1000, 2000) == ((160, 260, 280, 300),)  # a word in part
    assert quote_boxes(WORDS, 9, 10, 1000, 2000) == ()  # the space between two words
    assert quote_boxes((), 0, 5, 1000, 2000) == ()


def test_a_word_in_another_column_level_with_the_last_starts_a_new_box_only_when_it_lies_left():
    words = ((0, 4, 0.55, 0.1, 0.65, 0.12), (5, 9, 0.1, 0.1, 0.2, 0.12))  # right column, then left
    assert len(quote_boxes(words, 0, 9, 100, 100)) == 2


def test_boxes_stay_on_the_image():
    assert quote_boxes(((0, 4, -0.01, 0.99, 0.5, 1.02),), 0, 4, 200, 100) == ((0, 99, 100, 100),)
