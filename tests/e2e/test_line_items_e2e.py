"""A figure asked by its line item, with the real model: the statement row that names it is quoted,
though the prose that talks about the line item ranks above the statement (a fictional text filing)."""

from __future__ import annotations

import pytest

from tests.e2e.test_e2e import ask, assert_verbatim

pytestmark = pytest.mark.model

MONTHS = ["January", "March", "May", "July", "September", "November"]
ROUTES = ["Ashby", "Brindle", "Corran", "Dale"]


def filing() -> str:
    """A plainly fictional freight filing (test data): much prose about its track access charges in
    2024, then the statement whose row states them."""
    parts = ["# Tarn Freight annual review 2024", "Tarn Freight is a fictional freight company (test data)."]
    for i in range(24):
        month, route = MONTHS[i % len(MONTHS)], ROUTES[i % len(ROUTES)]
        parts.append(
            f"In {month} 2024 Tarn Freight's track access charges on the {route} route covered {i + 3} extra "
            f"paths, and the board reviewed Tarn Freight's track access charges against its other costs."
        )
        if i % 6 == 5:
            parts.append(f"# Operations review, part {i // 6 + 1}")
    parts += [
        "# Statement of operating costs",
        "(In thousands) | 2024 | 2023",
        "Track access charges | 4,210 | 3,980",
        "Track access charges rebated by the network owner | 310 | 295",
        "Traction energy | 2,115 | 2,330",
        "Staff costs | 9,870 | 9,440",
    ]
    return "\n\n".join(parts) + "\n"


@pytest.fixture(scope="module")
def client(real_encoder, tmp_path_factory):
    from tests.conftest import real_client_over

    folder = tmp_path_factory.mktemp("line-items")
    (folder / "tarn-freight-review.md").write_text(filing(), encoding="utf-8")
    return real_client_over([folder / "tarn-freight-review.md"], tmp_path_factory, real_encoder)


def test_the_row_naming_the_line_item_asked_opens_the_answer(client):
    body = ask(client, "What were Tarn Freight's track access charges in 2024?")
    # the prose fills the top five passages; the statement is found further down, by its row
    assert all(" | " not in hit["text"] for hit in body["passages"][:5])
    assert body["covered"] is True
    assert body["citations"][0]["quote"] == "Track access charges | 4,210 | 3,980"
    assert_verbatim(body)


def test_a_question_asking_no_figure_is_answered_from_the_prose(client):
    body = ask(client, "What did the board of Tarn Freight review against its other costs?")
    assert body["covered"] is True
    assert all(" | " not in c["quote"] for c in body["citations"])
