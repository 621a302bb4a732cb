"""Question-type cues and IDF-weighted word overlap for scoring answer sentences (pure)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pure: the tokenizer object is passed in, its stemmer not imported here
    from qa_service.index.tokenizer import Tokenizer

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    "hundred|hundreds|thousand|thousands|million|dozen|dozens|half|third|quarter|majority|most|all"
)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"

# What a sentence that answers each kind of question tends to contain.
_ANSWER_SHAPES: dict[str, re.Pattern[str]] = {
    "who": re.compile(
        r"(?i:\b(author|authors|authored|wrote|written|said|says|according to|chair|chief executive|"
        r"officer|director|leader|minister|spokes\w+)\b)|\b[A-Z][a-z]+ [A-Z][a-z]+, (?:a|an|the) ",
    ),
    "when": re.compile(rf"\b(1[89]\d\d|20\d\d)s?\b|\b({_MONTHS})\b|\b(since|until|by the end of)\b", re.I),
    "how many": re.compile(rf"\b\d[\d,.]*%?|\b({_NUMBER_WORDS})\b", re.I),
    "where": re.compile(r"\b(in|at|across) (?:the )?[A-Z][a-z]+|\b(council|borough|county|city|region)\b"),
    "say": re.compile(r"(?:^|\s)['‘“\"]\w|\b(said|says|stated|noted|argued|commented|told|warned)\b", re.I),
    "why": re.compile(r"\b(because|due to|so that|in order to|as a result|reason|led to|caused)\b", re.I),
}
# A who/when/where/why word asks only where a question or clause opens ("Who wrote it?", "If yes, then
# who?", "To whom ..."); inside one it is a conjunction or relative ("Is my IP collected when I visit?").
_OPENS = r"(?:^|[?.!;:,]\s*|\b(?:then|and|or|me|us|know)\s+)(?:(?:for|to|with|from|by|since|until)\s+)?"
_QUESTION_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("how many", re.compile(r"\bhow (many|much)\b|\bwhat (number|proportion|percentage|share)\b", re.I)),
    ("when", re.compile(rf"{_OPENS}when\b|\bwhat (year|date|time)\b", re.I)),
    ("who", re.compile(rf"{_OPENS}who(m|se)?\b|\bwhich (person|people|author|officer)\b", re.I)),
    ("say", re.compile(r"\bwhat (did|does|do|has|have)\b.*\b(say|said|think|argue|note|warn)\b", re.I)),
    ("where", re.compile(rf"{_OPENS}where\b", re.I)),
    ("why", re.compile(rf"{_OPENS}why\b|\bwhat (caused|led to)\b", re.I)),
)


# "When primarily referencing the income statement, what is ...?": a leading when/where clause that is
# not itself a question (no auxiliary after its opening word) sets the scene; the question follows it
_SCENE = re.compile(
    r"^\s*(?:when|where|while|once)\s+(?!(?:did|do|does|is|are|was|were|will|would|can|could|should|shall|"
    r"has|have|had|may|might|must)\b)[^,?]+,\s*",
    re.I,
)


def question_type(question: str) -> str | None:
    """Return the kind of answer a question asks for ("who", "when", "how many", ...) or None."""
    question = _SCENE.sub("", question, count=1)
    for kind, pattern in _QUESTION_SHAPES:
        if pattern.search(question):
            return kind
    return None


# Questions that ask how a term is defined: "definitions of X", "how does the report define X", "what
# does X mean", "what is meant by X", "is X defined". A definition names what it defines.
_DEFINITION_ASKS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\bdefinitions? (?:of|for) (?P<term>.+)", re.I),
    re.compile(r"\b(?:meant by|meaning of) (?P<term>.+)", re.I),
    re.compile(r"\bdefine (?P<term>.+)", re.I),
    re.compile(r"\bwhat (?:does|do|did) (?P<term>.+?) (?:mean|stand for)\b", re.I),
    # "How is net zero defined?" asks; "What is X's margin, defined as net income / revenues?" supplies
    re.compile(r"\b(?:is|are|was|were) (?P<term>.+?) defined\b(?!\s+as\b)", re.I),
)
# "What is the Eastmoor Compact?", "What is LGIU?": asks what a named thing is, a definition too; only
# when the rest is a name (capitalised words), since "What is the report called?" asks something else
_WHAT_IS = re.compile(r"^\s*what (?:is|are|was|were) (?:the |a |an )?(?P<term>[^?]+)\?\s*$", re.I)
_NAME_WORDS = 5
_SENTENCE = re.compile(r"[^?.!]+[?.!]?")
_IMPERATIVE = re.compile(r"^\s*(?:please\s+)?define\b", re.I)  # "Define net zero."
_SUPPLIED = re.compile(r"\bas\b", re.I)  # "define X as Y": the question gives the definition, not asks it
# where the term ends: the sentence's end, or a phrase saying where it is defined ("... in the report")
_TERM_END = re.compile(
    r"[?!.;:].*$|\s+(?:in|within|throughout|by|according to|as used in|used in|across)\s+"
    r"(?:the|this|these|its|their|our|each|any|all)\b.*$",
    re.I,
)
_TERM_OPENING = re.compile(r"^(?:(?:the|a|an|its|their|our|this|these|terms?|words?|phrase)\s+)+", re.I)
_PREPOSITION = re.compile(r"\s(?:of|for|to|in|on|with|from|by|against|under|about)\s", re.I)
_QUOTES = "\"'“”‘’`"
_NUMBER = re.compile(r"\b\d+\b")
_DEFINES = r"(?:[|:=–—]|(?:means|refers to|is defined as|are defined as|is an?)\b)"  # after a term


@dataclass(frozen=True)
class DefinedTerm:
    """The term a definition question asks about, as search words (stemmed), and its head word."""

    text: str
    words: frozenset[str]
    head: str  # the noun the term is about: "adaptation" in "adaptation to climate change"
    numbers: frozenset[str] = frozenset()  # "3" in "Scope 3 emissions": too short to be a search word

    def named_in(self, sentence_words: Iterable[str], sentence: str = "") -> bool:
        """Return True when a sentence names the term: its head and its numbers, and all its words (a
        term of up to three) or at least half of them (a longer one, which carries its context)."""
        have = set(sentence_words)
        shared = len(self.words & have)
        enough = shared == len(self.words) if len(self.words) <= 3 else 2 * shared >= len(self.words)
        numbers = self.numbers <= set(_NUMBER.findall(sentence))
        # a term asked in capitals is a name or an abbreviation: "WELL" is not the "well" of "as well as"
        capitals = not self.text.isupper() or re.search(rf"\b{re.escape(self.text)}\b", sentence) is not None
        return self.head in have and enough and numbers and capitals

    def stated_in(self, sentence: str) -> bool:
        """Return True when a sentence reads as the term's definition: it opens with the term (or its
        first words: "SCOPE 3:" for "Scope 3 emissions") and then ":", "|", "means", "refers to", "is
        defined as" or "is a(n)", or says "<term> means / refers to / is defined as"."""
        words = self.text.split()
        for n in range(len(words), (len(words) + 1) // 2 - 1, -1):
            opening = r"\s+".join(map(re.escape, words[:n]))
            if re.match(rf"^\W*(?:the\s+|an?\s+)?{opening}\s*{_DEFINES}", sentence, re.I):
                return True
        term = r"\s+".join(map(re.escape, words))
        return (
            re.search(rf"\b{term}\s+(?:means|refers to|(?:is|are) defined as)\b", sentence, re.I) is not None
        )


_ABBREVIATION = re.compile(r"^[A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*$")  # LGIU, TCFD, CoE


def spelled_out(abbreviation: str, sentence: str) -> bool:
    """Return True when the sentence gives the abbreviation's long form in brackets, either way round.

    "Local Government Information Unit (LGIU)" or "LGIU (Local Government Information Unit)", found by
    Schwartz & Hearst's algorithm (PSB 2003). The `abbreviations` package implements it too, but it sets
    up the root logger at import, so its core lives here.
    """
    if not _ABBREVIATION.match(abbreviation) or len(abbreviation) > 10:
        return False
    name = re.escape(abbreviation)
    reach = min(len(abbreviation) + 5, 2 * len(abbreviation))  # the long form's most words
    for before in re.finditer(rf"((?:[\w&'’-]+[ ,]+){{1,{reach}}})\(\s*{name}\s*\)", sentence):
        if _long_form(abbreviation, before[1].strip(" ,")):
            return True
    if any(
        _long_form(abbreviation, inside[1].strip())
        for inside in re.finditer(rf"\b{name}\s*\(([^()]+)\)", sentence)
    ):
        return True
    # a glossary row or a list: "LEED | Leadership in Energy and Environmental Design is …"
    return any(
        _initials(abbreviation, after[1].split()[: len(abbreviation) + 3])
        for after in re.finditer(rf"^\W*{name}\s*[|:=–—]\s*(.+)", sentence)
    )


def _initials(short: str, words: list[str]) -> bool:
    """Return True when the first word starts like short and short's letters are the words' initials in
    order ("Task Force on Climate-related Financial Disclosures" for TCFD: "Force" and "on" skipped)."""
    letters = [c.lower() for c in short if c.isalnum()]
    initials = [w.lstrip("(\"'“‘")[:1].lower() for w in words]
    if not letters or not initials or initials[0] != letters[0]:
        return False
    found = iter(initials[1:])
    return all(letter in found for letter in letters[1:])


def _long_form(short: str, long: str) -> str | None:
    """Return the end of long that short abbreviates: its characters in order, the first at a word start."""
    s, i = len(short) - 1, len(long) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (long[i].lower() != c or (s == 0 and i > 0 and long[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i, s = i - 1, s - 1
    found = long[long.rfind(" ", 0, i + 1) + 1 :]
    if re.search(rf"\b{re.escape(short)}\b", found) or len(found.split()) < 2:  # "The LGIU said (LGIU)"
        return None
    return found


def defined_term(question: str, tokenizer: Tokenizer) -> DefinedTerm | None:
    """Return the term a question asks the definition of, or None when it asks something else.

    Only a sentence that asks (ends in "?", or says "Define X") counts; "X is defined as Y" or
    "Define X as Y" supplies a definition. tokenizer turns text into the index's search words.
    """
    for sentence in _SENTENCE.findall(question):
        if not (sentence.rstrip().endswith("?") or _IMPERATIVE.match(sentence)):
            continue
        named = _WHAT_IS.match(sentence)
        asks = _DEFINITION_ASKS + ((_WHAT_IS,) if named and _is_name(named["term"]) else ())
        for pattern in asks:
            match = pattern.search(sentence)
            term = _TERM_END.sub("", match["term"]).strip().strip(_QUOTES).strip() if match else ""
            term = _TERM_OPENING.sub("", term).strip(_QUOTES).strip()
            if not term or _SUPPLIED.search(term):
                continue
            head_part = _PREPOSITION.split(f" {term} ", maxsplit=1)[0]
            words, head = tokenizer(term), tokenizer(head_part)
            if words and head:
                return DefinedTerm(term, frozenset(words), head[-1], frozenset(_NUMBER.findall(term)))
    return None


def _is_name(text: str) -> bool:
    """Return True for a few words that all start with a capital (small joining words aside)."""
    words = text.strip(_QUOTES + " ").split()
    minor = {"a", "an", "and", "of", "for", "the", "in", "on", "to", "&"}
    capitals = [w for w in words if w.lower() not in minor]
    return 0 < len(words) <= _NAME_WORDS and bool(capitals) and all(w[0].isupper() for w in capitals)


def cue(kind: str | None, sentence: str) -> float:
    """Return 1.0 when the sentence has the shape the question type asks for, else 0.0."""
    pattern = _ANSWER_SHAPES.get(kind or "")
    return 1.0 if pattern and pattern.search(sentence) else 0.0


# A quantity a "how many / how much" answer states: an amount or a count in figures (not a bare year, which
# dates a sentence without counting anything) or in words ("five authorities")
_QUANTITY = re.compile(
    r"(?<![\w.])(?!(?:19|20)\d\d(?![\d%]|[.,]\d))\d[\d,.]*%?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|"
    r"billion|billions|dozen|dozens|half|third|quarter)\b",
    re.IGNORECASE,
)


_COUNTED = re.compile(r"\b(?i:how many)\s+(?:of\s+)?(?:(?:the|its|their|our|his|her)\s+)?([a-z][a-z-]+)")


def counted(question: str) -> str | None:
    """Return the word a "how many" question counts by ("How many weeks of leave …": "weeks"), or None
    (a "how much" question, or a name after it: "How many CT REIT employees …")."""
    found = _COUNTED.search(question)
    return found.group(1) if found else None


def states_quantity(sentence: str) -> bool:
    """Return True when a sentence states an amount or a count (what "how many/much" asks for)."""
    return _QUANTITY.search(sentence) is not None


@dataclass(frozen=True)
class TermWeights:
    """Inverse document frequency of stemmed words over the index's sentences."""

    idf: dict[str, float]
    default: float  # weight of a word never seen (rarest possible)

    @classmethod
    def from_sentences(cls, tokenised: Sequence[Iterable[str]]) -> TermWeights:
        """Count, for each word, how many sentences use it; rare words weigh more."""
        frequency: Counter[str] = Counter()
        for tokens in tokenised:
            frequency.update(set(tokens))
        total = len(tokenised)
        idf = {word: _idf(total, n) for word, n in frequency.items()}
        return cls(idf, _idf(total, 0))

    def overlap(self, question: Iterable[str], sentence: Iterable[str]) -> float:
        """Return the IDF-weighted share of the question's words that the sentence contains."""
        wanted = set(question)
        if not wanted:
            return 0.0
        have = set(sentence)
        total = sum(self.idf.get(word, self.default) for word in wanted)
        shared = sum(self.idf.get(word, self.default) for word in wanted & have)
        return shared / total if total else 0.0


def _idf(total: int, n: int) -> float:
    # BM25's smoothed idf, never negative: words in most sentences still count a little
    return math.log(1 + (total - n + 0.5) / (n + 0.5))
