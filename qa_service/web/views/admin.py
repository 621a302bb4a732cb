"""The editors' dashboard `GET /admin/` and `GET /admin/export.csv`, behind QA_ADMIN_TOKEN (no cookies)."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request, url_for
from flask.typing import ResponseReturnValue

from qa_service.editorial import analytics
from qa_service.editorial.db import Storage, utcnow
from qa_service.editorial.gaps import group_similar
from qa_service.errors import BadRequest
from qa_service.web.auth import admin_only
from qa_service.web.context import service, storage
from qa_service.web.html.charts import ratio_chart

bp = Blueprint("admin", __name__, url_prefix="/admin")  # /admin/* is rate limited like /api/*
GAP_QUESTIONS = 300  # at most this many distinct unanswered questions are embedded per page view


admin_only(bp, "the editors' dashboard is disabled (set QA_ADMIN_TOKEN)")


def _days() -> int:
    """Return the period asked for (?days=, default 30), within the retention period."""
    raw, most = request.args.get("days", "30"), int(current_app.config["RETENTION_DAYS"])
    if not raw.isdigit() or not 1 <= int(raw) <= most:
        raise BadRequest(f"`days` must be a whole number from 1 to {most}", code="invalid_days")
    return int(raw)


def _gaps(db: Storage, since: Any) -> list[Any]:
    """Group the period's unanswered questions by meaning with the service's own encoder."""
    asked = analytics.questions(db, since, covered=False, limit=GAP_QUESTIONS)
    if not asked:
        return []
    vectors = service().encoder.encode_queries([q for q, _ in asked])
    return group_similar(asked, vectors, float(current_app.config["GAP_SIMILARITY"]))


@bp.get("/")
def dashboard() -> ResponseReturnValue:
    """Render the editors' dashboard for the last ?days= days."""
    db = storage()
    days, now = _days(), utcnow()
    since = (now - timedelta(days=days - 1)).replace(hour=0, minute=0, second=0, microsecond=0)
    token: dict[str, Any] = {"token": request.args["token"]} if "token" in request.args else {}
    return render_template(
        "admin.html",
        days=days,
        totals=analytics.totals(db, since),
        top_questions=analytics.questions(db, since),
        gaps=_gaps(db, since),
        documents=analytics.cited(db, since, by_section=False),
        sections=analytics.cited(db, since, by_section=True),
        chart=ratio_chart(analytics.feedback_by_day(db, since, now.date())),
        log_questions=bool(current_app.config["LOG_QUESTIONS"]),
        retention_days=int(current_app.config["RETENTION_DAYS"]),
        export_url=url_for("admin.export_csv", days=days, **token),
    )


def csv_cell(value: Any) -> Any:
    """Defuse spreadsheet formulas in user text (a question may start with '=')."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@bp.get("/export.csv")
def export_csv() -> ResponseReturnValue:
    """Download the period's answers with their citations and feedback as CSV."""
    db = storage()
    since = utcnow() - timedelta(days=_days())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(analytics.EXPORT_COLUMNS)
    writer.writerows([csv_cell(v) for v in row] for row in analytics.export_rows(db, since))
    filename = f"qa-answers-{utcnow():%Y%m%d}.csv"
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
