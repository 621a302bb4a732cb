"""Read BEIR-format evaluation sets: corpus.jsonl, queries.jsonl and a qrels TSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from qa_service.answering.compose import normalise_space
from qa_service.errors import BadRequest

DATA = Path(__file__).parent / "data"
FILES: dict[str, Any] = json.loads((DATA / "datasets.json").read_text(encoding="utf-8"))
BEIR: dict[str, dict[str, str]] = FILES["beir"]  # each shared BEIR set's files, its judged split as qrels
QRELS = {name: files["qrels"] for name, files in BEIR.items()}


@dataclass(frozen=True)
class CorpusEntry:
    """One retrievable passage; `doc` names the document it belongs to, when the set scopes by one."""

    id: str
    text: str
    doc: str | None = None


@dataclass(frozen=True)
class EvalQuery:
    """One judged question, with its document scope and gold answer spans where the set has them."""

    id: str
    text: str
    doc: str | None = None
    answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvalSet:
    """A corpus, the queries that have judgements, and the judgements (query id -> passage id -> grade)."""

    corpus: tuple[CorpusEntry, ...]
    queries: tuple[EvalQuery, ...]
    qrels: dict[str, dict[str, int]]

    @property
    def scoped(self) -> bool:
        """Return True when every passage and query names its document."""
        return all(entry.doc for entry in self.corpus) and all(query.doc for query in self.queries)


def load_eval_set(corpus: Path, queries: Path, qrels: Path, limit: int | None = None) -> EvalSet:
    """Load a BEIR set, keeping only queries that appear in qrels (the first `limit` of them)."""
    judgements = read_qrels(qrels)
    judged = [query for query in read_queries(queries) if query.id in judgements]
    if limit is not None:
        judged = judged[:limit]
    return EvalSet(tuple(read_corpus(corpus)), tuple(judged), judgements)


def load_dataset(shared: Path, name: str, limit: int | None = None) -> EvalSet:
    """Load one shared set from <name>/, its files named in evaluation/data/datasets.json."""
    folder, files = shared / name, BEIR[name]
    return load_eval_set(folder / files["corpus"], folder / files["queries"], folder / files["qrels"], limit)


def read_corpus(path: Path) -> list[CorpusEntry]:
    """Read corpus.jsonl; passage text is title + " " + text, as BEIR embeds it."""
    entries = []
    for record in read_jsonl(path):
        text = f"{record.get('title') or ''} {record.get('text') or ''}".strip()
        entries.append(CorpusEntry(str(record["_id"]), text, record.get("doc")))
    return entries


def read_queries(path: Path) -> list[EvalQuery]:
    """Read queries.jsonl with optional `doc` and `answers` fields."""
    return [
        EvalQuery(str(rec["_id"]), rec["text"], rec.get("doc"), tuple(rec.get("answers") or ()))
        for rec in read_jsonl(path)
    ]


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    """Read a qrels TSV (header `query-id corpus-id score`) into query id -> passage id -> grade."""
    qrels: dict[str, dict[str, int]] = {}
    with _open(path) as handle:
        rows = csv.reader(handle, delimiter="\t")
        header = next(rows, None)
        if header is None or [cell.strip() for cell in header[:3]] != ["query-id", "corpus-id", "score"]:
            raise BadRequest(f"{path.name}: expected the header 'query-id corpus-id score'")
        for row in rows:
            if row:
                qrels.setdefault(row[0], {})[row[1]] = int(row[2])
    return qrels


def gold_in(text: str, answers: Sequence[str]) -> bool:
    """Return True when text contains a gold span (case and whitespace folded)."""
    haystack = normalise_space(text.lower())
    return any(normalise_space(span.lower()) in haystack for span in answers if span.strip())


def read_jsonl(path: Path) -> Iterator[dict]:
    """Yield the records of a JSON-lines file, skipping blank lines; a bad line is a BadRequest."""
    with _open(path) as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise BadRequest(f"{path.name} line {number}: {exc.msg}") from exc


def _open(path: Path) -> TextIO:
    try:
        return path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise BadRequest(f"cannot read {path}: {exc.strerror}") from exc
