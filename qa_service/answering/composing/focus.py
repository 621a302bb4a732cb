"""Does the corpus hold what a question is about? Its focus words and its names, looked up (pure).

A sentence can resemble a question without answering it: "What is CT REIT's policy on deforestation?"
is as close to "CT REIT is committed to limiting our environmental footprint." as a vague question the
report does answer is to its answer, so no similarity threshold tells them apart (measured,
docs/evaluation.md). What does tell them apart is whether the corpus has the words at all:
- **focus words**: the question's search words (the keyword index's stemmed, stop-word-free tokens),
  less its names (checked on their own), numbers and years, and the words that frame a question
  rather than say what it is about ("what does the report say", "answer in USD millions, round to one
  decimal place": frame_words.txt). A focus word the corpus never uses ("deforestation", "lobbying")
  means the corpus does not cover the question; the stemmer joins a word's variants ("fatality",
  "fatalities"). Only *specific* words count: one rarer than COMMON_ZIPF in general English
  (wordfreq), since a common word ("wrote", "come") may be said another way ("author"). How much of
  the question is missing is weighed by IDF (an absent word weighs as the rarest word); and only in a
  corpus of MIN_VOCABULARY words or more: a press release of 300 words says too little for a missing
  word to mean anything;
- **names carried by a document**: a company or person the question names must be one a document is
  about (its title, publisher, council, file name) or names often (at least NAME_RATE of its words):
  a 10-K lists its competitors once ("Apple", "Samsung"), and "What was Apple's revenue?" is not
  answered from Nike's filing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wordfreq import zipf_frequency

from qa_service.models import Passage

# Words that frame a question or instruct how to answer it, not what it is about: a small general
# list (package data), stemmed with the index's tokenizer when a Coverage is made
FRAME_WORDS = Path(__file__).with_name("frame_words.txt")
ABSENT_SHARE = 0.3  # an IDF-weighted share of the focus words missing from the corpus: not covered
HELD_SHARE = 0.3  # quotes holding less of the topic's IDF weight must match the words they lack by meaning
COMMON_ZIPF = 5.0  # wordfreq's scale: once in 100,000 words of general English ("wrote", "price")
MIN_VOCABULARY = 250  # distinct search words: below this, a missing word says nothing
NAME_RATE = 2e-4  # a name used less than once in 5,000 search words (~10,000 words) is mentioned in passing
NAME_COUNT = 1
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # "2021", also inside "FY2021"
# a time relative to the moment of asking ("today", "next year"): a dated document cannot say what is so
# now or what will be; unless the question asks what the documents expect ("plans for next year")
_RELATIVE_TIME = re.compile(
    r"\b(?:today|tonight|tomorrow|right now|at the moment|nowadays"
    r"|next (?:year|month|week|quarter|decade))\b",
    re.IGNORECASE,
)
_EXPECTATION = re.compile(
    r"\b(?:expect\w*|forecast\w*|plan\w*|project\w*|target\w*|guidance|outlook|anticipat\w*|intend\w*"
    r"|goals?|aims?|commit\w*|estimat\w*|budget\w*|schedul\w*)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"(?u)\b\w\w+\b")
_PIECES = re.compile(r"\w+|\W+")  # a question as words and what lies between them
_ABBREVIATION = re.compile(r"\b[A-Z][A-Z&]{1,5}s?\b")  # "DPO", "COGS", "ESG"
_NUMBERISH = re.compile(r"^(?:fy|q[1-4]|h[12])?\d+[a-z]?$")


def relative_time(question: str) -> str | None:
    """Return the words by which a question asks about the moment of asking ("today", "next year"),
    unless it asks what the documents expect of it; None when it does not."""
    found = _RELATIVE_TIME.search(question)
    return None if found is None or _EXPECTATION.search(question) else found.group(0)


def frame_words(path: Path = FRAME_WORDS) -> str:
    """Return the frame words ('#' lines are comments)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return " ".join(line for line in lines if not line.startswith("#"))


@dataclass(frozen=True)
class Coverage:
    """What one corpus holds: its stemmed vocabulary (with IDF) and the name words it is about."""

    tokenizer: Callable[[str], list[str]]
    idf: Mapping[str, float]
    default: float  # the weight of a word the corpus never uses (the rarest possible)
    carried: frozenset[str]  # stemmed words of document metadata and of names documents use often
    frame: frozenset[str] = frozenset()
    years: Mapping[str, frozenset[str]] = field(default_factory=dict)  # per document, from its metadata
    vocabulary: int = 0  # distinct search words that are not numbers
    subject: frozenset[str] = frozenset()  # stemmed words of the documents' own names (titles, publishers)
    words_of: Mapping[str, frozenset[str]] = field(default_factory=dict)  # per document, its search words

    @classmethod
    def of(
        cls,
        tokenizer: Callable[[str], list[str]],
        idf: Mapping[str, float],
        default: float,
        documents: Iterable[tuple[str, Iterable[str]]],
        metadata: Mapping[str, str],
    ) -> Coverage:
        """Make the coverage of a corpus: documents as (document id, stemmed tokens of each sentence),
        metadata as document id -> what names the document (title, file name, publisher, date)."""
        counts: dict[str, Counter[str]] = {}
        for document, tokens in documents:
            counts.setdefault(document, Counter()).update(tokens)
        subject = frozenset(t for text in metadata.values() for t in tokenizer(text))
        carried = set(subject)
        for counter in counts.values():
            total = sum(counter.values()) or 1
            carried |= {t for t, n in counter.items() if n >= NAME_COUNT and n / total >= NAME_RATE}
        frame = frozenset(tokenizer(frame_words()))
        years = {document: frozenset(YEAR.findall(text)) for document, text in metadata.items()}
        zipf_frequency("the", "en")  # reads wordfreq's English list now, at load, not at a first question
        vocabulary = sum(1 for word in idf if not _NUMBERISH.match(word))
        words_of = {document: frozenset(counter) for document, counter in counts.items()}
        return cls(tokenizer, idf, default, frozenset(carried), frame, years, vocabulary, subject, words_of)

    def focus(self, question: str, names: Sequence[str]) -> list[str]:
        """Return the question's focus words: search words less names, numbers and frame words."""
        named = {t for name in names for t in self.tokenizer(name)}
        words = dict.fromkeys(self.tokenizer(question))
        return [w for w in words if w not in named and w not in self.frame and not _NUMBERISH.match(w)]

    def topic(self, question: str, names: Sequence[str]) -> list[str]:
        """Return the focus words less those naming the documents themselves ("CT REIT", "Nike"): every
        sentence of a report is about its subject, so they say nothing of what is asked about it."""
        return [w for w in self.focus(question, names) if w not in self.subject]

    def held(self, question: str, names: Sequence[str], text: str) -> tuple[float, str]:
        """Return the IDF-weighted share of the question's topic words the text holds (0.0: it mentions
        none of them, as "• Le Mans, France" for "What is the capital of France?"; 1.0 when the question
        has none), and the question without the topic words the text lacks (what the text would answer
        if it answered only what it says)."""
        topic = self.topic(question, names)
        if not topic:
            return 1.0, question
        have = set(self.tokenizer(text))
        lacking = {w for w in topic if w not in have}
        share = self.weight(w for w in topic if w in have) / self.weight(topic)  # in order: 0.0 exactly
        kept = [p for p in _PIECES.findall(question) if not (p.strip() and set(self.tokenizer(p)) & lacking)]
        return share, re.sub(r"\s+", " ", "".join(kept)).strip()

    def unnamed(self, names: Sequence[str], text: str) -> list[str]:
        """Return the names asked about that the text never uses, less those naming the documents."""
        have = set(self.tokenizer(text)) | self.subject
        return [name for name in names if not set(self.tokenizer(name)) <= have]

    def weight(self, words: Iterable[str]) -> float:
        """Return the words' summed IDF (a word the corpus never uses weighs as the rarest)."""
        return sum(self.idf.get(w, self.default) for w in words)

    def missing(
        self, question: str, names: Sequence[str], documents: Sequence[str] = ()
    ) -> tuple[list[str], float]:
        """Return the specific focus words the corpus never uses (question's own spelling), and their
        IDF-weighted share of the focus; none in a corpus too small to tell. A question naming documents
        (`documents`: their ids, from routing) is about them: a word only another document uses is
        missing too ("What is 3M's strategy for the cryptocurrency market?" over 3M's and Block's
        filings)."""
        focus = self.focus(question, names)
        if self.vocabulary < MIN_VOCABULARY or not focus:
            return [], 0.0
        scoped: list[Container[str]] = [self.words_of[d] for d in documents if d in self.words_of]
        scoped = scoped or [self.idf]
        spelled: dict[str, str] = {}
        for word in _WORD.findall(question.lower()):
            for stem in self.tokenizer(word):
                spelled.setdefault(stem, word)
        # an abbreviation may be spelled out in the documents ("DPO": "days payable outstanding"), and
        # a prompt often defines its own ("CCC is defined as: DIO + DSO - DPO")
        short = {stem for word in _ABBREVIATION.findall(question) for stem in self.tokenizer(word)}
        absent = [
            w
            for w in focus
            if not any(w in words for words in scoped)
            and w not in short
            and zipf_frequency(spelled.get(w, w), "en") < COMMON_ZIPF
        ]
        return [spelled.get(w, w) for w in absent], len(absent) * self.default / self.weight(focus)

    def passing(self, names: Sequence[str]) -> list[str]:
        """Return the names no document is about nor uses often (mentioned only in passing)."""
        return [name for name in names if not set(self.tokenizer(name)) <= self.carried]

    def unspoken_years(self, question: str, passage: Passage | None, documents: Iterable[str]) -> list[str]:
        """Return the years the question asks about when none of them is one that the passage the
        answer rests on or the names of the documents found speak of ("revenue in 1985" over a 2018
        filing); a range ("FY2018 - FY2020") needs one of its years spoken of."""
        asked = set(YEAR.findall(question))
        if not asked:
            return []
        spoken = {year for document in documents for year in self.years.get(document, frozenset())}
        if passage is not None:
            spoken.update(YEAR.findall(" ".join([*passage.section, passage.text])))
        return [] if asked & spoken else sorted(asked)

    def evidence(self, question: str, names: Sequence[str], candidates: Iterable[tuple[str, float]]) -> float:
        """Return the evidence over the question's focus alone: the mean of the best cosine and the best
        IDF-weighted share of the focus words one sentence holds (candidates: (sentence, cosine)). A long
        analyst prompt's instructions ("round to one decimal place") are in no sentence, and would
        otherwise count against every one."""
        focus = self.focus(question, names)
        total = self.weight(focus)
        best_cosine = best_share = 0.0
        for sentence, cosine in candidates:
            best_cosine = max(best_cosine, cosine)
            if total:
                have = set(self.tokenizer(sentence))
                share = self.weight(w for w in focus if w in have) / total
                best_share = max(best_share, share)
        return 0.5 * best_cosine + 0.5 * best_share
