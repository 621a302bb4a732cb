"""What text of a passage each retriever sees, and when two passages may share one vector (pure)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from qa_service.ingest.context import retrieval_text
from qa_service.models import DocumentMeta, Passage

_NOT_LETTERS = re.compile(r"[\W\d_]+")
# Below this many words a passage is too short to call boilerplate ("Revenue 2019 $5.2bn" vs "Revenue
# 2020 $6.1bn"): it keys on its exact text, so only long repeated text shares a vector.
BOILERPLATE_WORDS = 12


NO_DOCUMENTS: Mapping[str, DocumentMeta] = MappingProxyType({})


def dense_text(passage: Passage, documents: Mapping[str, DocumentMeta] = NO_DOCUMENTS) -> str:
    """Return the text the encoder embeds for a passage: its contextual header, then its words.

    documents maps id to metadata for the whole corpus (ingest/context.py: title, kind, organisation,
    year and section path); with one document only the section path is worth carrying.
    """
    return retrieval_text(passage, documents)


def keyword_text(passage: Passage, documents: Mapping[str, DocumentMeta] = NO_DOCUMENTS) -> str:
    """Return the text BM25 indexes for a passage: the same header and words as the encoder sees."""
    return retrieval_text(passage, documents)


def duplicate_key(text: str) -> str:
    """Return a key equal for near-duplicate boilerplate: case, digits, punctuation and spacing ignored.

    Tables of contents, repeated legal notices and page-numbered furniture differ only in these; their
    embeddings are within noise of each other, so one vector serves them all (BM25 keeps exact text).
    """
    words = _NOT_LETTERS.sub(" ", text.casefold()).split()
    return " ".join(words) if len(words) >= BOILERPLATE_WORDS else "\x00" + text
