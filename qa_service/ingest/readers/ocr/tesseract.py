"""Tesseract 5 through its command line: one page image in, its words with pixel boxes out (TSV)."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

from qa_service.errors import UnreadableDocument

COMMAND = "tesseract"
LANGUAGE = "eng"
# TSV columns: level page block par line word left top width height conf text; level 5 is a word
_WORD_LEVEL, _COLUMNS = "5", 12


@dataclass(frozen=True)
class Word:
    """One recognised word: its text, where Tesseract grouped it, and its box in image pixels."""

    text: str
    paragraph: tuple[int, int]  # (block, paragraph) numbers: words of one paragraph share it
    line: int
    left: int
    top: int
    width: int
    height: int


def available() -> bool:
    """Return True when the Tesseract command is installed (`make ocr`)."""
    return shutil.which(COMMAND) is not None


def recognise(image: bytes, timeout: float) -> list[Word]:
    """Return the words Tesseract reads in an image (PNG/PNM bytes), in its reading order."""
    if not available():
        raise UnreadableDocument("a page has no text layer and OCR needs Tesseract (`make ocr`)")
    # one thread: pages are read one document per core already; OpenMP threads would only contend
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(
            [COMMAND, "stdin", "stdout", "-l", LANGUAGE, "--psm", "3", "tsv"],
            input=image,
            capture_output=True,
            timeout=timeout,
            env=env,
            check=True,
        )
    except subprocess.TimeoutExpired as exc:
        raise TimeoutError(f"OCR of one page took over {timeout:.0f} s") from exc
    except subprocess.CalledProcessError as exc:
        raise UnreadableDocument(f"OCR failed: {exc.stderr.decode(errors='replace').strip()[:200]}") from exc
    return parse_tsv(done.stdout.decode("utf-8", errors="replace"))


def parse_tsv(tsv: str) -> list[Word]:
    """Return the words of Tesseract's TSV output (rows of other levels and empty words dropped)."""
    words = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) != _COLUMNS or cells[0] != _WORD_LEVEL or not cells[11].strip():
            continue
        block, par, line, left, top, width, height = (int(cells[i]) for i in (2, 3, 4, 6, 7, 8, 9))
        words.append(Word(cells[11].strip(), (block, par), line, left, top, width, height))
    return words
