"""One JSON log line per request (no client IP by default) and Prometheus metrics at /metrics."""

import json
import logging

import pytest
from prometheus_client.parser import text_string_to_metric_families

DOCS = {"doc.txt": "Councils run local partnerships.\n\nThe government sets targets for councils."}


@pytest.fixture
def metrics_app(fake_app_factory):
    return fake_app_factory(DOCS)


def request_lines(caplog):
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "qa_service.requests"]


def samples(client):
    response = client.get("/metrics")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    found = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_one_json_line_per_request_without_client_ip(metrics_app, caplog):
    caplog.set_level(logging.INFO, logger="qa_service.requests")
    client = metrics_app.test_client()
    client.post(
        "/api/ask",
        json={"question": "Who sets targets for councils?"},
        environ_base={"REMOTE_ADDR": "198.51.100.7"},
    )
    client.get("/api/passages/none")
    ask, missing = request_lines(caplog)
    version = metrics_app.extensions["qa"].version
    assert ask["route"] == "/api/ask" and ask["status"] == 200 and ask["index_version"] == version
    assert isinstance(ask["covered"], bool) and ask["latency_ms"] >= 0
    assert missing["route"] == "/api/passages/<path:passage_id>" and missing["status"] == 404
    assert "covered" not in missing
    assert "198.51.100.7" not in caplog.text and "client_ip" not in ask


def test_client_ip_is_logged_only_when_configured(fake_app_factory, caplog):
    caplog.set_level(logging.INFO, logger="qa_service.requests")
    metrics_app = fake_app_factory(DOCS, LOG_CLIENT_IP=True)
    metrics_app.test_client().get("/healthz", environ_base={"REMOTE_ADDR": "198.51.100.7"})
    assert request_lines(caplog)[-1]["client_ip"] == "198.51.100.7"


def test_metrics_count_requests_latency_answers_and_index(metrics_app):
    client = metrics_app.test_client()
    client.post("/api/ask", json={"question": "Who sets targets for councils?"})
    client.post("/api/ask", json={"question": "zebra migration in antarctica"})
    client.get("/no/such/page")
    found = samples(client)
    version = metrics_app.extensions["qa"].version
    ok = ("qa_requests_total", (("method", "POST"), ("route", "/api/ask"), ("status", "200")))
    assert found[ok] == 2
    assert found[("qa_requests_total", (("method", "GET"), ("route", "unmatched"), ("status", "404")))] == 1
    assert found[("qa_request_seconds_count", (("route", "/api/ask"),))] == 2
    answers = {k[1]: v for k, v in found.items() if k[0] == "qa_answers_total"}
    assert sum(answers.values()) == 2
    assert set(answers) <= {(("covered", "true"),), (("covered", "false"),)}
    assert found[("qa_index_info", (("version", version),))] == 1
    passages = len(metrics_app.extensions["qa"].retriever.passages)
    assert found[("qa_index_passages", ())] == passages > 0


def test_metrics_say_when_no_index_is_loaded(tmp_path, fake_encoder):
    from qa_service import create_app

    app = create_app({"INDEX_DIR": str(tmp_path / "none"), "RATELIMIT_ENABLED": False}, encoder=fake_encoder)
    found = samples(app.test_client())
    assert found[("qa_index_info", (("version", "none"),))] == 1
    assert found[("qa_index_passages", ())] == 0


def test_two_apps_keep_separate_registries(fake_app_factory, metrics_app):
    metrics_app.test_client().get("/healthz")
    other = fake_app_factory(DOCS)
    found = samples(other.test_client())
    assert ("qa_requests_total", (("method", "GET"), ("route", "/healthz"), ("status", "200"))) not in found


def test_answer_coverage_comes_from_the_view_not_a_reparse(metrics_app, caplog, monkeypatch):
    from flask import Response

    caplog.set_level(logging.INFO, logger="qa_service.requests")

    def no_reparse(self, *args, **kwargs):
        raise AssertionError("the hook must not parse the response body")

    monkeypatch.setattr(Response, "get_json", no_reparse)
    response = metrics_app.test_client().post("/api/ask", json={"question": "Who sets targets for councils?"})
    assert response.status_code == 200
    (line,) = request_lines(caplog)
    assert isinstance(line["covered"], bool) and line["index_version"] == metrics_app.extensions["qa"].version


def test_no_log_line_is_built_when_the_level_is_off(metrics_app, caplog, monkeypatch):
    from qa_service.web import observability

    caplog.set_level(logging.WARNING, logger="qa_service.requests")
    monkeypatch.setattr(observability, "_log_line", lambda *a: pytest.fail("built a line nobody logs"))
    client = metrics_app.test_client()
    assert client.post("/api/ask", json={"question": "Who sets targets?"}).status_code == 200
    assert request_lines(caplog) == []
    assert sum(v for k, v in samples(client).items() if k[0] == "qa_answers_total") == 1
