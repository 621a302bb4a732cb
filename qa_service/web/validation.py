"""Check what a client sent and turn it into typed requests (pure; errors are BadRequest)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from qa_service.config import DEFAULTS, number
from qa_service.errors import BadRequest
from qa_service.models import Filters


@dataclass(frozen=True)
class RequestLimits:
    """Bounds on what one request may ask for: declared in config.py, set by the app's config."""

    max_k: int = number(DEFAULTS, "MAX_K")
    max_question_chars: int = number(DEFAULTS, "MAX_QUESTION_CHARS")
    max_history: int = number(DEFAULTS, "MAX_HISTORY")
    max_quote_chars: int = number(DEFAULTS, "MAX_QUOTE_CHARS")

    @classmethod
    def from_config(cls, config: Mapping[str, object]) -> RequestLimits:
        """Return the limits an app's config sets (QA_MAX_K=50 and the like)."""
        names = ("MAX_K", "MAX_QUESTION_CHARS", "MAX_HISTORY", "MAX_QUOTE_CHARS")
        return cls(*(number(config, name) for name in names))


FILTER_MAX_CHARS = 200  # a kind, council or document id


@dataclass(frozen=True)
class AskRequest:
    """A validated question."""

    question: str
    k: int | None
    history: tuple[dict[str, str], ...] = ()
    filters: Filters = Filters()


def parse_ask(payload: Any, limits: RequestLimits) -> AskRequest:
    """Validate the JSON body of POST /api/ask."""
    if not isinstance(payload, dict):
        raise BadRequest("the request body must be a JSON object", code="invalid_body")
    unknown = set(payload) - {"question", "k", "history", "kind", "council", "document"}
    if unknown:
        raise BadRequest(f"unknown field(s): {', '.join(sorted(unknown))}", code="unknown_field")
    return AskRequest(
        question=parse_question(payload.get("question"), limits, field="question"),
        k=parse_k(payload.get("k"), limits),
        history=parse_history(payload.get("history"), limits),
        filters=parse_filters(payload),
    )


def parse_question(value: Any, limits: RequestLimits, *, field: str) -> str:
    """Return a stripped, non-empty question within the length limit."""
    if value is None:
        raise BadRequest(f"`{field}` is required", code="missing_question")
    if not isinstance(value, str):
        raise BadRequest(f"`{field}` must be a string", code="invalid_question")
    question = " ".join(value.split())
    if not question:
        raise BadRequest(f"`{field}` must not be empty", code="empty_question")
    if len(question) > limits.max_question_chars:
        raise BadRequest(
            f"`{field}` is longer than {limits.max_question_chars} characters", code="question_too_long"
        )
    return question


def parse_k(value: Any, limits: RequestLimits) -> int | None:
    """Return k within 1..max_k, or None for the default; accepts an int or a digit string."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():  # not "²"
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= limits.max_k:
        raise BadRequest(f"`k` must be an integer from 1 to {limits.max_k}", code="invalid_k")
    return value


def parse_history(value: Any, limits: RequestLimits) -> tuple[dict[str, str], ...]:
    """Return the previous turns as (question, answer) dicts; the server keeps no state."""
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > limits.max_history:
        raise BadRequest(
            f"`history` must be a list of at most {limits.max_history} turns", code="invalid_history"
        )
    turns = []
    for turn in value:
        if (
            not isinstance(turn, dict)
            or not isinstance(turn.get("question"), str)
            or not isinstance(turn.get("answer", ""), str)
        ):
            raise BadRequest(
                "each history turn must be an object with a string `question` and `answer`",
                code="invalid_history",
            )
        turns.append(
            {
                "question": turn["question"][: limits.max_question_chars],
                "answer": str(turn.get("answer", ""))[:4000],
            }
        )
    return tuple(turns)


def parse_filters(values: Any) -> Filters:
    """Return kind/council/document filters from a mapping (JSON body or query string)."""
    fields = {}
    for name in ("kind", "council", "document"):
        value = values.get(name)
        if value in (None, ""):
            continue
        if not isinstance(value, str) or len(value) > FILTER_MAX_CHARS:
            raise BadRequest(f"`{name}` must be a short string", code="invalid_filter")
        fields[name] = value.strip()
    return Filters(**fields)


@dataclass(frozen=True)
class QuoteRequest:
    """A validated quote to check, optionally within one document."""

    quote: str
    filters: Filters = Filters()


def parse_quote_check(payload: Any, max_chars: int) -> QuoteRequest:
    """Validate the JSON body of POST /api/quote-check (and the /quote-check form)."""
    if not isinstance(payload, dict):
        raise BadRequest("the request body must be a JSON object", code="invalid_body")
    unknown = set(payload) - {"quote", "document"}
    if unknown:
        raise BadRequest(f"unknown field(s): {', '.join(sorted(unknown))}", code="unknown_field")
    return QuoteRequest(parse_quote(payload.get("quote"), max_chars), parse_filters(payload))


def parse_quote(value: Any, max_chars: int) -> str:
    """Return a non-empty quote of at most max_chars characters (whitespace runs counted as one)."""
    if value is None:
        raise BadRequest("`quote` is required", code="missing_quote")
    if not isinstance(value, str):
        raise BadRequest("`quote` must be a string", code="invalid_quote")
    quote = " ".join(value.split())
    if not quote:
        raise BadRequest("`quote` must not be empty", code="empty_quote")
    if len(quote) > max_chars:
        raise BadRequest(f"`quote` is longer than {max_chars} characters", code="quote_too_long")
    if not quote.isprintable() and any("\ud800" <= c <= "\udfff" for c in quote):
        raise BadRequest("`quote` is not valid Unicode text", code="invalid_quote")
    return quote
