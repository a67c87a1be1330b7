"""Two plans written after the readers were built, in languages and wordings the readers' own
fixtures do not use (Romanian "Acțiunea 1.1 –" blocks, Danish "Indsats 1:" blocks), each with
contents, a monitoring table and other ideas around the actions: the keys were counted by hand
from the text. They measured the readers on plans they had not seen (README, the plan import);
they stay as a guard."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REAL_DATA

from formats.plans import draft_plan, read, read_document
from models.loader import load_network

UNSEEN = Path(__file__).resolve().parent / "fixtures" / "plans-unseen"

# title -> (cost value, currency, basis, funding sources); None where the plan states none.
KEYS = {
    "roman-pai.txt": {
        "Harta persoanelor izolate": (18000, "EUR", "plan_total", ["esf_plus"]),
        "Linie telefonică „Vorbește cu noi”": (24500, "EUR", "plan_total", ["municipal"]),
        "Campanie „Un vecin, un prieten”": (6500, "EUR", "plan_total", []),  # « nedefinit »
        "Formare pentru lucrătorii din prima linie": (9000, "EUR", "plan_total", ["private"]),
        # "12.000 EUR pe an (36.000 EUR pe trei ani)": the stated total wins
        "Club intergenerațional în Parcul Municipal": (36000, "EUR", "plan_total", ["erdf"]),
    },
    "tonder-plan.txt": {
        "Naturskole for ensomme voksne": (85000, "kr", "plan_total", ["municipal"]),
        "Folkehøjskoleophold": (120000, "DKK", "plan_total", ["private"]),
        "Opsporing via hjemmeplejen": (None, None, None, []),  # « ikke fastlagt »
        'Kampagne "Sig hej"': (30000, "kr", "plan_total", ["esf_plus"]),
    },
}


@pytest.fixture(scope="module")
def vocabulary():
    return load_network(REAL_DATA).vocabulary


def _drafted(name: str, vocabulary) -> dict:
    document = read_document((UNSEEN / name).read_bytes(), name)
    return draft_plan(read(document, vocabulary), "test", vocabulary=vocabulary, taken=set())


@pytest.mark.parametrize("name", sorted(KEYS))
def test_every_action_found_and_nothing_else(name, vocabulary):
    draft = _drafted(name, vocabulary)
    # Contents, the monitoring table and the other ideas never make actions.
    assert [e["action"]["title"] for e in draft["actions"]] == list(KEYS[name])


@pytest.mark.parametrize("name", sorted(KEYS))
def test_costs_and_funders_as_the_plan_states_them(name, vocabulary):
    for entry in _drafted(name, vocabulary)["actions"]:
        value, currency, basis, funders = KEYS[name][entry["action"]["title"]]
        cost, funding = entry["from_the_plan"]["cost"], entry["from_the_plan"]["funding"]
        assert (cost["value"], cost["currency"], cost["basis"]) == (value, currency, basis), entry["action"][
            "title"
        ]
        assert funding["sources"] == funders, entry["action"]["title"]
        # Nothing from around the action (the monitoring table after the last one) in its note.
        assert not funding["note"], funding["note"]
        if currency not in (None, "EUR"):  # another currency is never shown as euros
            assert entry["action"]["budget"] is None
