"""Drop web-page furniture: notices, navigation crumbs and teaser lines (PDF running lines: readers/)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa_service.models import Block

# A notice is short; a content paragraph that merely mentions cookies or comments is longer than this.
NOTICE_MAX_CHARS = 300

_NOTICES = re.compile(
    r"your browser (is no longer supported|is (out of date|outdated|not supported))"
    r"|upgrade to a (newer|more recent) version|another browser"
    r"|cookies (are )?disabled|(enable|accept|allow|reject|manage) (all )?cookies"
    r"|consent to (the )?use (of )?cookies|(this|our) (web)?site uses cookies"
    r"|cookie (policy|settings|preferences)"
    r"|have your say|(sign|log) ?in to (make |post |leave |add )?(a )?comment|(leave|post|add) a comment"
    r"|governed by our terms and conditions|agreement to these terms and conditions"
    r"|links may be included in your comments|html is not permitted",
    re.IGNORECASE,
)
_CRUMB = re.compile(
    r"[\s•·*|>»›-]*(\d+ )?(comments?|share( this( page| article)?)?|print( this page)?|back to top"
    r"|learn more|read more|skip to (main )?content|tweet|email|menu|close)[\s.:»›]*",
    re.IGNORECASE,
)
_ELLIPSIS = re.compile(r"\s*(\.\.\.|…)$")


def is_notice(text: str) -> bool:
    """Return True when a short paragraph is a web notice, prompt or navigation crumb."""
    if _CRUMB.fullmatch(text):
        return True
    return len(text) <= NOTICE_MAX_CHARS and _NOTICES.search(text) is not None


def _is_teaser(text: str, others: Sequence[str]) -> bool:
    """Return True when text is an ellipsis-truncated copy of the start of another paragraph."""
    stem, count = _ELLIPSIS.subn("", text)
    if not count or len(stem) < 20:
        return False
    return any(other != text and other.startswith(stem) and len(other) > len(stem) for other in others)


def filter_blocks(blocks: list[Block]) -> list[Block]:
    """Return the blocks without notices, crumbs and duplicate teaser lines."""
    texts = [block.text for block in blocks]
    return [
        block
        for block in blocks
        if block.text.strip() and not is_notice(block.text) and not _is_teaser(block.text, texts)
    ]
