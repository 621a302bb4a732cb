"""Render the quote-check evaluation (evaluation/quotes/scoring.py) as a docs/evaluation.md section."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from evaluation.tables import markdown_table

TARGETS = {  # issue 14's "done when", per kind: (verdict share, edit-in-diff share)
    "exact": (1.0, None),
    "number": (0.95, 1.0),
    "negation added": (0.95, 1.0),
    "negation removed": (0.95, 1.0),
    "word swapped": (0.95, 0.95),
    "words dropped": (0.95, 0.95),
    "ellipsis": (0.95, 0.95),
    "unrelated": (0.95, None),
}
EXPECTED = {"exact": "exact", "unrelated": "not_found"}


def met(kind: str, row: Mapping[str, Any]) -> bool:
    """Return whether one kind meets its target (exact quotes must also be on the right page every time)."""
    verdict, diff = TARGETS.get(kind, (0.95, 0.95))
    ok = row["verdict"] >= verdict and (diff is None or (row["in_diff"] or 0) >= diff)
    return ok and (kind != "exact" or row["page"] == 1.0)


def quote_section(report: Mapping[str, Any]) -> str:
    """Return the quote-check tables: per kind with the targets, then per source group."""
    header = [
        "kind",
        "quotes",
        "expected verdict",
        "verdict right",
        "edit in the diff",
        "right page",
        "target met",
    ]
    rows = [
        [
            kind,
            r["n"],
            EXPECTED.get(kind, "close"),
            _share(r["verdict"]),
            _share(r["in_diff"]),
            _share(r["page"]),
            "yes" if met(kind, r) else "**no**",
        ]
        for kind, r in report["kinds"].items()
    ]
    groups = [
        [name, r["n"], _share(r["verdict"]), _share(r["in_diff"]), _share(r["page"])]
        for name, r in report["groups"].items()
    ]
    return (
        f"### Quote check (issue 14): {sum(r['n'] for r in report['kinds'].values())} quotes over "
        f"{report['passages']} passages (the report PDF, filings {', '.join(report['filings'])}, the seed); "
        f"p50 {report['p50_ms']} ms per check\n\n"
        "Quotes are the documents' own sentences (10-40 words, occurring once in the corpus), each edit on "
        "its own sample; unrelated quotes are SciFact sentences. *Right page*: the first match is in the "
        "sentence's own document on its page (paragraph for text documents); for unrelated quotes it is "
        "not counted. *Edit in the diff*: a non-equal operation holds the edited words and carries the "
        "edit's flag (`number`, `negation`, `elided`).\n\n"
        + markdown_table(header, rows)
        + "\n\n"
        + markdown_table(
            ["source / kind", "quotes", "verdict right", "edit in the diff", "right page"], groups
        )
    )


def _share(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f} %"
