import pytest

from qa_service.answering.quotes.diff import WordSpan, elided, flags_of, opcodes, operations, trimmed


@pytest.mark.parametrize(
    ("words", "flags"),
    [
        (["five"], ("number",)),
        (["2021"], ("number",)),
        (["45%"], ("number",)),
        (["not"], ("negation",)),
        (["isn't"], ("negation",)),
        (["never", "12"], ("number", "negation")),
        (["quickly"], ()),
    ],
)
def test_flags_name_the_changes_that_alter_meaning(words, flags):
    assert flags_of(words) == flags


def diff(source: str, quote: str):
    words = source.split()
    spans, at = [], 0
    for word in words:
        at = source.index(word, at)
        spans.append((at, at + len(word)))
        at += len(word)
    codes = trimmed(opcodes(words, quote.split()))
    return operations(codes, WordSpan(tuple(words), tuple(spans)), source, quote.split())


def test_a_changed_number_is_one_flagged_replace():
    ops = diff("the report covers five councils", "the report covers six councils")
    assert [(o.op, o.source, o.quote, o.flags) for o in ops] == [
        ("equal", "the report covers", "the report covers", ()),
        ("replace", "five", "six", ("number",)),
        ("equal", "councils", "councils", ()),
    ]


def test_an_added_not_is_a_flagged_insert_and_edges_are_trimmed():
    ops = diff("before it the plans were merged after it", "the plans were not merged")
    assert [o.op for o in ops] == ["equal", "insert", "equal"]
    assert ops[1].quote == "not" and ops[1].flags == ("negation",)


@pytest.mark.parametrize(
    ("source", "quote", "changed"),
    [
        (
            "Net income | $ | 5,727 $ | 4,029 Adjustments to reconcile net",
            "Net income | $ | 5,727 $ | 4,020",
            ("4,029", "4,020"),
        ),
        (
            "feelings of belonging. 3. Overseeing the support of causes.",
            "4. Overseeing the support of causes.",
            ("3.", "4."),
        ),
    ],
)
def test_a_changed_edge_word_replaces_only_its_own_source_word(source, quote, changed):
    ops = diff(source, quote)
    assert [(o.source, o.quote, o.flags) for o in ops if o.op != "equal"] == [(*changed, ("number",))]
    assert " ".join(o.source for o in ops) == quote.replace(changed[1], changed[0])


def test_dropped_words_are_a_delete_with_the_source_words():
    ops = diff("boards meet every single quarter of the year", "boards meet every quarter of the year")
    assert [(o.op, o.source) for o in ops if o.op != "equal"] == [("delete", "single")]


def test_elided_text_is_a_delete_flagged_elided():
    assert elided("with 3 changes").flags == ("elided", "number")
