"""Compare PDF text extractors on the labelled dev sets: pages/s, page recall and failures.

Every extractor reads the same pages of the same files, one document at a time and interleaved, so the
other jobs sharing this machine slow them alike: compare the pages/s of one run, not across runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evaluation.datasets import read_jsonl
from evaluation.extractor_readers import READERS, PageReader, page_count
from evaluation.pdf_labels import contains_sentence, words

WORD_SHARE = 0.8  # a labelled page is recalled when this share of the evidence's distinct words is on it
SAMPLE_PAGES = 12  # pages read per document (besides its labelled ones) unless every page is asked for


@dataclass(frozen=True)
class Evidence:
    """A labelled passage: the file, the 1-based physical page and the text found there."""

    path: Path
    page: int
    text: str


@dataclass
class Tally:
    """One extractor's running totals."""

    pages: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process's CPU time: less disturbed by other jobs than wall time
    failures: list[str] = field(default_factory=list)
    found_words: int = 0
    found_in_order: int = 0
    labelled: int = 0


def load_evidence(shared: Path) -> list[Evidence]:
    """Return the labelled (page, evidence) rows of report-pdf/ and filings/ that have both."""
    rows: list[Evidence] = []
    report = shared / "report-pdf"
    pdf = next(iter(sorted(report.glob("*.pdf"))), None)
    for row in read_jsonl(report / "questions.jsonl") if pdf else []:
        if row.get("page") and row.get("relevant"):
            rows.append(Evidence(pdf, int(row["page"]), row["relevant"]))  # type: ignore[arg-type]
    filings = shared / "filings"
    for row in read_jsonl(filings / "questions.jsonl"):
        if row.get("page") and row.get("relevant"):
            rows.append(Evidence(filings / "src" / f"{row['report']}.pdf", int(row["page"]), row["relevant"]))
    return rows


def pages_to_read(count: int, labelled: Iterable[int], every_page: bool) -> list[int]:
    """Return the 1-based pages to read: all, or the labelled ones plus an even spread."""
    if every_page:
        return list(range(1, count + 1))
    step = max(1, count // SAMPLE_PAGES)
    return sorted({*range(1, count + 1, step), *(p for p in labelled if 1 <= p <= count)})


def holds_words(page_text: str, evidence: str) -> bool:
    """Return True when the page holds WORD_SHARE of the evidence's distinct words, in any order."""
    wanted = set(words(evidence))
    return bool(wanted) and len(wanted & set(words(page_text))) >= WORD_SHARE * len(wanted)


def measure(
    readers: dict[str, PageReader],
    evidence: list[Evidence],
    page_count: Callable[[Path], int],
    every_page: bool = False,
) -> dict[str, dict[str, object]]:
    """Read each document with every extractor in turn; return pages/s, recall and failures per extractor."""
    tallies = {name: Tally() for name in readers}
    by_file: dict[Path, list[Evidence]] = {}
    for row in evidence:
        by_file.setdefault(row.path, []).append(row)
    for path, rows in sorted(by_file.items()):
        pages = pages_to_read(page_count(path), (row.page for row in rows), every_page)
        for name, reader in readers.items():
            _read_one(tallies[name], reader, path, pages, rows)
    return {name: _summary(tally) for name, tally in tallies.items()}


def _read_one(tally: Tally, reader: PageReader, path: Path, pages: list[int], rows: list[Evidence]) -> None:
    """Time one extractor on one document's pages and score its labelled pages."""
    tally.labelled += len(rows)
    started, cpu = time.perf_counter(), time.process_time()
    try:
        texts = reader(path, pages)
    except Exception as exc:  # any library error is a failure to count, not a reason to stop
        tally.failures.append(f"{path.name}: {type(exc).__name__}: {exc}"[:160])
        return
    tally.seconds += time.perf_counter() - started
    tally.cpu_seconds += time.process_time() - cpu
    tally.pages += len(pages)
    for row in rows:
        text = texts.get(row.page, "")
        tally.found_words += holds_words(text, row.text)
        tally.found_in_order += contains_sentence(text, row.text)


def _summary(tally: Tally) -> dict[str, object]:
    labelled = max(tally.labelled, 1)
    return {
        "pages": tally.pages,
        "pages_per_s": round(tally.pages / tally.seconds, 1) if tally.seconds else 0.0,
        "pages_per_cpu_s": round(tally.pages / tally.cpu_seconds, 1) if tally.cpu_seconds else 0.0,
        "page_recall": round(tally.found_words / labelled, 3),
        "page_recall_in_order": round(tally.found_in_order / labelled, 3),
        "labelled": tally.labelled,
        "failures": tally.failures,
    }


def run_extractors(shared: Path, every_page: bool = False, only: Iterable[str] = ()) -> dict[str, Any]:
    """Measure the candidate extractors on the dev sets' labelled pages (all of them when only is empty)."""

    chosen = {name: reader for name, reader in READERS.items() if not only or name in set(only)}
    evidence = load_evidence(shared)
    return {
        "pages_read": "all" if every_page else f"labelled pages + {SAMPLE_PAGES} spread per document",
        "documents": len({row.path for row in evidence}),
        "results": measure(chosen, evidence, page_count, every_page),
    }
