"""The page-label check over filings/: footer numbers (from another extractor) against the labels."""

from evaluation.filings import page_labels
from evaluation.filings.page_labels import footer_numbers, label_report
from qa_service.models import Block


def test_a_footer_number_counts_when_it_runs_on_from_a_nearby_page():
    texts = [
        "Cover\nFORM 10-K",
        "Text\n2021 FORM 10-K 1",
        "Text\n2021 FORM 10-K 2",
        "Text\nTotal 2021",
        "x\nF-1",
        "y\nF-2",
    ]
    assert footer_numbers(texts) == {2: "1", 3: "2", 5: "F-1", 6: "F-2"}  # "2021" never runs on


def test_the_report_counts_pages_whose_label_is_the_footer_number(tmp_path, monkeypatch):
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    texts = ["Cover", "t\n2030 REPORT 1", "t\n2030 REPORT 2", "t\n2030 REPORT 3"]
    blocks = [Block("c", page=1), Block("a", page=2, page_label="1"), Block("b", page=3), Block("d", page=4)]
    monkeypatch.setattr(page_labels, "cached_page_texts", lambda path, cache: texts)
    monkeypatch.setattr(page_labels, "cached_blocks", lambda path, cache: blocks)
    report = label_report(tmp_path, tmp_path)
    assert (report["pages"], report["right"], report["share"]) == (3, 1, 0.3333)
    assert report["per_pdf"][0]["wrong"] == [(3, "3", "2"), (4, "4", "3")]
