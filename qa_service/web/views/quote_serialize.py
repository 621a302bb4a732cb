"""Turn a QuoteCheck into the /api/quote-check body (beside serialize.py; records become dicts only here)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa_service.answering.quotes.check import QuoteCheck
from qa_service.answering.quotes.diff import DiffOp
from qa_service.answering.quotes.match import QuoteMatch
from qa_service.answering.tables import quoted_table
from qa_service.models import printed_page
from qa_service.web import serialize
from qa_service.web.evidence.links import quote_page_url
from qa_service.web.html import citing


def diff_json(op: DiffOp) -> dict[str, Any]:
    """Return one word-level operation."""
    return {"op": op.op, "source": op.source, "quote": op.quote, "flags": list(op.flags)}


def match_json(match: QuoteMatch, publishers: Mapping[str, str], base_url: str) -> dict[str, Any]:
    """Return one source span of a quote: where it is, what it says, how the quote differs."""
    passage = match.passage
    url = f"/passages/{passage.id}?hl={match.start}-{match.end}"
    return {
        "passage_id": passage.id,
        "document": passage.document_title,
        "document_id": passage.document_id,
        "kind": passage.kind,
        "page": passage.page,
        "page_label": passage.page_label,
        "section": serialize.section_of(passage),
        "paragraph": passage.paragraph,
        "part": match.part,
        "source_text": match.source_text,
        "source_start": match.start,  # offsets into the passage text
        "source_end": match.end,
        "similarity": match.similarity,
        "diff": [diff_json(op) for op in match.diff],
        "url": url,
        "page_url": quote_page_url(passage, match.start, match.end),  # "See it on the page"
        "table": serialize.table_json(quoted_table(passage, match.start, match.end)),
        "citation": citing.citation_text(
            title=passage.document_title,
            quote=match.source_text,
            publisher=publishers.get(passage.document_id),
            page=printed_page(passage),
            paragraph=passage.paragraph,
            url=base_url.rstrip("/") + url,
        ),
    }


def quote_check_json(check: QuoteCheck, publishers: Mapping[str, str], base_url: str) -> dict[str, Any]:
    """Return the /api/quote-check response body."""
    flags = sorted({flag for m in check.matches for op in m.diff for flag in op.flags})
    return {
        "quote": check.quote,
        "verdict": check.verdict,
        "parts": check.parts,
        "flags": flags,  # every kind of change the diffs carry: "number", "negation", "entity", "elided"
        "matches": [match_json(m, publishers, base_url) for m in check.matches],
        "nearest": [serialize.hit_json(hit) | {"role": "nearest"} for hit in check.nearest],
        "index_version": check.index_version,
    }
