"""Definition questions end to end on a fictional glossary (real model): a definition names its term."""

from pathlib import Path

import pytest

from tests.conftest import real_client_fixture
from tests.e2e.test_e2e import ask, assert_verbatim

pytestmark = pytest.mark.model

DOCS = Path(__file__).resolve().parents[1] / "data" / "definitions"


client = real_client_fixture(DOCS, "eastmoor-glossary.txt*")


def test_a_glossary_line_answers_what_a_term_means(client):
    body = ask(client, "What is meant by place shaping?")
    assert body["covered"] is True
    assert [c["quote"].startswith("Place shaping: the council's role") for c in body["citations"]] == [True]
    assert_verbatim(body)


def test_a_question_in_the_document_is_answered_by_the_sentence_after_it(client):
    body = ask(client, "What does the Eastmoor Compact mean?")
    assert body["covered"] is True
    assert body["citations"][0]["quote"].startswith("A fictional agreement in which every public body")
    assert all(not c["quote"].endswith("?") for c in body["citations"])
    assert_verbatim(body)


def test_a_term_the_document_never_names_is_declined_though_its_words_are_on_topic(client):
    body = ask(client, "Does the council provide definitions for climate change adaptation?")
    assert body["covered"] is False and body["citations"] == []
    assert "do not appear to define “climate change adaptation”" in body["answer"]
