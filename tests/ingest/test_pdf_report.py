"""The PDF reader on a real 34-page report: labelled sentences land on their page, furniture is gone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from qa_service.ingest.readers import read_blocks
from qa_service.ingest.readers.text import normalise
from qa_service.models import Block

REPORT_DIR = Path("/work/shared/eval/report-pdf")
REPORT = REPORT_DIR / "CT REIT 2022 ESG Report.pdf"
QUESTIONS = REPORT_DIR / "questions.jsonl"
HEADER = "Overview EnvironmentalCT REIT 2022 Environmental, Social and Governance Report"
PAGES = 34

pytestmark = pytest.mark.skipif(not REPORT.exists(), reason=f"real report PDF not present at {REPORT}")


@pytest.fixture(scope="module")
def blocks() -> list[Block]:
    return read_blocks(REPORT)


@pytest.fixture(scope="module")
def labelled() -> list[dict]:
    rows = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line.strip()]
    return [row for row in rows if row.get("relevant") and row.get("page")]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", normalise(text).lower())


def _located(sentence: str, page_text: str) -> bool:
    """Return True when the sentence is in the page text, ignoring spacing, or 80% of its words in order."""
    squash = re.compile(r"\s+")
    if squash.sub("", normalise(sentence)) in squash.sub("", page_text):
        return True
    words, found, cursor = _words(sentence), 0, 0
    page_words = _words(page_text)
    for word in words:
        if word in page_words[cursor:]:
            cursor = page_words.index(word, cursor) + 1
            found += 1
    return found >= 0.8 * len(words)


def _page_text(blocks: list[Block], page: int) -> str:
    return " ".join(block.text for block in blocks if block.page == page)


def test_every_block_has_a_physical_page_and_no_default_label(blocks):
    assert blocks
    assert {block.page for block in blocks} == set(range(1, PAGES + 1))
    assert all(block.page_label is None for block in blocks)  # this PDF defines only default labels


def test_labelled_sentences_are_found_on_their_page(blocks, labelled):
    located = [row for row in labelled if _located(row["relevant"], _page_text(blocks, row["page"]))]
    misplaced = [row for row in labelled if _located(row["relevant"], " ".join(b.text for b in blocks))]
    print(
        f"\n{REPORT.name}: {len({b.page for b in blocks})} pages, {len(blocks)} blocks, "
        f"{len(located)}/{len(labelled)} labelled sentences located on their labelled page"
    )
    assert len(labelled) >= 10
    assert len(misplaced) == len(labelled)  # each is somewhere in the document
    assert [row["relevant"] for row in labelled if row not in located] == []


def test_running_header_is_removed(blocks):
    assert [block for block in blocks if HEADER.lower() in block.text.lower()] == []


def test_page_number_lines_are_removed(blocks):
    leaked = [block for block in blocks if re.match(rf"{block.page}\b", block.text)]
    assert leaked == []


def test_wrapped_lines_are_rejoined_into_paragraphs(blocks):
    page_nine = [block.text for block in blocks if block.page == 9]
    assert any(
        text.startswith("As a pillar in the communities") and "environmental impact." in text
        for text in page_nine
    )


def test_table_rows_keep_their_cells(blocks):
    table = next(b.text for b in blocks if b.page == 26 and b.text.startswith("ENGAGEMENT TYPE"))
    rows = table.split("\n")
    assert "Sponsorship of industry events | x | x | x" in rows
    assert len(rows) >= 15 and all(" | " in row for row in rows)


def test_three_columns_on_a_landscape_page_read_one_after_another(blocks):
    page_ten = [b.text for b in blocks if b.page == 10 and not b.heading_level]
    first, second = (
        next(i for i, text in enumerate(page_ten) if text.startswith(start))
        for start in ("CT REIT is committed to limiting", "By understanding the business risks")
    )
    assert page_ten[first].endswith("energy and water.") and second == first + 1
    third = [t for t in page_ten if t.startswith("The vast majority of CT REIT")]
    assert len(third) == 1 and third[0].endswith("overall operations at our properties.")


def test_short_first_column_is_not_interleaved_with_the_next(blocks):
    page_six = [b.text for b in blocks if b.page == 6 and not b.heading_level]
    assert page_six[0].startswith("This report contains information") and page_six[0].endswith("and country.")
    assert page_six[1].startswith("Our 2022 ESG Report is focused on the activities and outcomes of CT REIT")


def test_headings_become_sections(blocks):
    headings = {(b.page, b.text) for b in blocks if b.heading_level}
    assert (26, "STAKEHOLDER ENGAGEMENT") in headings and (10, "Climate Change") in headings
