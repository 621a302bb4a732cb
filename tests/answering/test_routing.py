"""Document routing: which documents a question names, weighted by how well a word tells them apart."""

import pytest

from qa_service.answering.routing import Router, common_words
from qa_service.models import DocumentMeta

RECORDS = [
    {"id": "acme-2019", "title": "ACME 2019 10K", "path": "ACME_2019_10K.pdf"},
    {"id": "acme-2021", "title": "ACME 2021 10K", "path": "ACME_2021_10K.pdf"},
    {"id": "northwind-2021", "title": "NORTHWINDTRADERS 2021 10K", "path": "NORTHWINDTRADERS_2021_10K.pdf"},
    {
        "id": "testshire",
        "title": "Health partnerships",
        "path": "cs1.txt",
        "council": "Testshire County Council",
    },
    {
        "id": "report",
        "title": "Rationalising partnerships report",
        "path": "report.pdf",
        "date": "2024-03-01",
    },
]
DOCUMENTS = [DocumentMeta(kind="report", checksum="x", **record) for record in RECORDS]


@pytest.fixture(scope="module")
def router():
    return Router(DOCUMENTS)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What was ACME's FY2021 revenue?", ("acme-2021",)),
        ("What was the FY2019 capital expenditure for Acme?", ("acme-2019",)),
        ("What did Testshire do about health partnerships?", ("testshire",)),
        ("Northwind Traders: total current assets in 2021?", ("northwind-2021",)),  # written apart
        ("Compare ACME's FY2019 and FY2021 margins", ("acme-2021",)),  # the latest year carries the earlier
    ],
)
def test_named_documents(router, question, expected):
    assert router.route(question).ids == expected


def test_a_company_without_a_year_names_all_its_documents(router):
    assert set(router.route("Is ACME's business cyclical?").ids) == {"acme-2019", "acme-2021"}


def test_the_route_carries_titles_for_the_response(router):
    assert router.route("What did Testshire do?").titles == ("Health partnerships",)


@pytest.mark.parametrize(
    "question",
    [
        "What are the main findings?",  # names nothing
        "What happened in 2021?",  # a year alone does not name a document
        "What is in the 10K?",  # a word on every filing tells none apart
        "Which recommendations were accepted and which were dropped?",  # stop words and body words only
    ],
)
def test_questions_naming_no_document_are_not_routed(router, question):
    assert not router.route(question)


def test_a_single_document_index_never_routes():
    assert not Router(DOCUMENTS[:1]).route("What was ACME's FY2019 revenue?")


def test_a_question_naming_every_document_is_not_routed():
    both = Router(DOCUMENTS[:2])
    assert not both.route("How did ACME change between 2019 and 2021?") or len(both.route("ACME").ids) < 2


# Two documents: the council's title holds words ("climate", "plan", "report") that the company's own
# prose uses in lower case, so with two documents they weigh as much as the company's name.
TWO = [
    DocumentMeta("northwind", "Northwind Traders 2023 annual filing", "filing", "northwind.txt", "x"),
    DocumentMeta(
        "eastmoor", "Climate action plan progress report", "report", "plan.txt", "y", council="Eastmoor"
    ),
]
PROSE = [
    "Revenue at Northwind Traders rose in 2023. Our climate plan commits Northwind to cut emissions.",
    "This report says the plan replaced diesel vans. The council adopted its climate plan in 2022.",
    "The council will publish a report on the plan every year.",
]


@pytest.mark.parametrize(
    "question",
    [
        "What does Northwind's climate plan say?",  # two of the other title's words against one name
        "What does the Northwind report say about revenue?",
        "How will Northwind Traders report progress on its plan?",
    ],
)
def test_a_common_word_from_the_other_title_never_cancels_a_name(question):
    assert Router(TWO, PROSE).route(question).ids == ("northwind",)


def test_without_prose_a_common_word_cancels_the_name():  # what the prose fixes: routed to neither
    assert not Router(TWO).route("What does Northwind's climate plan say?")


def test_common_words_still_route_when_no_name_is_given():
    route = Router(TWO, PROSE).route("What does the climate action plan say about schools?")
    assert route.ids == ("eastmoor",)


def test_the_prose_decides_which_title_words_are_common():
    assert Router(TWO, PROSE).common == {"climate", "plan", "report"}


def test_a_name_written_capitalised_mid_sentence_is_not_common():
    prose = ["sales of Northwind rose", "the plan of Northwind", "A Plan. Plan Northwind"]
    assert common_words(prose, {"northwind", "plan"}) == {"plan"}  # headings and sentence starts do not count
