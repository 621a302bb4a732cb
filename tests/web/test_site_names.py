"""The site, publisher and corpus names come from configuration (LGIU's report stays the default)."""

import json
import re

import pytest

from qa_service.web.html.site import NAMES_LINE, widget_script

FILINGS = {"SITE_NAME": "Ask the filings", "CORPUS_NAME": "Annual filings 2018-2022", "PUBLISHER_NAME": ""}


def names_in(script: str) -> dict:
    return json.loads(re.search(r"const NAMES = (\{.*?\});", script).group(1))


def test_the_default_names_are_the_lgiu_reports(fake_client):
    html = fake_client.get("/").get_data(as_text=True)
    assert "<title>Ask the report · Rationalising Partnerships and Plans</title>" in html
    assert "LGIU · Rationalising Partnerships and Plans" in html
    assert "Ask about <cite>Rationalising Partnerships and Plans</cite>" in html
    with fake_client.get("/widget.js") as response:
        script = response.get_data(as_text=True)
    assert NAMES_LINE in script


def test_configured_names_reach_the_header_intro_titles_and_widget(fake_app_factory):
    client = fake_app_factory({"a.txt": "A fictional note about harbour dues."}, **FILINGS).test_client()
    html = client.get("/").get_data(as_text=True)
    assert "<title>Ask the filings · Annual filings 2018-2022</title>" in html
    assert '<span class="tagline">Annual filings 2018-2022</span>' in html  # no publisher: no "LGIU ·"
    assert "<h1>Ask the filings</h1>" in html and "<cite>Annual filings 2018-2022</cite>" in html
    assert "Rationalising" not in html and "LGIU" not in html
    assert "· Annual filings 2018-2022</title>" in client.get("/search?q=dues").get_data(as_text=True)
    with client.get("/widget.js") as response:
        script = response.get_data(as_text=True)
        assert response.mimetype == "text/javascript" and response.headers["ETag"]
    assert names_in(script) == {"site": "Ask the filings", "corpus": "Annual filings 2018-2022"}


def test_a_hostile_name_stays_a_string_in_the_widget():
    script = widget_script(
        f"x\n  {NAMES_LINE}\n", 'Site"; alert(1); "', "</script><img src=x onerror=alert(2)>"
    )
    assert names_in(script) == {
        "site": 'Site"; alert(1); "',
        "corpus": "</script><img src=x onerror=alert(2)>",
    }
    assert "</script>" not in script and '"Site"; alert' not in script  # the quote is escaped


def test_a_widget_without_the_names_line_fails_loudly():
    with pytest.raises(ValueError, match="names line"):
        widget_script("const X = 1;", "a", "b")
