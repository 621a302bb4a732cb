"""HTML pages: the chat page, no-JS search results, passage permalinks and the embeddable widget script."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from flask import Blueprint, current_app, render_template, request, url_for
from flask.typing import ResponseReturnValue

from qa_service.errors import QAError
from qa_service.models import Citation, printed_page
from qa_service.web import serialize
from qa_service.web.context import document_field, request_limits, service
from qa_service.web.evidence.links import quote_page_url
from qa_service.web.html import citing, site
from qa_service.web.validation import parse_question

bp = Blueprint("pages", __name__)
HIGHLIGHT = re.compile(r"^(\d{1,7})-(\d{1,7})$")


@bp.get("/")
def chat() -> ResponseReturnValue:
    """Render the chat page; its form falls back to /search without JavaScript."""
    return render_template("chat.html", publishers=document_field("publisher"))


@bp.get("/search")
def search() -> ResponseReturnValue:
    """Answer q server-side and render the cited answer and the passages consulted."""
    raw = request.args.get("q", "")
    if not raw.strip():
        return render_template("search_results.html", q="", answer=None, citations=[])
    answer = service().ask(parse_question(raw, request_limits(), field="q"))
    body, publishers = serialize.answer_json(answer), document_field("publisher")
    cited = zip(answer.citations, body["citations"], strict=True)
    return render_template(
        "search_results.html",
        q=answer.question,
        answer=body,
        segments=citing.table_segments(
            citing.answer_segments(answer.text), [(c["n"], c["quote"], c["table"]) for c in body["citations"]]
        ),
        citations=[_citation_view(c, shown, publishers) for c, shown in cited],
    )


@bp.get("/passages/<path:passage_id>")
def passage(passage_id: str) -> ResponseReturnValue:
    """Render one passage as a citable page; ?hl=start-end highlights a quote inside it."""
    record = service().passage(passage_id)
    body = serialize.passage_json(record)
    start, end = _highlight(request.args.get("hl", ""))
    before, marked, after = citing.split_highlight(record.text, start, end)
    highlight = {"hl": f"{start}-{end}"} if marked else {}
    cite = citing.citation_text(
        title=record.document_title,
        quote=marked or record.text,
        publisher=document_field("publisher").get(record.document_id),
        page=printed_page(record),
        paragraph=record.paragraph,
        url=url_for("pages.passage", passage_id=record.id, _external=True, **highlight),
    )
    pdf = citing.pdf_page_link(document_field("source_url").get(record.document_id), record.page)
    on_page = quote_page_url(record, start, end) if marked else quote_page_url(record, None, None)
    return render_template(
        "passage.html", passage=body, parts=(before, marked, after), cite=cite, pdf=pdf, page_url=on_page
    )


@bp.get("/widget.js")
def widget() -> ResponseReturnValue:
    """Serve the embeddable <qa-widget> custom element, naming the configured site and documents."""
    config = current_app.config
    source = (Path(current_app.static_folder or "") / "widget.js").read_text(encoding="utf-8")
    script = site.widget_script(source, str(config["SITE_NAME"]), str(config["CORPUS_NAME"]))
    response = current_app.response_class(script, mimetype="text/javascript")
    response.cache_control.public, response.cache_control.max_age = True, 300
    response.add_etag()
    return response.make_conditional(request)


@bp.errorhandler(QAError)
def html_error(exc: QAError) -> ResponseReturnValue:
    """Render a domain error as a page, with the same code and message the API would give."""
    return render_template("page_error.html", code=exc.code, message=exc.message), exc.status


def _highlight(value: str) -> tuple[int, int]:
    match = HIGHLIGHT.match(value)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def _citation_view(citation: Citation, body: dict[str, Any], publishers: dict[str, str]) -> dict[str, Any]:
    """Return a citation's JSON body with its passage split around the quote and its house-style text."""
    text = citation.passage.text
    span = citing.quote_span(text, citation.quote, body["quote_start"], body["quote_end"])
    permalink = url_for("pages.passage", passage_id=citation.passage.id, hl=f"{span[0]}-{span[1]}")
    return body | {
        "parts": citing.split_highlight(text, *span),
        "permalink": permalink,
        "cite": citing.citation_text(
            title=citation.passage.document_title,
            quote=citation.quote,
            publisher=publishers.get(citation.passage.document_id),
            page=printed_page(citation.passage),
            paragraph=citation.passage.paragraph,
            url=url_for("pages.passage", passage_id=citation.passage.id, _external=True),
        ),
    }
