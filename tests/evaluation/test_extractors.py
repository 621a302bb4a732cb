"""The extractor comparison: page recall, the pages read, failures counted, every extractor on one PDF."""

from __future__ import annotations

from pathlib import Path

from fixtures.make_docs import make_pdf

from evaluation.extractor_readers import READERS, page_count
from evaluation.extractors import Evidence, holds_words, measure, pages_to_read


def test_holds_words_needs_most_of_the_evidence_words_in_any_order():
    assert holds_words("the board met twelve times in the fictional year", "Twelve times, the board met")
    assert not holds_words("the board met", "the board met twelve times in the fictional year")
    assert not holds_words("anything", "")


def test_pages_to_read_spreads_a_sample_and_keeps_labelled_pages():
    assert pages_to_read(5, [3], every_page=True) == [1, 2, 3, 4, 5]
    sample = pages_to_read(120, [7, 999], every_page=False)
    assert 7 in sample and 999 not in sample and len(sample) <= 14


def test_every_extractor_reads_the_labelled_page_and_a_broken_file_is_a_failure(tmp_path):
    lines = [["Lorem ipsum dolor."], ["The fictional harbour board met twelve times."], ["Sit amet."]]
    pdf = make_pdf(tmp_path / "three.pdf", lines)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 not really")
    evidence = [Evidence(pdf, 2, "harbour board met twelve times"), Evidence(broken, 1, "anything")]
    results = measure(READERS, evidence, lambda path: 3, every_page=True)
    assert set(results) == set(READERS)
    for figures in results.values():
        assert figures["page_recall"] == 0.5 and figures["page_recall_in_order"] == 0.5
        assert figures["pages"] == 3 and len(figures["failures"]) == 1  # type: ignore[arg-type]
    assert page_count(Path(pdf)) == 3
