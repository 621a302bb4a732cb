"""Measure the quote check on quotes built from the documents themselves (issue 14; `make eval`)."""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from evaluation.answers import indexed_service
from evaluation.quotes.testset import QuoteCase, cases, sentences
from qa_service.answering.quotes.check import QuoteCheck
from qa_service.answering.quotes.diff import DiffOp
from qa_service.answering.quotes.text import fold, word_key
from qa_service.answering.service import QAService

FILINGS = ("BLOCK_2016_10K.pdf", "NIKE_2021_10K.pdf")  # a sample of filings/: two of the smaller ones
SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.!?])\s*(?=[A-Z])")
GROUPS = {"report PDF": "report", "filings": "filings", "seed": "seed"}


def corpus_folder(shared: Path, seed: Path, folder: Path) -> None:
    """Link the report PDF, the sampled filings and the seed documents into one folder (nothing copied)."""
    pdf = next((shared / "report-pdf").glob("*.pdf"))
    links = [pdf, *(shared / "filings" / "src" / name for name in FILINGS), *sorted(seed.iterdir())]
    for path in links:
        (folder / path.name).symlink_to(path.resolve())


def unrelated_sentences(shared: Path, limit: int = 2000) -> list[str]:
    """Return sentences of 10-40 words from SciFact abstracts (a corpus about something else)."""
    found: list[str] = []
    with (shared / "scifact" / "corpus.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            for text in SENTENCE_END.split(json.loads(line)["text"]):
                if 10 <= len(text.split()) <= 40:
                    found.append(" ".join(text.split()))
            if len(found) >= limit:
                break
    return found


def quote_cases(service: QAService, unrelated: Sequence[str], per_kind: int) -> list[tuple[str, QuoteCase]]:
    """Return (group, case) for each source group: report PDF, filings, seed; then the unrelated ones."""
    passages = service.retriever.passages
    pool = sentences(passages)
    found: list[tuple[str, QuoteCase]] = []
    corpus = "\n".join(fold(p.text) for p in passages)
    for group, kind in GROUPS.items():
        mine = [s for s in pool if _group(s.passage.kind, s.passage.document_id) == kind]
        # an edit that happens to give another true sentence of the corpus (a year in boilerplate) is no edit
        edited = (
            c for c in cases(mine, (), per_kind) if c.expected == "exact" or fold(c.quote) not in corpus
        )
        found += [(group, c) for c in edited if c.kind != "unrelated"]
    return found + [("SciFact", c) for c in cases((), unrelated, 2 * per_kind)]


def score(case: QuoteCase, check: QuoteCheck) -> dict[str, bool | None]:
    """Return whether the verdict, the diff and the located page are right for one case."""
    ops = [op for m in check.matches for op in m.diff if op.op != "equal"]
    edit = case.kind not in ("exact", "unrelated")
    in_diff = _shows(case, ops) if edit else None
    top = check.matches[0].passage if check.matches else None
    truth = case.passage
    page = None if truth is None else bool(top) and _same_place(top, truth)
    return {"verdict": check.verdict == case.expected, "in_diff": in_diff, "page": page}


def quote_report(shared: Path, seed: Path, cache: Path, encoder: Any, per_kind: int = 40) -> dict[str, Any]:
    """Index the documents, check every case and report per edit kind (and per source group)."""
    with tempfile.TemporaryDirectory(prefix="qa-eval-quotes-") as tmp:
        corpus_folder(shared, seed, Path(tmp))
        service = indexed_service(Path(tmp), cache / "index-quotes", encoder)
        service.check_quote("warm up")
        rows = []
        for group, case in quote_cases(service, unrelated_sentences(shared), per_kind):
            start = time.perf_counter()
            check = service.check_quote(case.quote)
            rows.append({"group": group, "kind": case.kind, "ms": 1e3 * (time.perf_counter() - start)})
            rows[-1] |= score(case, check)
    return {"passages": len(service.retriever.passages), "filings": list(FILINGS), **summarise(rows)}


def summarise(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Return per kind and per (group, kind): count, verdict accuracy, edit-in-diff share, page accuracy."""
    kinds = list(dict.fromkeys(r["kind"] for r in rows))
    by_group = {
        f"{g} / {k}": _shares([r for r in rows if r["group"] == g and r["kind"] == k])
        for g in dict.fromkeys(r["group"] for r in rows)
        for k in kinds
        if any(r["group"] == g and r["kind"] == k for r in rows)
    }
    ms = [r["ms"] for r in rows]
    return {
        "kinds": {k: _shares([r for r in rows if r["kind"] == k]) for k in kinds},
        "groups": by_group,
        "p50_ms": round(float(np.median(ms)), 1) if ms else None,
    }


def _shares(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    rows = list(rows)
    out: dict[str, Any] = {"n": len(rows)}
    for key in ("verdict", "in_diff", "page"):
        values = [r[key] for r in rows if r[key] is not None]
        out[key] = round(sum(values) / len(values), 4) if values else None
    return out


def _shows(case: QuoteCase, ops: Sequence[DiffOp]) -> bool:
    """Return whether the changed operations hold the edit's words (each on its side) and carry its flag."""
    if case.flag and not any(case.flag in op.flags for op in ops):
        return False
    said, quoted = (" ".join(fold(getattr(op, side)) for op in ops) for side in ("source", "quote"))
    wanted = ((case.edit_source, said), (case.edit_quote, quoted))
    return all(word_key(word) in text for edit, text in wanted for word in fold(edit).split())


def _same_place(found: Any, truth: Any) -> bool:
    where = ("document_id", "page") if truth.page is not None else ("document_id", "paragraph")
    return all(getattr(found, name) == getattr(truth, name) for name in where)


def _group(kind: str, document_id: str) -> str:
    if "10k" in document_id.lower():
        return "filings"
    return "seed" if kind == "press release" else "report"
