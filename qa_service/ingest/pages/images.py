"""Page images and quote boxes for one worker: rendered in the sandbox, kept in the shared disk cache."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

from qa_service.errors import NotFound, QAError, UnreadableDocument
from qa_service.ingest.pages import layout
from qa_service.ingest.pages.align import Located, locate
from qa_service.ingest.pages.cache import PageCache
from qa_service.ingest.pages.files import SourceFile, Verifier
from qa_service.ingest.pages.layout import Box, DocumentFacts, PageLayout
from qa_service.ingest.pages.scanned import quote_boxes
from qa_service.ingest.sandbox import SandboxLimits, run_safely
from qa_service.models import WordBox

# A page is one render: far below the limits a whole document's parse gets.
RENDER_LIMITS = SandboxLimits(memory_mb=512, seconds=10.0, wall_factor=3.0)


@dataclass(frozen=True)
class PageImage:
    """A cached page image and the layout of its characters."""

    image: Path
    width: int
    height: int
    layout: PageLayout


@dataclass(frozen=True)
class EvidencePage:
    """One page a quote touches: its number, printed label, image size and the quote's line boxes."""

    page: int
    label: str | None
    width: int
    height: int
    boxes: tuple[Box, ...]


class PageImages:
    """Render, cache and box the pages of the indexed PDFs."""

    def __init__(
        self, cache: PageCache, verifier: Verifier, width: int, limits: SandboxLimits = RENDER_LIMITS
    ):
        self.cache, self.verifier, self.width, self.limits = cache, verifier, width, limits

    def facts(self, file: SourceFile) -> DocumentFacts:
        """Return the PDF's page count and labels (read once per file version)."""
        name = f"{file.checksum[:40]}.facts.json"
        cached = self.cache.get(name)
        if cached is not None:
            raw = json.loads(cached.read_bytes())
            return DocumentFacts(raw["pages"], tuple(raw["labels"]))
        facts: DocumentFacts = self._run(layout.document_facts, file)
        self.cache.put(name, json.dumps(asdict(facts)).encode())
        return facts

    def page(self, file: SourceFile, number: int) -> PageImage:
        """Return the rendered page (1-based), rendering it on a cache miss; NotFound past the last page."""
        if not 1 <= number <= self.facts(file).pages:
            raise NotFound(f"{file.title!r} has no page {number}", code="unknown_page")
        stem = f"{file.checksum[:40]}-p{number}-w{self.width}"
        image, boxes = self.cache.get(stem + ".webp"), self.cache.get(stem + ".json")
        if image is None or boxes is None:
            task = partial(layout.render_page, page=number, width=self.width)
            rendered: layout.RenderedPage = self._run(task, file)
            self.cache.put(stem + ".json", json.dumps(_layout_json(rendered)).encode())
            image = self.cache.put(stem + ".webp", rendered.image)
            return PageImage(image, rendered.width, rendered.height, rendered.layout)
        raw = json.loads(boxes.read_bytes())
        boxed = PageLayout(raw["text"], tuple(raw["lines"]), tuple(map(tuple, raw["boxes"])))
        return PageImage(image, raw["width"], raw["height"], boxed)

    def evidence(
        self, file: SourceFile, first: int, text: str, start: int, end: int, words: tuple[WordBox, ...] = ()
    ) -> list[EvidencePage]:
        """Return the pages text[start:end] lies on (it starts on page first), with its line boxes.

        A passage read by OCR from a scanned page brings its words' boxes: the quote is boxed from them.
        """
        if words:
            return [self._scanned(file, first, words, start, end)]
        pages = [(first, self.page(file, first))]
        found = self._locate(text, start, end, pages)
        if found.share < 1.0 and first < self.facts(file).pages:  # it may run on over the page break
            following = [*pages, (first + 1, self.page(file, first + 1))]
            longer = self._locate(text, start, end, following)
            if longer.share > found.share:
                found, pages = longer, following
        boxes = dict(found.pages)
        touched = [(n, image) for n, image in pages if n in boxes or n == first]
        labels = self.facts(file).labels
        return [EvidencePage(n, labels[n - 1], im.width, im.height, boxes.get(n, ())) for n, im in touched]

    def _scanned(
        self, file: SourceFile, page: int, words: tuple[WordBox, ...], start: int, end: int
    ) -> EvidencePage:
        image = self.page(file, page)
        boxes = quote_boxes(words, start, end, image.width, image.height)
        return EvidencePage(page, self.facts(file).labels[page - 1], image.width, image.height, boxes)

    def _locate(self, text: str, start: int, end: int, pages: list[tuple[int, PageImage]]) -> Located:
        return locate(text[start:end], text[:start], [(n, image.layout) for n, image in pages])

    def _run(self, task, file: SourceFile):  # noqa: ANN001, ANN202 - any module-level task of a path
        try:
            return run_safely(task, self.verifier.verified(file), self.limits)
        except UnreadableDocument as exc:
            raise QAError(
                f"the page could not be rendered: {exc.message}", code="render_failed", status=422
            ) from exc


def _layout_json(rendered: layout.RenderedPage) -> dict[str, object]:
    found = rendered.layout
    return {"width": rendered.width, "height": rendered.height, "text": found.text,
            "lines": found.lines, "boxes": found.boxes}  # fmt: skip
