"""Compose an extractive answer from verified verbatim sentences (pure: no Flask, FAISS or torch)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from qa_service.answering import cues
from qa_service.answering.composing import quoting
from qa_service.answering.composing.focus import YEAR
from qa_service.ingest.tables.shape import CELL_SEPARATOR, cells
from qa_service.models import Citation, Hit, Passage, SentenceMatch

if TYPE_CHECKING:  # pure: the tokenizer object is passed in, its stemmer not imported here
    from qa_service.index.tokenizer import Tokenizer

NOT_COVERED = (
    "The documents do not appear to cover this question. "
    "The passages below are the nearest material, not an answer."
)


@dataclass(frozen=True)
class Candidate:
    """A sentence of a retrieved passage, as a span of the passage text, with its relevance."""

    passage: Passage
    start: int
    end: int
    score: float
    fits: bool = False  # has the shape the question type asks for (a name for "who", a year for "when")
    similarity: float = 0.0  # cosine of the sentence and the question
    overlap: float = 0.0  # IDF-weighted share of the question's words the sentence contains
    rank: int = 0  # its passage's place in the retrieval ranking (0: the top passage)

    @property
    def quote(self) -> str:
        """Return the sentence exactly as it stands in the passage."""
        return self.passage.text[self.start : self.end]


@dataclass(frozen=True)
class Weights:
    """How a sentence's relevance is made up (the parts are each in about [0, 1])."""

    sentence: float = 0.5  # cosine of the sentence and the question
    passage: float = 0.2  # cosine of its passage: steadies short sentences that lack context
    overlap: float = 0.2  # IDF-weighted share of the question's words it contains
    cue: float = 0.1  # it has the shape the question type asks for


@dataclass(frozen=True)
class Policy:
    """How many sentences and passages an answer may quote and how close to the best they must be."""

    max_sentences: int = 4
    # each of the top passages holding a sentence near the best is quoted (its best sentence), up to this
    # many: the answer quotes what retrieval found, not three sentences of one passage
    max_passages: int = 4
    margin: float = 0.1  # a sentence joins the answer when within this of the best sentence
    # a passage near the best only by what cannot be quoted (a table's header row, a fragment) is quoted
    # by its best quotable sentence when that is within this of the best (a data row scores below its header)
    stand_in_margin: float = 0.2
    min_sentence_score: float = 0.0  # the calibrated "not covered" threshold is the gate, not this
    item_rows: int = 2  # table rows whose label the question names (`line_items`) quoted first, at most


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace to one space (the only normalisation quotes are allowed)."""
    return re.sub(r"\s+", " ", text).strip()


def verify_quote(quote: str, passage: Passage) -> bool:
    """Return True when quote is an exact substring of the passage after whitespace normalisation."""
    needle = normalise_space(quote)
    return bool(needle) and needle in normalise_space(passage.text)


def sentence_score(weights: Weights, sentence: float, passage: float, overlap: float, cue: float) -> float:
    """Return a sentence's relevance as the weighted sum of its evidence."""
    return (
        weights.sentence * sentence
        + weights.passage * passage
        + weights.overlap * overlap
        + weights.cue * cue
    )


def score_sentences(question: str, matches: list[SentenceMatch], weights: Weights) -> list[Candidate]:
    """Score each matched sentence for the question: its cosines, word overlap and answer shape.

    The matches come passage by passage in retrieval order (`Retriever.sentences`): each candidate
    keeps its passage's rank."""
    kind = cues.question_type(question)
    ranks: dict[str, int] = {}
    scored: list[Candidate] = []
    for m in matches:
        cue = cues.cue(kind, m.text)
        score = sentence_score(weights, m.similarity, m.passage_similarity, m.overlap, cue)
        rank = ranks.setdefault(m.passage.id, len(ranks))
        scored.append(Candidate(m.passage, m.start, m.end, score, cue > 0, m.similarity, m.overlap, rank))
    return scored


def about_term(candidates: list[Candidate], term: cues.DefinedTerm, tokenizer: Tokenizer) -> list[Candidate]:
    """Keep the sentences that name the term a definition question asks about (a definition names what
    it defines). One that spells out the abbreviation or reads as the definition ("SCOPE 3: …") has the
    shape asked for; so has the sentence after one that asks it ("What is LEED?" in a box of questions).
    """
    kept: list[Candidate] = []
    for i, c in enumerate(candidates):
        if not term.named_in(tokenizer(c.quote), c.quote):
            continue
        if c.quote.rstrip().endswith("?"):  # asks, does not tell: the answer is the next sentence
            after = next((d for d in candidates[i + 1 : i + 2] if d.passage.id == c.passage.id), None)
            if after is not None:
                kept.append(replace(after, fits=True))
            continue
        kept.append(replace(c, fits=cues.spelled_out(term.text, c.quote) or term.stated_in(c.quote)))
    return kept


def evidence(candidates: list[Candidate]) -> float:
    """Return how well the sentences found cover the question: mean of best cosine and best overlap.

    Chosen in docs/answer-quality.md: it separates in-scope from out-of-scope questions better than
    either part alone (ROC AUC 0.994; cosine alone 0.947, overlap alone 0.987).
    """
    if not candidates:
        return 0.0
    return 0.5 * max(c.similarity for c in candidates) + 0.5 * max(c.overlap for c in candidates)


_NUMBERS = re.compile(r"\d+")
_FOOTNOTE = re.compile(r"\(\w{1,2}\)|[*†‡]")  # a label's note mark: "Digital online channels (1)"


def asks_figure(question: str) -> bool:
    """Return True when a question asks for a figure: of a period (it names a year) or an amount."""
    return bool(YEAR.search(question)) or cues.question_type(question) in ("how many", "how much")


def search_words(text: str, tokenizer: Tokenizer) -> list[str]:
    """Return a text's search words and its numbers, one-digit ones too ("Scope 1" is not "Scope 3")."""
    return [*tokenizer(text), *_NUMBERS.findall(text)]


def row_label(row: str, tokenizer: Tokenizer) -> frozenset[str]:
    """Return the search words of a table row's label when the row states figures (note marks aside);
    empty for any other row or line."""
    if CELL_SEPARATOR not in row:
        return frozenset()
    label, *figures = cells(row)
    if not cues.states_quantity(" ".join(figures)):
        return frozenset()
    return frozenset(search_words(_FOOTNOTE.sub("", label), tokenizer))


def label_named(
    asked: Collection[str], label: Collection[str], subject: Collection[str] = frozenset()
) -> int:
    """Return how many words a row's label (`row_label`) has when the question's search words (asked)
    hold every one of them; 0 otherwise. A label naming only the documents' subject ("Activision | $ |
    19" in a filing of Activision Blizzard) or only numbers is no line item ("Scope 1" is not asked by a
    question about Scope 3: its number counts)."""
    itemised = any(not w.isdigit() and w not in subject for w in label)
    return len(label) if itemised and set(label) <= set(asked) else 0


def named_label(
    asked: Collection[str], row: str, tokenizer: Tokenizer, subject: Collection[str] = frozenset()
) -> int:
    """Return how many words a table row's label has when the question names every one of them and the
    row states figures (`row_label`, `label_named`); 0 for any other row or line."""
    return label_named(asked, row_label(row, tokenizer), subject)


def line_items(
    question: str, candidates: list[Candidate], tokenizer: Tokenizer, subject: Collection[str] = frozenset()
) -> list[Candidate]:
    """Return the table rows whose label the question names whole, when it asks for a figure of a
    period or an amount ("What was NIKE's net income in fiscal 2021?": the row "Net income | $ | 5,727
    …"); the rows naming most of its words first, then the best scored. A row's figures score low
    against a question (a row is mostly numbers), and a longer row sharing more words with it ("Net
    income attributable to Walmart", "Interest expense (income), net") would be quoted instead."""
    if not asks_figure(question):
        return []
    asked = set(search_words(question, tokenizer))
    named = [(named_label(asked, c.quote, tokenizer, subject), c) for c in candidates]
    named = [(size, c) for size, c in named if size]
    named.sort(key=lambda pair: (-pair[0], -pair[1].score))
    return [candidate for _, candidate in named]


def select(
    candidates: list[Candidate],
    policy: Policy = Policy(),
    named: Collection[str] = (),
    items: Sequence[Candidate] = (),
) -> list[Candidate]:
    """Pick the sentences to quote: near the top score, passage by passage in retrieval order.

    Each passage holding a sentence within the margin of the best is quoted by its best such sentence,
    the top-ranked passages first (at most policy.max_passages), so a short sentence scoring a little
    higher in a lower passage never crowds out the passage retrieval ranked first; sentences left over
    within the margin fill up to policy.max_sentences. A passage near the best only by a span that
    cannot be quoted (a table's column header row, a fragment where it opens mid-sentence) is quoted
    by its best quotable sentence within policy.stand_in_margin (`quoting.stand_ins`). When a sentence
    within twice the margin of the best has the shape the question asks for (a name for "who", a year
    for "when"), sentences without that shape are left out. When the question names documents
    (`named`: their ids, from routing), only their passages are quoted, while any of them holds a
    candidate. Table rows whose label the question names (`items`, from `line_items`) open the answer,
    at most policy.item_rows of them, on top of the sentences chosen so.
    """
    candidates = [c for c in candidates if c.passage.document_id in named] or candidates
    items = [c for c in items if c.passage.document_id in named] or list(items)
    # a question in the document ("What information do we collect?") asks and a heading ("Climate
    # Change") names: neither tells, so they are quoted only when nothing else was found; a fragment
    # or a list's opening line without its items is never quoted
    statements = [c for c in candidates if not c.quote.rstrip().endswith("?") and not _is_heading(c.quote)]
    quotable = quoting.statements(statements) or quoting.statements(candidates)
    ranked = sorted(quotable, key=lambda c: c.score, reverse=True)
    if not ranked:
        return []
    if any(c.fits and c.score >= ranked[0].score - 2 * policy.margin for c in ranked):
        ranked = [c for c in ranked if c.fits]
    floor = max(policy.min_sentence_score, ranked[0].score - policy.margin)
    stand_ins = quoting.stand_ins(candidates, ranked, floor, ranked[0].score - policy.stand_in_margin)
    near = quoting.distinct([*(c for c in ranked if c.score >= floor), *stand_ins])
    leads = quoting.passage_leads(near, policy.max_passages)
    quoted = {quoting.place(c) for c in leads}
    rest = [c for c in near if c not in leads and quoting.place(c) in quoted]
    # the rows naming the line item asked open the answer, on top of what it quotes anyway
    rows = quoting.distinct(quoting.statements(items))[: policy.item_rows]
    chosen = quoting.arrange([*rows, *(c for c in [*leads, *rest][: policy.max_sentences] if c not in rows)])
    return sorted(chosen, key=lambda c: c not in rows)


_NAME_LINE_WORDS = 4  # a short line all in capitals names (a company, a statement) even when it ends "INC."
_MINOR_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)


def _is_heading(quote: str) -> bool:
    """Return True for a title line: a few capitalised words, no number, no closing punctuation."""
    words = quote.split()
    if not words or len(words) > 8 or any(ch.isdigit() for ch in quote):
        return False
    if quote.isupper() and len(words) <= _NAME_LINE_WORDS:  # a name line: "NIKE, INC.", "SQUARE, INC."
        return True
    if quote.rstrip()[-1] in ".!?:;,)":
        return False
    return quote.isupper() or all(w[0].isupper() for w in words if w.lower() not in _MINOR_WORDS)


def cite(chosen: list[Candidate]) -> tuple[str, tuple[Citation, ...]]:
    """Return the answer text with [n] markers and its citations, numbered by first use.

    Every quote is verified against its passage; a span that fails is dropped, never served.
    """
    numbers: dict[str, int] = {}
    parts: list[str] = []
    citations: list[Citation] = []
    for candidate in quoting.same_text_passages(chosen):
        raw = candidate.quote
        quote = raw.strip()
        if not verify_quote(quote, candidate.passage):
            continue
        passage_id = candidate.passage.id
        if passage_id not in numbers:
            numbers[passage_id] = len(numbers) + 1
        n = numbers[passage_id]
        start = candidate.start + len(raw) - len(raw.lstrip())
        citations.append(Citation(n=n, passage=candidate.passage, quote=quote, start=start))
        parts.append(f"“{normalise_space(quote)}” [{n}]")
    return " ".join(parts), tuple(citations)


def not_covered(undefined_term: str | None = None) -> str:
    """Return the answer text of a declined question; name the term when no passage named it."""
    if undefined_term is None:
        return NOT_COVERED
    return (
        f"The documents do not appear to define “{undefined_term}”: no passage found names it. "
        "The passages below are the nearest material, not an answer."
    )


def is_covered(hits: list[Hit] | tuple[Hit, ...], evidence: float, threshold: float) -> bool:
    """Return True when the evidence is strong enough to answer rather than decline."""
    return bool(hits) and evidence >= threshold
