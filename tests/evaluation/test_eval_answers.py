"""PolicyQA-style extractive answers through the real QAService over fictional documents (fake encoder)."""

from __future__ import annotations

from evaluation.answers import extractive_report, gold_in, indexed_service, write_documents
from evaluation.datasets import CorpusEntry, EvalQuery, EvalSet

EVAL_SET = EvalSet(  # fictional test data: two "policies" of two paragraphs each
    corpus=(
        CorpusEntry("a1", "Gullwing Ferries keeps booking records for seven years.", "gullwing.example"),
        CorpusEntry("a2", "Gullwing Ferries never sells passenger addresses.", "gullwing.example"),
        CorpusEntry("b1", "Marram Lending stores loan files in a vault in Dunmore.", "marram.example"),
        CorpusEntry("b2", "Marram Lending shares credit scores with the county registry.", "marram.example"),
    ),
    queries=(
        EvalQuery("q1", "How long are booking records kept?", "gullwing.example", ("for seven years",)),
        EvalQuery("q2", "Who receives credit scores?", "marram.example", ("the county registry",)),
        EvalQuery("q3", "Where are loan files stored?", "marram.example", ("a moon base",)),
    ),
    qrels={"q1": {"a1": 1}, "q2": {"b2": 1}, "q3": {"b1": 1}},
)


def test_gold_in_folds_case_and_whitespace() -> None:
    assert gold_in("Kept FOR  seven\nyears.", ["for seven years"])
    assert not gold_in("kept for six years", ["for seven years", "  "])


def test_every_question_is_answered_within_its_own_document(tmp_path, fake_encoder) -> None:
    ids = write_documents(EVAL_SET, tmp_path / "docs")
    assert ids == {"gullwing.example": "gullwing-example", "marram.example": "marram-example"}
    assert (tmp_path / "docs" / "marram-example.txt").read_text().count("\n\n") == 1
    service = indexed_service(tmp_path / "docs", tmp_path / "index", fake_encoder)
    report = extractive_report(service, EVAL_SET, ids)
    assert report["questions"] == 3 and report["unverified_quotes"] == 0
    assert report["top5_has_gold"] == round(2 / 3, 4)  # q3's gold span is not in the documents at all
    assert report["cited_has_gold"] >= report["answer_has_gold"] > 0
    assert report["words_when_answered"] > 0  # reported beside the gold share, which grows with length
    # cited passages all come from the question's own document, never the other policy
    marram = service.ask("Who receives credit scores?", filters=_filter("marram-example"))
    assert {hit.passage.document_id for hit in marram.hits} == {"marram-example"}


def test_an_up_to_date_index_is_reused(tmp_path, fake_encoder) -> None:
    write_documents(EVAL_SET, tmp_path / "docs")
    first = indexed_service(tmp_path / "docs", tmp_path / "index", fake_encoder).version
    write_documents(EVAL_SET, tmp_path / "elsewhere")  # same files under another folder: same fingerprint
    assert indexed_service(tmp_path / "elsewhere", tmp_path / "index", fake_encoder).version == first


def _filter(document: str):
    from qa_service.models import Filters

    return Filters(document=document)
