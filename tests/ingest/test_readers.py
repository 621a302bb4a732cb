"""Document readers: one per format, all returning clean Blocks or raising UnreadableDocument."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from fixtures.make_docs import LOREM, encrypt_pdf, make_docx, make_pdf, relabel_pdf

from qa_service.errors import UnreadableDocument
from qa_service.ingest.readers import is_document, read_blocks
from qa_service.ingest.readers.pdf_paragraphs import paragraphs, vocabulary
from qa_service.ingest.readers.text import normalise
from qa_service.models import Block

PROSE = textwrap.wrap(LOREM, 70)  # hard-wrapped lines of one paragraph


def _texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("report.pdf", True),
        ("notes.TXT", True),
        ("page.htm", True),
        ("report.pdf.meta.json", False),
        ("data.csv", False),
        (".hidden.md", False),
    ],
)
def test_is_document(name, expected):
    assert is_document(Path(name)) is expected


def test_normalise_expands_ligatures_and_collapses_spaces_but_keeps_ellipsis():
    assert normalise("  e\ufb03cient   \ufb01eld\u00a0 work…\n") == "efficient field work…"


def test_txt_joins_hard_wrapped_lines_and_splits_single_line_paragraphs(tmp_path):
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text("\n".join(PROSE) + "\n\nSecond paragraph.\n")
    assert _texts(read_blocks(wrapped)) == [LOREM, "Second paragraph."]
    lines = tmp_path / "lines.txt"
    lines.write_text(f"{LOREM} Lorem.\nDuis aute irure dolor.\n")
    assert _texts(read_blocks(lines)) == [f"{LOREM} Lorem.", "Duis aute irure dolor."]


def test_txt_in_legacy_encoding_is_decoded(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Café Müller sold crème brûlée to the fictional committee.".encode("cp1252"))
    assert _texts(read_blocks(path)) == ["Café Müller sold crème brûlée to the fictional committee."]


def test_markdown_headings_front_matter_and_paragraphs(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text(
        "---\ntitle: Test\n---\n# Widget survey\n\nLorem ipsum\ndolor sit.\n\n## Method ##\n- one\n- two\n"
    )
    assert read_blocks(path) == [
        Block("Widget survey", heading_level=1),
        Block("Lorem ipsum dolor sit."),
        Block("Method", heading_level=2),
        Block("- one"),
        Block("- two"),
    ]


def test_html_main_content_without_navigation_or_cookie_banner(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/about'>About us</a></nav>"
        "<div class='banner'>This website uses cookies. Accept all cookies</div>"
        f"<main><article><h1>Widget survey</h1><p>{LOREM}</p><h2>Method</h2>"
        "<p>Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat.</p>"
        "<table><tr><td>Widgets</td><td>42</td></tr></table></article></main>"
        "<footer>Copyright 2031 Fictional Ltd. Back to top</footer></body></html>"
    )
    blocks = read_blocks(path)
    assert Block("Widget survey", heading_level=1) in blocks
    assert Block("Method", heading_level=2) in blocks
    assert Block(LOREM) in blocks
    assert Block("Widgets") in blocks
    assert not any("cookies" in text or "Copyright" in text or "Home" in text for text in _texts(blocks))


def test_html_falls_back_to_body_text(tmp_path):
    path = tmp_path / "tiny.html"
    path.write_text("<html><body><script>var x = 1;</script><div>Short fictional note</div></body></html>")
    assert _texts(read_blocks(path)) == ["Short fictional note"]


def test_docx_headings_paragraphs_and_table_cells(tmp_path):
    items = [("Title", "Widget review"), ("Heading 2", "Method"), ("Normal", LOREM), ("Normal", "  ")]
    path = make_docx(tmp_path / "doc.docx", items, table=[["Widgets", "42"], ["Gadgets", "7"]])
    assert read_blocks(path) == [
        Block("Widget review", heading_level=1),
        Block("Method", heading_level=2),
        Block(LOREM),
        *[Block(cell) for cell in ("Widgets", "42", "Gadgets", "7")],
    ]


def _rotated(n: int) -> str:
    """Return LOREM with its words rotated by n, so each page's prose differs."""
    words = LOREM.split()
    return " ".join(words[n:] + words[:n]).capitalize()


def test_pdf_pages_paragraphs_and_running_furniture(tmp_path):
    headings = ["Alpha widgets", "Beta gadgets", "Gamma gizmos", "Delta doohickeys", "Epsilon sprockets"]
    pages = [
        [heading, *textwrap.wrap(_rotated(3 * n), 70), "", f"Closing remark on {heading.lower()}."]
        for n, heading in enumerate(headings, start=1)
    ]
    header, footer = "Fictional Widget Review", "Chapter 1"
    blocks = read_blocks(make_pdf(tmp_path / "five.pdf", pages, header=header, footer=footer, numbered=True))
    assert [block.page for block in blocks] == [n for n in range(1, 6) for _ in range(3)]
    assert _texts(blocks)[:3] == ["Alpha widgets", _rotated(3), "Closing remark on alpha widgets."]
    assert not any(header in text or footer in text for text in _texts(blocks))
    assert all(block.page_label is None for block in blocks)


def test_pdf_custom_page_labels(tmp_path):
    pages = [[text] for text in ("Lorem.", "Ipsum dolor.", "Sit amet.", "Consectetur.", "Adipiscing elit.")]
    path = relabel_pdf(make_pdf(tmp_path / "labels.pdf", pages), roman_pages=2)
    assert [(b.page, b.page_label) for b in read_blocks(path)] == [
        (1, "i"),
        (2, "ii"),
        (3, "1"),
        (4, "2"),
        (5, "3"),
    ]


def test_pdf_line_end_hyphen_mends_split_words_and_keeps_compounds():
    known = {"widgets", "wellbeing", "long", "term", "non-profit"}
    lines = ["The fictional wid-", "gets were counted with well-", "being, long-", "term manage-"]
    lines += ["ment and non-", "profit staff."]
    assert paragraphs(lines, known) == [
        "The fictional widgets were counted with wellbeing, long-term management and non-profit staff."
    ]


def test_vocabulary_leaves_out_the_halves_of_split_words():
    lines = ["A long-term plan for manage-", "ment of the fictional well-being centre."]
    known = vocabulary(lines)
    assert {"long-term", "well-being", "long", "term", "plan"} <= known
    assert "manage" not in known and "ment" not in known


def test_encrypted_pdf_needs_a_password(tmp_path):
    path = encrypt_pdf(make_pdf(tmp_path / "locked.pdf", [["Lorem ipsum."]]), password="s3cret")
    with pytest.raises(UnreadableDocument, match=r"locked\.pdf: .*password"):
        read_blocks(path)


def test_pdf_with_empty_user_password_is_read(tmp_path):
    path = encrypt_pdf(make_pdf(tmp_path / "open.pdf", [["Lorem ipsum dolor."]]), password="")
    assert _texts(read_blocks(path)) == ["Lorem ipsum dolor."]


@pytest.mark.parametrize("name", ["broken.pdf", "broken.docx", "broken.html", "broken.md"])
def test_corrupt_binary_files_are_unreadable_or_empty(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(os.urandom(2048))
    if name.endswith((".pdf", ".docx")):
        with pytest.raises(UnreadableDocument, match=rf"^{name.replace('.', '[.]')}: not a valid"):
            read_blocks(path)
    else:  # text formats decode anything; garbage in, some text out, never a crash
        assert isinstance(read_blocks(path), list)


@pytest.mark.parametrize("name", ["empty.pdf", "empty.docx", "empty.txt", "empty.md", "empty.html"])
def test_zero_byte_file_is_unreadable(tmp_path, name):
    path = tmp_path / name
    path.touch()
    with pytest.raises(UnreadableDocument, match=rf"{name}: file is empty"):
        read_blocks(path)


def test_whitespace_only_text_file_has_no_blocks(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("\n  \n\n")
    assert read_blocks(path) == []


def test_pdf_without_text_layer_is_unreadable(tmp_path):
    path = make_pdf(tmp_path / "scan.pdf", [[], []])
    with pytest.raises(UnreadableDocument, match="no extractable text"):
        read_blocks(path)


@pytest.mark.parametrize("name", ["data.csv", "report.pdf.meta.json", "noext"])
def test_unsupported_files_are_named(tmp_path, name):
    path = tmp_path / name
    path.write_text("x")
    with pytest.raises(UnreadableDocument, match=rf"^{name.replace('.', '[.]')}: not a supported"):
        read_blocks(path)


def test_missing_file_is_unreadable(tmp_path):
    with pytest.raises(UnreadableDocument, match="gone.txt: cannot be read"):
        read_blocks(tmp_path / "gone.txt")


def test_pdf_capitals_headings_are_their_own_paragraphs():
    lines = [
        "A long fictional sentence that fills the whole line of",
        "text and ends here.",
        "OUR WIDGET",
        "PLAN",
    ]
    lines += ["Lorem ipsum dolor sit amet."]
    expected = [
        "A long fictional sentence that fills the whole line of text and ends here.",
        "OUR WIDGET PLAN",
    ]
    assert paragraphs(lines, set()) == [*expected, "Lorem ipsum dolor sit amet."]
