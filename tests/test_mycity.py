"""My city: gaps and peer suggestions, focus areas, completeness (analysis.mycity), and
`python -m models gaps`. Answers on the fixture were worked out by hand from its files."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import MINI, REAL_DATA, run_models

from analysis import gaps
from analysis import mycity as mycity


@pytest.fixture(scope="module")
def mini(mini_network):
    from analysis.frames import build_tables

    return build_tables(mini_network)


def _cells(entries, grid):
    return {
        (e["intervention"], e[grid]): sorted(s["action"] for s in e["suggestions"])
        for e in entries
        if e["grid"] == grid
    }


def test_alpha_gaps_and_suggestions_are_those_counted_by_hand(mini):
    entries = gaps.gaps(mini, "alpha")
    # alpha's plan actions: a1 identify+awareness x isolated+at_risk (targeted), a2 help x isolated
    # (intensive): 5 of 16 group cells and 3 of 12 level cells covered.
    groups = _cells(entries, "beneficiary")
    levels = _cells(entries, "support_level")
    assert len(groups) == 11 and len(levels) == 9
    assert {cell: peers for cell, peers in groups.items() if peers} == {
        ("help", "at_risk"): ["beta-a1"],
        ("help", "all_citizens"): ["beta-a1"],
        ("awareness", "all_citizens"): ["beta-t1"],  # a testing action is a suggestion too
        ("prevent", "at_risk"): ["beta-a1"],
        ("prevent", "all_citizens"): ["beta-a1"],
    }
    assert {cell: peers for cell, peers in levels.items() if peers} == {
        ("help", "universal"): ["beta-a1"],
        ("awareness", "universal"): ["beta-t1"],
        ("prevent", "universal"): ["beta-a1"],
    }


def test_own_testing_actions_and_ideas_neither_cover_nor_suggest(mini):
    groups = _cells(gaps.gaps(mini, "alpha"), "beneficiary")
    # alpha-t1 (identify x helpers) is alpha's own testing action: still a gap, no suggestion.
    assert groups[("identify", "helpers")] == []
    # alpha-i1 (idea, prevent x all citizens) does not cover the cell either.
    assert ("prevent", "all_citizens") in groups


def test_a_city_not_entered_has_no_gaps_only_cells_not_known(mini):
    # Gamma's plan is not entered and no action of it is known: no gap is claimed.
    found = gaps.city_cells(mini, "gamma")
    assert found["plan_entered"] is False
    assert found["gaps"] == [] and gaps.gaps(mini, "gamma") == []
    assert len(found["not_known"]) == 16 + 12
    counts = gaps.gap_counts(found["not_known"], mini)
    # Distinct group cells of alpha's and beta's actions of every kind: alpha-a1 4, alpha-a2 1,
    # alpha-t1 1, alpha-i1 1, beta-a1 3 more (prevent x all citizens already counted), beta-t1 1.
    assert counts["beneficiary"] == {"cells": 16, "gaps": 16, "with_peers": 11}
    said = gaps.gaps_sentence(found, mini, "Gamma")
    assert said.startswith("Gamma's plan is not entered, so its gaps are not known.")
    assert "gap" not in said.replace("gaps are not known", "")


def test_gaps_json_says_whether_the_plan_is_entered(mini):
    entered = gaps.gaps_json(mini, "alpha")
    assert entered["plan_entered"] is True and "note" not in entered
    assert entered["gaps"] and entered["not_known"] == []
    beta = gaps.gaps_json(mini, "beta")
    assert beta["plan_entered"] is False and beta["gaps"] == []
    assert "not entered" in beta["note"] and "not_known" in beta["note"]
    # Béta's known plan action (help, prevent x at risk, all citizens...) leaves the rest not known.
    assert len(beta["not_known"]) == len(gaps.city_cells(mini, "beta")["not_known"]) > 0
    assert all("suggestions" not in e for e in beta["not_known"])


def test_peer_actions_are_the_same_list_on_every_page(mini):
    # The Coverage page and My city read one function: every action of another city, of any kind.
    for entry in gaps.city_cells(mini, "alpha")["gaps"]:
        across = entry["grid"]
        assert entry["suggestions"] == gaps.peer_actions(
            mini, "alpha", across, entry["intervention"], entry[across]
        )


def test_unknown_city_is_named_with_the_known_ones(mini):
    with pytest.raises(gaps.UnknownCity, match="No city with the id 'delta'.*alpha, beta, gamma"):
        gaps.gaps(mini, "delta")


def _raw_isernia_plan_cells():
    """Isernia's covered cells read straight from its YAML file (not through the tables)."""
    data = yaml.safe_load((REAL_DATA / "cities" / "isernia.yaml").read_text(encoding="utf-8"))
    plan = [a for a in data["actions"] if a["kind"] == "iap_action"]
    groups = {(i, b) for a in plan for i in a["interventions"] for b in a["beneficiaries"]}
    levels = {(i, a["support_level"]) for a in plan for i in a["interventions"]}
    return len(plan), groups, levels


def test_isernia_gaps_are_the_cells_its_six_actions_leave_empty(real):
    n_plan, groups, levels = _raw_isernia_plan_cells()
    assert n_plan == 6
    vocab = real.vocabulary
    entries = gaps.gaps(real, "isernia")
    expected_groups = {
        (i, b) for i in vocab.ids("interventions") for b in vocab.ids("beneficiaries") if (i, b) not in groups
    }
    expected_levels = {
        (i, s)
        for i in vocab.ids("interventions")
        for s in vocab.ids("support_levels")
        if (i, s) not in levels
    }
    assert set(_cells(entries, "beneficiary")) == expected_groups
    assert set(_cells(entries, "support_level")) == expected_levels


def test_every_isernia_gap_a_peer_covers_has_a_peer_practice(real):
    """Done when: for every gap some peer covers, at least one peer practice."""
    others = real.actions[real.actions["city"] != "isernia"]
    for entry in gaps.gaps(real, "isernia"):
        grid, cell = entry["grid"], entry[entry["grid"]]
        in_cell = others[
            others["interventions"].map(lambda ids, i=entry["intervention"]: i in ids)
            & (
                others["beneficiaries"].map(lambda ids, c=cell: c in ids)
                if grid == "beneficiary"
                else others["support_level"].eq(cell)
            )
        ]
        assert sorted(s["action"] for s in entry["suggestions"]) == sorted(in_cell["id"])
        for s in entry["suggestions"]:
            assert s["city"] != "isernia" and s["title"] and s["source"]


def test_isernia_prevent_for_all_citizens_suggests_agen_bench(real, real_network):
    entry = next(
        e
        for e in gaps.gaps(real, "isernia")
        if e["grid"] == "beneficiary"
        and e["intervention"] == "prevent"
        and e["beneficiary"] == "all_citizens"
    )
    titles = {(s["city_name"], s["title"]) for s in entry["suggestions"]}
    assert ("Agen", "Bench of Friendship") in titles
    serres = next(s for s in entry["suggestions"] if s["city"] == "serres")
    assert serres["taken_from"] and "Fête des voisins" in serres["taken_from"][0]
    # each peer action's budget as its city's data states it: unknown stays unknown, never 0
    amounts = {
        a.id: a.budget.amount_eur if a.budget else None for p in real_network.cities for a in p.actions
    }
    assert all(s["budget_eur"] == amounts[s["action"]] for s in entry["suggestions"])
    assert all(s["budget_eur"] != 0 for s in entry["suggestions"])


def test_gaps_table_says_unfilled_gaps_in_words(mini):
    table = gaps.gaps_table(gaps.gaps(mini, "alpha"), "beneficiary")
    row = table[(table["Intervention"] == "Identify") & (table["Beneficiary group"] == "Helpers")].iloc[0]
    assert row["Peer action"] == "no city has an action here"
    assert not table.isna().any().any()


def test_focus_areas_known_for_isernia_unknown_without_a_source(real, mini):
    isernia = mycity.focus_table(real, "isernia")
    assert len(isernia) == 7
    care = isernia[isernia["Focus area"].str.contains("mutual care")].iloc[0]
    assert care["Chosen by the city"] == "yes" and care["Plan actions"] == 0
    assert care["Status"] == "chosen, but no plan action there"
    assert "Culture of mutual care" in mycity.focus_sentence(isernia, "Isernia")
    beta = mycity.focus_table(mini, "beta")  # Béta (fixture): no source names its focus areas
    assert set(beta["Chosen by the city"]) == {"unknown"}
    assert "No source" in mycity.focus_sentence(beta, "Béta")


def test_completeness_lists_what_to_enter_next(real, mini):
    isernia = mycity.completeness(real, "isernia")
    assert isernia["Complete?"].all() and mycity.next_steps(isernia) == []
    beta = mycity.completeness(mini, "beta")  # Béta (fixture): plan not entered, one plan action
    known = dict(zip(beta["Item"], beta["In the data"], strict=True))
    assert known["IAP document"] == "not entered"
    assert known["Budgets"].startswith("0 of 1 plan action")
    steps = mycity.next_steps(beta)
    assert steps[0].startswith("Enter the plan from the IAP document")
    assert any("cost" in s for s in steps)


def run_cli(*args):
    return run_models(*args)


def test_gaps_command_prints_the_contract_json():
    result = run_cli("gaps", "alpha", "--format", "json", "--data", str(MINI))
    assert result.returncode == 0, result.stderr.decode()
    document = json.loads(result.stdout)
    assert document["city"] == "alpha" and len(document["gaps"]) == 20
    for gap in document["gaps"]:
        assert gap["intervention"]
        assert ("beneficiary" in gap) != ("support_level" in gap)
        for suggestion in gap["suggestions"]:
            assert {"city", "action", "title"} <= set(suggestion)
    help_all = next(
        g for g in document["gaps"] if g["intervention"] == "help" and g.get("beneficiary") == "all_citizens"
    )
    assert [(s["city"], s["action"]) for s in help_all["suggestions"]] == [("beta", "beta-a1")]


def test_gaps_command_on_the_bundled_data_and_an_unknown_city():
    result = run_cli("gaps", "isernia", "--format", "json")
    document = json.loads(result.stdout)
    assert document["city"] == "isernia" and len(document["gaps"]) == 11
    wrong = run_cli("gaps", "atlantis")
    assert wrong.returncode == 2
    assert "No city with the id 'atlantis'" in wrong.stderr.decode()
    assert wrong.stdout == b""


def test_peer_suggestions_are_listed_by_city_then_title(real):
    """A cell's peer actions read in the order of their city's name, then their title, as the
    page and the report list them (checked where a cell has peers from several cities)."""
    from analysis.coverage import name_key

    several = 0
    for city in real.cities["id"]:
        found = gaps.city_cells(real, city)
        for entry in found["gaps"] + found["not_known"]:
            order = [(name_key(s["city_name"]), name_key(s["title"])) for s in entry["suggestions"]]
            assert order == sorted(order), (city, entry["grid"], entry["intervention"])
            several += len({s["city"] for s in entry["suggestions"]}) > 1
    assert several, "no cell with peers from several cities: the order is not checked"
