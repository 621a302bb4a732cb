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

_ENDINGS = r"(e|es|ed|ing|er|ers|ation|ations|ational|able|ability)"
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (rf"is{_ENDINGS}$", r"iz\1"),  # organise → organize
        (rf"iz{_ENDINGS}$", r"is\1"),
        (r"ys(e|es|ed|ing|er|ers)$", r"yz\1"),  # analyse → analyze
        (r"yz(e|es|ed|ing|er|ers)$", r"ys\1"),
        (r"our(s|ed|ing|able|ably|ite|ites|ful|less|er|ers|hood|hoods)?$", r"or\1"),  # labour → labor
        (r"(?<=[^aeiou])or(s|ed|ing|able|ably|ite|ites|ful|less|er|ers|hood|hoods)?$", r"our\1"),
        (r"tre(s)?$", r"ter\1"),  # centre → center
        (r"tred$", "tered"),
        (r"ter(s)?$", r"tre\1"),
        (r"tered$", "tred"),
        (r"ence(s)?$", r"ense\1"),  # defence → defense
        (r"ense(s)?$", r"ence\1"),
        (r"ogue(s)?$", r"og\1"),  # catalogue → catalog
        (r"og(s)?$", r"ogue\1"),
        (r"(?<=[aeiou])ll(ed|ing|er|ers)$", r"l\1"),  # travelled → traveled
        (r"(?<=[aeiou])l(ed|ing|er|ers)$", r"ll\1"),
        (r"(?<=\w)[ao]e(?=[^aeiou\W])", "e"),  # paediatric → pediatric
        (r"mme(s)?$", r"m\1"),  # programme → program
        (r"gram(s)?$", r"gramme\1"),
        (r"dgement(s)?$", r"dgment\1"),  # judgement → judgment
        (r"dgment(s)?$", r"dgement\1"),
    )
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
