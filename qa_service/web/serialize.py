"""Turn records into the JSON the API promises (the only place records become dicts)."""

from __future__ import annotations

from typing import Any

from qa_service.answering.recommendations import Found, Recommendations
from qa_service.models import Answer, Citation, Hit, Passage


def page_of(passage: Passage) -> str | int | None:
    """Return the printed page label where the PDF has one, else the physical page number."""
    return passage.page_label or passage.page


def section_of(passage: Passage) -> str | None:
    """Return the heading path as one string."""
    return " › ".join(passage.section) or None


def passage_json(passage: Passage, score: float | None = None) -> dict[str, Any]:
    """Return a passage object as the API shows it."""
    body: dict[str, Any] = {
        "id": passage.id,
        "document": passage.document_title,
        "document_id": passage.document_id,
        "kind": passage.kind,
        "council": passage.council,
        "section": section_of(passage),
        "page": page_of(passage),
        "paragraph": passage.paragraph,
        "start": passage.start,
        "end": passage.end,
        "text": passage.text,
        "url": f"/passages/{passage.id}",
    }
    if score is not None:
        body["score"] = round(score, 4)
    return body


def hit_json(hit: Hit) -> dict[str, Any]:
    """Return a hit as a passage object with its score."""
    return passage_json(hit.passage, hit.score)


def citation_json(citation: Citation) -> dict[str, Any]:
    """Return a citation with its verbatim quote and where to find it."""
    passage = citation.passage
    # the composer knows the span; a search could land on an earlier copy of a repeated sentence
    offset = citation.start if citation.start is not None else passage.text.find(citation.quote)
    return {
        "n": citation.n,
        "passage_id": passage.id,
        "document": passage.document_title,
        "kind": passage.kind,
        "section": section_of(passage),
        "page": page_of(passage),
        "paragraph": passage.paragraph,
        "quote": citation.quote,
        "quote_start": offset if offset >= 0 else None,  # offsets into the passage text
        "quote_end": offset + len(citation.quote) if offset >= 0 else None,
        "url": f"/passages/{passage.id}",
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
