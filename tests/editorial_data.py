"""Fictional answers for the editorial-loop tests (not LGIU content)."""

from __future__ import annotations

from qa_service.models import Answer, Citation, Passage


def make_answer(question: str, covered: bool = True, quote: str = "Councils run partnerships.") -> Answer:
    """A fictional answer citing one fictional passage."""
    passage = Passage(
        id="test-doc--abc123",
        document_id="test-doc",
        document_title="Fictional test report",
        kind="report",
        section=("Chapter 1", "Partnerships"),
        start=0,
        end=60,
        text=f"{quote} The rest of this fictional passage.",
        page=4,
    )
    cites = (Citation(1, passage, quote),) if covered else ()
    return Answer(question, f"“{quote}” [1]" if covered else "not covered", covered, cites, (), "v-test-1")
