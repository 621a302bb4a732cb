"""Question-type cues and IDF-weighted overlap used to score answer sentences (pure)."""

import pytest

from qa_service.answering.cues import TermWeights, cue, defined_term, question_type, spelled_out
from qa_service.index.tokenizer import Tokenizer


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who wrote the report?", "who"),
        ("When did this start?", "when"),
        ("What year was it published?", "when"),
        ("How many councils were surveyed?", "how many"),
        ("What did the author say about the government?", "say"),
        ("Why did plans multiply?", "why"),
        ("Do councils want fewer partnerships?", None),
        ("Is my information shared? If yes, then who?", "who"),
        ("To whom is the report addressed?", "who"),
        ("Since when have plans multiplied?", "when"),
        ("Can you tell me who wrote it?", "who"),
        # a conjunction or relative pronoun inside the question does not set its type
        ("Is my IP address collected when I visit the website?", None),
        ("Do councils that work with partners who fund them report less?", None),
        ("Is the data stored where I live?", None),
        # a leading when-clause that is not itself a question sets the scene for the question after it
        ("When primarily referencing the balance sheet, what is the working capital ratio?", None),
        ("When I visit the website, who sees my data?", "who"),
        ("When did the plan start, and why?", "when"),
    ],
)
def test_question_type(question, kind):
    assert question_type(question) == kind


@pytest.mark.parametrize(
    ("kind", "sentence", "fits"),
    [
        ("who", "Jane Doe, a researcher and author of the report, said: 'Yes.'", 1.0),
        ("who", "The report makes a number of recommendations.", 0.0),
        ("when", "From 1997 the approach changed.", 1.0),
        ("when", "The approach changed.", 0.0),
        ("how many", "Case studies came from five councils.", 1.0),
        ("how many", "Case studies came from councils.", 0.0),
        ("say", "'However, the attempts had little impact.", 1.0),
        (None, "Anything at all.", 0.0),
    ],
)
def test_cue_recognises_the_shape_of_an_answer(kind, sentence, fits):
    assert cue(kind, sentence) == fits


def test_overlap_weighs_rare_words_more():
    weights = TermWeights.from_sentences([["report", "author"], ["report", "plan"], ["report", "council"]])
    assert weights.overlap(["report", "author"], ["author"]) > weights.overlap(
        ["report", "author"], ["report"]
    )
    assert weights.overlap(["report", "author"], ["report", "author"]) == pytest.approx(1.0)
    assert weights.overlap([], ["report"]) == 0.0
    assert weights.overlap(["france"], ["report"]) == 0.0


TOKENS = Tokenizer()  # the index's own search words: stemmed, stop words removed


@pytest.mark.parametrize(
    ("question", "term", "head"),
    [
        (
            "Does the company provide definitions for climate change adaptation?",
            "climate change adaptation",
            "adapt",
        ),
        ("What is the definition of adaptation to climate change?", "adaptation to climate change", "adapt"),
        (
            "How does the report define partnership burnout in local government?",
            "partnership burnout in local government",
            "burnout",
        ),
        ("What does 'place-based' mean in this report?", "place-based", "base"),
        ("What is meant by the term “total place”?", "total place", "place"),
        ("Is climate risk defined in the report?", "climate risk", "risk"),
        ("What does TCFD stand for?", "TCFD", "tcfd"),
        ("Define net zero", "net zero", "zero"),
        ("What is the Eastmoor Compact?", "Eastmoor Compact", "compact"),  # what a named thing is
        ("What is LGIU?", "LGIU", "lgiu"),
    ],
)
def test_a_definition_question_names_its_term_and_head(question, term, head):
    found = defined_term(question, TOKENS)
    assert found is not None
    assert (found.text, found.head) == (term, head)


@pytest.mark.parametrize(
    "question",
    [
        "What is the report called?",
        "What is the danger for joined up service delivery?",
        "What is the LGIU's view on partnerships?",
        "Who wrote the report?",
        "What did the councils do about plans?",
        "Define",
        # the question supplies the definition; it does not ask for one
        "What is the FY2021 inventory turnover? Inventory turnover is defined as: COGS / inventory.",
        "What is the FY2021 working capital? Define working capital as assets less liabilities.",
        "The report uses the term total place. Define it.",
        "What is Tarn Freight's FY2024 operating margin, defined as operating income divided by revenues?",
    ],
)
def test_other_questions_ask_no_definition(question):
    assert defined_term(question, TOKENS) is None


def test_a_sentence_names_a_term_by_its_head_and_most_of_its_words():
    term = defined_term("What is the definition of climate change adaptation?", TOKENS)
    assert term is not None
    assert term.named_in(TOKENS("Climate change adaptation means adjusting to expected floods."))
    assert term.named_in(TOKENS("Adaptation to a changing climate covers floods."))  # head + half the words
    assert not term.named_in(TOKENS("We provide climate change disclosures."))  # the head is missing
    assert not term.named_in(TOKENS("We adapt our governance to business needs."))  # the head alone


@pytest.mark.parametrize(
    ("abbreviation", "sentence", "spelled"),
    [
        ("LGIU", "A new report launched by the Local Government Information Unit (LGIU).", True),
        ("LGIU", "LGIU (Local Government Information Unit) said so.", True),
        (
            "TCFD",
            "The Task Force for Climate-related Financial Disclosures (TCFD) provides a framework.",
            True,
        ),
        ("DPO", "Days payable outstanding (DPO) fell.", True),
        ("LGIU", "Councils (LGIU) met.", False),  # one word cannot spell four letters
        ("LGIU", "The LGIU said that (LGIU) was right.", False),  # the long form may not hold it
        ("TCFD", "We align with TCFD's four elements.", False),  # named, not spelled out
        ("adaptation", "Adaptation (adjusting to change) matters.", False),  # not an abbreviation
    ],
)
def test_spelled_out_finds_an_abbreviation_s_long_form_in_brackets(abbreviation, sentence, spelled):
    assert spelled_out(abbreviation, sentence) is spelled


def test_a_term_asked_in_capitals_or_with_a_number_must_appear_as_asked():
    well = defined_term("What does WELL mean?", TOKENS)
    assert well is not None
    assert well.named_in(TOKENS("What is WELL Health & Safety?"), "What is WELL Health & Safety?")
    assert not well.named_in(TOKENS("It works well."), "It works well.")  # the adverb is not the name
    scope = defined_term("What is the definition of Scope 3 emissions?", TOKENS)
    assert scope is not None and scope.numbers == {"3"}
    assert scope.named_in(
        TOKENS("SCOPE 3: Emissions that are indirect."), "SCOPE 3: Emissions that are indirect."
    )
    assert not scope.named_in(
        TOKENS("SCOPE 1: Emissions that are direct."), "SCOPE 1: Emissions that are direct."
    )


@pytest.mark.parametrize(
    ("question", "sentence", "stated"),
    [
        ("What is the definition of Scope 3 emissions?", "SCOPE 3: Emissions that are indirect.", True),
        ("What is meant by place shaping?", "Place shaping means the council's strategic role.", True),
        ("How is a lead council defined?", "• Lead council | the council that chairs the board.", True),
        ("What is the Eastmoor Compact?", "The Eastmoor Compact is an agreement of every body.", True),
        ("What is the definition of Scope 3 emissions?", "Scope 3 emissions aren't included above.", False),
        ("What is meant by place shaping?", "The council leads place shaping in the county.", False),
    ],
)
def test_a_sentence_reads_as_a_definition_when_it_opens_with_the_term_and_says_what_it_is(
    question, sentence, stated
):
    term = defined_term(question, TOKENS)
    assert term is not None
    assert term.stated_in(sentence) is stated
