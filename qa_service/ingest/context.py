"""Contextual chunk headers: what a passage's vector and keyword entry carry besides its own words.

A passage alone rarely says which document it is from ("Total current assets 16,525"), so a question
naming a company, council or year has nothing to match. Retrieval therefore indexes the passage under
a short header — document title, kind, organisation, year(s), file name and section path — while
citations still quote `passage.text` verbatim (the header is never shown as evidence).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath

from qa_service.ingest.titles import name_title, years
from qa_service.models import DocumentMeta, Passage

HEADER_END = "\n\n"


def document_header(meta: DocumentMeta) -> str:
    """Return the line that names a document: title, then kind, organisation, years and file name."""
    file_name = name_title(PurePosixPath(meta.path))
    organisation = meta.council or meta.publisher
    title = meta.indexed_title  # never the title shown, so a better display name cannot move retrieval
    details = [meta.kind, organisation, *years(meta.date, title, file_name)]
    if file_name.casefold() != title.casefold():
        details.append(file_name)
    return f"{title} ({', '.join(d for d in dict.fromkeys(details) if d)})"


def passage_header(meta: DocumentMeta, passage: Passage) -> str:
    """Return the document's header followed by the passage's section path."""
    section = " › ".join(passage.section)
    return f"{document_header(meta)}: {section}" if section else document_header(meta)


def retrieval_text(passage: Passage, documents: Mapping[str, DocumentMeta]) -> str:
    """Return the text to embed and keyword-index for a passage: its header, a blank line, its text."""
    if len(documents) < 2:  # one document: its name tells no passage from another, only sections do
        return f"{' › '.join(passage.section)}{HEADER_END}{passage.text}" if passage.section else passage.text
    meta = documents.get(passage.document_id)
    return f"{passage_header(meta, passage)}{HEADER_END}{passage.text}" if meta else passage.text


def retrieval_texts(passages: Sequence[Passage], documents: Sequence[DocumentMeta]) -> list[str]:
    """Return retrieval_text for each passage of a corpus of these documents."""
    by_id = {meta.id: meta for meta in documents}
    return [retrieval_text(p, by_id) for p in passages]
