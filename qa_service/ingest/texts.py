"""When two passages may share one vector: near-duplicate boilerplate (pure).

The text each retriever sees is ingest/context.py's `retrieval_text`: the same for the encoder and BM25.
"""

from __future__ import annotations

import re

_NOT_LETTERS = re.compile(r"[\W\d_]+")
# Below this many words a passage is too short to call boilerplate ("Revenue 2019 $5.2bn" vs "Revenue
# 2020 $6.1bn"): it keys on its exact text, so only long repeated text shares a vector.
BOILERPLATE_WORDS = 12


def duplicate_key(text: str) -> str:
    """Return a key equal for near-duplicate boilerplate: case, digits, punctuation and spacing ignored.

    Tables of contents, repeated legal notices and page-numbered furniture differ only in these; their
    embeddings are within noise of each other, so one vector serves them all (BM25 keeps exact text).
    """
    words = _NOT_LETTERS.sub(" ", text.casefold()).split()
    return " ".join(words) if len(words) >= BOILERPLATE_WORDS else "\x00" + text
