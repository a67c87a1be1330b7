"""Compare (analysis.compare): cities side by side, on the fixture and the bundled data."""

from __future__ import annotations

import dataclasses

import pytest

from analysis import compare
from figures import compare as compare_figures


@pytest.fixture(scope="module")
def mini(mini_network):
    from analysis.frames import build_tables

    return build_tables(mini_network)


def test_counts_side_by_side(mini):
    counts = compare.counts_table(mini, ("alpha", "beta")).set_index("City")
    assert counts.loc["Alphaville", "Plan actions"] == 2 and counts.loc["Béta", "Plan actions"] == 1
    assert counts.loc["Alphaville", "Plan budget known"] == "€4,000"  # 3,000 + 1,000; the idea is apart
    assert counts.loc["Béta", "Plan budget known"] == "unknown"
    assert counts.loc["Alphaville", "Cells covered (× groups)"] == "5 of 16"
    # Béta's plan is not entered: its covered cells are only those its known actions reach.
    assert counts.loc["Béta", "Cells covered (× groups)"] == "4 of 16 (known actions only)"
    assert counts.loc["Béta", "What is known"].startswith("Partly known")
    assert counts.loc["Alphaville", "Practices taken"] == 2  # outside-party and beta-walks
    assert counts.loc["Béta", "Practices passed on"] == 1  # beta-walks to alpha


def entered_too(tables, *cities):
    """The tables with these cities' plans counted as entered (as if their IAPs were in the data)."""
    cities_frame = tables.cities.copy()
    chosen = cities_frame["id"].isin(cities)
    cities_frame.loc[chosen, "knowledge"] = "plan_entered"
    cities_frame.loc[chosen, "iap_entered"] = True
    return dataclasses.replace(tables, cities=cities_frame)


def test_summary_ranks_only_entered_plans(mini):
    # Béta's plan is not entered: nothing of its plan content is compared or ranked.
    said = compare.summary(mini, ("alpha", "beta"))
    assert said[0].startswith("Plan not entered for Béta")
    assert said[1] == "Too little is known to compare cities: only one plan (Alphaville) is entered."
    assert not any(s.startswith(("Only ", "Plan actions:")) for s in said)
    assert "unknown for Béta, so the budgets cannot be compared yet" in " ".join(said)
    # Transfers are recorded for every city: they are said whatever is entered.
    assert any(s.startswith("Transfers:") for s in said)


def test_summary_says_what_differs_between_entered_plans(mini):
    said = compare.summary(entered_too(mini, "beta"), ("alpha", "beta"))
    assert said[0] == "Plan actions: Alphaville 2, Béta 1."
    assert "Only Alphaville reaches Identify × isolated people" in said[1]
    assert said[2].startswith("Only Béta reaches Help × people at risk")
    assert "All 2 reach the same 0 of 16 intervention × group cells." in said


def test_grid_rows_per_intervention_and_city(mini):
    table = compare.comparison_grid(mini, ("alpha", "beta"), "beneficiary")
    assert len(table) == 4 * 2 * 4
    cell = table[(table["row"] == "Help · Béta") & (table["cell"] == "at_risk")].iloc[0]
    assert cell["actions"] == 1
    # An empty cell of Alphaville (plan entered) is a gap; of Béta (not entered), not known.
    empty = table[table["actions"] == 0]
    assert set(empty.loc[empty["city"] == "alpha", "state"]) == {"gap"}
    assert set(empty.loc[empty["city"] == "beta", "state"]) == {"not_known"}
    numbers = compare.grid_numbers(table, "beneficiary")
    assert set(numbers["Béta (plan actions)"]) == {"not known", "1"}
    assert "gap" in set(numbers["Alphaville (plan actions)"])
    assert list(numbers.columns) == [
        "Intervention",
        "Beneficiary group",
        "Alphaville (plan actions)",
        "Béta (plan actions)",
    ]
    assert compare.grid_title(table, "beneficiary") == (
        "Interventions × beneficiary groups: 0 of 16 cells hold a known plan action of every city; "
        "7 hold none (Béta: plan not entered, cells not known)"
    )
    both = compare.comparison_grid(entered_too(mini, "beta"), ("alpha", "beta"), "beneficiary")
    assert compare.grid_title(both, "beneficiary").startswith(
        "Interventions × beneficiary groups: 0 of 16 cells are covered by every city"
    )


def test_bundled_data_isernia_and_fot(real):
    said = compare.summary(real, ("isernia", "fot"))
    # Fót's plan is not entered (no public source holds it): its plan content is not ranked.
    fot_entered = bool(real.cities.loc[real.cities["id"] == "fot", "iap_entered"].iloc[0])
    if not fot_entered:
        assert said[0].startswith("Plan not entered for Fót")
        assert not any(s.startswith("Plan actions:") for s in said)
    if not fot_entered:
        assert "Budgets: Isernia €20,000; unknown for Fót, so the budgets cannot be compared yet." in said
    view = compare_figures.compare_view(real, ("isernia", "fot"))
    assert list(view.counts.columns) == ["", "Isernia", "Fót"]
    assert len(view.grids) == 2
