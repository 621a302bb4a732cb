"""Builders of test data shared by test modules (plainly test data, never report content)."""

from typing import Any

from qa_service.ingest.sentences import split_sentences
from qa_service.models import Passage


def make_passage(
    pid: str = "p1", text: str = "", *, document: str = "d", split: bool = False, **fields: Any
) -> Passage:
    """Return a report passage over the whole of `text`; `split` cuts its sentences as the reader does.

    Any other Passage field (title, section, tables, sentences, page ...) may be given by name."""
    if split:
        fields.setdefault("sentences", tuple(split_sentences(text)))
    return Passage(
        id=pid,
        document_id=document,
        document_title=fields.pop("title", "D"),
        kind=fields.pop("kind", "report"),
        section=fields.pop("section", ()),
        start=0,
        end=len(text),
        text=text,
        **fields,
    )
