"""Printed page labels on filings/: does every page whose footer prints a number carry that label?

The truth comes from another extractor (pypdf's plain page text, `pdf_cache.cached_page_texts`): a
page's last line ends with a number ("35", "2021 FORM 10-K 35", "F-12") that runs on by one from a
page nearby (so a year or a note number at the foot of a page is not taken for a page number).
The service's labels are its reader's Blocks: the printed label, else the physical page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evaluation.filings.pdf_cache import cached_blocks, cached_page_texts

NEARBY = 2  # pages on either side whose footer number must agree with the page's own
_FOOTER_NUMBER = re.compile(r"(?:^|\s)(?:([A-Z]{1,2})-)?(\d{1,4})\s*$")


def footer_numbers(texts: Sequence[str]) -> dict[int, str]:
    """Return {physical page (1-based): printed number} for pages whose last line ends in a running number."""
    found: list[tuple[str, int, str] | None] = []
    for text in texts:
        lines = [line for line in text.splitlines() if line.strip()]
        match = _FOOTER_NUMBER.search(lines[-1]) if lines else None
        found.append((match.group(1) or "", int(match.group(2)), match.group(0).strip()) if match else None)
    numbers = {}
    for index, this in enumerate(found):
        if this is None:
            continue
        steps = [s for s in range(-NEARBY, NEARBY + 1) if s and 0 <= index + s < len(found)]
        if any((other := found[index + s]) and other[:2] == (this[0], this[1] + s) for s in steps):
            numbers[index + 1] = this[2]
    return numbers


def label_report(folder: Path, cache: Path, limit: int | None = None) -> dict[str, Any]:
    """Return, over the PDFs in folder (the first `limit`), the share of footer-numbered pages whose
    label is that number."""
    per_pdf: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.pdf"))[:limit]:
        truth = footer_numbers(cached_page_texts(path, cache))
        labels = {b.page: b.page_label or str(b.page) for b in cached_blocks(path, cache) if b.page}
        checked = {page: number for page, number in truth.items() if page in labels}
        right = sum(labels[page] == number for page, number in checked.items())
        wrong = [(page, labels[page], number) for page, number in checked.items() if labels[page] != number]
        per_pdf.append({"pdf": path.name, "pages": len(checked), "right": right, "wrong": wrong[:5]})
    pages = sum(int(row["pages"]) for row in per_pdf)
    right = sum(int(row["right"]) for row in per_pdf)
    return {
        "pages": pages,
        "right": right,
        "share": round(right / pages, 4) if pages else None,
        "per_pdf": per_pdf,
    }
