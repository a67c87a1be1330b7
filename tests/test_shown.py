"""What a page shows (analysis.shown, ui.shown): the stamp, the findings and the rankings read
the cities the page really shows - the sidebar's where its filters apply, the page's own
choice where they do not - and no plan that is not entered is ranked."""

from __future__ import annotations

import json

import pytest
from conftest import MINI, ROOT, entered_plans
from streamlit.testing.v1 import AppTest

from analysis.frames import Filters, build_tables
from analysis.known import Basis
from analysis.overview import intervention_counts
from analysis.shown import page_cities
from figures.overview import intervention_figure
from models import load_network

APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def mini():
    return build_tables(load_network(MINI))


# --- which cities: a truth table -----------------------------------------------------------


@pytest.mark.parametrize(
    ("sidebar", "applies", "own", "ids", "selection"),
    [
        ((), True, None, ["alpha", "beta", "gamma"], False),  # nothing chosen: the network
        (("gamma", "alpha"), True, None, ["alpha", "gamma"], True),  # in the network's order
        (("gamma",), True, ["beta"], ["gamma"], True),  # a filtered page reads the sidebar
        (("gamma",), False, ["beta"], ["beta"], True),  # elsewhere the page's own choice
        (("gamma",), False, None, ["alpha", "beta", "gamma"], False),  # which may be none
        (("gamma",), False, [], ["alpha", "beta", "gamma"], False),
        ((), True, None, ["alpha", "beta", "gamma"], False),
        (("gone",), True, None, [], True),  # an old link's city: no city shown, said as a choice
    ],
)
def test_the_cities_a_page_shows(mini, sidebar, applies, own, ids, selection):
    shown = page_cities(mini, Filters(cities=sidebar), filters_apply=applies, own=own)
    assert (shown.ids, shown.selection) == (ids, selection)


def test_the_entered_plans_among_them(mini):
    every = page_cities(mini, Filters(), filters_apply=True)
    entered = list(mini.cities.loc[mini.cities["iap_entered"].astype(bool), "id"])
    assert every.entered == entered
    others = [c for c in every.ids if c not in entered]
    assert page_cities(mini, Filters(cities=tuple(others)), filters_apply=True).entered == []


# --- no ranking among plans that are not entered --------------------------------------------


def _figure(tables, ids):
    cities = tables.cities[tables.cities["id"].isin(ids)]
    actions = tables.actions[tables.actions["city"].isin(ids)]
    counts = intervention_counts(actions, tables)
    return intervention_figure(counts, tables.vocabulary.colours("interventions"), Basis.of(cities))


def _title(tables, ids) -> str:
    return " ".join(str(_figure(tables, ids).layout.title.text).replace("<br>", " ").split())


def test_plans_not_entered_are_not_ranked(real, real_network):
    not_entered = [c for c in real.cities["id"] if c not in entered_plans(real_network)]
    if not not_entered:
        pytest.skip("every plan is entered")
    alone = _title(real, not_entered[:1])
    assert "fewest" not in alone and "most" not in alone
    assert (
        alone == "Plan actions known per intervention: the plan shown is not entered, so they are not ranked"
    )
    several = _title(real, not_entered)
    assert several == "Plan actions known per intervention: no plan shown is entered, so they are not ranked"


@pytest.mark.parametrize(
    ("ids", "empty"),
    [
        (["alpha"], {"prevent": "none"}),  # an entered plan: no action there is a fact
        (["beta"], {"identify": "none known", "awareness": "none known"}),  # not entered
        (["alpha", "beta"], {}),  # every intervention used by one of them
        (["alpha", "gamma"], {"prevent": "none known"}),  # gamma's plan may well do it
    ],
)
def test_an_intervention_without_known_action_is_none_known_unless_every_plan_is_entered(mini, ids, empty):
    bars = _figure(mini, ids).data[0]
    words = dict(zip(mini.vocabulary.labels("interventions"), bars.text, strict=True))
    counts = dict(zip(mini.vocabulary.labels("interventions"), bars.y, strict=True))
    assert {i: words[i] for i in words if not counts[i]} == empty


def test_an_entered_plan_is_ranked(real, real_network):
    entered = entered_plans(real_network)
    if not entered:
        pytest.skip("no plan is entered")
    assert "the fewest" in _title(real, entered[:1])


# --- the pages: the stamp under every chart --------------------------------------------------


def _stamps(at: AppTest) -> set[str]:
    """The stamp line under each chart's title on the page."""
    found = set()
    for chart in at.get("plotly_chart"):
        layout = json.loads(chart.proto.spec)["layout"]
        found.add(layout["title"]["subtitle"]["text"].split(" · ", 1)[1])
    return found


@pytest.fixture
def sidebar_on_fot(real_data, real_network):
    """The app with the sidebar's city filter set to Fót (whose plan is not entered)."""
    if "fot" in entered_plans(real_network):
        pytest.skip("Fót's plan is entered")
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.multiselect(key="city").set_value(["fot"]).run()
    assert not at.exception
    return at


@pytest.mark.parametrize(
    ("page", "state", "expected"),
    [
        ("mycity", {"my_city": "isernia"}, "IAP entered for 1 of 1 city shown"),
        ("compare", {"compare": ["isernia", "agen"]}, "IAP entered for {isernia} of 2 cities shown"),
        ("progress", {"progress_city": "isernia"}, "IAP entered for 1 of 1 city shown"),
        ("progress", {"progress_city": "all"}, "IAP entered for {entered} of {n} cities"),
    ],
)
def test_pages_the_filters_do_not_apply_to_stamp_their_own_cities(
    sidebar_on_fot, real_network, page, state, expected
):
    entered = entered_plans(real_network)
    if "isernia" not in entered:
        pytest.skip("Isernia's plan is not entered")
    at = sidebar_on_fot
    at.switch_page(f"pages/{page}.py")
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    n = len(real_network.cities)
    said = expected.format(isernia=1, entered=len(entered), n=n)
    assert _stamps(at) == {said}


def test_the_overview_with_fot_stamps_fot_and_ranks_nothing(sidebar_on_fot):
    at = sidebar_on_fot
    assert _stamps(at) == {"IAP entered for 0 of 1 city shown"}
    title = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["title"]["text"]
    assert "the fewest" not in title
    assert "not ranked" in title
