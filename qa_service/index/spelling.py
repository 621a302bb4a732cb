"""A question's words in the corpus's own spelling, British or American (pure).

An LGIU reader asks "What does the report say about organisations that prioritise …?" of a report
written in American spelling, and a reader in the US asks "rationalize" of the LGIU's "rationalise". The
stemmer keeps the two apart ("recognise" → "recognis", "recognize" → "recogn"), so the keyword search
misses the passage and the "not covered" gate counts a word the corpus does use as one it never uses.

A word the corpus never uses is respelled when exactly its other spelling is one the corpus does use;
a word the corpus knows is never touched, and nothing is respelled into a word the corpus lacks. The
variants are regular rules (-ise/-ize, -yse/-yze, -our/-or, -tre/-ter, -ence/-ense, -ogue/-og, -lled/
-led, ae/oe, -mme/-m, -dgement/-dgment) checked against the corpus, not a word list: breame, the one
packaged list, lacks "recognise", "prioritise" and "programme" (its 1,700 pairs, checked 2026-12-03).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container

_ENDINGS = "(e|es|ed|ing|er|ers|ation|ations|ational|able|ability)"
# (British, American, the endings that may follow, what must come before): each pair read both ways
_PAIRS = (
    ("is", "iz", _ENDINGS, ""),  # organise, organize
    ("ys", "yz", "(e|es|ed|ing|er|ers)", ""),  # analyse, analyze
    ("our", "or", "(s|ed|ing|able|ably|ite|ites|ful|less|er|ers|hood|hoods)?", "(?<=[^aeiou])"),  # labour
    ("tre", "ter", "(s)?", ""),  # centre, center
    ("tred", "tered", "()", ""),  # centred, centered
    ("ence", "ense", "(s)?", ""),  # defence, defense
    ("ogue", "og", "(s)?", ""),  # catalogue, catalog
    ("ll", "l", "(ed|ing|er|ers)", "(?<=[aeiou])"),  # travelled, traveled
    ("mme", "m", "(s)?", "(?<=gra)"),  # programme, program
    ("dgement", "dgment", "(s)?", ""),  # judgement, judgment
)
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    *(
        (re.compile(f"{before}{spelled}{endings}$"), rf"{other}\1")
        for british, american, endings, before in _PAIRS
        for spelled, other in ((british, american), (american, british))
    ),
    (re.compile(r"(?<=\w)[ao]e(?=[^aeiou\W])"), "e"),  # paediatric → pediatric (one way only)
)
_WORD = re.compile(r"[A-Za-z]{4,}")


def variants(word: str) -> list[str]:
    """Return the other spellings the rules make of a lower-case word (each rule applied once)."""
    found = []
    for pattern, replacement in _RULES:
        other = pattern.sub(replacement, word)
        if other != word and other not in found:
            found.append(other)
    return found


class CorpusSpelling:
    """Respell a text's words into the spelling a corpus uses, when it uses the other one."""

    def __init__(self, tokenizer: Callable[[str], list[str]], known: Container[str]) -> None:
        self.tokenizer, self.known = tokenizer, known

    def _knows(self, word: str) -> bool:
        stems = self.tokenizer(word)
        return bool(stems) and all(stem in self.known for stem in stems)

    def respelled(self, word: str) -> str | None:
        """Return the corpus's spelling of a word it never uses, or None (it uses it, or no variant)."""
        lower = word.lower()
        if not self.tokenizer(lower) or self._knows(lower):
            return None
        used = [other for other in variants(lower) if self._knows(other)]
        if len(used) != 1:
            return None
        other = used[0]
        return other.capitalize() if word[:1].isupper() else other

    def __call__(self, text: str) -> str:
        """Return text with each word the corpus never uses in the spelling it does use, if any. A
        capitalised word inside the text is a name ("the Labour Party", "Centre Block"): kept as written."""

        def respell(match: re.Match[str]) -> str:
            word = match.group(0)
            if word[:1].isupper() and text[: match.start()].strip():
                return word
            return self.respelled(word) or word

        return _WORD.sub(respell, text)
