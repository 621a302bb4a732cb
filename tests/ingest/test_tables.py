"""Table shapes (header rows, captions), their place in passages, one sentence per row (fictional data)."""

import pytest

from qa_service.ingest.chunking import split_passages
from qa_service.ingest.tables.shape import cells, header_like, header_rows, table_shapes
from qa_service.ingest.tables.spans import scoring_text, table_at
from qa_service.models import Block, DocumentMeta

META = DocumentMeta("accounts", "Fictional Accounts", "report", "accounts.pdf", "x")
STATEMENT = [
    Block("FICTIONAL BOARD", 0, page=4),
    Block("STATEMENT OF DUES", 2, page=4),
    Block("YEAR ENDED MARCH 31,", 3, page=4),
    Block(
        "(In thousands) | 2023 | 2022\nMooring dues | $ | 1,204 $ | 1,118\nPilotage fees | 388 | 402",
        page=4,
        table=True,
    ),
    Block("Per member:", 0, page=4),
    Block("Basic | $ | 3.10 $ | 2.90", page=4, table=True),
]


def words(text: str) -> int:
    return len(text.split())


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("Mooring dues | $ | 1,204 $ | 1,118", ("Mooring dues", "$1,204", "$1,118")),
        ("Total | 5 | -13 % $ | 3,753", ("Total", "5", "-13 %", "$3,753")),
        ("(In thousands) | 2023 | 2022", ("(In thousands)", "2023", "2022")),
    ],
)
def test_cells_join_a_currency_sign_to_its_amount(row, expected):
    assert cells(row) == expected


def test_header_rows_hold_years_and_words_not_amounts():
    assert header_like(("(In thousands)", "FISCAL 2023", "% CHANGE"))
    assert not header_like(("Mooring dues", "1,204", "1,118"))
    assert header_rows([("", "2023", "2022"), ("Dues", "5", "6")]) == 1
    assert header_rows([("Name", "Role"), ("Chair", "Board")]) == 0  # no data row: not a header


def test_shapes_take_the_headings_above_as_caption_and_continue_after_a_label_line():
    shapes = table_shapes(STATEMENT)
    first, second = shapes[3], shapes[5]
    assert first.caption == "STATEMENT OF DUES — YEAR ENDED MARCH 31,"
    assert first.header == (("(In thousands)", "2023", "2022"),)
    assert second.header == first.header  # "Basic" continues the statement under its label
    assert second.caption == "STATEMENT OF DUES — YEAR ENDED MARCH 31, — Per member:"


def test_a_table_on_another_page_does_not_inherit_a_header():
    blocks = [*STATEMENT[:4], Block("Basic | 3.10 | 2.90", page=5, table=True)]
    assert table_shapes(blocks)[4].header == ()


def test_passages_carry_their_tables_and_a_row_is_one_sentence():
    _, passages = split_passages(META, STATEMENT, words)
    (passage,) = passages
    rows = [passage.text[s:e] for s, e in passage.sentences if " | " in passage.text[s:e]]
    assert rows[1] == "Mooring dues | $ | 1,204 $ | 1,118" and len(rows) == 4
    start = passage.text.index("Mooring")
    table = table_at(passage, start, start + 10)
    assert table is not None and table.header == (("(In thousands)", "2023", "2022"),)
    assert passage.text[table.start : table.end].startswith("(In thousands)")
    judged = scoring_text(passage, start, passage.text.index("\n", start))
    assert judged.startswith("STATEMENT OF DUES") and "2023" in judged and judged.endswith("1,118")
    assert scoring_text(passage, 0, 15) == passage.text[:15]  # prose is judged as it stands


def test_tables_survive_the_index_round_trip(tmp_path):
    import numpy as np

    from qa_service.index import store
    from qa_service.index.keyword import LexicalIndex

    _, passages = split_passages(META, STATEMENT, words)
    manifest = {"format": store.FORMAT, "version": "v1", "count": 1, "model": {"dimension": 4}}
    lexical = LexicalIndex.build([p.text for p in passages])
    store.write_version(tmp_path, "v1", manifest, passages, np.eye(1, 4, dtype=np.float32), lexical)
    store.publish(tmp_path, "v1")
    assert store.load_index(tmp_path).passages == tuple(passages)


def test_passages_are_cut_as_before_rows_only_split_sentences():
    from qa_service.ingest.sentences import split_sentences

    text = "Dues rose.\nA | 1 | 2\nB | 3 | 4"
    assert len(split_sentences(text)) == 3 and len(split_sentences(text, rows=False)) < 3
