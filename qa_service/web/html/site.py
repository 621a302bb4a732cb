"""The configured site and corpus names written into the widget script (pure)."""

from __future__ import annotations

import json

# the line of static/widget.js that holds the default names (the LGIU report's)
NAMES_LINE = 'const NAMES = {"site": "Ask the report", "corpus": "Rationalising Partnerships and Plans"};'


def widget_script(source: str, site: str, corpus: str) -> str:
    """Return the widget's source with the configured names in place of the defaults (as a JSON literal)."""
    # ensure_ascii and an escaped "<" keep any name inert inside a JavaScript string
    names = json.dumps({"site": site, "corpus": corpus}, ensure_ascii=True).replace("<", "\\u003c")
    if NAMES_LINE not in source:
        raise ValueError("widget.js no longer holds the default names line")
    return source.replace(NAMES_LINE, f"const NAMES = {names};", 1)
