"""What each retriever sees of a passage, and which passages count as near-duplicate boilerplate."""

from qa_service.ingest.context import retrieval_text
from qa_service.ingest.texts import duplicate_key
from qa_service.models import Passage

LEGAL = (
    "The information in this report is provided for general purposes only and does not constitute "
    "advice of any kind; readers should seek their own counsel before acting on it in {year}."
)


def passage(text: str, section: tuple[str, ...] = ()) -> Passage:
    return Passage("d-1", "d", "Doc", "report", section, 0, len(text), text)


def test_both_retrievers_see_the_section_path_then_the_words_in_a_one_document_corpus():
    p = passage("Councils set targets.", ("Part 1", "Targets"))
    assert retrieval_text(p, {}) == "Part 1 › Targets\n\nCouncils set targets."  # dense and BM25 alike
    assert retrieval_text(passage("No section here."), {}) == "No section here."


def test_boilerplate_differing_in_years_case_and_spacing_shares_a_key():
    first, second = LEGAL.format(year=2021), LEGAL.format(year=2022).upper().replace(" ", "  ")
    assert duplicate_key(first) == duplicate_key(second)


def test_different_boilerplate_keeps_different_keys():
    assert duplicate_key(LEGAL.format(year=2021)) != duplicate_key(LEGAL.replace("advice", "an offer"))


def test_short_texts_that_differ_only_in_figures_stay_apart():
    assert duplicate_key("Revenue in 2019 was $5.2bn.") != duplicate_key("Revenue in 2020 was $6.1bn.")
    assert duplicate_key("Revenue in 2019 was $5.2bn.") == duplicate_key("Revenue in 2019 was $5.2bn.")
