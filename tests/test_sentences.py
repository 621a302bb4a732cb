import pytest

from qa_service.sentences import split_sentences


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
