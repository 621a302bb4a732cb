import pytest

from qa_service.errors import BadRequest
from qa_service.models import Filters
from qa_service.web.validation import RequestLimits, parse_ask, parse_k

LIMITS = RequestLimits(max_k=20, max_question_chars=50, max_history=2)


def test_valid_request_is_normalised():
    asked = parse_ask({"question": "  Who   wrote it? ", "k": 3, "kind": "case study"}, LIMITS)
    assert asked.question == "Who wrote it?"
    assert asked.k == 3
    assert asked.filters == Filters(kind="case study")


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ([], "invalid_body"),
        ("question", "invalid_body"),
        ({}, "missing_question"),
        ({"question": ""}, "empty_question"),
        ({"question": "   "}, "empty_question"),
        ({"question": 42}, "invalid_question"),
        ({"question": "x" * 51}, "question_too_long"),
        ({"question": "ok", "k": 0}, "invalid_k"),
        ({"question": "ok", "k": 21}, "invalid_k"),
        ({"question": "ok", "k": True}, "invalid_k"),
        ({"question": "ok", "k": 2.5}, "invalid_k"),
        ({"question": "ok", "history": "nope"}, "invalid_history"),
        ({"question": "ok", "history": [{"q": 1}]}, "invalid_history"),
        ({"question": "ok", "history": [{"question": "a"}] * 3}, "invalid_history"),
        ({"question": "ok", "kind": 5}, "invalid_filter"),
        ({"question": "ok", "surprise": 1}, "unknown_field"),
    ],
)
def test_bad_requests_name_their_problem(payload, code):
    with pytest.raises(BadRequest) as caught:
        parse_ask(payload, LIMITS)
    assert caught.value.code == code
    assert caught.value.status == 400


def test_k_accepts_digit_strings_from_query_strings():
    assert parse_k("7", LIMITS) == 7
    assert parse_k(None, LIMITS) is None
