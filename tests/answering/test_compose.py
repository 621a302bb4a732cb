import pytest

from qa_service.answering import compose
from qa_service.answering.compose import Candidate, Policy, cite, normalise_space, select, verify_quote
from tests.factories import make_passage


def passage(pid, text):
    return make_passage(pid, text)


P1 = passage("p1", "Councils share services.  They also\nshare plans.")
P2 = passage("p2", "The government sets targets. Nobody likes targets.")


def test_verify_quote_allows_only_whitespace_differences():
    assert verify_quote("They also share plans.", P1)
    assert not verify_quote("They also shared plans.", P1)
    assert not verify_quote("", P1)


def test_cite_numbers_by_first_use_and_reuses_numbers():
    chosen = [Candidate(P2, 0, 28, 0.9), Candidate(P1, 0, 24, 0.8), Candidate(P2, 29, 51, 0.7)]
    text, citations = cite(chosen)
    assert [c.n for c in citations] == [1, 2, 1]
    assert (
        text
        == "“The government sets targets.” [1] “Councils share services.” [2] “Nobody likes targets.” [1]"
    )


class Forged(Candidate):
    """A candidate whose quote was altered after selection (what verification exists to catch)."""

    @property
    def quote(self):
        return "Councils never share services."


def test_cite_drops_a_span_that_is_not_in_its_passage():
    text, citations = cite([Forged(P1, 0, 24, 0.95), Candidate(P1, 0, 24, 0.9)])
    assert [c.quote for c in citations] == ["Councils share services."]
    assert "never" not in text
    assert [c.n for c in citations] == [1]
    for citation in citations:
        assert normalise_space(citation.quote) in normalise_space(citation.passage.text)


def test_select_keeps_near_best_and_drops_duplicates():
    candidates = [
        Candidate(P1, 0, 24, 0.9),
        Candidate(P1, 0, 24, 0.89),
        Candidate(P2, 0, 28, 0.85),
        Candidate(P2, 29, 51, 0.5),
    ]
    chosen = select(candidates, Policy(max_sentences=3, margin=0.1, min_sentence_score=0.2))
    assert [(c.passage.id, c.start) for c in chosen] == [("p1", 0), ("p2", 0)]


def test_select_returns_nothing_below_the_floor():
    assert select([Candidate(P1, 0, 24, 0.1)], Policy(min_sentence_score=0.3)) == []


def test_a_declined_definition_names_the_term_no_passage_named():
    assert compose.not_covered() == compose.NOT_COVERED
    text = compose.not_covered("climate change adaptation")
    assert text.startswith("The documents do not appear to define “climate change adaptation”")
    assert text.endswith("nearest material, not an answer.")


def test_a_definition_question_keeps_the_sentences_naming_its_term():
    from qa_service.answering.cues import defined_term
    from qa_service.index.tokenizer import Tokenizer

    tokens = Tokenizer()
    text = "The LGIU published it. The Local Government Information Unit (LGIU) wrote it. Councils agreed."
    p = passage("p", text)
    spans = [(0, 22), (23, 81), (82, len(text))]
    candidates = [Candidate(p, s, e, 0.5) for s, e in spans]
    term = defined_term("What does LGIU stand for?", tokens)
    assert term is not None
    kept = compose.about_term(candidates, term, tokens)
    assert [c.quote for c in kept] == ["The LGIU published it.", text[23:81]]
    assert [c.fits for c in kept] == [False, True]  # the long form is what the question asks for


def test_a_question_naming_the_term_is_answered_by_the_sentence_after_it():
    from qa_service.answering.cues import defined_term
    from qa_service.index.tokenizer import Tokenizer

    tokens = Tokenizer()
    text = "What is LEED? A green building certification. It is used worldwide."
    p = passage("p", text)
    spans = [(0, 13), (14, 45), (46, len(text))]
    term = defined_term("What does LEED stand for?", tokens)
    assert term is not None
    kept = compose.about_term([Candidate(p, s, e, 0.5) for s, e in spans], term, tokens)
    assert [(c.quote, c.fits) for c in kept] == [("A green building certification.", True)]


def test_a_question_in_the_document_is_quoted_only_when_nothing_else_is_found():
    text = "What do we collect? We collect your name and email."
    p = passage("p", text)
    question, statement = Candidate(p, 0, 19, 0.9), Candidate(p, 20, len(text), 0.5)
    assert [c.quote for c in select([question, statement])] == ["We collect your name and email."]
    assert [c.quote for c in select([question])] == ["What do we collect?"]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("Climate Change", True),
        ("LIKE-FOR-LIKE WATER CONSUMPTION", True),
        ("Reducing Greenhouse Gas Emissions", True),
        ("NIKE, INC.", True),  # a short line in capitals names a company, even ending "INC."
        ("NO WARRANTY IS GIVEN FOR THIS SERVICE.", False),  # a longer one in capitals states something
        ("Sponsorship of industry events", False),  # a table's label: lower-case words
        ("Net sales | $ | 11,303", False),  # a table row with figures answers "how much"
        ("The council met.", False),
    ],
)
def test_a_heading_is_quoted_only_when_nothing_else_is_found(line, heading):
    text = f"{line}\nCouncils pooled their budgets in 2021."
    p = passage("p", text)
    title, statement = Candidate(p, 0, len(line), 0.9), Candidate(p, len(line) + 1, len(text), 0.5)
    quotes = [c.quote for c in select([title, statement])]
    assert (quotes == ["Councils pooled their budgets in 2021."]) is heading
    assert [c.quote for c in select([title])] == [line]
