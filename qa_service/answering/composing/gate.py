"""The "not covered" gate (pure): answer only when the corpus supports the question's focus.

Four tests, each general, none tuned on one file:
- the evidence (mean of the best sentence cosine and the best IDF word overlap) reaches the configured
  floor (`COVER_THRESHOLD`, calibrated on the seed in docs/answer-quality.md);
- one sentence holds both: its own cosine and overlap, averaged, reach the corpus's *chance bar*,
  measured once per index version by asking it questions no corpus answers (`probes.py`). A 10,000-passage
  corpus offers a chance match ("Capital | France" for "What is the capital of France?") to far more
  questions than a press release does, so its bar sits higher;
- every name the question uses (a capitalised word inside it: "Tesla", "Mona") occurs in the corpus:
  a question about a company or a work the documents never mention is not about them;
- the corpus holds what the question is about (focus.py): no specific focus word it never uses, no
  name it mentions only in passing, a year the passages found speak of. A prompt longer than the
  probes meets the floor on its focus words, not on its instructions.
A sentence that meets a word of the question only inside a name ("What is the capital of France?" and
the row "Northvale Capital SAS | France"; "chief astrologer" and "Chief Financial Officer") matches it
by coincidence, and lends the question no support.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from qa_service.answering import cues
from qa_service.answering.composing.focus import (
    ABSENT_SHARE,
    HELD_SHARE,
    MIN_VOCABULARY,
    YEAR,
    Coverage,
    relative_time,
)
from qa_service.answering.composing.quoting import Span
from qa_service.ingest.tables.spans import scoring_text
from qa_service.models import Passage

# a capitalised word after the question's first word; "I", "FY2021" and all-capital abbreviations
# (often defined in the question itself: "DPO is defined as ...") are not taken for names
_NAME = re.compile(r"(?<=[\s(“\"'‘-])([A-Z][a-zà-ÿ]+(?:[-'’][A-Za-zà-ÿ]+)*)")
_WORD = re.compile(r"\w+")
_POSSESSIVE = re.compile(r"['’]s$")


_BOUNDARY = re.compile(r"^[|•▪◦●■*–—-]+$|[.:;!?]$")  # a cell or item mark, or the end of a sentence


Similar = Callable[[Span, str], float]  # the cosine of a quoted sentence and a text


class Scored(Protocol):
    """What the gate reads of a candidate sentence (compose.Candidate)."""

    @property
    def similarity(self) -> float: ...
    @property
    def overlap(self) -> float: ...
    @property
    def quote(self) -> str: ...
    @property
    def passage(self) -> Passage: ...


def support(candidates: Iterable[Scored], question: str = "") -> float:
    """Return the best single sentence's mean of cosine and word overlap with the question, leaving out
    sentences that meet one of its words only inside a name."""
    return max(
        (0.5 * c.similarity + 0.5 * c.overlap for c in candidates if not coincidental(c.quote, question)),
        default=0.0,
    )


def coincidental(sentence: str, question: str) -> bool:
    """Return True when a word the question uses in lower case ("capital") occurs in the sentence only
    inside a run of capitalised words, i.e. in a name ("Northvale Capital SAS")."""
    wanted = {_fold(w) for w in _WORD.findall(question) if w[0].islower() and len(w) > 2}
    if not wanted:
        return False
    tokens = sentence.split()
    in_name: set[str] = set()
    plain: set[str] = set()
    for i, token in enumerate(tokens):
        word = _fold(token.strip("\"'“”‘’()[],.:;!?"))
        if word in wanted:
            (in_name if _inside_name(tokens, i) else plain).add(word)
    return bool(in_name - plain)


def _inside_name(tokens: list[str], i: int) -> bool:
    """Return True for a capitalised word that is not the first of its sentence or cell and stands
    next to another capitalised word."""
    if not tokens[i].lstrip("\"'“‘(")[:1].isupper() or i == 0 or _BOUNDARY.search(tokens[i - 1]):
        return False
    neighbours = [tokens[i - 1]] + ([tokens[i + 1]] if i + 1 < len(tokens) else [])
    return any(n.lstrip("\"'“‘(")[:1].isupper() and not _BOUNDARY.fullmatch(n) for n in neighbours)


def _fold(word: str) -> str:
    word = word.lower()
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def names(question: str) -> list[str]:
    """Return the capitalised words inside a question (not its first word): the names it asks about."""
    found = []
    for sentence in re.split(r"(?<=[.?!])\s+", question.strip()):
        found += [name for name in _NAME.findall(sentence) if sentence.find(name) > 0]
    # a possessive is not part of the name: "Northwind's" names Northwind, whose text has no "s" word
    return [_POSSESSIVE.sub("", name) for name in found]


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Return the lower-cased words of a corpus (passages and titles), to look names up in."""
    words: set[str] = set()
    for text in texts:
        words.update(_WORD.findall(text.lower()))
    return frozenset(words)


@dataclass(frozen=True)
class Gate:
    """Decide whether the sentences found answer a question or the answer is "not covered"."""

    threshold: float  # floor on the evidence, the same on every corpus (COVER_THRESHOLD)
    bar: float = 0.0  # the corpus's chance support, from its null probes
    # the probes are short questions: a question longer than the longest of them (an analyst's prompt
    # with its instructions) shares a smaller part of its words with any sentence, so their bar does not
    # measure it, and the floor alone applies (measured on filings/: docs/answer-quality.md)
    bar_words: int = 10**6
    words: frozenset[str] = frozenset()  # the corpus vocabulary; empty = do not check names
    coverage: Coverage | None = None  # the corpus's focus words and names (focus.py); None = no check

    def absent_names(self, question: str) -> list[str]:
        """Return the names in the question that the corpus never uses."""
        if not self.words:
            return []
        return [name for name in names(question) if not set(_WORD.findall(name.lower())) <= self.words]

    def admits(
        self, question: str, candidates: Sequence[Scored], evidence: float, scope: Sequence[str] = ()
    ) -> bool:
        """Return True when the question may be answered from these candidate sentences. A question no
        longer than the probes that names documents (scope) must find its focus words in them; a long
        prompt's own vocabulary ("PP&E turnover", "payout") need not be the filing's."""
        long = len(_WORD.findall(question)) > self.bar_words
        if long and self.coverage is not None:  # an analyst's prompt: weigh what it asks, not how
            found = names(question)
            evidence = max(evidence, self.coverage.evidence(question, found, _sentences(candidates)))
        return (
            bool(candidates)
            and evidence >= self.threshold
            and (long or support(candidates, question) >= self.bar)
            and not self.absent_names(question)
            and not self.uncovered(question, candidates, () if long else scope)
        )

    def unanswered(self, question: str, quoted: Sequence[Span], similar: Similar | None = None) -> list[str]:
        """Return why the sentences an answer would quote do not answer the question; empty when they
        may. The corpus can hold a question's words while the quotes chosen for it speak of something
        else: one of them must mention a topic word of the question (read with its section heading and,
        a table row, the table's caption and column headers) and, when the question asks how many or how
        much, state a quantity too; in a question no longer than the probes, every name it asks about
        must be in them. A question about the moment of asking ("today", "next year") is not one a dated
        document answers."""
        why = [found] if (found := relative_time(question)) else []
        if self.coverage is None or not quoted:
            return why
        context = [" ".join([*q.passage.section, scoring_text(q.passage, q.start, q.end)]) for q in quoted]
        found_names = names(question)
        short = len(_WORD.findall(question)) <= self.bar_words
        kind = cues.question_type(question)
        # lazily, best quote first: most answers are settled by their first quote (each test of meaning
        # costs an embedding of the question without the words that quote lacks)
        speaking = (
            i
            for i, text in enumerate(context)
            if self._speaks_to(question, found_names, kind, quoted[i], text, similar)
        )
        first = next(speaking, None)
        if first is None:
            why.append("no quote speaks to what is asked")
        elif kind == "how many" and not any(
            self._counts(question, quoted[i], context[i]) for i in itertools.chain([first], speaking)
        ):
            why.append("no quote states the quantity asked for")
        return why + (self.coverage.unnamed(found_names, " ".join(context)) if short else [])

    def _speaks_to(
        self,
        question: str,
        found_names: Sequence[str],
        kind: str | None,
        quoted: Span,
        context: str,
        similar: Similar | None,
    ) -> bool:
        """Return True when one quote (read in its context) speaks to the question: it mentions one of its
        topic words, and either holds HELD_SHARE of their weight or is closer in meaning to the question
        than to the question without the topic words it lacks. "What internal carbon price does CT REIT
        use?" meets "carbon" in an energy-conservation list, which is closer to "What carbon does CT REIT
        use?": the words it lacks lead away from it. A paraphrase ("synergies between adaptation goals and
        business goals" and a plan to address climate risks and opportunities) is closer with them."""
        coverage = self.coverage
        assert coverage is not None  # unanswered() checks first
        if coverage.vocabulary < MIN_VOCABULARY:  # a press release: too few words to say things one way only
            return True
        share, stripped = coverage.held(question, found_names, context)  # 1.0: the question has no topic
        # a "who" question names a role or a deed ("Who wrote it?"), which the answer says its own way
        # ("…, author of the report, said:"): a quote with a person's shape speaks to it
        if share == 0.0 and not (kind == "who" and cues.cue(kind, context)):
            return False  # it mentions not one topic word
        if similar is None:
            return True
        return (
            share >= HELD_SHARE
            or stripped == question
            or similar(quoted, question) > similar(quoted, stripped)
        )

    def _counts(self, question: str, quoted: Span, context: str) -> bool:
        """Return True when a quote states a quantity, and names what the question counts ("How many weeks
        of leave …?" is not answered by "eight paid days")."""
        coverage = self.coverage
        assert coverage is not None  # unanswered() checks first
        if not cues.states_quantity(quoted.passage.text[quoted.start : quoted.end]):
            return False
        counted = cues.counted(question)
        wanted = set(coverage.tokenizer(counted)) if counted else set()
        return not wanted or bool(wanted & set(coverage.tokenizer(context)))

    def _unspoken_years(self, question: str, candidates: Sequence[Scored]) -> list[str]:
        """Return the years asked about that the best-supported sentence's passage and the documents
        found never speak of (candidates are read only when the question names a year)."""
        if self.coverage is None or not YEAR.search(question):
            return []
        best = max(candidates, key=lambda c: 0.5 * c.similarity + 0.5 * c.overlap, default=None)
        documents = {c.passage.document_id for c in candidates}
        return self.coverage.unspoken_years(question, best.passage if best else None, documents)

    def uncovered(
        self, question: str, candidates: Sequence[Scored] = (), scope: Sequence[str] = ()
    ) -> list[str]:
        """Return why the corpus does not hold what the question is about: its focus words the corpus
        never uses (when they weigh ABSENT_SHARE of the question or more), the names it mentions
        only in passing, and the years it asks about that the passages found never speak of; empty
        when it does."""
        if self.coverage is None:
            return []
        found = names(question)
        missing, share = self.coverage.missing(question, found, scope)
        return (
            (missing if share >= ABSENT_SHARE else [])
            + self.coverage.passing(found)
            + self._unspoken_years(question, candidates)
        )


def _sentences(candidates: Iterable[Scored]) -> list[tuple[str, float]]:
    """Return each sentence with its cosine, then each passage whole (no cosine of its own): a prompt
    that asks for several line items finds them in the rows of one statement, not in one row."""
    candidates = list(candidates)
    passages = {c.passage.id: c.passage for c in candidates}.values()
    whole = [(" ".join([*p.section, p.text]), 0.0) for p in passages]
    return [(c.quote, c.similarity) for c in candidates] + whole
