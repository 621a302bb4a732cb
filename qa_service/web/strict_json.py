"""Strict JSON for request bodies: text that can be stored and encoded, finite numbers, bounded nesting.

Python's `json` accepts things no client should send and later code cannot handle: lone UTF-16
surrogates (`"\\ud800"`) that fail at the first UTF-8 encode (tokenizer, database, log line),
`NaN`/`Infinity`, integers of any size and nesting down to the interpreter's recursion limit. Every
request body is parsed here (the app's JSON provider), so each of these classes is refused once, as a
400 in the one error shape, whatever the route.
"""

from __future__ import annotations

import json
from typing import Any

from flask.json.provider import DefaultJSONProvider

from qa_service.errors import BadRequest

MAX_DEPTH = 32  # the deepest body any route takes is 3 levels (history turns); room for future fields
MAX_INT = 2**63  # beyond 64 bits a JSON integer is not portable (RFC 8259 §6) and no field needs one


class StrictJSONProvider(DefaultJSONProvider):
    """Flask's JSON provider with strict parsing of request bodies; responses keep their key order."""

    sort_keys = False

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        """Parse a request body strictly; BadRequest names what was refused."""
        return parse_json(s)


def parse_json(data: str | bytes) -> Any:
    """Parse JSON text, refusing lone surrogates, non-finite or huge numbers and deep nesting."""
    try:
        value = json.loads(data, parse_constant=_non_finite, parse_float=_finite, parse_int=_bounded)
    except RecursionError:
        raise _too_deep() from None
    except ValueError as exc:  # includes UnicodeDecodeError (bytes that are not UTF-8)
        raise BadRequest("the body is not valid JSON", code="invalid_json") from exc
    _check_tree(value)
    return value


def _check_tree(value: Any) -> None:
    """Walk the parsed value without recursion: depth within MAX_DEPTH, every string encodable."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            _check_text(item)
        elif isinstance(item, dict | list):
            if depth > MAX_DEPTH:
                raise _too_deep()
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadRequest(
            "the body contains a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff escape); "
            "send text as valid Unicode",
            code="invalid_text",
        ) from None


def _too_deep() -> BadRequest:
    return BadRequest(f"the body is nested more than {MAX_DEPTH} levels deep", code="json_too_deep")


def _non_finite(name: str) -> float:
    raise BadRequest(f"`{name}` is not a JSON number; send finite numbers only", code="invalid_number")


def _finite(text: str) -> float:
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise BadRequest(f"the number {text[:20]} is out of range", code="invalid_number")
    return number


def _bounded(text: str) -> int:
    # length first: int() of a 5,000-digit string is slow, and past 4,300 digits Python refuses it
    if len(text.lstrip("-")) > 19 or not -MAX_INT <= int(text) < MAX_INT:
        raise BadRequest(f"the integer {text[:20]}… does not fit in 64 bits", code="invalid_number")
    return int(text)
