"""One JSON log line per request and Prometheus metrics at /metrics.

Per worker process by default; with PROMETHEUS_MULTIPROC_DIR set (gunicorn.conf.py clears it at start
and marks dead workers), every worker writes its counters there and /metrics sums all of them.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass

from flask import Blueprint, Flask, Response, current_app, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from qa_service.web import context

log = logging.getLogger("qa_service.requests")
bp = Blueprint("observability", __name__)
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class IndexCollector(Collector):
    """Report the live index version and passage count at scrape time."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def collect(self) -> Iterator[GaugeMetricFamily | InfoMetricFamily]:
        """Yield the index metrics as they are now, not as they were at start."""
        service = self.app.extensions["qa"]
        version = service.version
        info = InfoMetricFamily("qa_index", "The live index version.")
        info.add_metric([], {"version": version or "none"})
        passages = GaugeMetricFamily("qa_index_passages", "Passages in the live index (0 when not ready).")
        passages.add_metric([], len(service.retriever.passages) if version else 0)
        yield info
        yield passages


@dataclass(frozen=True)
class Metrics:
    """The metric objects of one app, in its own registry (no process-wide globals)."""

    registry: CollectorRegistry
    requests: Counter
    latency: Histogram
    answers: Counter

    @classmethod
    def create(cls, app: Flask) -> Metrics:
        """Create the registry with request, latency, answer and index metrics."""
        registry = CollectorRegistry()
        registry.register(IndexCollector(app))
        return cls(
            registry,
            Counter(
                "qa_requests",
                "Requests by route, method and status.",
                ["route", "method", "status"],
                registry=registry,
            ),
            Histogram(
                "qa_request_seconds",
                "Request latency by route.",
                ["route"],
                registry=registry,
                buckets=LATENCY_BUCKETS,
            ),
            Counter("qa_answers", "Answers to /api/ask by coverage.", ["covered"], registry=registry),
        )


def init_observability(app: Flask) -> None:
    """Time every request, log it as one JSON line, count it, and serve /metrics."""
    app.extensions["qa_metrics"] = Metrics.create(app)
    app.before_request(_start_clock)
    app.after_request(_record)
    app.register_blueprint(bp)


@bp.get("/metrics")
def metrics() -> Response:
    """Return the metrics of every worker (multiprocess mode) or of this one, in the Prometheus format."""
    registry = current_app.extensions["qa_metrics"].registry
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()  # built per scrape, as prometheus-client's multiprocess docs say
        MultiProcessCollector(registry)
        registry.register(IndexCollector(current_app._get_current_object()))  # type: ignore[attr-defined]
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST)


def record_answer(covered: bool, index_version: str) -> None:
    """Note this request's answer for the request log and metrics (the view knows; no re-parsing)."""
    g.answer_covered = covered
    g.index_version = index_version


def _start_clock() -> None:
    g.started = time.perf_counter()


def _record(response: Response) -> Response:
    seconds = time.perf_counter() - g.get("started", time.perf_counter())
    route = request.url_rule.rule if request.url_rule else "unmatched"  # bounded label values
    metrics: Metrics = current_app.extensions["qa_metrics"]
    metrics.requests.labels(route, request.method, str(response.status_code)).inc()
    metrics.latency.labels(route).observe(seconds)
    covered = g.get("answer_covered") if response.status_code == 200 else None
    if covered is not None:
        metrics.answers.labels("true" if covered else "false").inc()
    if log.isEnabledFor(logging.INFO):  # level off: build nothing
        log.info(json.dumps(_log_line(route, response.status_code, seconds, covered)))
    return response


def _log_line(route: str, status: int, seconds: float, covered: bool | None) -> dict[str, object]:
    """Return the fields of one request's log line."""
    version = g.get("index_version") or context.service().version
    line: dict[str, object] = {
        "route": route,
        "method": request.method,
        "status": status,
        "latency_ms": round(seconds * 1000, 1),
        "index_version": version,
    }
    if covered is not None:
        line["covered"] = covered
    if current_app.config["LOG_CLIENT_IP"]:
        line["client_ip"] = request.remote_addr
    return line
