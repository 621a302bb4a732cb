"""Find the recommendations the documents make, verbatim, grouped by addressee (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from qa_service.answering.compose import verify_quote
from qa_service.models import Passage

ADDRESSEES = ("central government", "councils", "partners", "other")
_WHO = (
    (
        "central government",
        r"central government|the government|government departments?|ministers?|whitehall|"
        r"the treasury|secretar(?:y|ies) of state|parliament",
    ),
    ("councils", r"councils?|local authorit(?:y|ies)|local government|councillors"),
    (
        "partners",
        r"partners|partnerships?|LSPs?|police|NHS|health bodies|voluntary|community sector|"
        r"private sector|agencies",
    ),
)
_ADDRESSEE = [(name, re.compile(rf"\b(?:{pattern})\b", re.I)) for name, pattern in _WHO]
_HEADING = re.compile(r"\brecommend", re.I)
_LIST_MARKER = re.compile(r"^\s*(?:\d{1,2}[.)]|\(?[a-z]\)|[-*•])\s+")
_BARE_MARKER = re.compile(r"\s*(?:\d{1,2}[.)]|\(?[a-z]\)|[-*•])\s*")
_DIRECTIVE = re.compile(r"\b(should|must|ought to)\b", re.I)  # not "need to": surveys report needs
_ASKING = re.compile(
    r"\b(?:recommends?|recommended|propose[sd]?)\s+that\b|\bwe recommend\b|"
    r"\b(?:calls?|called|calling)\s+(?:on|upon)\b|\burge[sd]?\b",
    re.I,
)
_MENTION = re.compile(r"\brecommendations?\b", re.I)


@dataclass(frozen=True)
class Found:
    """A verbatim span of one passage: a recommendation, or a sentence saying that some are made."""

    passage: Passage
    start: int
    end: int
    addressee: str = "other"

    @property
    def quote(self) -> str:
        """Return the span exactly as it stands in the passage."""
        return self.passage.text[self.start : self.end]


@dataclass(frozen=True)
class Recommendations:
    """The recommendations found, and sentences that only mention recommendations."""

    items: tuple[Found, ...]
    mentions: tuple[Found, ...]

    @property
    def note(self) -> str | None:
        """Return a plain statement when no recommendation text was found, else None."""
        if self.items:
            return None
        if self.mentions:
            return (
                "The documents say that recommendations are made but do not set them out; "
                "the sentences that say so are cited under `mentions`."
            )
        return "No recommendations were found in the documents."

    def grouped(self) -> list[tuple[str, list[Found]]]:
        """Return the items by addressee, in the fixed order, leaving out empty groups."""
        groups = [(name, [f for f in self.items if f.addressee == name]) for name in ADDRESSEES]
        return [(name, found) for name, found in groups if found]


def find_recommendations(passages: Iterable[Passage]) -> Recommendations:
    """Scan every sentence: list items and directives under recommendation headings, and asks elsewhere."""
    items: list[Found] = []
    mentions: list[Found] = []
    for passage in passages:
        in_section = any(_HEADING.search(heading) for heading in passage.section)
        heading_addressee = _addressee(" ".join(passage.section))
        after_marker = False
        for start, end in passage.sentences:
            sentence = passage.text[start:end]
            if _BARE_MARKER.fullmatch(sentence):
                after_marker = True  # the sentence splitter cut "1." off its item
                continue
            listed, after_marker = after_marker, False
            if (listed and in_section) or _is_recommendation(sentence, in_section):
                start += _marker_length(sentence)
                who = heading_addressee if in_section and heading_addressee else _subject(sentence)
                items.append(Found(passage, start, end, who or "other"))
            elif _MENTION.search(sentence):
                mentions.append(Found(passage, start, end))
    verified = tuple(f for f in items if verify_quote(f.quote, f.passage))
    return Recommendations(verified, tuple(f for f in mentions if verify_quote(f.quote, f.passage)))


def _is_recommendation(sentence: str, in_section: bool) -> bool:
    if sentence.rstrip().endswith("?"):
        return False
    if _ASKING.search(sentence):
        return True
    if _LIST_MARKER.match(sentence):
        return in_section
    if _MENTION.search(sentence):
        return False  # "we make the following recommendations" introduces them, it is not one
    if in_section:
        return bool(_DIRECTIVE.search(sentence))
    # outside a recommendations section "should" counts only when it is addressed to someone
    directive = _DIRECTIVE.search(sentence)
    return bool(directive and _addressee(sentence[: directive.start()]))


def _subject(sentence: str) -> str | None:
    """Return who a sentence addresses: after "call on"/"urge", else before "should", else anyone named."""
    asking = _ASKING.search(sentence)
    if asking and (who := _addressee(sentence[asking.end() :])):
        return who
    directive = _DIRECTIVE.search(sentence)
    if directive and (who := _addressee(sentence[: directive.start()])):
        return who
    return _addressee(sentence)


def _addressee(text: str) -> str | None:
    """Return the group named earliest in text, or None."""
    found = [(m.start(), name) for name, pattern in _ADDRESSEE if (m := pattern.search(text))]
    return min(found)[1] if found else None


def _marker_length(sentence: str) -> int:
    match = _LIST_MARKER.match(sentence)
    return match.end() if match else 0
