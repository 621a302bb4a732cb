"""Plain text and Markdown readers, plus the text normalisation every reader shares."""

from __future__ import annotations

import re
import unicodedata

from qa_service.models import Block

WRAP_WIDTH = 100  # lines no longer than this, inside one blank-line block, are hard-wrapped prose
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_ATX = re.compile(r"(#{1,6})\s+(.*?)(\s+#+)?\s*")
_LIST_ITEM = re.compile(r"\s*([-*+•]|\d+[.)])\s+")


def normalise(text: str) -> str:
    """Return text in NFC with ligatures expanded, invisible marks dropped and spaces collapsed."""
    # NFC (not NFKC) keeps "…", "²" and "½" as written; only ligatures are decomposed by hand.
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text).translate(_LIGATURES))
    return " ".join(text.split())


def decode(data: bytes) -> str:
    """Return bytes as text: UTF-8 when valid, else Windows-1252, else Latin-1."""
    # Detection guesses wrong on short texts (cp1250 for "crème"); legacy UK sources are Windows-1252.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _blank_line_blocks(lines: list[str]) -> list[list[str]]:
    """Return runs of non-blank lines separated by blank lines."""
    runs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _paragraphs(run: list[str]) -> list[str]:
    """Return one paragraph for hard-wrapped lines, else one paragraph per line."""
    wrapped = all(len(line) <= WRAP_WIDTH for line in run[:-1])
    return [" ".join(run)] if wrapped else run


def read_txt(data: bytes) -> list[Block]:
    """Return the body paragraphs of a plain-text file."""
    runs = _blank_line_blocks(decode(data).splitlines())
    texts = (normalise(text) for run in runs for text in _paragraphs(run))
    return [Block(text) for text in texts if text]


def _skip_front_matter(lines: list[str]) -> list[str]:
    """Return the lines after a leading `---` ... `---` front-matter block, if there is one."""
    if lines and lines[0].strip() == "---":
        for i, line in enumerate(lines[1:], start=1):
            if line.strip() in {"---", "..."}:
                return lines[i + 1 :]
    return lines


def parse_markdown(source: str) -> list[Block]:
    """Return heading and body Blocks from Markdown text (ATX headings, blank-line paragraphs)."""
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if text := normalise(" ".join(para)):
            blocks.append(Block(text))
        para.clear()

    for line in _skip_front_matter(source.splitlines()):
        heading = _ATX.fullmatch(line.strip())
        if heading or not line.strip() or _LIST_ITEM.match(line):
            flush()
        if heading:
            if text := normalise(heading.group(2)):
                blocks.append(Block(text, heading_level=len(heading.group(1))))
        elif line.strip():
            para.append(line)
    flush()
    return blocks


def read_markdown(data: bytes) -> list[Block]:
    """Return heading and body Blocks from a Markdown file."""
    return parse_markdown(decode(data))
