"""HTML reader: main content via trafilatura, with a cleaned <body> fallback."""

from __future__ import annotations

import lxml.etree
import lxml.html
import trafilatura

from qa_service.ingest.readers.text import normalise
from qa_service.models import Block

_TEXT_TAGS = {"head", "p", "item", "cell", "quote", "code"}  # trafilatura's XML vocabulary
_HTML_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "blockquote", "pre"}
_NOISE_TAGS = ["script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template"]


def _outermost(root: lxml.etree._Element, tags: set[str]) -> list[lxml.etree._Element]:
    """Return elements with one of the tags that are not inside another such element."""
    return [
        el
        for el in root.iter()
        if el.tag in tags and not any(parent.tag in tags for parent in el.iterancestors())
    ]


def _heading_level(tag: str, rend: str | None) -> int:
    """Return the heading level for an h1..h6 tag or trafilatura's <head rend="hN">."""
    name = rend if tag == "head" else tag
    if name and len(name) == 2 and name[0] == "h" and name[1] in "123456":
        return int(name[1])
    return 1 if tag == "head" else 0


def _blocks(elements: list[lxml.etree._Element]) -> list[Block]:
    """Return a Block for each element with text."""
    pairs = ((normalise("".join(el.itertext())), _heading_level(el.tag, el.get("rend"))) for el in elements)
    return [Block(text, heading_level=level) for text, level in pairs if text]


def _fallback(data: bytes) -> list[Block]:
    """Return the block-level text of <body> with scripts, navigation and footers removed."""
    root = lxml.html.fromstring(data)
    for el in root.xpath("|".join(f"//{tag}" for tag in _NOISE_TAGS)):
        el.drop_tree()
    blocks = _blocks(_outermost(root, _HTML_TAGS))
    if blocks:
        return blocks
    lines = (normalise(line) for line in root.text_content().splitlines())
    return [Block(line) for line in lines if line]


def read_html(data: bytes) -> list[Block]:
    """Return heading and body Blocks from the main content of an HTML page."""
    extracted = trafilatura.extract(
        data, output_format="xml", include_comments=False, include_tables=True, favor_precision=True
    )
    if extracted:
        # trafilatura generated this XML itself from the parsed page, so no untrusted entities remain.
        blocks = _blocks(_outermost(lxml.etree.fromstring(extracted.encode()), _TEXT_TAGS))
        if blocks:
            return blocks
    return _fallback(data)
