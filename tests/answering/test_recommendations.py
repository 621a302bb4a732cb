"""Recommendations lookup: verbatim items by addressee from a structured fictional report."""

from pathlib import Path

import pytest

from qa_service.answering.compose import normalise_space
from qa_service.answering.recommendations import find_recommendations
from tests.factories import make_passage

FICTIONAL = Path(__file__).parents[1] / "data" / "fictional"


def fictional_docs() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in FICTIONAL.iterdir()}


def passage(text, section=(), sentences=None):
    return make_passage("p", text, section=section, sentences=sentences or ((0, len(text)),))


@pytest.fixture
def recommendations_client(fake_app_factory):
    return fake_app_factory(fictional_docs()).test_client()


def test_numbered_lists_under_recommendation_headings_are_grouped_by_addressee(recommendations_client):
    body = recommendations_client.get("/api/recommendations").get_json()
    groups = {g["addressee"]: [r["quote"] for r in g["recommendations"]] for g in body["groups"]}
    assert groups["central government"][:2] == [
        "Replace the separate monitoring returns with a single annual return.",
        "Publish one combined planning timetable for all departments.",
    ]
    assert (
        "The report calls on the Treasury to fund a two-year pilot of single place plans."
        in (groups["central government"])
    )
    assert groups["councils"] == [
        "Merge overlapping partnership plans into one place plan.",
        "Review every partnership board at least once every two years.",
    ]
    assert "Share performance data with the council through one common data store." in groups["partners"]
    assert "Health agencies should join the place plan boards from the start." in groups["partners"]
    assert body["count"] == 7 and body["note"] is None
    assert [g["addressee"] for g in body["groups"]] == ["central government", "councils", "partners"]


def test_every_item_is_verbatim_numbered_and_points_at_its_span(recommendations_client):
    body = recommendations_client.get("/api/recommendations").get_json()
    items = [r for g in body["groups"] for r in g["recommendations"]] + body["mentions"]
    assert [r["n"] for r in items] == list(range(1, len(items) + 1))
    for item in items:
        text = recommendations_client.get(f"/api/passages/{item['passage_id']}").get_json()["text"]
        assert text[item["quote_start"] : item["quote_end"]] == item["quote"]
        assert normalise_space(item["quote"]) in normalise_space(text)


def test_an_introduction_to_the_list_is_a_mention_not_a_recommendation(recommendations_client):
    body = recommendations_client.get("/api/recommendations").get_json()
    assert [m["quote"] for m in body["mentions"]] == [
        "We make the following recommendations, grouped by who should act on them."
    ]


def test_filters_narrow_the_documents_scanned(recommendations_client):
    body = recommendations_client.get("/api/recommendations?kind=case%20study").get_json()
    assert body["groups"] == [] and body["count"] == 0
    assert body["note"] == "No recommendations were found in the documents."


@pytest.mark.parametrize(
    ("sentence", "addressee"),
    [
        ("We urge ministers to simplify the rules.", "central government"),
        ("The institute recommends that councils publish one plan.", "councils"),
        ("Local authorities should share one data store with the police.", "councils"),
        ("The police should attend every board.", "partners"),
        ("We call on everyone to read the plan.", "other"),
    ],
)
def test_directives_outside_a_recommendations_section_name_their_addressee(sentence, addressee):
    found = find_recommendations([passage(sentence, ("Conclusion",))])
    assert [(f.quote, f.addressee) for f in found.items] == [(sentence, addressee)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The report makes a number of policy recommendations.",
        "Councils felt there was a need to cut the number of plans.",
        "This should not surprise anyone.",
        "Should councils merge their plans?",
    ],
)
def test_statements_findings_and_questions_are_not_recommendations(sentence):
    assert find_recommendations([passage(sentence)]).items == ()


def test_a_list_marker_split_off_by_the_sentence_splitter_still_marks_an_item():
    text = "1. Merge the plans. 2. Close the boards."
    found = find_recommendations(
        [passage(text, ("Recommendations for councils",), ((0, 2), (3, 19), (20, 22), (23, 40)))]
    )
    assert [(f.quote, f.addressee) for f in found.items] == [
        ("Merge the plans.", "councils"),
        ("Close the boards.", "councils"),
    ]
