"""`GET /a/<answer_id>`: the stored answer as served, checked against the live index."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from flask import Blueprint, render_template, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import SQLAlchemyError

from qa_service.answering.tables import quoted_table
from qa_service.editorial.answers import StoredCitation, load_answer
from qa_service.errors import NotFound, NotReady, QAError, StorageUnavailable
from qa_service.models import Passage
from qa_service.web.context import service, storage
from qa_service.web.evidence.links import quote_page_url
from qa_service.web.serialize import table_json
from qa_service.web.views.pages import html_error

bp = Blueprint("permalinks", __name__)
bp.register_error_handler(QAError, html_error)  # a missing or unreadable answer renders as a page


@dataclass(frozen=True)
class CheckedCitation:
    """A stored citation and what became of its passage in the live index."""

    citation: StoredCitation
    status: str  # "unchanged" | "changed" | "quote-kept" | "gone" | "unchecked"
    note: str | None
    page_url: str | None = None  # the quote on the live page image, while the live passage holds it
    table: dict[str, Any] | None = (
        None  # a quoted table row with its caption and headers, from the live passage
    )


def check_citation(citation: StoredCitation, live: Passage | None, *, index_ready: bool) -> CheckedCitation:
    """Compare a citation's snapshot with the live passage (None = not in the live index)."""
    if not index_ready:
        return CheckedCitation(
            citation, "unchecked", "The live index is unavailable; this source is unchecked."
        )
    if live is None:
        note = "This passage is no longer in the live index; the text shown is the snapshot from the answer."
        return CheckedCitation(citation, "gone", note)
    if live.text == citation.passage_text:
        return CheckedCitation(citation, "unchanged", None)
    if citation.quote in live.text:
        note = "The passage has changed since this answer; the quoted words are still in it."
        return CheckedCitation(citation, "quote-kept", note)
    note = "The passage has changed since this answer and no longer contains this quote."
    return CheckedCitation(citation, "changed", note)


def _checked(citation: StoredCitation) -> CheckedCitation:
    """Look the cited passage up in the live index and compare."""
    try:
        live = service().passage(citation.passage_id)
    except NotFound:
        live = None
    except NotReady:
        return check_citation(citation, None, index_ready=False)
    checked = check_citation(citation, live, index_ready=True)
    at = live.text.find(citation.quote) if live and citation.quote else -1
    if live is None or at < 0:
        return checked
    end = at + len(citation.quote)
    return replace(
        checked, page_url=quote_page_url(live, at, end), table=table_json(quoted_table(live, at, end))
    )


@bp.get("/a/<answer_id>")
def permalink(answer_id: str) -> ResponseReturnValue:
    """Render a stored answer with its citations and the index version it was answered from."""
    try:
        stored = load_answer(storage(), answer_id)
    except SQLAlchemyError as exc:
        raise StorageUnavailable("stored answers cannot be read right now") from exc
    checked = [_checked(c) for c in stored.citations]
    return render_template(
        "answer_permalink.html",
        answer=stored,
        citations=checked,
        live_version=service().version,
        permalink=url_for("permalinks.permalink", answer_id=stored.id, _external=True),
    )
