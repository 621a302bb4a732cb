import json

import pytest

from qa_service.errors import BadRequest
from qa_service.web.strict_json import MAX_DEPTH, parse_json


def test_ordinary_json_parses_as_usual():
    text = '{"question": "caf\\u00e9 \\ud83d\\ude00", "k": 3, "x": [1.5, -2, null, true]}'
    assert parse_json(text) == json.loads(text)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ('{"question": "\\ud800 lone surrogate"}', "invalid_text"),
        ('{"question": "ok \\udfff"}', "invalid_text"),
        ('{"\\udc00key": 1}', "invalid_text"),
        ('[["\\ud83d"]]', "invalid_text"),
        ("[" * 10_000 + "]" * 10_000, "json_too_deep"),
        ('{"a":' * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1), "json_too_deep"),
        ('{"k": NaN}', "invalid_number"),
        ('{"k": -Infinity}', "invalid_number"),
        ('{"k": 1e999}', "invalid_number"),
        ('{"k": ' + "9" * 5000 + "}", "invalid_number"),
        ('{"k": 9223372036854775808}', "invalid_number"),
        ('{"k": ', "invalid_json"),
        (b'{"question": "\xed\xa0\x80"}', "invalid_text"),  # json decodes it with surrogatepass
    ],
)
def test_hostile_bodies_are_bad_requests(body, code):
    with pytest.raises(BadRequest) as caught:
        parse_json(body)
    assert caught.value.code == code


def test_limits_are_inclusive():
    assert parse_json('{"a":' * (MAX_DEPTH - 1) + "1" + "}" * (MAX_DEPTH - 1))
    assert parse_json("[9223372036854775807, -9223372036854775808]") == [2**63 - 1, -(2**63)]


@pytest.mark.parametrize("url", ["/api/ask", "/api/feedback"])
@pytest.mark.parametrize(
    "body", ['{"question": "\\ud800 lone surrogate"}', "[" * 10_000 + "]" * 10_000, '{"question": NaN}']
)
def test_json_routes_answer_the_hostile_inputs_with_400(fake_app_factory, url, body):
    client = fake_app_factory({"doc.txt": "Councils run local partnerships."}).test_client()
    response = client.post(url, data=body, content_type="application/json")
    assert response.status_code == 400
    assert set(response.get_json()["error"]) == {"code", "message"}


@pytest.mark.model
def test_the_real_app_answers_the_two_reported_inputs_with_400(client):
    for body in ('{"question": "\\ud800 lone surrogate"}', "[" * 10_000 + "]" * 10_000):
        response = client.post("/api/ask", data=body, content_type="application/json")
        assert response.status_code == 400, response.get_data(as_text=True)
