"""House-style citation text, quote spans and answer markers (pure)."""

import pytest

from qa_service.web.html.citing import (
    answer_segments,
    citation_text,
    quote_span,
    short_publisher,
    split_highlight,
)


@pytest.mark.parametrize(
    ("publisher", "short"),
    [
        ("Local Government Information Unit (LGIU)", "LGIU"),
        ("LGIU", "LGIU"),
        ("Some Press", "Some Press"),
    ],
)
def test_short_publisher_uses_the_abbreviation_given(publisher, short):
    assert short_publisher(publisher) == short


def test_citation_text_uses_page_when_there_is_one():
    text = citation_text(
        title="Rationalising Partnerships and Plans",
        quote="Plans should be fewer.",
        publisher="Local Government Information Unit (LGIU)",
        page="12",
        paragraph=40,
        url="http://host/passages/p1",
    )
    assert (
        text
        == 'LGIU, Rationalising Partnerships and Plans, p. 12, "Plans should be fewer.", http://host/passages/p1'
    )


def test_citation_text_falls_back_to_paragraph_and_invents_nothing():
    assert citation_text(title="Press release", quote="Q.", paragraph=3) == 'Press release, para. 3, "Q."'
    assert citation_text(title="Press release", quote="Q.") == 'Press release, "Q."'


def test_quote_span_trusts_valid_offsets_else_searches():
    text = "Alpha beta gamma."
    assert quote_span(text, "beta", 6, 10) == (6, 10)
    assert quote_span(text, "beta", 50, 60) == (6, 10)
    assert quote_span(text, "beta", None, None) == (6, 10)
    assert quote_span(text, "delta") == (0, 0)


def test_split_highlight_ignores_bad_spans():
    assert split_highlight("Alpha beta", 6, 10) == ("Alpha ", "beta", "")
    assert split_highlight("Alpha beta", 0, 0) == ("Alpha beta", "", "")
    assert split_highlight("Alpha beta", 5, 99) == ("Alpha beta", "", "")


def test_answer_segments_split_markers():
    assert answer_segments("“A.” [1] “B.” [2]") == [("“A.” ", None), ("[1]", 1), (" “B.” ", None), ("[2]", 2)]
    assert answer_segments("No markers") == [("No markers", None)]
