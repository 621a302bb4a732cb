"""Turn records into the JSON the API promises (the only place records become dicts)."""

from __future__ import annotations

from typing import Any

from qa_service.answering.recommendations import Found, Recommendations
from qa_service.answering.tables import QuotedTable, quoted_table
from qa_service.models import Answer, Citation, DocumentMeta, Hit, Passage, section_of
from qa_service.web.evidence.links import file_url, quote_page_url


def passage_json(passage: Passage, score: float | None = None) -> dict[str, Any]:
    """Return a passage object as the API shows it."""
    body: dict[str, Any] = {
        "id": passage.id,
        "document": passage.document_title,
        "document_id": passage.document_id,
        "kind": passage.kind,
        "council": passage.council,
        "section": section_of(passage),
        "page": passage.page,  # 1-based physical page: what a PDF viewer's #page= opens
        "page_label": passage.page_label,  # the printed label, where the PDF defines one
        "paragraph": passage.paragraph,
        "start": passage.start,
        "end": passage.end,
        "text": passage.text,
        "url": f"/passages/{passage.id}",
        "ocr": passage.ocr,  # read by OCR from a scanned page: say so beside the quote
    }
    if score is not None:
        body["score"] = round(score, 4)
    return body


def hit_json(hit: Hit) -> dict[str, Any]:
    """Return a hit as a passage object with its score."""
    return passage_json(hit.passage, hit.score)


def search_json(query: str, hits: list[Hit], index_version: str) -> dict[str, Any]:
    """Return the /api/search response body."""
    return {"query": query, "results": [hit_json(h) for h in hits], "index_version": index_version}


def documents_json(documents: list[DocumentMeta], index_version: str | None) -> dict[str, Any]:
    """Return the /api/documents body: each document's public manifest fields."""
    public = ("id", "title", "kind", "council", "publisher", "date", "source_url", "passages")
    listed = [{f: getattr(d, f) for f in public} | {"file_url": file_url(d.id)} for d in documents]
    return {"documents": listed, "index_version": index_version}


def table_json(table: QuotedTable | None) -> dict[str, Any] | None:
    """Return a quoted table row's caption, column header rows and cells (None for a prose quote)."""
    if table is None:
        return None
    return {
        "caption": table.caption,
        "header": [list(r) for r in table.header],
        "rows": [list(r) for r in table.rows],
    }


def citation_json(citation: Citation) -> dict[str, Any]:
    """Return a citation with its verbatim quote and where to find it."""
    passage = citation.passage
    # the composer knows the span; a search could land on an earlier copy of a repeated sentence
    offset = citation.start if citation.start is not None else passage.text.find(citation.quote)
    start, end = (offset, offset + len(citation.quote)) if offset >= 0 else (None, None)
    return {
        "n": citation.n,
        "passage_id": passage.id,
        "document": passage.document_title,
        "kind": passage.kind,
        "section": section_of(passage),
        "page": passage.page,
        "page_label": passage.page_label,
        "paragraph": passage.paragraph,
        "quote": citation.quote,
        "quote_start": start,  # offsets into the passage text
        "quote_end": end,
        "url": f"/passages/{passage.id}",
        "ocr": passage.ocr,
        "document_id": passage.document_id,
        "page_url": quote_page_url(passage, start, end),  # "See it on the page"; None without pages
        # a table row: caption and column headers beside the verbatim quote, to show it as a table
        "table": table_json(
            quoted_table(passage, start, end) if start is not None and end is not None else None
        ),
    }


def answer_json(answer: Answer) -> dict[str, Any]:
    """Return the /api/ask response body."""
    cited = {c.passage.id for c in answer.citations}
    passages = [
        hit_json(hit)
        | {"role": "evidence" if hit.passage.id in cited else "nearest" if not answer.covered else "related"}
        for hit in answer.hits
    ]
    return {
        "question": answer.question,
        "standalone_question": answer.standalone_question or answer.question,
        "answer": answer.text,
        "covered": answer.covered,
        "citations": [citation_json(c) for c in answer.citations],
        "passages": passages,
        "index_version": answer.index_version,
        "answering_from": [{"document_id": ref.id, "document": ref.title} for ref in answer.scope],
    }


def recommendations_json(found: Recommendations) -> dict[str, Any]:
    """Return the /api/recommendations body: verbatim items by addressee, numbered in order."""
    numbered = iter(range(1, len(found.items) + len(found.mentions) + 1))

    def one(item: Found) -> dict[str, Any]:
        citation = citation_json(Citation(next(numbered), item.passage, item.quote, item.start))
        return citation | {"addressee": item.addressee}

    grouped = found.grouped()  # numbered in this order: groups first, then mentions
    return {
        "groups": [{"addressee": who, "recommendations": [one(i) for i in items]} for who, items in grouped],
        "count": len(found.items),
        "mentions": [one(m) | {"addressee": None} for m in found.mentions],
        "note": found.note,
    }
