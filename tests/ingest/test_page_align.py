"""Locating a quote on page layouts: exact, repeated, across a page break over furniture, or not at all."""

from __future__ import annotations

from qa_service.ingest.pages.align import fold, locate
from qa_service.ingest.pages.layout import PageLayout


def layout_of(*lines: str) -> PageLayout:
    """A page whose line i holds these words, each character 10 px wide on a 20 px row."""
    text, numbers, boxes = [], [], []
    for row, line in enumerate(lines):
        for column, char in enumerate(fold(line)):
            text.append(char)
            numbers.append(row)
            boxes.append((10 * column, 20 * row, 10 * column + 9, 20 * row + 18))
    return PageLayout("".join(text), tuple(numbers), tuple(boxes))


def test_fold_keeps_letters_and_digits_only_and_unfolds_ligatures():
    assert fold("Eﬃcient, long-term: 2 090 CO₂!") == "efficientlongterm2090co2"


def test_a_quote_over_two_lines_gets_one_box_per_line():
    page = layout_of("The board met in", "June and agreed a plan.", "Nothing else.")
    found = locate("met in June and agreed", "The board ", [(3, page)])
    assert found.share == 1.0
    assert found.pages == ((3, ((80, 0, 129, 18), (0, 20, 129, 38))),)


def test_a_repeated_sentence_is_chosen_by_the_text_before_it():
    page = layout_of("First the plan.", "It was agreed.", "Then the budget.", "It was agreed.")
    found = locate("It was agreed.", "Then the budget. ", [(1, page)])
    assert [box[1] for box in found.pages[0][1]] == [60]  # the second one, on row 3


def test_a_quote_across_a_page_break_steps_over_the_footer_and_header():
    first = layout_of("The council will publish", "one joint plan for", "Page 4 of 9")
    second = layout_of("Fictional Annual Report", "every partnership by May.")
    found = locate(
        "one joint plan for every partnership by May.", "The council will publish ", [(4, first), (5, second)]
    )
    assert found.share == 1.0
    assert [page for page, _ in found.pages] == [4, 5]
    assert found.pages[0][1] == ((0, 20, 149, 38),)
    assert found.pages[1][1] == ((0, 20, 209, 38),)  # the header line is not boxed


def test_a_line_end_hyphen_does_not_stop_the_match():
    page = layout_of("the partner-", "ships agreed")
    assert locate("the partnerships agreed", "", [(1, page)]).share == 1.0


def test_words_the_page_does_not_hold_give_no_boxes():
    page = layout_of("The board met in June.")
    found = locate("The treasurer resigned in protest.", "", [(1, page)])
    assert found.pages == () and found.share < 0.9


def test_a_quote_must_start_on_the_first_page_given():
    first = layout_of("Something else entirely.")
    second = layout_of("The board met in June.")
    assert locate("The board met in June.", "", [(1, first), (2, second)]).pages == ()
