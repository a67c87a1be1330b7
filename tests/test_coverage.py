"""insights.coverage: tables, findings and figures of the Coverage page.

On the mini fixture the expected results are read off the fixture files (alpha: two plan
actions, beta: one plan action and no budget, gamma: no action). On the real data the
expectations are computed from the actions table, never hard-coded (except Isernia's six
plan actions, which its IAP fixes).
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import pytest

from insights import coverage as cov
from insights.frames import Filters, build_tables, coverage_cells, plan_actions


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


def heatmap_and_gaps(fig: go.Figure):
    heat = next(t for t in fig.data if t.type == "heatmap")
    gaps = [t for t in fig.data if t.type == "scatter"]
    return heat, (gaps[0] if gaps else None)


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


def test_level_grid_of_the_mini_network(mini):
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters()))
    table = cov.grid(cells, mini.vocabulary, cov.LEVEL)
    assert len(table) == 12 == cov.grid_size(mini.vocabulary, cov.LEVEL)
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


def test_group_grid_counts_each_action_once_per_cell(mini):
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters()))
    table = cov.grid(cells, mini.vocabulary, cov.GROUP)
    assert len(table) == 16
    counts = grid_counts(table)
    assert counts[("identify", "isolated")] == 1  # alpha-a1
    assert counts[("help", "isolated")] == 1  # alpha-a2
    assert counts[("help", "at_risk")] == 1  # beta-a1
    assert all(v == 0 for (i, g), v in counts.items() if g == "helpers")


def test_city_with_no_action_has_an_all_gap_grid(mini):
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters()))
    gamma = cov.grid(cells[cells["city"] == "gamma"], mini.vocabulary, cov.LEVEL)
    assert len(gamma) == 12 and gamma["actions"].sum() == 0
    assert cov.levels_finding(gamma, city_name="Gamma") == (
        "No plan action of Gamma sits on the model yet: all 12 cells are gaps"
    )
    assert cov.fullest_cell(gamma) is None


def test_grid_numbers_are_readable(mini):
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters()))
    numbers = cov.grid_numbers(cov.grid(cells, mini.vocabulary, cov.LEVEL), cov.LEVEL)
    assert list(numbers.columns) == ["Intervention", "Support level", "Number of plan actions", "Cities"]
    first = numbers.iloc[0]
    assert (first["Intervention"], first["Support level"]) == ("Identify", "Intensive support")
    assert first["Cities"] == "none (gap)"
    assert "help" not in set(numbers["Intervention"])  # labels, not ids


def test_cell_options_and_the_fullest_cell(mini):
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters(), include_all=True))
    table = cov.grid(cells, mini.vocabulary, cov.LEVEL)
    options = cov.cell_options(table, "actions")
    assert options["identify|intensive"] == "Identify · Intensive support: gap"
    assert options["identify|targeted"] == "Identify · Targeted support: 2 actions"  # alpha-a1, alpha-t1
    assert cov.fullest_cell(table) == "identify|targeted"
    assert cov.split_cell_key(cov.cell_key("help", "intensive")) == ("help", "intensive")


def test_findings_of_the_mini_grids(mini):
    vocab = mini.vocabulary
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters()))
    levels = cov.grid(cells, vocab, cov.LEVEL)
    assert cov.levels_finding(levels) == (
        "Intensive support: only Help is covered (1 plan action); 7 of 12 cells are gaps"
    )
    groups = cov.grid(cells, vocab, cov.GROUP)
    assert cov.groups_finding(groups) == "No plan action reaches helpers; 7 of 16 cells are gaps"
    # with testing actions, alpha-t1 (identify, helpers) reaches helpers
    everything = cov.model_cells(cov.counted_actions(mini.actions, Filters(), include_all=True))
    groups_all = cov.grid(everything, vocab, cov.GROUP)
    assert cov.groups_finding(groups_all, "actions").startswith("Helpers: only Identify reaches them")
    beta = cov.grid(cells[cells["city"] == "beta"], vocab, cov.LEVEL)
    assert cov.levels_finding(beta, city_name="Béta").startswith(
        "No plan action of Béta gives intensive support"
    )


def test_intensive_answer_lists_the_uncovered_interventions(mini):
    vocab = mini.vocabulary
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters()))
    assert cov.uncovered_at_level(cells, vocab) == ["Identify", "Raise awareness", "Prevent"]
    assert cov.intensive_answer(cells, vocab) == (
        "Interventions no city covers at the intensive level: Identify, Raise awareness, Prevent."
    )
    assert cov.intensive_answer(cells, vocab, ("help",)).startswith("Every intervention shown is covered")
    beta = cells[cells["city"] == "beta"]
    assert cov.intensive_answer(beta, vocab, shown="Béta") == (
        "Interventions no shown city (Béta) covers at the intensive level: "
        "Identify, Help, Raise awareness, Prevent."
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
        "Kind",
        "Interventions",
        "Support level",
        "Beneficiary groups",
    ]
    assert rows.to_dict("records") == [
        {
            "City": "Alphaville",
            "Action": "Walks",
            "Kind": "Plan action",
            "Interventions": "Help",
            "Support level": "Intensive support",
            "Beneficiary groups": "Isolated people",
        }
    ]
    assert cov.cell_actions(counted, cells, cov.LEVEL, "identify|intensive").empty
    helped = cov.cell_actions(counted, cells, cov.GROUP, "help|at_risk")
    assert list(helped["Action"]) == ["Walking group"]


def test_gaps_of_a_city_without_budget_with_peer_actions(mini):
    vocab = mini.vocabulary
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters()))
    gaps = cov.city_gaps(cells, "beta", vocab, cov.LEVEL)
    # beta-a1 covers help and prevent at the universal level: the 10 other cells are gaps
    assert len(gaps) == 10
    assert ("help", "universal") not in set(zip(gaps["intervention"], gaps["cell"], strict=True))
    with_peers = gaps[gaps["peers"] > 0]
    assert dict(
        zip(with_peers["intervention"] + "|" + with_peers["cell"], with_peers["peer_actions"], strict=True)
    ) == {
        "identify|targeted": ["Alphaville: Observatory"],
        "help|intensive": ["Alphaville: Walks"],
        "awareness|targeted": ["Alphaville: Observatory"],
    }
    table = cov.gaps_table(gaps, cov.LEVEL)
    assert list(table.columns) == ["Intervention", "Support level", "Peer city", "Peer action"]
    assert table.iloc[0].to_dict() == {
        "Intervention": "Identify",
        "Support level": "Targeted support",
        "Peer city": "Alphaville",
        "Peer action": "Observatory",
    }
    unfilled = cov.unfilled_gaps(gaps)
    assert len(unfilled) == 7 and unfilled[0] == "Identify · Intensive support"
    summary = cov.gaps_summary(gaps, 12, "Béta", cov.LEVEL)
    assert summary == (
        "Interventions × support levels: 10 of 12 cells hold none of Béta's plan actions; "
        "other cities have actions in 3 of them."
    )


def test_gaps_of_a_city_with_no_action_are_every_cell(mini):
    vocab = mini.vocabulary
    cells = cov.model_cells(cov.counted_actions(mini.actions, Filters()))
    gaps = cov.city_gaps(cells, "gamma", vocab, cov.GROUP)
    assert len(gaps) == 16
    peers = {p for ps in gaps["peer_actions"] for p in ps}
    assert peers == {"Alphaville: Observatory", "Alphaville: Walks", "Béta: Walking group"}
    # kept to Help, alpha's plan (Walks: intensive) leaves the targeted and universal cells
    help_gaps = cov.city_gaps(cells, "alpha", vocab, cov.LEVEL, ("help",))
    assert list(help_gaps["cell"]) == ["targeted", "universal"]
    assert list(help_gaps["peer_actions"]) == [[], ["Béta: Walking group"]]
    assert cov.gaps_summary(help_gaps.iloc[0:0], 3, "Alphaville", cov.LEVEL).startswith(
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
    assert cov.matrix_finding(matrix) == (
        "Identify is in only 1 of 3 cities' plans; Help in 2; Gamma has no plan action yet"
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
    beta = cov.city_matrix(counted, mini.cities[mini.cities["id"] == "beta"], mini.vocabulary)
    assert cov.matrix_finding(beta) == "Béta's plan uses Help and Prevent; gap: Identify and Raise awareness"
    gamma = cov.city_matrix(counted, mini.cities[mini.cities["id"] == "gamma"], mini.vocabulary)
    assert cov.matrix_finding(gamma) == "Gamma has no plan action yet"
    assert (
        cov.matrix_finding(cov.city_matrix(counted, mini.cities.iloc[0:0], mini.vocabulary))
        == "No city to show"
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
    table = cov.grid(cells, vocab, cov.LEVEL)
    title = cov.levels_finding(table)
    fig = cov.grid_figure(table, cov.LEVEL, title)
    heat, gaps = heatmap_and_gaps(fig)
    n_gaps = int((table["actions"] == 0).sum())
    z = [v for row in heat.z for v in row]
    assert sum(isinstance(v, float) and math.isnan(v) for v in z) == n_gaps  # gaps are not coloured
    assert heat.zmin == 1  # the colour scale starts at one action, clearly above white
    assert heat.colorscale[0][1].lower() != "#ffffff"
    assert list(gaps.text) == ["gap"] * n_gaps
    assert len(fig.layout.shapes) == n_gaps  # each gap has its light dashed border
    assert all(s.line.dash == "dash" for s in fig.layout.shapes)
    assert sorted(t for row in heat.text for t in row if t) == ["1"] * (12 - n_gaps)
    assert fig.layout.title.text.replace("<br>", " ") == title
    assert "number in a cell: plan actions" in fig.layout.xaxis.title.text
    colour = vocab.colours("interventions")["identify"]
    assert colour in fig.layout.yaxis.ticktext[0] and "Identify" in fig.layout.yaxis.ticktext[0]
    walks = heat.customdata[1][0]  # Help x Intensive support: alpha-a2
    assert list(walks) == ["Help", "Intensive support", "Alphaville"]
    assert "customdata[2]" in heat.hovertemplate and "gap: no plan action" in gaps.hovertemplate


def test_figures_of_a_city_with_no_action(mini):
    counted = cov.counted_actions(mini.actions, Filters())
    cells = cov.model_cells(counted)
    table = cov.grid(cells[cells["city"] == "gamma"], mini.vocabulary, cov.GROUP)
    fig = cov.grid_figure(table, cov.GROUP, cov.groups_finding(table, city_name="Gamma"))
    heat, gaps = heatmap_and_gaps(fig)
    assert len(gaps.text) == 16 and len(fig.layout.shapes) == 16
    matrix = cov.city_matrix(counted, mini.cities, mini.vocabulary)
    mfig = cov.matrix_figure(matrix, cov.matrix_finding(matrix))
    heat, gaps = heatmap_and_gaps(mfig)
    assert list(heat.y) == ["Alphaville", "Béta", "Gamma"]
    assert list(heat.x) == ["Identify", "Help", "Raise awareness", "Prevent"]
    assert all(math.isnan(v) for v in heat.z[2])  # Gamma's row: all gaps
    assert mfig.layout.yaxis.autorange == "reversed"  # first city on top


def test_figure_text_from_the_data_is_escaped(mini):
    counted = cov.counted_actions(mini.actions, Filters()).copy()
    counted["title"] = "<b>Bold</b> walks"
    cities = mini.cities.copy()
    cities["name"] = cities["name"].replace("Béta", "<i>Béta</i>")
    matrix = cov.city_matrix(counted, cities, mini.vocabulary)
    fig = cov.matrix_figure(matrix, "title")
    heat, _ = heatmap_and_gaps(fig)
    assert "&lt;i&gt;Béta&lt;/i&gt;" in list(heat.y)
    assert "<b>" not in str(heat.customdata) and "&lt;b&gt;Bold&lt;/b&gt; walks" in str(heat.customdata)


# --- the real data ----------------------------------------------------------------------------


def test_isernia_plan_has_its_six_actions(real):
    isernia = cov.counted_actions(real.actions, Filters(cities=("isernia",)))
    assert len(isernia) == 6


def test_real_grids_agree_with_coverage_cells(real):
    vocab = real.vocabulary
    for include_all in (False, True):
        counted = cov.counted_actions(real.actions, Filters(), include_all)
        cells = coverage_cells(counted)
        for across in (cov.LEVEL, cov.GROUP):
            table = cov.grid(cov.model_cells(counted), vocab, across)
            assert len(table) == cov.grid_size(vocab, across)
            for r in table.itertuples():
                here = cells[(cells["intervention"] == r.intervention) & (cells[across] == r.cell)]
                assert r.actions == here["id"].nunique()
            fig = cov.grid_figure(table, across, "t")
            _, gaps = heatmap_and_gaps(fig)
            assert len(gaps.text if gaps is not None else []) == int((table["actions"] == 0).sum())


def test_real_intensive_answer_is_computed_from_the_actions(real):
    vocab = real.vocabulary
    plan = plan_actions(real.actions)
    intensive = plan[plan["support_level"] == "intensive"]
    used = {i for ids in intensive["interventions"] for i in ids}
    expected = [vocab.labels("interventions")[i] for i in vocab.ids("interventions") if i not in used]
    cells = cov.model_cells(cov.counted_actions(real.actions, Filters()))
    assert cov.uncovered_at_level(cells, vocab) == expected
    answer = cov.intensive_answer(cells, vocab)
    assert all(label in answer for label in expected)


def test_real_city_matrix_and_gaps_for_every_city(real):
    vocab = real.vocabulary
    counted = cov.counted_actions(real.actions, Filters())
    matrix = cov.city_matrix(counted, real.cities, vocab)
    assert set(matrix["city"]) == set(real.cities["id"])
    for r in matrix.itertuples():
        mine = counted[counted["city"] == r.city]
        assert r.actions == int(mine["interventions"].map(lambda ids, i=r.intervention: i in ids).sum())
    reach = matrix.groupby("intervention_label", sort=False)["actions"].apply(lambda s: (s > 0).sum())
    assert reach.idxmin() in cov.matrix_finding(matrix)
    cells = cov.model_cells(counted)
    for city in real.cities["id"]:
        own = cells[cells["city"] == city]
        for across in (cov.LEVEL, cov.GROUP):
            gaps = cov.city_gaps(cells, city, vocab, across)
            covered = set(zip(own["intervention"], own[across], strict=True))
            gap_cells = set(zip(gaps["intervention"], gaps["cell"], strict=True))
            assert not covered & gap_cells
            assert len(covered) + len(gap_cells) == cov.grid_size(vocab, across)
            for g in gaps.itertuples():
                assert all(
                    not p.startswith(f"{real.cities.set_index('id').loc[city, 'name']}: ")
                    for p in g.peer_actions
                )
    fig = cov.matrix_figure(matrix, cov.matrix_finding(matrix))
    heat, _ = heatmap_and_gaps(fig)
    assert len(heat.y) == len(real.cities)


def test_functions_accept_an_empty_selection(mini):
    nothing = cov.counted_actions(mini.actions, Filters(kinds=("testing_action",)))
    assert nothing.empty
    cells = cov.model_cells(nothing)
    assert cov.matrix_actions(nothing, "help").empty
    assert list(cov.matrix_actions(nothing, "help").columns)[:2] == ["City", "Action"]
    assert cov.cell_actions(nothing, cells, cov.LEVEL, "help|intensive").empty
    table = cov.grid(cells, mini.vocabulary, cov.LEVEL)
    assert cov.levels_finding(table) == "No plan action sits on the model yet: all 12 cells are gaps"
    fig = cov.grid_figure(table, cov.LEVEL, "t")
    assert len(fig.layout.shapes) == 12
    matrix = cov.city_matrix(nothing, mini.cities, mini.vocabulary)
    assert cov.matrix_finding(matrix) == "No city's plan uses Identify"


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
    ],
)
def test_page_view_bundles_the_pieces(mini, filters, include_all):
    view = cov.page_view(mini, filters, include_all)
    vocab = mini.vocabulary
    cities = mini.cities[mini.cities["id"].isin(filters.cities)] if filters.cities else mini.cities
    pd.testing.assert_frame_equal(cov.shown_cities(mini, filters), cities)
    noun = cov.noun_for(include_all)
    counted = cov.counted_actions(mini.actions, filters, include_all)
    cells = cov.model_cells(counted, filters.interventions)
    shown = ", ".join(cities["name"]) if filters.cities else None
    matrix = cov.city_matrix(counted, cities, vocab, filters.interventions)
    assert view["noun"] == noun
    pd.testing.assert_frame_equal(view["counted"], counted)
    assert view["caption"] == cov.counted_description(filters, include_all, filters.describe(mini))
    assert view["answer"] == cov.intensive_answer(cells, vocab, filters.interventions, shown)
    assert same_figure(
        view["matrix"], cov.matrix_figure(matrix, cov.matrix_finding(matrix, include_all), noun)
    )
    pd.testing.assert_frame_equal(view["matrix_numbers"], cov.matrix_numbers(matrix, noun))
    assert view["interventions"] == [
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
    ],
)
def test_grids_view_bundles_the_pieces(mini, filters, include_all, city):
    view = cov.grids_view(mini, filters, city, include_all)
    vocab = mini.vocabulary
    names = dict(zip(mini.cities["id"], mini.cities["name"], strict=True))
    city_name = None if city is None else names[city]
    noun = cov.noun_for(include_all)
    cells = cov.model_cells(cov.counted_actions(mini.actions, filters, include_all), filters.interventions)
    everyone = cov.counted_actions(
        mini.actions, Filters(kinds=filters.kinds, interventions=filters.interventions), include_all
    )
    everyone_cells = cov.model_cells(everyone, filters.interventions)
    scope = cells if city is None else cells[cells["city"] == city]
    pd.testing.assert_frame_equal(view["scope_cells"], scope)
    findings = {cov.LEVEL: cov.levels_finding, cov.GROUP: cov.groups_finding}
    assert list(view["grids"]) == list(findings)
    for across, finding in findings.items():
        parts = view["grids"][across]
        table = cov.grid(scope, vocab, across, filters.interventions)
        figure = cov.grid_figure(table, across, finding(table, noun, city_name), noun)
        assert same_figure(parts["figure"], figure)
        pd.testing.assert_frame_equal(parts["numbers"], cov.grid_numbers(table, across, noun))
        options = cov.cell_options(table, noun)
        assert parts["options"] == options
        keys = list(options)
        assert parts["index"] == keys.index(cov.fullest_cell(table) or keys[0])
    if city is None:
        assert view["gaps"] is None and view["everyone"] is None and view["peer_cells"] is None
        return
    pd.testing.assert_frame_equal(view["everyone"], everyone)
    pd.testing.assert_frame_equal(view["peer_cells"], everyone_cells[everyone_cells["city"] != city])
    assert list(view["gaps"]) == list(findings)
    for across, parts in view["gaps"].items():
        gaps = cov.city_gaps(everyone_cells, city, vocab, across, filters.interventions)
        total = cov.grid_size(vocab, across, filters.interventions)
        assert parts["summary"] == cov.gaps_summary(gaps, total, city_name, across, noun)
        pd.testing.assert_frame_equal(parts["table"], cov.gaps_table(gaps, across))
        assert parts["unfilled"] == cov.unfilled_gaps(gaps)
