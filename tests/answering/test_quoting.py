"""Quote rules: whole statements, lists with their items, the best passage first, nothing twice."""

import pytest

from qa_service.answering import compose
from qa_service.answering.compose import Candidate, Policy, cite, line_items, named_label, select
from qa_service.answering.composing import quoting
from qa_service.index.tokenizer import Tokenizer
from qa_service.models import TableSpan
from tests.factories import make_passage


def passage(pid, text, document="d", tables=()):
    return make_passage(pid, text, document=document, tables=tables, split=True)


def sentence(p, n, score, rank=0):
    start, end = p.sentences[n]
    return Candidate(p, start, end, score, rank=rank)


ITEMS = "Initiatives include:\n• Monitoring energy use.\n• LED retrofits."
LIST = passage("l", "Our energy work is ongoing. " + ITEMS)
CUT = passage("c", "Our water work continues. Initiatives include:")
PROSE = passage("p", "Emissions fell by 12% in 2022. The fall came from heat pumps. Targets are set yearly.")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("CT REIT's approach to energy consumption and", True),
        ("carbon emissions performance.", True),
        ("Revenue grew in 2021,", True),
        ("Emissions fell by 12% in 2022.", False),
        ("• Monitoring energy use.", False),
        ("Net cash provided by operating activities | 6,439 | 6,240", False),
    ],
)
def test_a_fragment_is_recognised(text, fragment):
    assert quoting.is_fragment(text) is fragment


def test_a_list_opening_comes_with_its_items():
    whole = quoting.with_items(sentence(LIST, 1, 0.9))
    assert whole is not None and whole.quote == ITEMS


def test_a_list_opening_without_its_items_is_not_quoted():
    assert quoting.with_items(sentence(CUT, 1, 0.9)) is None
    chosen = select([sentence(CUT, 1, 0.9), sentence(CUT, 0, 0.85)])
    assert [c.quote for c in chosen] == ["Our water work continues."]


def test_an_item_already_inside_a_quoted_list_is_not_quoted_again():
    chosen = select([sentence(LIST, 1, 0.9), sentence(LIST, 2, 0.88)])
    assert [c.quote for c in chosen] == [ITEMS]


def test_fragments_are_never_quoted():
    bit = passage("b", "Our approach to energy and\n\nEmissions fell in 2022.")
    chosen = select([sentence(bit, 0, 0.95), sentence(bit, 1, 0.7)])
    assert [c.quote for c in chosen] == ["Emissions fell in 2022."]


def test_the_best_passage_comes_first_its_best_sentence_then_reading_order():
    other = passage("o", "Heat pumps replaced gas boilers at four sites.")
    chosen = [sentence(other, 0, 0.86), sentence(PROSE, 2, 0.9), sentence(PROSE, 0, 0.85)]
    chosen.append(sentence(PROSE, 1, 0.84))
    arranged = quoting.arrange(chosen)
    assert [c.quote for c in arranged] == [
        "Targets are set yearly.",
        "Emissions fell by 12% in 2022.",
        "The fall came from heat pumps.",
        "Heat pumps replaced gas boilers at four sites.",
    ]


def test_a_repeated_quote_appears_once():
    twin = passage("t", PROSE.text)
    arranged = quoting.arrange([sentence(PROSE, 0, 0.9), sentence(twin, 0, 0.8)])
    assert [c.quote for c in arranged] == ["Emissions fell by 12% in 2022."]


def test_one_text_in_two_passages_is_cited_under_one_number():
    twin = passage("t", PROSE.text)
    text, citations = cite([sentence(PROSE, 0, 0.9), sentence(twin, 1, 0.8)])
    assert [c.n for c in citations] == [1, 1]
    assert {c.passage.id for c in citations} == {"p"}
    assert text == "“Emissions fell by 12% in 2022.” [1] “The fall came from heat pumps.” [1]"


def test_each_top_passage_near_the_best_is_quoted_in_retrieval_order():
    top = passage("a", "Emissions fell by 12% in 2022 after heat pumps were fitted.")
    generic = passage("b", "Emissions matter.")
    weak = passage("c", "The depot car park was resurfaced.")
    chosen = select([sentence(top, 0, 0.80, 0), sentence(generic, 0, 0.85, 1), sentence(weak, 0, 0.5, 2)])
    # the short sentence of a lower passage scores higher, but does not crowd out the top passage
    assert [c.quote for c in chosen] == [top.text, generic.text]


def test_one_sentence_per_passage_first_then_the_rest_up_to_the_limit():
    many = [passage(str(i), f"Fact number {i} about emissions. More detail on fact {i}.") for i in range(6)]
    chosen = select([sentence(p, n, 0.9 - 0.01 * n, rank) for rank, p in enumerate(many) for n in (0, 1)])
    assert [c.passage.id for c in chosen] == ["0", "1", "2", "3"]  # four passages, each its best sentence
    assert all(c.quote.startswith("Fact number") for c in chosen)


def test_a_question_naming_a_document_quotes_only_its_passages():
    named = passage("n", "Testshire set up three boards.", document="testshire")
    other = passage("o", "Otterbury set up four boards.", document="otterbury")
    candidates = [sentence(other, 0, 0.9, 0), sentence(named, 0, 0.85, 1)]
    assert [c.quote for c in select(candidates, named=("testshire",))] == [named.text]
    assert len(select(candidates, named=("elsewhere",))) == 2  # no passage of it: every document counts


HEADER = ("(In thousands)", "2023", "2022")
STATEMENT = "(In thousands) | 2023 | 2022\nMooring dues | 1,204 | 1,118"


@pytest.mark.parametrize(
    ("text", "header", "row", "is_header"),
    [
        (STATEMENT, (HEADER,), 0, True),  # the table's own header row
        (STATEMENT, (HEADER,), 1, False),  # a data row
        ("At December 31, 2019 | At December 31, 2018\nGoodwill | 10,806 | 10,604", (), 0, True),  # periods
        ("Harbour | Pilotage | Total", (), 0, True),  # a table's only row, labels and no amounts
        ("Sponsorship of events | x | x\nSurveys | x | x", (), 0, False),  # marks in a body row
    ],
)
def test_a_column_header_row_is_never_quoted(text, header, row, is_header):
    table = passage("t", text, tables=(TableSpan(0, len(text), "STATEMENT OF DUES", header),))
    candidate = sentence(table, row, 0.9)
    assert quoting.header_row(candidate) is is_header
    assert (select([candidate]) == []) is is_header


AUDIT = passage("a", "We have audited the consolidated balance sheets of the Company.")
BALANCE = (
    "At December 31, 2019 | At December 31, 2018\nTotal assets | 19,845 | 17,890\nGoodwill | 9,764 | 9,762"
)
BALANCE_TABLE = passage("b", BALANCE, tables=(TableSpan(0, len(BALANCE), "CONSOLIDATED BALANCE SHEETS"),))


@pytest.mark.parametrize(
    ("header_score", "row_score", "quoted"),
    [
        (0.43, 0.32, True),  # the header row is near the best: its table speaks through its best data row
        (0.30, 0.32, False),  # nothing of the table is near the best
        (0.43, 0.20, False),  # its best data row is more than twice the margin below the best
    ],
)
def test_a_table_whose_header_row_is_near_the_best_is_quoted_by_its_best_data_row(
    header_score, row_score, quoted
):
    candidates = [
        sentence(AUDIT, 0, 0.45, rank=0),
        sentence(BALANCE_TABLE, 0, header_score, rank=1),
        sentence(BALANCE_TABLE, 1, row_score, rank=1),
        sentence(BALANCE_TABLE, 2, row_score - 0.01, rank=1),
    ]
    quotes = [c.quote for c in select(candidates)]
    assert quotes == [AUDIT.text, "Total assets | 19,845 | 17,890"] if quoted else [AUDIT.text]


def test_a_passage_opening_mid_sentence_is_quoted_by_its_best_whole_sentence():
    cut = passage(
        "c",
        "based upon current information, that the outcome will not be material. "
        "Where a loss is likely, we accrue it.",
    )
    candidates = [
        sentence(PROSE, 0, 0.36, rank=0),
        sentence(cut, 0, 0.30, rank=1),  # the fragment is near the best but cannot be quoted
        sentence(cut, 1, 0.20, rank=1),
    ]
    assert [c.quote for c in select(candidates)] == [
        PROSE.text.split(" The")[0],
        "Where a loss is likely, we accrue it.",
    ]


def test_a_heading_near_the_best_does_not_bring_in_its_passage():
    titled = passage("t", "Climate Change\nIn 2021 we assessed which topics matter most.")
    candidates = [
        sentence(PROSE, 0, 0.41, rank=0),
        Candidate(
            titled, 0, 14, 0.35, rank=1
        ),  # a heading names a topic; it vouches for no sentence under it
        Candidate(titled, 15, len(titled.text), 0.28, rank=1),
    ]
    assert [c.passage.id for c in select(candidates)] == ["p"]


AXIS = "80 | 80\n70 | 70\n60 | 60"
FIGURES = "2,204 | 1,980\n1,118 | 1,042"


@pytest.mark.parametrize(
    ("text", "header", "row", "is_wordless"),
    [
        (AXIS, (), 2, True),  # a chart's axis read as a table: figures with no word to say what they are
        (FIGURES, (("Mooring dues", "Pilotage"),), 0, False),  # figures under a worded header row
        (FIGURES, (("2023", "2022"),), 0, True),  # a header of periods says when, not what
        ("Mooring dues | 1,204 | 1,118", (), 0, False),  # the row names what it counts
    ],
)
def test_figures_without_a_word_to_say_what_they_count_are_never_quoted(text, header, row, is_wordless):
    table = passage("t", text, tables=(TableSpan(0, len(text), "(Thousands m3)", header),))
    candidate = sentence(table, row, 0.9)
    assert quoting.wordless(candidate) is is_wordless
    assert (select([candidate]) == []) is is_wordless


@pytest.mark.parametrize(("text", "is_wordless"), [("8.7", True), ("(Thousands m3) (Thousands m3)", True)])
def test_a_data_label_or_a_unit_alone_is_never_quoted(text, is_wordless):
    candidate = sentence(passage("n", text), 0, 0.9)
    assert quoting.wordless(candidate) is is_wordless
    assert select([candidate, sentence(PROSE, 0, 0.5)]) == [sentence(PROSE, 0, 0.5)]


DUES = (
    "(In thousands) | 2023 | 2022\n"
    "Mooring dues refunded to members of the board | 96 | 88\n"
    "Mooring dues | 1,204 | 1,118\n"
    "Total harbour dues | 1,592 | 1,520"
)
DUES_TABLE = passage("s", DUES, tables=(TableSpan(0, len(DUES), "STATEMENT OF HARBOUR DUES", (HEADER,)),))
WORDS = Tokenizer()


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        # the row whose label the question names whole, not the longer row sharing its words
        ("What were the mooring dues of the board in 2023?", ["Mooring dues | 1,204 | 1,118"]),
        ("How much were the total harbour dues?", ["Total harbour dues | 1,592 | 1,520"]),
        ("What were the harbour dues in 2023?", []),  # "Total harbour dues" names more than was asked
        ("Why were mooring dues refunded to members of the board?", []),  # asks no figure
    ],
)
def test_a_row_whose_label_the_question_names_is_a_line_item(question, rows):
    candidates = [sentence(DUES_TABLE, n, 0.5) for n in range(1, 4)]
    assert [c.quote for c in line_items(question, candidates, WORDS)] == rows


def test_the_line_item_asked_is_quoted_on_top_of_the_best_sentences():
    refunded, dues = sentence(DUES_TABLE, 1, 0.8), sentence(DUES_TABLE, 2, 0.5)
    prose = [sentence(PROSE, n, 0.75, rank=1) for n in range(3)]
    items = line_items("What were the mooring dues in 2023?", [refunded, dues], WORDS)
    chosen = select([refunded, dues, *prose], Policy(max_sentences=2), items=items)
    assert chosen[0] == dues and len(chosen) == 3  # the row asked, then the two best
    assert select([refunded, dues, *prose], Policy(max_sentences=2)) == [refunded, prose[0]]


@pytest.mark.parametrize(
    ("row", "size"),
    [
        ("Mooring dues | 1,204 | 1,118", 2),
        ("Mooring dues (1) | 1,204 | 1,118", 2),  # a note mark is not part of the label
        ("Mooring dues refunded to members of the board | 96 | 88", 0),  # names more than was asked
        ("Harbour Board | 96 | 88", 0),  # only the documents' own subject
        ("Scope 1 | 420.3 | 517.5", 0),  # its number is not the one asked
        ("Mooring dues | n/a | n/a", 0),  # states no figure
        ("Mooring dues rose in 2023.", 0),  # not a row
    ],
)
def test_a_row_label_is_a_line_item_when_the_question_names_all_of_it(row, size):
    asked = compose.search_words(
        "What were the Harbour Board's mooring dues and Scope 3 emissions in 2023?", WORDS
    )
    assert named_label(asked, row, WORDS, subject=WORDS("Harbour Board")) == size


def test_two_passages_of_one_page_are_quoted_as_one_page():
    first = make_passage("p1", "Emissions fell by 12% in 2022.", page=4, split=True)
    second = make_passage("p2", "Scope 3 data comes from tenants.", page=4, split=True)
    other = make_passage("p3", "Water use rose in 2022.", page=9, split=True)
    ranked = [
        sentence(second, 0, 0.9, rank=1),
        sentence(first, 0, 0.8, rank=0),
        sentence(other, 0, 0.7, rank=2),
    ]
    leads = quoting.passage_leads(ranked, 2)
    assert [c.passage.id for c in leads] == ["p2", "p3"]  # page 4 by its best sentence, then page 9
