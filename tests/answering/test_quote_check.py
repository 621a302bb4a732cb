"""The quote checker over a small fake-encoder index (the real model: tests/web/test_quote_check_views.py)."""

import pytest

from qa_service.answering.quotes.check import QuoteChecker
from qa_service.answering.quotes.diff import DiffOp
from qa_service.answering.quotes.names import Names

DOCS = {
    "plans.txt": (
        "Councils run local partnerships.\n\n"
        "The fictional borough merged nine older plans into one joint plan in 2019. "
        "Its board meets every quarter to agree the plan. "
        "Officers said the change was not easy for partners.\n\n"
        "The government sets \u201cambitious\u201d targets \u2013 five of them \u2013 for councils."
    ),
    "accounts.txt": (
        "Net income | $ | 5,727 $ | 2,539 $ | 4,029\n\n"
        "Adjustments to reconcile net income to net cash provided by operations follow below.\n\n"
        "The fictional committee's duties are: 2. Promoting a culture that is inclusive. "
        "3. Overseeing the borough's support of charitable and social causes."
    ),
}


@pytest.fixture
def checker(fake_app_factory):
    service = fake_app_factory(DOCS).extensions["qa"]
    return QuoteChecker(service.retriever)


def test_verbatim_quote_is_exact_with_the_source_span(checker):
    result = checker.check("merged nine older plans into one joint plan")
    assert result.verdict == "exact"
    (match,) = result.matches
    assert match.source_text == "merged nine older plans into one joint plan" and match.similarity == 1.0


def test_straight_quotes_and_hyphens_match_curly_quotes_and_dashes(checker):
    result = checker.check('sets "ambitious" targets - five of them - for councils')
    assert result.verdict == "exact"
    assert (
        result.matches[0].source_text
        == "sets \u201cambitious\u201d targets \u2013 five of them \u2013 for councils"
    )


def test_case_is_kept_so_a_changed_capital_is_close(checker):
    assert checker.check("councils run local partnerships").verdict == "close"


def test_changed_number_is_close_and_flagged(checker):
    result = checker.check("merged eight older plans into one joint plan in 2019")
    assert result.verdict == "close"
    changed = [op for op in result.matches[0].diff if op.op != "equal"]
    assert [(op.source, op.quote, op.flags) for op in changed] == [("nine", "eight", ("number",))]


@pytest.mark.parametrize(
    ("quote", "changed"),
    [
        ("Net income | $ | 5,727 $ | 2,539 $ | 4,020", ("4,029", "4,020")),
        ("4. Overseeing the borough's support of charitable and social causes.", ("3.", "4.")),
    ],
)
def test_changed_number_at_a_quote_edge_is_close_and_flagged(checker, quote, changed):
    result = checker.check(quote)
    assert result.verdict == "close"
    ops = [op for op in result.matches[0].diff if op.op != "equal"]
    assert [(op.source, op.quote, op.flags) for op in ops] == [(*changed, ("number",))]
    assert result.matches[0].source_text == quote.replace(changed[1], changed[0])


def test_removed_negation_is_flagged(checker):
    result = checker.check("Officers said the change was easy for partners.")
    changed = [op for op in result.matches[0].diff if op.op != "equal"]
    assert result.verdict == "close" and changed[0].op == "delete" and changed[0].flags == ("negation",)


def test_ellipsis_matches_separated_spans_in_order(checker):
    result = checker.check("The fictional borough merged nine older plans \u2026 the change was not easy")
    assert result.verdict == "close" and result.parts == 2
    (match,) = result.matches
    elided = [op for op in match.diff if "elided" in op.flags]
    assert elided and "Its board meets every quarter" in elided[0].source


def test_ellipsis_parts_out_of_order_are_not_matched_as_a_chain(checker):
    result = checker.check(
        "the change was not easy for partners ... The fictional borough merged nine older plans"
    )
    assert all(op.op != "delete" or "elided" not in op.flags for m in result.matches for op in m.diff)


def test_unrelated_text_is_not_found_and_nearest_is_not_a_match(checker):
    result = checker.check("Mitochondrial enzymes regulate apoptosis in murine neurons under hypoxia.")
    assert result.verdict == "not_found" and result.matches == () and result.nearest


def test_document_filter_limits_where_a_quote_is_looked_for(checker):
    assert checker.check("Councils run local partnerships.", filters_doc("nope")).verdict == "not_found"


def filters_doc(document):
    from qa_service.models import Filters

    return Filters(document=document)


def test_quote_across_a_passage_boundary_is_found_sentence_by_sentence(fake_app_factory):
    sentence = "Sentence {n} of the fictional long paragraph says the board met again."
    text = " ".join(sentence.format(n=n) for n in range(1, 60))  # one paragraph: split into passages
    service = fake_app_factory({"long.txt": text}).extensions["qa"]
    checker = QuoteChecker(service.retriever)
    first, second = service.retriever.passages[:2]
    only_first = [first.text[s:e] for s, e in first.sentences if first.text[s:e] not in second.text]
    overlap = first.text[first.text.index(only_first[-1]) + len(only_first[-1]) :].strip()
    following = next(second.text[s:e] for s, e in second.sentences if second.text[s:e] not in first.text)
    result = checker.check(" ".join(x for x in (only_first[-1], overlap, following) if x))
    assert result.verdict == "exact" and [m.passage.id for m in result.matches] == [first.id, second.id]


def test_names_are_told_from_capitalised_common_words():
    names = Names(["Direct revenues rose.", "Our direct channel grew and revenues rose."])
    assert names.is_name("Nike's", initial=True)  # never written in lower case here
    assert not names.is_name("Direct", initial=True)  # a sentence start of a common word
    assert names.is_name("Direct", initial=False)  # capitalised mid-sentence: a name ("NIKE Direct")
    assert names.is_name("NIKE", initial=True) and not names.is_name("2021", initial=False)


def test_a_changed_subject_is_flagged_like_a_number():
    source = "Direct revenues increased 30% for fiscal 2021."
    names = Names([source, "direct costs fell"])
    checker_diff = (
        DiffOp("replace", "Direct", "Nike's"),
        DiffOp("equal", "revenues increased", "revenues increased"),
        DiffOp("replace", "30%", "20%", ("number",)),
    )
    flagged = names.flagged(checker_diff)
    assert flagged[0].flags == ("entity",) and flagged[2].flags == ("number",)


def test_a_name_changed_only_in_case_is_not_a_new_subject():
    names = Names(["The fictional borough met."])
    (op,) = names.flagged((DiffOp("replace", "Councils", "councils"),))
    assert op.flags == ()
    (op,) = names.flagged((DiffOp("replace", "NIKE", "Nike"),))
    assert op.flags == ()


def test_quote_about_another_named_subject_is_flagged_entity(checker):
    result = checker.check("The Eastmoor borough merged nine older plans into one joint plan in 2019.")
    assert result.verdict == "close"
    changed = [op for op in result.matches[0].diff if op.op != "equal"]
    assert any("entity" in op.flags for op in changed)


def test_changed_common_word_is_not_flagged_entity(checker):
    result = checker.check("merged nine older plans into one shared plan in 2019")
    changed = [op for op in result.matches[0].diff if op.op != "equal"]
    assert result.verdict == "close" and all("entity" not in op.flags for op in changed)
