"""Compare (insights.compare): cities side by side, on the fixture and the bundled data."""

from __future__ import annotations

import pytest

from insights import compare


@pytest.fixture(scope="module")
def mini(mini_network):
    from insights.frames import build_tables

    return build_tables(mini_network)


def test_counts_side_by_side(mini):
    counts = compare.counts_table(mini, ("alpha", "beta")).set_index("City")
    assert counts.loc["Alphaville", "Plan actions"] == 2 and counts.loc["Béta", "Plan actions"] == 1
    assert counts.loc["Alphaville", "Plan budget known"] == "€4,000"  # 3,000 + 1,000; the idea is apart
    assert counts.loc["Béta", "Plan budget known"] == "unknown"
    assert counts.loc["Alphaville", "Cells covered (× groups)"] == "5 of 16"
    assert counts.loc["Béta", "Cells covered (× groups)"] == "4 of 16"
    assert counts.loc["Alphaville", "Practices taken"] == 2  # outside-party and beta-walks
    assert counts.loc["Béta", "Practices passed on"] == 1  # beta-walks to alpha


def test_summary_says_what_differs(mini):
    said = compare.summary(mini, ("alpha", "beta"))
    assert said[0] == "Plan actions: Alphaville 2, Béta 1."
    assert "Only Alphaville reaches Identify × isolated people" in said[1]
    assert said[2].startswith("Only Béta reaches Help × people at risk")
    assert "All 2 reach the same 0 of 16 intervention × group cells." in said
    assert "unknown for Béta, so the budgets cannot be compared yet" in " ".join(said)


def test_grid_rows_per_intervention_and_city(mini):
    table = compare.comparison_grid(mini, ("alpha", "beta"), "beneficiary")
    assert len(table) == 4 * 2 * 4
    cell = table[(table["row"] == "Help · Béta") & (table["cell"] == "at_risk")].iloc[0]
    assert cell["actions"] == 1
    numbers = compare.grid_numbers(table, "beneficiary")
    assert list(numbers.columns) == ["Intervention", "Beneficiary group", "Alphaville (plan actions)", "Béta (plan actions)"]
    assert compare.grid_title(table, "beneficiary").startswith("Interventions × beneficiary groups: all 2 cities cover 0 of 16")


def test_bundled_data_isernia_and_fot(real):
    said = compare.summary(real, ("isernia", "fot"))
    assert said[0] == "Plan actions: Isernia 6, Fót 2."
    assert "Budgets: Isernia €20,000; unknown for Fót, so the budgets cannot be compared yet." in said
    view = compare.page_view(real, ("isernia", "fot"))
    assert list(view["counts"].columns) == ["", "Isernia", "Fót"]
    assert len(view["grids"]) == 2
