"""The build's one progress bar reports pages/s and texts/s beside the documents done."""

from qa_service.ingest.stream.progress import BuildProgress


def test_the_bar_counts_documents_pages_and_texts(capsys):
    with BuildProgress(2) as bar:
        bar.advance(pages=10, texts=40, documents=1)
        bar.advance(documents=1)
        assert (bar.pages, bar.texts) == (10, 40)
    shown = capsys.readouterr().err
    assert "2/2" in shown and "pages/s" in shown and "texts/s" in shown


def test_a_disabled_bar_prints_nothing(capsys):
    with BuildProgress(3, enabled=False) as bar:
        bar.advance(pages=1, documents=1)
    assert capsys.readouterr().err == ""
