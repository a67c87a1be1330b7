"""analysis.coverage: tables, findings and figures of the Coverage page.

On the mini fixture the expected results are read off the fixture files (alpha: plan
entered, two plan actions; beta: plan not entered, one known plan action and no budget;
gamma: plan not entered, no action). An empty cell is a gap only when every plan in scope
is entered; otherwise it is not known (analysis.known). On the real data the expectations
are computed from the actions and cities tables, never hard-coded (except Isernia's six
plan actions, which its IAP fixes), so they hold when another city's plan is entered.
"""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis import coverage as cov
from analysis import gaps as gap
from analysis.frames import Filters, build_tables, coverage_cells, plan_actions
from analysis.known import COVERED, GAP, NOT_KNOWN, Basis
from figures import coverage as cov_figures
from figures.theme import GAP_COLOUR, NOT_KNOWN_COLOUR
from models.knowledge import PLAN_ENTERED


@pytest.fixture(scope="module")
def mini(mini_network):
    return build_tables(mini_network)


@pytest.fixture(scope="module")
def real(real_network):
    return build_tables(real_network)


def cell_set(cells: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(zip(cells["intervention"], cells["support_level"], cells["beneficiary"], strict=True))


def grid_counts(table: pd.DataFrame) -> dict[tuple[str, str], int]:
    return {(r.intervention, r.cell): r.actions for r in table.itertuples()}


def every(tables) -> Basis:
    """The basis of every city of the data."""
    return Basis.of(tables.cities)


def only(tables, *ids) -> Basis:
    return Basis.of(tables.cities, ids)


MINI_RESTS_ON = (
    "Based on 1 entered plan (Alphaville) of 3 cities; for the other 2 only the actions named "
    "in the network's articles are known."
)


def heatmap_and_empty(fig: go.Figure):
    """The heatmap, and the text trace of each kind of empty cell: {"gap": trace, "not known": trace}."""
    heat = next(t for t in fig.data if t.type == "heatmap")
    empty = {}
    for t in fig.data:
        if t.type == "scatter":
            words = {text.split("<br>")[0] for text in t.text}
            assert len(words) == 1, words  # one trace per kind of empty cell
            empty[words.pop()] = t
    return heat, empty


def empty_texts(fig: go.Figure) -> list[str]:
    return [text for t in fig.data if t.type == "scatter" for text in t.text]


# --- what is counted --------------------------------------------------------------------


def test_counted_actions_are_plan_actions_unless_all_included(mini):
    plan = cov.counted_actions(mini.actions, Filters())
    assert set(plan["id"]) == {"alpha-a1", "alpha-a2", "beta-a1"}
    everything = cov.counted_actions(mini.actions, Filters(), include_all=True)
    assert set(everything["id"]) == set(mini.actions["id"])


def test_counted_actions_respect_the_shared_filters(mini):
    only_beta = cov.counted_actions(mini.actions, Filters(cities=("beta",)), include_all=True)
    assert set(only_beta["id"]) == {"beta-a1", "beta-t1"}
    testing = cov.counted_actions(mini.actions, Filters(kinds=("testing_action",)), include_all=True)
    assert set(testing["kind"]) == {"testing_action"}
    # plan only and a kind filter without plan actions: nothing is counted
    assert cov.counted_actions(mini.actions, Filters(kinds=("testing_action",))).empty


def test_counted_description_says_what_is_counted(mini):
    assert "plan actions only" in cov.counted_description(Filters(), False, "all cities")
    text = cov.counted_description(Filters(), True, "all cities")
    assert "testing actions and ideas" in text and "all cities" in text
    assert cov.noun_for(False) == "plan actions" and cov.noun_for(True) == "actions"


def test_alpha_plan_covers_exactly_the_cells_of_its_two_plan_actions(mini):
    alpha = plan_actions(mini.actions[mini.actions["city"] == "alpha"])
    cells = cov.model_cells(alpha)
    # alpha-a1: identify + awareness, targeted, isolated + at_risk; alpha-a2: help, intensive, isolated
    expected = {(i, "targeted", g) for i in ("identify", "awareness") for g in ("isolated", "at_risk")} | {
        ("help", "intensive", "isolated")
    }
    assert cell_set(cells) == expected
    assert set(cells["id"]) == {"alpha-a1", "alpha-a2"}


def test_model_cells_keep_only_the_chosen_interventions(mini):
    plan = cov.counted_actions(mini.actions, Filters(interventions=("help",)))
    cells = cov.model_cells(plan, ("help",))
    assert set(cells["intervention"]) == {"help"}
    # beta-a1 uses prevent and help: only its help cells are left
    assert cell_set(cells[cells["id"] == "beta-a1"]) == {
        ("help", "universal", "at_risk"),
        ("help", "universal", "all_citizens"),
    }


# --- the grids ---------------------------------------------------------------------------


def cells_of_grid(vocab, across: str) -> int:
    """A whole grid's cells: every intervention by every support level or group."""
    return len(vocab.ids("interventions")) * len(vocab.ids(cov.AXIS_KIND[across]))


def test_level_grid_of_the_mini_network(mini):
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters()))
    table = cov.grid(cells, mini.vocabulary, cov.LEVEL, basis=every(mini))
    assert len(table) == 12  # 4 interventions x 3 support levels
    assert list(dict.fromkeys(table["intervention"])) == mini.vocabulary.ids("interventions")
    assert list(table["cell"][:3]) == mini.vocabulary.ids("support_levels")
    counts = grid_counts(table)
    covered = {k: v for k, v in counts.items() if v}
    assert covered == {
        ("identify", "targeted"): 1,
        ("awareness", "targeted"): 1,
        ("help", "intensive"): 1,
        ("help", "universal"): 1,
        ("prevent", "universal"): 1,
    }
    row = table[(table["intervention"] == "help") & (table["cell"] == "intensive")].iloc[0]
    assert row["cities"] == "Alphaville" and row["ids"] == ["alpha-a2"]
    assert row["intervention_label"] == "Help"
    assert row["colour"] == mini.vocabulary.colours("interventions")["help"]
    # beta's and gamma's plans are not entered: an empty cell of the network is not known
    states = {(r.intervention, r.cell): r.state for r in table.itertuples()}
    assert {k for k, v in states.items() if v == COVERED} == set(covered)
    assert {v for k, v in states.items() if k not in covered} == {NOT_KNOWN}
    # the same cells, resting on alpha's entered plan alone: an empty cell is a gap
    alone = cov.grid(cells[cells["city"] == "alpha"], mini.vocabulary, cov.LEVEL, basis=only(mini, "alpha"))
    assert set(alone["state"]) == {COVERED, GAP}
    assert list(alone["state"] == COVERED) == list(alone["actions"] > 0)


def test_group_grid_counts_each_action_once_per_cell(mini):
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters()))
    table = cov.grid(cells, mini.vocabulary, cov.GROUP, basis=every(mini))
    assert len(table) == 16
    counts = grid_counts(table)
    assert counts[("identify", "isolated")] == 1  # alpha-a1
    assert counts[("help", "isolated")] == 1  # alpha-a2
    assert counts[("help", "at_risk")] == 1  # beta-a1
    assert all(v == 0 for (i, g), v in counts.items() if g == "helpers")


def test_city_with_no_action_and_no_plan_has_an_all_not_known_grid(mini):
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters()))
    gamma = cov.grid(cells[cells["city"] == "gamma"], mini.vocabulary, cov.LEVEL, basis=only(mini, "gamma"))
    assert len(gamma) == 12 and gamma["actions"].sum() == 0
    assert set(gamma["state"]) == {NOT_KNOWN}  # gamma's plan is not entered: no gap is claimed
    assert cov.levels_finding(gamma, city_name="Gamma", basis=only(mini, "gamma")) == (
        "Gamma's plan is not entered and none of its plan actions is known yet: all 12 cells are not known"
    )
    # an entered plan with no plan action shown: every cell is a gap
    alpha = cov.grid(cells.iloc[0:0], mini.vocabulary, cov.LEVEL, basis=only(mini, "alpha"))
    assert set(alpha["state"]) == {GAP}
    assert cov.levels_finding(alpha, city_name="Alphaville", basis=only(mini, "alpha")) == (
        "No plan action of Alphaville is placed on the model yet: all 12 cells are gaps"
    )


def test_grid_numbers_are_readable(mini):
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters()))
    numbers = cov.grid_numbers(cov.grid(cells, mini.vocabulary, cov.LEVEL, basis=every(mini)), cov.LEVEL)
    assert list(numbers.columns) == [
        "Intervention",
        "Support level",
        "Number of plan actions",
        "Cell",
        "Cities",
    ]
    first = numbers.iloc[0]
    assert (first["Intervention"], first["Support level"]) == ("Identify", "Intensive support")
    # beta's and gamma's plans are not entered: the empty cell is not known, never a gap
    assert first["Cell"] == "not known"
    assert first["Cities"] == "none known (not known yet: a plan is not entered)"
    assert "gap" not in set(numbers["Cell"]) and "none (gap)" not in set(numbers["Cities"])
    walks = numbers.iloc[3]  # Help x Intensive support: alpha-a2
    assert (walks["Cell"], walks["Cities"], walks["Number of plan actions"]) == ("covered", "Alphaville", 1)
    assert "help" not in set(numbers["Intervention"])  # labels, not ids
    # alpha's entered plan alone: its empty cells are gaps
    alpha = cov.grid(cells[cells["city"] == "alpha"], mini.vocabulary, cov.LEVEL, basis=only(mini, "alpha"))
    first = cov.grid_numbers(alpha, cov.LEVEL).iloc[0]
    assert (first["Cell"], first["Cities"]) == ("gap", "none (gap)")


def test_cell_options_and_the_fullest_cell(mini):
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters(), include_all=True))
    table = cov.grid(cells, mini.vocabulary, cov.LEVEL, basis=every(mini))
    options = cov.cell_options(table, "actions")
    assert options["identify|intensive"] == "Identify · Intensive support: not known"
    assert not any(o.endswith(": gap") for o in options.values())
    assert options["identify|targeted"] == "Identify · Targeted support: 2 actions"  # alpha-a1, alpha-t1
    assert cov.split_cell_key(cov.cell_key("help", "intensive")) == ("help", "intensive")
    alpha = cov.grid(cells[cells["city"] == "alpha"], mini.vocabulary, cov.LEVEL, basis=only(mini, "alpha"))
    alpha_options = cov.cell_options(alpha, "actions")
    assert alpha_options["identify|intensive"] == "Identify · Intensive support: gap"
    assert alpha_options["identify|targeted"] == "Identify · Targeted support: 2 actions"


def test_findings_of_the_mini_grids(mini):
    vocab = mini.vocabulary
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters()))
    network = every(mini)
    levels = cov.grid(cells, vocab, cov.LEVEL, basis=network)
    assert cov.levels_finding(levels, basis=network) == (
        "Intensive support: known plan actions cover Help (1 plan action); "
        "7 of 12 cells not known yet (1 of 3 plans entered)"
    )
    groups = cov.grid(cells, vocab, cov.GROUP, basis=network)
    assert cov.groups_finding(groups, basis=network) == (
        "No known plan action reaches helpers; 7 of 16 cells not known yet (1 of 3 plans entered)"
    )
    # with testing actions, alpha-t1 (identify, helpers) reaches helpers
    everything = cov.model_cells(cov.counted_actions(mini.actions, Filters(), include_all=True))
    groups_all = cov.grid(everything, vocab, cov.GROUP, basis=network)
    assert cov.groups_finding(groups_all, "actions", basis=network) == (
        "Helpers: known actions reach them only through Identify; 5 of 16 cells not known yet "
        "(1 of 3 plans entered)"
    )
    # a city whose plan is not entered: what its known actions show, never a gap
    beta_basis = only(mini, "beta")
    beta = cov.grid(cells[cells["city"] == "beta"], vocab, cov.LEVEL, basis=beta_basis)
    assert cov.levels_finding(beta, city_name="Béta", basis=beta_basis) == (
        "Béta's plan is not entered: its 1 known plan action falls in 2 of 12 cells; "
        "the other 10 are not known yet"
    )
    beta_groups = cov.grid(cells[cells["city"] == "beta"], vocab, cov.GROUP, basis=beta_basis)
    assert cov.groups_finding(beta_groups, city_name="Béta", basis=beta_basis) == (
        "Béta's plan is not entered: its 1 known plan action falls in 4 of 16 cells; "
        "the other 12 are not known yet"
    )
    # an entered plan: its empty cells are gaps
    alpha_basis = only(mini, "alpha")
    alpha = cells[cells["city"] == "alpha"]
    assert cov.levels_finding(
        cov.grid(alpha, vocab, cov.LEVEL, basis=alpha_basis), city_name="Alphaville", basis=alpha_basis
    ) == ("Alphaville – Intensive support: only Help is covered (1 plan action); 9 of 12 cells are gaps")
    assert cov.groups_finding(
        cov.grid(alpha, vocab, cov.GROUP, basis=alpha_basis), city_name="Alphaville", basis=alpha_basis
    ) == ("No plan action of Alphaville reaches helpers; 11 of 16 cells are gaps")
    assert cov.levels_finding(cov.grid(alpha, vocab, cov.LEVEL, basis=alpha_basis), basis=alpha_basis) == (
        "Intensive support: only Help is covered (1 plan action); 9 of 12 cells are gaps"
    )


def test_intensive_answer_lists_the_uncovered_interventions(mini):
    vocab = mini.vocabulary
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters()))
    network = every(mini)
    assert network.rests_on() == MINI_RESTS_ON
    assert cov.uncovered_at_level(cells, vocab) == ["Identify", "Raise awareness", "Prevent"]
    assert cov.intensive_answer(cells, vocab, basis=network) == (
        "Interventions no known action covers at the intensive level: Identify, Raise awareness, Prevent. "
        + MINI_RESTS_ON
    )
    assert cov.intensive_answer(cells, vocab, ("help",), basis=network).startswith(
        "Every intervention shown is covered"
    )
    beta = cells[cells["city"] == "beta"]
    assert cov.intensive_answer(beta, vocab, shown="Béta", basis=only(mini, "beta")) == (
        "Interventions no known action of the shown cities (Béta) covers at the intensive level: "
        "Identify, Help, Raise awareness, Prevent. No shown city's plan is entered yet: this rests "
        "only on the actions named in the network's articles."
    )
    # every shown plan entered: the answer is a claim about the plans
    alpha = cells[cells["city"] == "alpha"]
    assert cov.intensive_answer(alpha, vocab, shown="Alphaville", basis=only(mini, "alpha")) == (
        "Interventions no shown city (Alphaville) covers at the intensive level: "
        "Identify, Raise awareness, Prevent. Based on 1 entered plan: every shown city's plan is entered."
    )
    empty = cov.model_cells(mini.actions.iloc[0:0])
    assert cov.uncovered_at_level(empty, vocab) == ["Identify", "Help", "Raise awareness", "Prevent"]


# --- a cell's actions, a city's gaps ----------------------------------------------------------


def test_cell_actions_list_the_actions_with_their_city(mini):
    counted = cov.counted_actions(mini.actions, Filters())
    cells = cov.model_cells(counted)
    rows = cov.cell_actions(counted, cells, cov.LEVEL, "help|intensive")
    assert list(rows.columns) == [
        "City",
        "Action",
        "Type",
        "Interventions",
        "Support level",
        "Beneficiary groups",
    ]
    assert rows.to_dict("records") == [
        {
            "City": "Alphaville",
            "Action": "Walks",
            "Type": "Plan action",
            "Interventions": "Help",
            "Support level": "Intensive support",
            "Beneficiary groups": "Isolated people",
        }
    ]
    assert cov.cell_actions(counted, cells, cov.LEVEL, "identify|intensive").empty
    helped = cov.cell_actions(counted, cells, cov.GROUP, "help|at_risk")
    assert list(helped["Action"]) == ["Walking group"]


def entries_of(found: dict, across: str) -> dict[str, list[str]]:
    """'intervention|cell' -> 'City: title' of the peer actions there, for one grid."""
    entries = found["gaps"] or found["not_known"]
    return {
        f"{e['intervention']}|{e[across]}": [f"{s['city_name']}: {s['title']}" for s in e["suggestions"]]
        for e in entries
        if e["grid"] == across
    }


def test_cells_of_a_city_without_budget_and_plan_are_not_known_with_peer_actions(mini):
    found = gap.city_cells(mini, "beta")
    # beta's plan is not entered: no cell is called a gap; the cells its known action
    # (beta-a1: help and prevent, universal) leaves empty are not known
    assert found["plan_entered"] is False and found["gaps"] == []
    cells = entries_of(found, cov.LEVEL)
    assert len(cells) == 10 and "help|universal" not in cells
    # peers: every action of another city, of any kind, sorted by city then title
    assert {k: v for k, v in cells.items() if v} == {
        "identify|targeted": ["Alphaville: Focus group", "Alphaville: Observatory"],
        "help|intensive": ["Alphaville: Walks"],
        "awareness|targeted": ["Alphaville: Observatory"],
    }
    view = gap.coverage_gaps_view(mini, "beta")
    assert view.plan_entered is False
    level = view.grids[cov.LEVEL]
    table = level.table
    assert list(table.columns) == [
        "Intervention",
        "Support level",
        "Peer city",
        "Peer action",
        "Type",
        "Budget",
        "Transfers",
        "Source",
    ]
    assert table.iloc[1][["Intervention", "Support level", "Peer city", "Peer action", "Type"]].to_dict() == {
        "Intervention": "Identify",
        "Support level": "Targeted support",
        "Peer city": "Alphaville",
        "Peer action": "Observatory",
        "Type": "Plan action",
    }
    assert len(level.unfilled) == 7 and level.unfilled[0] == "Identify · Intensive support"
    assert level.summary == (
        "Interventions × support levels: Béta's plan is not entered; 10 of 12 cells are not known yet "
        "(no known action of it there); peer cities have actions in 3 of them."
    )
    assert "gaps" not in level.summary
    assert view.sentence.startswith("Béta's plan is not entered, so its gaps are not known.")


def test_cells_of_an_entered_plan_are_gaps_with_peer_actions(mini):
    found = gap.city_cells(mini, "alpha")
    assert found["plan_entered"] is True and found["not_known"] == []
    cells = entries_of(found, cov.LEVEL)
    # alpha-a1 (identify, awareness: targeted) and alpha-a2 (help: intensive) cover 3 cells
    assert len(cells) == 9 and not {"identify|targeted", "awareness|targeted", "help|intensive"} & set(cells)
    assert {k: v for k, v in cells.items() if v} == {
        "help|universal": ["Béta: Walking group"],
        "awareness|universal": ["Béta: Posters"],  # a testing action: peers are of any kind
        "prevent|universal": ["Béta: Walking group"],  # alpha's own idea there is not a peer
    }
    summary = gap.summary(found, mini, "Alphaville", cov.LEVEL)
    assert summary == (
        "Interventions × support levels: 9 of 12 cells hold none of Alphaville's plan actions (gaps); "
        "peer cities have actions in 3 of them."
    )


def test_cells_of_a_city_with_no_action_are_every_cell(mini):
    found = gap.city_cells(mini, "gamma")
    assert found["gaps"] == []  # gamma's plan is not entered: not a single gap is claimed
    cells = entries_of(found, cov.GROUP)
    assert len(cells) == 16
    peers = {p for ps in cells.values() for p in ps}
    assert peers == {
        "Alphaville: Observatory",
        "Alphaville: Walks",
        "Alphaville: Focus group",
        "Alphaville: Centre",
        "Béta: Walking group",
        "Béta: Posters",
    }
    # kept to Help, alpha's plan (Walks: intensive) leaves the targeted and universal cells
    help_found = gap.city_cells(mini, "alpha", ("help",))
    help_gaps = entries_of(help_found, cov.LEVEL)
    assert help_gaps == {"help|targeted": [], "help|universal": ["Béta: Walking group"]}
    no_gap = {"plan_entered": True, "gaps": [], "not_known": []}
    assert gap.summary(no_gap, mini, "Alphaville", cov.LEVEL, ("help",)).startswith(
        "Interventions × support levels: Alphaville has no gap"
    )


# --- cities x interventions ------------------------------------------------------------------


def test_city_matrix_has_every_city_even_without_action(mini):
    counted = cov.counted_actions(mini.actions, Filters())
    matrix = cov.city_matrix(counted, mini.cities, mini.vocabulary)
    assert len(matrix) == 3 * 4
    counts = {(r.city, r.intervention): r.actions for r in matrix.itertuples()}
    assert counts[("alpha", "identify")] == 1 and counts[("alpha", "prevent")] == 0
    assert counts[("beta", "help")] == 1 and counts[("beta", "prevent")] == 1
    assert all(counts[("gamma", i)] == 0 for i in mini.vocabulary.ids("interventions"))
    states = {(r.city, r.intervention): r.state for r in matrix.itertuples()}
    assert states[("alpha", "prevent")] == GAP  # alpha's plan is entered
    assert states[("beta", "identify")] == NOT_KNOWN and states[("beta", "help")] == COVERED
    assert all(states[("gamma", i)] == NOT_KNOWN for i in mini.vocabulary.ids("interventions"))
    # only alpha's plan is entered: cities are not ranked, and gamma is not said to lack anything
    assert cov.matrix_finding(matrix) == (
        "Too little is known to compare the 3 cities: only one plan (Alphaville) is entered; "
        "the other cells show only the actions named in the network's articles"
    )
    numbers = cov.matrix_numbers(matrix)
    assert list(numbers.columns) == [
        "City",
        "Identify (plan actions)",
        "Help (plan actions)",
        "Raise awareness (plan actions)",
        "Prevent (plan actions)",
    ]
    assert list(numbers["City"]) == ["Alphaville", "Béta", "Gamma"]
    assert numbers.set_index("City").loc["Gamma"].sum() == 0


def test_matrix_finding_for_one_city_and_for_none(mini):
    counted = cov.counted_actions(mini.actions, Filters())
    alpha = cov.city_matrix(counted, mini.cities[mini.cities["id"] == "alpha"], mini.vocabulary)
    assert (
        cov.matrix_finding(alpha) == "Alphaville's plan uses Identify, Help and Raise awareness; gap: Prevent"
    )
    beta = cov.city_matrix(counted, mini.cities[mini.cities["id"] == "beta"], mini.vocabulary)
    assert (
        cov.matrix_finding(beta) == "Béta's plan is not entered: its known plan actions use Help and Prevent"
    )
    assert cov.matrix_finding(beta, include_all=True) == (
        "Béta's plan is not entered: its known actions use Help and Prevent"
    )
    gamma = cov.city_matrix(counted, mini.cities[mini.cities["id"] == "gamma"], mini.vocabulary)
    assert (
        cov.matrix_finding(gamma) == "Gamma's plan is not entered and none of its plan actions is known yet"
    )
    nothing = counted.iloc[0:0]
    alpha_empty = cov.city_matrix(nothing, mini.cities[mini.cities["id"] == "alpha"], mini.vocabulary)
    assert cov.matrix_finding(alpha_empty) == "Alphaville has no plan action yet"
    assert (
        cov.matrix_finding(cov.city_matrix(counted, mini.cities.iloc[0:0], mini.vocabulary))
        == "No city to show"
    )


def with_entered(cities: pd.DataFrame, *ids) -> pd.DataFrame:
    """The cities, as if the plans of `ids` were entered too."""
    cities = cities.copy()
    cities.loc[cities["id"].isin(ids), "knowledge"] = PLAN_ENTERED
    return cities


def test_matrix_finding_ranks_only_among_entered_plans(mini):
    counted = cov.counted_actions(mini.actions, Filters())
    # as if beta's plan were entered too: alpha and beta are compared, gamma is left out
    two = cov.city_matrix(counted, with_entered(mini.cities, "beta"), mini.vocabulary)
    assert cov.matrix_finding(two) == (
        "Identify is in only 1 of 2 cities' plans; Help in 2 (among the 2 entered plans of 3 cities)"
    )
    # every plan entered: gamma's empty row is a fact about its plan
    three = cov.city_matrix(counted, with_entered(mini.cities, "beta", "gamma"), mini.vocabulary)
    assert set(three.loc[three["city"] == "gamma", "state"]) == {GAP}
    assert cov.matrix_finding(three) == (
        "Identify is in only 1 of 3 cities' plans; Help in 2; Gamma has no plan action yet"
    )


def test_matrix_finding_does_not_rank_a_city_whose_plan_is_not_entered_when_its_cells_are_covered(mini):
    # Kept to Help, beta's known action covers its only cell: beta has no "not known" cell,
    # yet its plan is not entered, so only one plan (alpha's) is entered: no ranking.
    filters = Filters(interventions=("help",), cities=("alpha", "beta"))
    counted = cov.counted_actions(mini.actions, filters)
    matrix = cov.city_matrix(counted, cov.shown_cities(mini, filters), mini.vocabulary, filters.interventions)
    assert set(matrix["state"]) == {COVERED}
    assert cov.matrix_finding(matrix) == (
        "Too little is known to compare the 2 cities: only one plan (Alphaville) is entered; "
        "the other cells show only the actions named in the network's articles"
    )


def test_matrix_actions(mini):
    counted = cov.counted_actions(mini.actions, Filters())
    assert list(cov.matrix_actions(counted, "help")["Action"]) == ["Walks", "Walking group"]
    assert list(cov.matrix_actions(counted, "help", "beta")["City"]) == ["Béta"]
    assert cov.matrix_actions(counted, "identify", "gamma").empty


# --- figures -------------------------------------------------------------------------------


def test_grid_figure_shows_gaps_as_gaps_not_as_zero(mini):
    vocab = mini.vocabulary
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters()))
    alpha = only(mini, "alpha")  # an entered plan: its empty cells are gaps
    table = cov.grid(cells[cells["city"] == "alpha"], vocab, cov.LEVEL, basis=alpha)
    title = cov.levels_finding(table, basis=alpha)
    fig = cov_figures.grid_figure(table, cov.LEVEL, title)
    heat, empty = heatmap_and_empty(fig)
    assert list(empty) == ["gap"]
    gaps = empty["gap"]
    n_gaps = int((table["actions"] == 0).sum())
    assert n_gaps == 9
    z = [v for row in heat.z for v in row]
    assert sum(isinstance(v, float) and math.isnan(v) for v in z) == n_gaps  # gaps are not coloured
    assert heat.zmin == 1  # the colour scale starts at one action, clearly above white
    assert heat.colorscale[0][1].lower() != "#ffffff"
    assert list(gaps.text) == ["gap"] * n_gaps
    assert len(fig.layout.shapes) == n_gaps  # each gap has its light dashed border
    assert all(s.line.dash == "dash" for s in fig.layout.shapes)
    assert {s.fillcolor for s in fig.layout.shapes} == {GAP_COLOUR}
    assert sorted(t for row in heat.text for t in row if t) == ["1"] * (12 - n_gaps)
    assert fig.layout.title.text.replace("<br>", " ") == title
    assert "number in a cell: plan actions" in fig.layout.xaxis.title.text
    colour = vocab.colours("interventions")["identify"]
    assert colour in fig.layout.yaxis.ticktext[0] and "Identify" in fig.layout.yaxis.ticktext[0]
    walks = heat.customdata[1][0]  # Help x Intensive support: alpha-a2
    assert list(walks) == ["Help", "Intensive support", "Alphaville"]
    assert "customdata[2]" in heat.hovertemplate and "gap: no plan action" in gaps.hovertemplate


def test_grid_figure_shows_cells_not_known_unlike_gaps(mini):
    vocab = mini.vocabulary
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters()))
    network = every(mini)  # beta's and gamma's plans are not entered
    table = cov.grid(cells, vocab, cov.LEVEL, basis=network)
    fig = cov_figures.grid_figure(table, cov.LEVEL, cov.levels_finding(table, basis=network))
    heat, empty = heatmap_and_empty(fig)
    n_empty = int((table["actions"] == 0).sum())
    assert list(empty) == ["not known"]  # never "gap" while a plan is not entered
    unknown = empty["not known"]
    assert list(unknown.text) == ["not known"] * n_empty
    assert "not known: no known plan action, and a plan is not entered" in unknown.hovertemplate
    z = [v for row in heat.z for v in row]
    assert sum(isinstance(v, float) and math.isnan(v) for v in z) == n_empty  # not coloured blue
    # flat light grey, without the gap's dashed border
    assert len(fig.layout.shapes) == n_empty
    assert {s.fillcolor for s in fig.layout.shapes} == {NOT_KNOWN_COLOUR} != {GAP_COLOUR}
    assert all(s.line.dash is None and s.line.width == 0 for s in fig.layout.shapes)


def test_figures_of_a_city_with_no_action(mini):
    counted = cov.counted_actions(mini.actions, Filters())
    cells = cov.model_cells(counted)
    gamma = only(mini, "gamma")
    table = cov.grid(cells[cells["city"] == "gamma"], mini.vocabulary, cov.GROUP, basis=gamma)
    fig = cov_figures.grid_figure(table, cov.GROUP, cov.groups_finding(table, city_name="Gamma", basis=gamma))
    heat, empty = heatmap_and_empty(fig)
    assert list(empty) == ["not known"]  # gamma's plan is not entered
    assert len(empty["not known"].text) == 16 and len(fig.layout.shapes) == 16
    matrix = cov.city_matrix(counted, mini.cities, mini.vocabulary)
    mfig = cov_figures.matrix_figure(matrix, cov.matrix_finding(matrix))
    heat, empty = heatmap_and_empty(mfig)
    assert list(heat.y) == ["Alphaville", "Béta", "Gamma"]
    assert list(heat.x) == ["Identify", "Help", "Raise awareness", "Prevent"]
    assert all(math.isnan(v) for v in heat.z[2])  # Gamma's row: nothing known
    # alpha's plan is entered: its empty cell (Prevent) is a gap; the others' are not known
    assert list(zip(empty["gap"].y, empty["gap"].x, strict=True)) == [("Alphaville", "Prevent")]
    assert sorted(zip(empty["not known"].y, empty["not known"].x, strict=True)) == sorted(
        [("Béta", "Identify"), ("Béta", "Raise awareness")]
        + [("Gamma", i) for i in ["Identify", "Help", "Raise awareness", "Prevent"]]
    )
    assert mfig.layout.yaxis.autorange == "reversed"  # first city on top


def test_figure_text_from_the_data_is_escaped(mini):
    counted = cov.counted_actions(mini.actions, Filters()).copy()
    counted["title"] = "<b>Bold</b> walks"
    cities = mini.cities.copy()
    cities["name"] = cities["name"].replace("Béta", "<i>Béta</i>")
    matrix = cov.city_matrix(counted, cities, mini.vocabulary)
    fig = cov_figures.matrix_figure(matrix, "title")
    heat, _ = heatmap_and_empty(fig)
    assert "&lt;i&gt;Béta&lt;/i&gt;" in list(heat.y)
    assert "<b>" not in str(heat.customdata) and "&lt;b&gt;Bold&lt;/b&gt; walks" in str(heat.customdata)


# --- the real data ----------------------------------------------------------------------------


def test_isernia_plan_has_its_six_actions(real):
    isernia = cov.counted_actions(real.actions, Filters(cities=("isernia",)))
    assert len(isernia) == 6


def real_entered(real) -> bool:
    """Whether every city's plan is entered in the real data (not so in 2026: only Isernia's)."""
    return bool((real.cities["knowledge"] == PLAN_ENTERED).all())


def test_real_grids_agree_with_coverage_cells(real):
    vocab = real.vocabulary
    network = every(real)
    empty_word = "gap" if real_entered(real) else "not known"
    for include_all in (False, True):
        counted = cov.counted_actions(real.actions, Filters(), include_all)
        cells = coverage_cells(counted)
        for across in (cov.LEVEL, cov.GROUP):
            table = cov.grid(cov.model_cells(counted), vocab, across, basis=network)
            assert len(table) == cells_of_grid(vocab, across)
            for r in table.itertuples():
                here = cells[(cells["intervention"] == r.intervention) & (cells[across] == r.cell)]
                assert r.actions == here["id"].nunique()
                assert r.state == (COVERED if r.actions else GAP if real_entered(real) else NOT_KNOWN)
            fig = cov_figures.grid_figure(table, across, "t")
            texts = empty_texts(fig)
            assert texts == [empty_word] * int((table["actions"] == 0).sum())


def test_real_intensive_answer_is_computed_from_the_actions(real):
    vocab = real.vocabulary
    plan = plan_actions(real.actions)
    intensive = plan[plan["support_level"] == "intensive"]
    used = {i for ids in intensive["interventions"] for i in ids}
    expected = [vocab.labels("interventions")[i] for i in vocab.ids("interventions") if i not in used]
    cells = cov.model_cells(cov.counted_actions(real.actions, Filters()))
    assert cov.uncovered_at_level(cells, vocab) == expected
    network = every(real)
    answer = cov.intensive_answer(cells, vocab, basis=network)
    assert all(label in answer for label in expected)
    # the answer says what it rests on: how many of the cities' plans are entered
    assert answer.endswith(network.rests_on())
    entered = int((real.cities["knowledge"] == PLAN_ENTERED).sum())
    if not real_entered(real):
        assert f"Based on {entered} entered plan" in answer and f"of {len(real.cities)} cities" in answer
        if expected:
            assert answer.startswith("Interventions no known action covers at the intensive level: ")


def test_real_city_matrix_and_cells_for_every_city(real):
    vocab = real.vocabulary
    counted = cov.counted_actions(real.actions, Filters())
    matrix = cov.city_matrix(counted, real.cities, vocab)
    assert set(matrix["city"]) == set(real.cities["id"])
    knowledge = dict(zip(real.cities["id"], real.cities["knowledge"], strict=True))
    for r in matrix.itertuples():
        mine = counted[counted["city"] == r.city]
        assert r.actions == int(mine["interventions"].map(lambda ids, i=r.intervention: i in ids).sum())
        entered = knowledge[r.city] == PLAN_ENTERED
        assert r.state == (COVERED if r.actions else GAP if entered else NOT_KNOWN)
    # cities are ranked only among entered plans
    entered_ids = [c for c, k in knowledge.items() if k == PLAN_ENTERED]
    finding = cov.matrix_finding(matrix)
    if len(entered_ids) < 2:
        assert finding.startswith(f"Too little is known to compare the {len(real.cities)} cities")
    else:
        ranked = matrix[matrix["city"].isin(entered_ids)]
        reach = ranked.groupby("intervention_label", sort=False)["actions"].apply(lambda s: (s > 0).sum())
        assert reach.idxmin() in finding
    cells = cov.model_cells(counted)
    names = real.city_names()
    for city in real.cities["id"]:
        found = gap.city_cells(real, city)
        entered = knowledge[city] == PLAN_ENTERED
        assert found["plan_entered"] is entered
        # a plan not entered has no gap, only cells not known; an entered one the reverse
        assert (found["not_known"] if entered else found["gaps"]) == []
        entries = found["gaps"] or found["not_known"]
        own = cells[cells["city"] == city]
        for across in (cov.LEVEL, cov.GROUP):
            covered = set(zip(own["intervention"], own[across], strict=True))
            empty = {(e["intervention"], e[across]) for e in entries if e["grid"] == across}
            assert not covered & empty
            assert len(covered) + len(empty) == cells_of_grid(vocab, across)
            for e in entries:
                assert all(s["city"] != city and s["city_name"] != names[city] for s in e["suggestions"])
    fig = cov_figures.matrix_figure(matrix, finding)
    heat, empty = heatmap_and_empty(fig)
    assert len(heat.y) == len(real.cities)
    assert len(empty.get("gap", go.Scatter(text=[])).text) == int((matrix["state"] == GAP).sum())
    assert len(empty.get("not known", go.Scatter(text=[])).text) == int((matrix["state"] == NOT_KNOWN).sum())


def test_functions_accept_an_empty_selection(mini):
    nothing = cov.counted_actions(mini.actions, Filters(kinds=("testing_action",)))
    assert nothing.empty
    cells = cov.model_cells(nothing)
    assert cov.matrix_actions(nothing, "help").empty
    assert list(cov.matrix_actions(nothing, "help").columns)[:2] == ["City", "Action"]
    assert cov.cell_actions(nothing, cells, cov.LEVEL, "help|intensive").empty
    network = every(mini)
    table = cov.grid(cells, mini.vocabulary, cov.LEVEL, basis=network)
    assert cov.levels_finding(table, basis=network) == (
        "No known plan action is placed on the model yet: 12 of 12 cells not known yet (1 of 3 plans entered)"
    )
    fig = cov_figures.grid_figure(table, cov.LEVEL, "t")
    assert len(fig.layout.shapes) == 12 and empty_texts(fig) == ["not known"] * 12
    # resting on alpha's entered plan alone, the same empty grid is all gaps
    alpha = cov.grid(cells, mini.vocabulary, cov.LEVEL, basis=only(mini, "alpha"))
    assert cov.levels_finding(alpha, basis=only(mini, "alpha")) == (
        "No plan action is placed on the model yet: all 12 cells are gaps"
    )
    assert empty_texts(cov_figures.grid_figure(alpha, cov.LEVEL, "t")) == ["gap"] * 12
    matrix = cov.city_matrix(nothing, mini.cities, mini.vocabulary)
    assert cov.matrix_finding(matrix).startswith("Too little is known to compare the 3 cities")
    every_plan = cov.city_matrix(nothing, with_entered(mini.cities, "beta", "gamma"), mini.vocabulary)
    assert cov.matrix_finding(every_plan) == "No city's plan uses Identify"


# --- the page's views: the pieces above, bundled ---------------------------------------------


def same_figure(a: go.Figure, b: go.Figure) -> bool:
    return a.to_plotly_json() == b.to_plotly_json()


@pytest.mark.parametrize(
    "filters, include_all",
    [
        (Filters(), False),
        (Filters(), True),
        (Filters(cities=("alpha", "gamma"), interventions=("help", "awareness")), False),
        (Filters(kinds=("testing_action",)), True),
        (Filters(cities=("alpha",)), False),
    ],
)
def test_coverage_view_bundles_the_pieces(mini, filters, include_all):
    view = cov_figures.coverage_view(mini, filters, include_all)
    vocab = mini.vocabulary
    cities = mini.cities[mini.cities["id"].isin(filters.cities)] if filters.cities else mini.cities
    pd.testing.assert_frame_equal(cov.shown_cities(mini, filters), cities)
    basis = Basis.of(cities)
    noun = cov.noun_for(include_all)
    counted = cov.counted_actions(mini.actions, filters, include_all)
    cells = cov.model_cells(counted, filters.interventions)
    shown = ", ".join(cities["name"]) if filters.cities else None
    matrix = cov.city_matrix(counted, cities, vocab, filters.interventions)
    assert view.noun == noun
    pd.testing.assert_frame_equal(view.counted, counted)
    assert view.caption == cov.counted_description(filters, include_all, filters.describe(mini))
    assert view.answer == cov.intensive_answer(cells, vocab, filters.interventions, shown, basis=basis)
    assert view.rests_on == basis.rests_on()
    if filters.cities == ("alpha",):
        assert view.rests_on == "Based on 1 entered plan: every shown city's plan is entered."
    else:
        assert "Alphaville" in view.rests_on and "of " in view.rests_on
    assert same_figure(
        view.matrix, cov_figures.matrix_figure(matrix, cov.matrix_finding(matrix, include_all), noun)
    )
    pd.testing.assert_frame_equal(view.matrix_numbers, cov.matrix_numbers(matrix, noun))
    assert view.interventions == [
        i for i in vocab.ids("interventions") if not filters.interventions or i in filters.interventions
    ]


@pytest.mark.parametrize(
    "filters, include_all, city",
    [
        *[
            (Filters(), include_all, city)
            for include_all in (False, True)
            for city in (None, "alpha", "beta", "gamma")
        ],
        (Filters(interventions=("help",), cities=("beta",)), False, None),
        (Filters(interventions=("help",), cities=("beta",)), False, "beta"),
        (Filters(cities=("alpha",)), False, None),
    ],
)
def test_coverage_grids_view_bundles_the_pieces(mini, filters, include_all, city):
    view = cov_figures.coverage_grids_view(mini, filters, city, include_all)
    vocab = mini.vocabulary
    names = mini.city_names()
    city_name = None if city is None else names[city]
    noun = cov.noun_for(include_all)
    cells = cov.model_cells(cov.counted_actions(mini.actions, filters, include_all), filters.interventions)
    scope = cells if city is None else cells[cells["city"] == city]
    shown = cov.shown_cities(mini, filters)
    basis = Basis.of(shown, None if city is None else [city])
    assert {field.name for field in dataclasses.fields(view)} == {"grids", "scope_cells", "all_entered"}
    pd.testing.assert_frame_equal(view.scope_cells, scope)
    # empty cells are gaps only when every plan in scope is entered: here only alpha's is
    assert view.all_entered is basis.all_entered
    assert view.all_entered is (set(shown["id"]) == {"alpha"} if city is None else city == "alpha")
    empty_state = GAP if view.all_entered else NOT_KNOWN
    findings = {cov.LEVEL: cov.levels_finding, cov.GROUP: cov.groups_finding}
    assert list(view.grids) == list(findings)
    for across, finding in findings.items():
        parts = view.grids[across]
        table = cov.grid(scope, vocab, across, filters.interventions, basis=basis)
        figure = cov_figures.grid_figure(table, across, finding(table, noun, city_name, basis=basis), noun)
        assert same_figure(parts.figure, figure)
        pd.testing.assert_frame_equal(parts.numbers, cov.grid_numbers(table, across, noun))
        options = cov.cell_options(table, noun)
        assert parts.options == options
        assert not hasattr(parts, "index")  # no cell is selected at first (a table on every page change)
        assert list(parts.states) == list(options)
        for r in table.itertuples():
            key = cov.cell_key(r.intervention, r.cell)
            assert parts.states[key] == (COVERED if r.actions else empty_state)
            if not r.actions:
                assert options[key].endswith(": gap" if empty_state == GAP else ": not known")
