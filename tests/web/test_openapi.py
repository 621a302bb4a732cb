"""/openapi.json describes every route the fake_app serves, and nothing it does not."""

import re


def flask_routes(fake_app):
    """Return {openapi path: {methods}} for every rule except static files."""
    routes: dict[str, set[str]] = {}
    for rule in fake_app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        routes.setdefault(path, set()).update(m.lower() for m in rule.methods - {"HEAD", "OPTIONS"})
    return routes


def test_spec_is_openapi_31_and_served_as_json(fake_app):
    response = fake_app.test_client().get("/openapi.json")
    assert response.status_code == 200 and response.is_json
    spec = response.get_json()
    assert spec["openapi"].startswith("3.1")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_spec_paths_and_methods_match_the_url_map(fake_app):
    spec = fake_app.test_client().get("/openapi.json").get_json()
    documented = {path: set(ops) for path, ops in spec["paths"].items()}
    served = flask_routes(fake_app)
    missing = {p: m for p, m in served.items() if documented.get(p) != m}
    extra = set(documented) - set(served)
    assert not missing, f"routes not (fully) described in qa_service/web/views/openapi.py: {missing}"
    assert not extra, f"described in qa_service/web/views/openapi.py but not served: {extra}"


def test_every_schema_reference_resolves(fake_app):
    spec = fake_app.test_client().get("/openapi.json").get_json()
    refs = set(re.findall(r'"#/components/schemas/([^"]+)"', str(spec).replace("'", '"')))
    assert refs and refs <= set(spec["components"]["schemas"])


def test_api_errors_are_documented_with_the_error_shape(fake_app):
    spec = fake_app.test_client().get("/openapi.json").get_json()
    for path, operations in spec["paths"].items():
        if not path.startswith("/api/"):
            continue
        for operation in operations.values():
            assert {"429", "503"} <= set(operation["responses"]), path
            error = operation["responses"]["503"]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/Error"}


def test_limits_come_from_the_app_config_in_validation_and_the_spec(fake_app_factory, monkeypatch):
    monkeypatch.setenv("QA_MAX_K", "50")
    monkeypatch.setenv("QA_MAX_HISTORY", "3")
    client = fake_app_factory(MAX_QUESTION_CHARS=80, MAX_QUOTE_CHARS=90).test_client()
    spec = client.get("/openapi.json").get_json()
    ask = spec["components"]["schemas"]["AskRequest"]["properties"]
    assert ask["k"]["maximum"] == 50 and ask["history"]["maxItems"] == 3
    assert ask["question"]["maxLength"] == 80
    assert spec["components"]["schemas"]["QuoteCheckRequest"]["properties"]["quote"]["maxLength"] == 90
    search = {p["name"]: p["schema"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert search["k"]["maximum"] == 50 and search["q"]["maxLength"] == 80
    assert client.post("/api/ask", json={"question": "Who runs partnerships?", "k": 50}).status_code == 200
    too_many = client.post("/api/ask", json={"question": "Who runs partnerships?", "k": 51})
    assert too_many.status_code == 400 and too_many.get_json()["error"]["code"] == "invalid_k"
    turns = [{"question": "Hi?"}] * 4
    history = client.post("/api/ask", json={"question": "And then?", "history": turns})
    assert history.get_json()["error"]["code"] == "invalid_history"
    quote = client.post("/api/quote-check", json={"quote": "x" * 91})
    assert quote.get_json()["error"]["code"] == "quote_too_long"
