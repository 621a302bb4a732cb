"""The quote-check test set and its scoring (pure parts; `make eval` runs the whole thing)."""

import random

import pytest

from evaluation.quotes.report import met, quote_section
from evaluation.quotes.scoring import score, summarise
from evaluation.quotes.testset import (
    Sentence,
    add_not,
    cases,
    change_number,
    drop_not,
    drop_words,
    ellipsis,
    sentences,
    swap_word,
)
from qa_service.answering.quotes.check import QuoteCheck
from qa_service.answering.quotes.diff import DiffOp
from qa_service.answering.quotes.match import QuoteMatch
from qa_service.models import Passage

# Plainly fictional test sentences.
TEXT = (
    "The fictional board agreed 12 joint plans for the borough in one long meeting. "
    "Its members said the plans were not easy to merge across the partners. "
    "A third sentence sits in the middle of this fictional passage for testing. "
    "The last sentence closes the fictional passage with ten more words here."
)


def passage(text=TEXT, page=3):
    bounds, at = [], 0
    for part in text.split(". "):
        end = text.index(part, at) + len(part) + (1 if not part.endswith(".") else 0)
        bounds.append((text.index(part, at), min(end, len(text))))
        at = end
    return Passage("p1", "doc", "Doc", "report", (), 0, len(text), text, page=page, sentences=tuple(bounds))


def test_sentences_are_unique_and_long_enough():
    found = sentences([passage()])
    assert len(found) == 4 and found[0].following[0].startswith("Its members")
    assert sentences([passage(), passage()]) == []  # a sentence in two places has no one right page


@pytest.mark.parametrize(
    "text",
    [
        "Net income | $ | 5,727 $ | 2,539 $ | 4,029 for the fictional borough in the year.",
        "Fictional totals 2020 2021 2022 12.5 13.1 14.2 15.0 16.3 17.9 18.4 19.9 20.1 21.7 in all.",
    ],
)
def test_table_rows_and_runs_of_figures_are_not_taken_as_sentences(text):
    found = sentences([passage(f"{text} {TEXT}")])
    assert [s.text for s in found] == [s.text for s in sentences([passage()])]


def test_each_edit_changes_what_it_says():
    s = sentences([passage()])
    rng = random.Random(1)
    number = change_number(s[0], rng)
    assert number and "13" in number.quote and number.edit_source == "12" and number.flag == "number"
    assert add_not(s[0], rng) is None and drop_not(s[1], rng).quote.count(" not ") == 0
    added = add_not(
        Sentence("The plans were merged by the fictional board over two long years.", s[0].passage), rng
    )
    assert " were not merged" in added.quote
    swapped = swap_word(s[0], rng, ["carrot"])
    assert "carrot" in swapped.quote and swapped.edit_quote == "carrot"
    dropped = drop_words(s[0], rng)
    assert len(dropped.quote.split()) == len(s[0].text.split()) - 2
    joined = ellipsis(s[0], rng)
    assert (
        "\u2026" in joined.quote and joined.edit_source.startswith("Its members") and joined.flag == "elided"
    )


def test_cases_cover_every_kind():
    kinds = {c.kind for c in cases(sentences([passage()]), ["Unrelated sentence about cells."], 2)}
    assert {"exact", "number", "negation removed", "word swapped", "words dropped", "unrelated"} <= kinds


def test_score_needs_the_flagged_edit_and_the_right_page():
    s = sentences([passage()])
    case = change_number(s[0], random.Random(1))
    diff = (
        DiffOp("equal", "The fictional board agreed", "The fictional board agreed"),
        DiffOp("replace", "12", "13", ("number",)),
    )
    check = QuoteCheck(case.quote, "close", (QuoteMatch(s[0].passage, 0, 10, 0.9, diff),), (), "v1")
    assert score(case, check) == {"verdict": True, "in_diff": True, "page": True}
    unflagged = (DiffOp("replace", "12", "13"),)
    check = QuoteCheck(case.quote, "exact", (QuoteMatch(passage(page=4), 0, 10, 0.9, unflagged),), (), "v1")
    assert score(case, check) == {"verdict": False, "in_diff": False, "page": False}


def test_summary_and_targets():
    rows = [
        {"group": "seed", "kind": "number", "ms": 5.0, "verdict": True, "in_diff": True, "page": True}
    ] * 3
    report = summarise(rows) | {"passages": 4, "filings": ["X.pdf"]}
    assert report["kinds"]["number"] == {"n": 3, "verdict": 1.0, "in_diff": 1.0, "page": 1.0}
    assert met("number", report["kinds"]["number"])
    assert not met("number", {"verdict": 1.0, "in_diff": 0.97, "page": 1.0})  # numbers: every diff shows it
    assert "| number | 3 | close | 100.0 % | 100.0 % | 100.0 % | yes |" in quote_section(report)
