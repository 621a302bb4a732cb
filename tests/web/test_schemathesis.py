"""Schemathesis against /openapi.json through the WSGI app: no 5xx and no response outside the schema.

The schemathesis pytest plugin's fixture loader does not work under pytest 9, so each operation's
strategy is driven by Hypothesis directly (positive and negative examples, bounded).
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from qa_service.web.validation import RequestLimits
from qa_service.web.views.openapi import document

DOCS = {
    "a.txt": "Councils run local partnerships.\n\nThe government sets targets for councils.",
    "b.txt": "Parish plans were merged in a fictional borough.\n\nBoards meet every quarter.",
}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# /widget.js is a static file with no input to vary (and its streamed body trips a ResourceWarning here)
OPERATIONS = [
    (path, method, op)
    for path, ops in document(RequestLimits())["paths"].items()
    for method, op in ops.items()
    if path != "/widget.js"
]
VALID = [
    pytest.param(path, method, GenerationMode.POSITIVE, id=f"{method} {path} valid")
    for path, method, _ in OPERATIONS
]
# invalid input exists only where there is a body or a constrained query parameter
INVALID = [
    pytest.param(path, method, GenerationMode.NEGATIVE, id=f"{method} {path} invalid")
    for path, method, op in OPERATIONS
    if "requestBody" in op or any(p["in"] == "query" for p in op.get("parameters", []))
]
BOUNDED = settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture
def web_schema(fake_app_factory):
    app = fake_app_factory(DOCS, ADMIN_TOKEN="schemathesis-token")
    return schemathesis.openapi.from_wsgi("/openapi.json", app)


@pytest.mark.parametrize(("path", "method", "mode"), VALID + INVALID)
def test_operation_conforms_to_its_schema(web_schema, path, method, mode):
    operation = web_schema[path][method.upper()]

    @BOUNDED
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        case.call_and_validate(checks=CHECKS)

    run()
