from hypothesis import given
from hypothesis import strategies as st

from qa_service.answering.quotes.text import fold, fold_mapped, quote_parts, word_key


def test_fold_makes_typography_plain_and_keeps_case():
    assert fold("  \u201cRed\u00a0tape\u201d \u2013 it\u2019s   here\n") == '"Red tape" - it\'s here'


@given(st.text(alphabet=st.sampled_from("ab \n\t\u2019\u201c\u2014x.")))
def test_fold_mapped_agrees_with_fold_and_maps_back(text):
    folded = fold_mapped(text)
    assert folded.text == fold(text)
    for i, char in enumerate(folded.text):
        original = text[folded.origin[i]]
        assert original.isspace() if char == " " else fold(original) == char


def test_original_span_covers_the_source_characters():
    text = "One  \u201ctwo\u201d\nthree"
    folded = fold_mapped(text)
    start = folded.text.index('"two"')
    assert text[slice(*folded.original(start, start + 5))] == "\u201ctwo\u201d"


def test_ellipses_split_a_quote_into_parts():
    for mark in ("\u2026", "...", ". . .", "[...]", "[\u2026]", "(...)"):
        assert quote_parts(fold(f"the plans {mark} were merged")) == ["the plans", "were merged"]
    assert quote_parts("... the plans were merged ...") == ["the plans were merged"]


def test_word_key_ignores_edge_punctuation_only():
    assert (
        word_key("tape.'") == "tape" and word_key("well-known,") == "well-known" and word_key("...") == "..."
    )
