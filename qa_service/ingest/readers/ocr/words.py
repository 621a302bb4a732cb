"""Carry OCR onto passages: which passages were read by OCR and their words' boxes (pure)."""

from __future__ import annotations

from dataclasses import replace

from qa_service.ingest.chunking import document_text
from qa_service.ingest.sentences import mend_blocks
from qa_service.models import Block, Passage, WordBox


def mark_ocr(passages: list[Passage], blocks: list[Block]) -> list[Passage]:
    """Return the passages, those overlapping an OCR'd block flagged with their words' boxes.

    The blocks are mended as the passages were cut from them, so word offsets and passages agree.
    """
    blocks = mend_blocks(blocks)
    _, starts = document_text(blocks)
    spans = [(s, s + len(b.text), b) for b, s in zip(blocks, starts, strict=True) if b.ocr]
    if not spans:
        return passages
    return [_marked(passage, spans) for passage in passages]


def _marked(passage: Passage, spans: list[tuple[int, int, Block]]) -> Passage:
    touching = [(start, block) for start, end, block in spans if start < passage.end and end > passage.start]
    if not touching:
        return passage
    words: list[WordBox] = []
    for start, block in touching:
        for w_start, w_end, *box in block.words:
            begin, end = start + w_start - passage.start, start + w_end - passage.start
            if begin >= 0 and end <= len(passage.text):
                words.append((begin, end, *box))  # type: ignore[arg-type]
    return replace(passage, ocr=True, words=tuple(words))
