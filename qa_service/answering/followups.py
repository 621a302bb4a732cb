"""Turn a follow-up and the previous turns into a standalone question for retrieval (pure, rule-based)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

Turn = Mapping[str, str]

_WHAT_ABOUT = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\s+(?P<subject>.+?)\s*\??\s*$", re.I)
_AND = re.compile(r"^\s*and\s+(?P<subject>(?:the\s+)?[\w' -]{2,40}?)\s*\?\s*$", re.I)
_WHO_SAID = re.compile(r"^\s*who\s+(?:said|wrote|says|claimed|argued)\s+(?:that|this|it)\s*\??\s*$", re.I)
_PERSONAL = re.compile(r"\b(he|she|him|her|his|hers)\b", re.I)
_PLURAL = re.compile(r"\b(they|them|their|theirs)\b", re.I)
_THING = re.compile(
    r"\b(it|its)\b|\b(this|that)\b(?=\s*(?:[?.!,]|$|\s+(?:is|was|mean|means|say|said)\b))", re.I
)
_QUOTE = re.compile(r"[“\"]([^”\"]{12,}?)[”\"]|'([^']{12,}?)'")
_MARKER = re.compile(r"\s*\[\d+\]")
_PERSON = re.compile(
    r"\b([A-Z][a-z]+(?:\s[A-Z][a-z'-]+){1,2})(?=,\s(?:a|an|the)\s|\s(?:said|says|wrote|argued)\b)"
    r"|\b(?:said|says|by)\s([A-Z][a-z]+(?:\s[A-Z][a-z'-]+){1,2})\b"
)
# who the documents speak about: a follow-up naming one of these swaps it into the previous question
_ACTORS = re.compile(
    r"\b(?:the\s+)?(central\s+government|government|whitehall|ministers?|councils?|local\s+authorities|"
    r"local\s+government|partners|partnerships|police|health\s+services?|voluntary\s+sector|"
    r"community\s+sector|private\s+sector|the\s+public|residents)\b",
    re.I,
)
_ABOUT = re.compile(r"\b(?:about|on|regarding|concerning)\s+(.+?)\s*\??\s*$", re.I)
_TOPIC = re.compile(
    r"\b(?:the|this|that)\s+(?!of\b|in\b|to\b|and\b)\w+(?:\s+(?!of\b|in\b|to\b|and\b|is\b)\w+)?", re.I
)


def standalone_question(question: str, history: Sequence[Turn]) -> str:
    """Return question rewritten to stand alone, using the most recent turn; unchanged when it does."""
    if not history:
        return question
    previous = history[-1]
    asked, answered = previous.get("question", "").strip(), previous.get("answer", "")
    if _WHO_SAID.match(question):
        quote = _first_quote(answered)
        return f"Who said “{quote}”?" if quote else f"Who said that, in answer to: {asked}"
    if match := _WHAT_ABOUT.match(question) or _AND.match(question):
        return _reframe(asked, match.group("subject"))
    return _resolve_pronouns(question, asked, answered)


def _reframe(asked: str, subject: str) -> str:
    """Ask the previous question again about a new subject: a new actor, else a new topic."""
    subject = subject.strip().rstrip("?").strip()
    actor = _ACTORS.search(asked)
    if actor and _ACTORS.fullmatch(subject):
        before = asked[: actor.start()]
        if re.search(r"\b(many|much|few|all|most|some)\s*$", before, re.I):
            subject = re.sub(r"^the\s+", "", subject, flags=re.I)  # "how many the police" reads badly
        return before + subject + asked[actor.end() :]
    if about := _ABOUT.search(asked):
        return f"{asked[: about.start(1)]}{subject}?"
    return f"{asked.rstrip(' ?')}, regarding {subject}?"


def _resolve_pronouns(question: str, asked: str, answered: str) -> str:
    """Replace he/she/they/it with who or what the previous turn was about."""
    resolved = question
    if _PERSONAL.search(resolved) and (person := _person(answered) or _person(asked) or _asked_for(asked)):
        resolved = _PERSONAL.sub(lambda m: _possessive(person) if _owns(m) else person, resolved)
    if _PLURAL.search(resolved) and (group := _actor(asked)):
        resolved = _PLURAL.sub(lambda m: _possessive(group) if _owns(m) else group, resolved)
    if _THING.search(resolved) and (topic := _topic(asked)):
        resolved = _THING.sub(topic, resolved, count=1)
    return resolved


def _owns(match: re.Match[str]) -> bool:
    return match.group(1).lower() in {"his", "hers", "their", "theirs"}


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _asked_for(asked: str) -> str | None:
    """Return "the one who wrote the report" for a previous "Who wrote the report?"."""
    match = re.match(r"\s*who\s+(.+?)\s*\??\s*$", asked, re.I)
    return f"the one who {match.group(1)}" if match else None


def _person(text: str) -> str | None:
    match = _PERSON.search(_MARKER.sub("", text))
    return (match.group(1) or match.group(2)) if match else None


def _actor(text: str) -> str | None:
    match = _ACTORS.search(text)
    return match.group(0) if match else None


def _topic(text: str) -> str | None:
    match = _TOPIC.search(text)
    return match.group(0) if match else None


def _first_quote(answer: str) -> str | None:
    match = _QUOTE.search(_MARKER.sub("", answer))
    if not match:
        return None
    words = (match.group(1) or match.group(2)).split()
    return " ".join(words[:25]) + ("…" if len(words) > 25 else "")
