import pytest

from qa_service.ingest.sentences import mend_spacing, split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("Dr. Smith met Mr. Jones. They talked.", ["Dr. Smith met Mr. Jones.", "They talked."]),
        ("He said: 'It works.' Then left.", ["He said: 'It works.'", "Then left."]),
        ("Figures, e.g. Table 2, show it. Yes.", ["Figures, e.g. Table 2, show it.", "Yes."]),
        ("First part\n\nSecond part. More.", ["First part", "Second part.", "More."]),
        ("  padded.  ", ["padded."]),
        ("", []),
    ],
)
def test_split_sentences(text, expected):
    assert sentences(text) == expected


def test_spans_are_exact_slices():
    text = "A first sentence. A second one!  And a third?"
    for start, end in split_sentences(text):
        assert text[start:end].strip() == text[start:end]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We recommend:\n1. Councils should pool budgets.\n2. Government should cut targets.",
            ["We recommend:", "1. Councils should pool budgets.", "2. Government should cut targets."],
        ),
        (
            "Recommendations\n1. Councils should pool budgets.\n12) Partners should share data.",
            ["Recommendations", "1. Councils should pool budgets.", "12) Partners should share data."],
        ),
        ("1. Fund councils. 2. Cut red tape.", ["1. Fund councils.", "2. Cut red tape."]),
        (
            "There are two priorities: 1. Fund councils. 2. Cut red tape.",
            ["There are two priorities: 1. Fund councils.", "2. Cut red tape."],
        ),
        ("Aims\nii. Share plans.\niii. Merge boards.", ["Aims", "ii. Share plans.", "iii. Merge boards."]),
        (
            "Key points\n• Fewer plans\n• Fewer partnerships",
            ["Key points", "• Fewer plans", "• Fewer partnerships"],
        ),
    ],
)
def test_a_numbered_or_bulleted_item_stays_one_sentence(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Spending rose in 2014. Then it fell.", ["Spending rose in 2014.", "Then it fell."]),
        ("The total was 12. Nobody expected it.", ["The total was 12.", "Nobody expected it."]),
        ("It covers 3 areas.\nEach has a plan.", ["It covers 3 areas.", "Each has a plan."]),
    ],
)
def test_a_number_ending_a_sentence_still_ends_it(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "mended"),
    [
        ("As of December 31, 2016 , we had", "As of December 31, 2016, we had"),
        ("the rate fell .\nNext", "the rate fell.\nNext"),
        ("Note 3 : Revenue ; costs", "Note 3: Revenue; costs"),
        ("losses ( 370 ) in total", "losses (370) in total"),
        ("Total | $ | 4,927 $ | 5,114", "Total | $ | 4,927 $ | 5,114"),  # cells and currency untouched
        ("It is ... fine", "It is ... fine"),
    ],
)
def test_pdf_layout_spacing_is_mended(text, mended):
    assert mend_spacing(text) == mended
