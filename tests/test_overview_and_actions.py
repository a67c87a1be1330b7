"""Table and figure functions of the Overview and Actions pages, on real and fixture data."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from analysis import action_table, overview
from analysis.frames import Filters, build_tables, coverage_cells, filter_actions
from figures import overview as overview_figures
from outputs import action_table as action_table_outputs


@pytest.fixture(scope="module")
def mini(mini_network):
    return build_tables(mini_network)


@pytest.fixture(scope="module")
def real(real_network):
    return build_tables(real_network)


def test_headline_counts_unknown_budgets_as_unknown(mini):
    numbers = overview.headline(mini.actions, mini.cities, mini.transfers)
    assert numbers["plan_actions"] == 3
    assert numbers["plan_budget_total"] == 4000  # alpha's two plan actions; beta's is unknown
    assert numbers["plan_budget_known"] == 2
    assert numbers["plan_budget_cities"] == 1
    beta_only = filter_actions(mini.actions, Filters(cities=("beta",)))
    assert overview.headline(beta_only, mini.cities, mini.transfers.iloc[0:0])["plan_budget_total"] is None
    assert "unknown" in overview.money_sentence(overview.headline(beta_only, mini.cities, mini.transfers))


def test_completeness_in_words(mini):
    table = overview.completeness(mini.cities, mini.actions).set_index("City")
    assert table.loc["Alphaville", "Budgets"] == "budget known for 2 of 2 plan actions"
    assert table.loc["Béta", "Budgets"] == "budget known for 0 of 1 plan action"
    assert table.loc["Gamma", "Budgets"] == "no plan action recorded"
    assert table.loc["Béta", "IAP document"] == "not yet entered"
    assert table.loc["Alphaville", "Population"] == "10,000 (2023)"
    assert table.loc["Gamma", "Population"] == "unknown"


def test_real_completeness_says_which_plans_are_entered(real, real_network):
    table = overview.completeness(real.cities, real.actions).set_index("City")
    assert table.loc["Isernia", "Budgets"] == "budget known for 6 of 6 plan actions"
    for plan in real_network.cities:
        said = table.loc[plan.city.name, "IAP document"]
        assert (said == "not yet entered") == (plan.city.iap_document is None), plan.city.id


def test_kind_counts_list_every_city_even_without_actions(mini):
    counts = overview.kind_counts(mini.cities, mini.actions).set_index("City")
    assert counts.loc["Gamma"].to_dict() == {
        "Plan action": 0,
        "Testing action": 0,
        "Idea (not funded)": 0,
        "Total": 0,
    }
    assert counts.loc["Alphaville", "Total"] == 4
    # Only Alphaville's plan is entered: cities are not ranked, the title says what is known.
    fig = overview_figures.kind_figure(counts.reset_index(), frozenset({"Alphaville"}))
    assert fig.layout.title.text.startswith("Alphaville's entered plan holds 2 plan actions")
    both = overview_figures.kind_figure(counts.reset_index(), frozenset({"Alphaville", "Béta"}))
    assert both.layout.title.text.startswith(
        "Alphaville has the most plan actions of the 2 entered plans (2)"
    )


def test_intervention_counts_count_every_intervention(mini):
    counts = overview.intervention_counts(mini.actions, mini).set_index("id")
    # alpha-a1 identify+awareness, alpha-a2 help, beta-a1 prevent+help
    assert counts["Plan actions"].to_dict() == {"identify": 1, "help": 2, "awareness": 1, "prevent": 1}
    assert counts.loc["help", "Cities"] == 2
    fig = overview_figures.intervention_figure(counts.reset_index(), mini.vocabulary.colours("interventions"))
    assert list(fig.data[0].marker.color) == ["#0072B2", "#D55E00", "#CC79A7", "#009E73"]


def test_map_draws_only_located_cities_and_uses_offline_scope(mini):
    fig = overview_figures.map_figure(mini.cities, mini.actions)
    assert list(fig.data[0].text) == ["Alphaville", "Béta"]  # gamma has no position
    assert fig.layout.geo.scope == "europe"


def test_coverage_cells_follow_the_single_definition(mini):
    cells = coverage_cells(mini.actions[mini.actions["id"] == "beta-a1"])
    assert set(zip(cells["intervention"], cells["beneficiary"], cells["support_level"], strict=True)) == {
        ("prevent", "at_risk", "universal"),
        ("prevent", "all_citizens", "universal"),
        ("help", "at_risk", "universal"),
        ("help", "all_citizens", "universal"),
    }


def test_search_ignores_case_and_accents(real):
    found = action_table.search(real.actions, "skofja CULTURE")
    assert list(found["city"]) == ["skofja-loka"]
    assert action_table.search(real.actions, "   ").shape == real.actions.shape
    assert action_table.search(real.actions, "no-such-word-anywhere").empty


def test_narrow_by_level_and_group(mini):
    rows = action_table.narrow(mini.actions, ["universal"], ["all_citizens"])
    assert list(rows["id"]) == ["alpha-i1", "beta-a1", "beta-t1"]


def test_display_table_says_unknown_and_basis(mini):
    table = action_table.display_table(mini.actions).set_index("id")
    assert table.loc["beta-a1", "Budget"] == "unknown"
    assert table.loc["alpha-a1", "Budget"] == "€3,000"
    assert table.loc["alpha-i1", "Budget"] == "€5,000 per year (estimate)"
    assert table.loc["alpha-a1", "Source"] == "https://example.org/alpha-plan"


def test_csv_download_matches_the_export_and_keeps_unknown_empty(mini):
    rows = filter_actions(mini.actions, Filters(cities=("beta",)))
    text = action_table_outputs.csv_bytes(rows).decode("utf-8-sig")
    parsed = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["id"] for r in parsed] == ["beta-a1", "beta-t1"]
    assert parsed[0]["budget_eur"] == ""
    assert parsed[0]["interventions"] == "prevent; help"


def test_excel_download_has_numbers_and_an_about_sheet(mini):
    workbook = openpyxl.load_workbook(
        io.BytesIO(action_table_outputs.excel_bytes(mini.actions, "all cities"))
    )
    sheet = workbook["Actions"]
    header = [c.value for c in sheet[1]]
    budget = header.index("budget_eur")
    values = {row[0].value: row[budget].value for row in sheet.iter_rows(min_row=2)}
    assert values["alpha-a1"] == 3000
    assert values["beta-a1"] is None
    assert workbook["About"]["B3"].value == "all cities"
    assert workbook["About"]["A6"].value is None  # no stamp given, no row for it
    stamped = openpyxl.load_workbook(
        io.BytesIO(
            action_table_outputs.excel_bytes(mini.actions, "all cities", "Data of 2026-11-24 · IAP entered")
        )
    )
    assert [stamped["About"]["A6"].value, stamped["About"]["B6"].value] == [
        "Data",
        "Data of 2026-11-24 · IAP entered",
    ]


def test_full_record_says_what_is_unknown(mini):
    row = mini.actions[mini.actions["id"] == "beta-a1"].iloc[0]
    record = action_table.full_record(row, mini.vocabulary, mini.practices)
    assert record["Budget"] == "unknown (no source states it)"
    assert record["Timing"] == "unknown"
    assert record["Lead"] == "not stated"
    alpha = mini.actions[mini.actions["id"] == "alpha-a2"].iloc[0]
    full = action_table.full_record(alpha, mini.vocabulary, mini.practices)
    assert full["Inspired by"] == ["Beta's walking group (Béta)"]
    assert full["Budget"].startswith(
        "€1,000 for the whole plan period (in the plan's budget); funding: Municipal funds, ESF+"
    )
