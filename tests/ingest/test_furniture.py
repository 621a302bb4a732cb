"""The web-page furniture filter: notices, crumbs and teasers."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_service.ingest.furniture import filter_blocks, is_notice
from qa_service.ingest.readers import read_blocks
from qa_service.models import Block

SEED = (
    Path(__file__).resolve().parents[2] / "source_docs" / "lgiu-press-release-rationalising-partnerships.txt"
)


@pytest.mark.parametrize(
    "text",
    [
        "Your browser is no longer supported",
        "For the best possible experience using our website we recommend you upgrade to a newer version "
        "or another browser.",
        "Your browser appears to have cookies disabled. For the best experience of this website, please "
        "enable cookies in your browser",
        "We'll assume we have your consent to use cookies, for example so you won't need to log in.",
        "This website uses cookies to improve your experience.",
        "Learn more",
        "• Comment",
        "12 Comments",
        "Share",
        "Print",
        "Back to top",
        "Have your say",
        "You must sign in to make a comment",
        "Log in to comment",
        "Please remember that the submission of any material is governed by our Terms and Conditions.",
        "Links may be included in your comments but HTML is not permitted.",
    ],
)
def test_notices_and_crumbs_are_furniture(text):
    assert is_notice(text)


@pytest.mark.parametrize(
    "text",
    [
        "The fictional Widget Board shared its results with members.",
        "Print runs of the fictional gazette fell by a third.",
        "Comments from residents were collected at three fictional drop-in sessions.",
        "Lorem ipsum dolor sit amet. " * 6 + "Visitors were asked to enable cookies before the survey "
        "could record their consent to use cookies, which lowered the fictional response rate.",
    ],
)
def test_content_that_mentions_furniture_words_is_kept(text):
    assert not is_notice(text)


def test_long_paragraph_mentioning_cookies_survives_the_filter():
    long_text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 5 + (
        "The fictional council asked whether this website uses cookies and found it did."
    )
    assert filter_blocks([Block(long_text)]) == [Block(long_text)]


def test_duplicate_teaser_is_dropped_but_a_lone_ellipsis_line_is_kept():
    full = Block("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.")
    teaser = Block("Lorem ipsum dolor sit amet, consectetur adipisc…")
    lone = Block("And the fictional survey continued...")
    assert filter_blocks([teaser, full, lone]) == [full, lone]


def test_seed_press_release_keeps_exactly_its_seven_content_paragraphs():
    texts = [block.text for block in read_blocks(SEED)]
    assert len(texts) == 7
    assert texts[0].startswith("Local partnerships to 'join up' the local delivery of public services could")
    assert texts[-1].startswith("* For a full copy of the report")
    assert any("lighte ning" in text for text in texts)  # source text is kept verbatim, typo included
    joined = " ".join(texts).lower()
    for furniture in ("browser", "cookies", "comment", "sign in", "terms and conditions", "gove..."):
        assert furniture not in joined
