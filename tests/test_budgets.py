"""The Budgets page's tables and figures (analysis/budgets.py), without streamlit.

On the mini fixture the expectations are exact: Alphaville's plan total is €4,000 (two
plan actions), its idea's €5,000 per year is kept apart, Béta's budget is unknown and Gamma
has no action. On the real data only facts stated by the sources are checked: Isernia's
six plan actions total €20,000, €9,800 of it for the Observatory, and its three ideas carry
estimated costs (two of them per year).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis import budgets as b
from analysis.frames import Filters, build_tables, filter_actions
from figures import budgets as b_figures
from models import load_network
from words import label_text, plural

# --- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mini(mini_network):
    return build_tables(mini_network)


@pytest.fixture(scope="module")
def real(real_network):
    return build_tables(real_network)


def by_city(tables, filters: Filters | None = None):
    filters = filters or Filters()
    actions = filter_actions(tables.actions, filters)
    cities = tables.cities
    if filters.cities:
        cities = cities[cities["id"].isin(filters.cities)]
    return actions, b.budget_by_city(actions, cities)


def row(frame: pd.DataFrame, column: str, value) -> pd.Series:
    rows = frame[frame[column] == value]
    assert len(rows) == 1, f"expected one row with {column}={value!r}"
    return rows.iloc[0]


def bars(fig: go.Figure) -> list:
    return [t for t in fig.data if t.type == "bar"]


def drawn_amounts(fig: go.Figure) -> dict:
    """y label -> summed bar length over all bar traces."""
    out: dict = {}
    for trace in bars(fig):
        for y, x in zip(trace.y, trace.x, strict=True):
            out[y] = out.get(y, 0) + x
    return out


def words(fig: go.Figure) -> dict:
    """y label -> the words written beside it (text-only traces)."""
    out = {}
    for trace in fig.data:
        if trace.type == "scatter" and trace.mode == "text":
            out.update(dict(zip(trace.y, trace.text, strict=True)))
    return out


# --- which money counts (mini) -----------------------------------------------------------


def test_only_planned_plan_totals_are_summed(mini):
    actions = mini.actions
    assert set(b.summed_actions(actions)["id"]) == {"alpha-a1", "alpha-a2"}
    assert set(b.apart_actions(actions)["id"]) == {"alpha-i1"}
    unknown = b.unknown_budget_actions(actions)
    assert set(unknown["id"]) == {"beta-a1", "beta-t1", "alpha-t1"}
    assert unknown.iloc[0]["id"] == "beta-a1"  # plan actions first


def test_unknown_budget_table_is_readable(mini):
    table = b.unknown_budget_table(mini.actions)
    assert list(table.columns) == ["City", "Action", "Type", "Primary intervention", "Budget"]
    first = table.iloc[0]
    assert (first["City"], first["Action"], first["Type"], first["Budget"]) == (
        "Béta",
        "Walking group",
        "Plan action",
        "unknown",
    )


def test_budget_by_city_mini(mini):
    _, table = by_city(mini)
    alpha = row(table, "city", "alpha")
    assert alpha["total"] == 4000
    assert (alpha["plan_actions"], alpha["known"], alpha["unknown"], alpha["apart"]) == (2, 2, 0, 0)
    assert alpha["status"] == "known"
    assert alpha["per_inhabitant"] == pytest.approx(0.4)
    assert alpha["population_year"] == 2023
    beta = row(table, "city", "beta")
    assert beta["total"] is pd.NA  # unknown, never 0
    assert beta["per_inhabitant"] is pd.NA
    assert (beta["plan_actions"], beta["known"], beta["unknown"], beta["status"]) == (1, 0, 1, "unknown")
    gamma = row(table, "city", "gamma")
    assert gamma["total"] is pd.NA
    assert (gamma["plan_actions"], gamma["status"]) == (0, "no plan action")
    assert str(table["total"].dtype) == "Float64"


def test_coverage_sentence_mini(mini):
    _, table = by_city(mini)
    assert b.coverage_sentence(table) == (
        "Budget known for 2 of 2 plan actions in Alphaville; unknown for the 1 plan action of Béta. "
        "Gamma has no plan action among those shown."
    )
    _, only_beta = by_city(mini, Filters(cities=("beta",)))
    assert b.coverage_sentence(only_beta) == "Budget unknown for the 1 plan action of Béta."


def test_largest_budget_finding_mini(mini):
    actions, table = by_city(mini)
    assert b.largest_budget_finding(actions, table) == (
        "Alphaville's plan: €4,000, most of it (€3,000) for its Observatory; budgets are not compared with only 1 plan entered"
    )
    actions, table = by_city(mini, Filters(cities=("beta", "gamma")))
    assert b.largest_budget_finding(actions, table) == "No plan action shown has a known budget"


def test_headline_mini_never_adds_the_idea(mini):
    actions, table = by_city(mini)
    assert b.headline(actions, table) == {
        "plan_total": 4000,
        "plan_actions": 3,
        "plan_actions_known": 2,
        "cities": 3,
        "cities_known": 1,
        "apart": 1,
    }


# --- per city figure ----------------------------------------------------------------------


def test_city_figure_draws_no_zero_bar_for_unknown_budgets(mini):
    actions, table = by_city(mini)
    fig = b_figures.city_figure(actions, table, mini.vocabulary)
    assert drawn_amounts(fig) == {"Alphaville": 4000}
    said = words(fig)
    assert said["Alphaville"] == "€4,000"
    assert said["Béta"] == "budget unknown (1 plan action)"
    assert said["Gamma"] == "no plan action shown"
    assert fig.layout.xaxis.title.text == "EUR (plan total)"
    # One colour per intervention: the stacked parts use the vocabulary's colours.
    colours = mini.vocabulary.colours("interventions")
    assert {t.name: t.marker.color for t in bars(fig)} == {
        "Identify": colours["identify"],
        "Help": colours["help"],
    }
    assert fig.layout.title.text.startswith("Alphaville: €4,000 for its 2026–2027 plan")


def test_city_figure_per_inhabitant(mini):
    actions, table = by_city(mini)
    fig = b_figures.city_figure(actions, table, mini.vocabulary, per_inhabitant=True)
    assert drawn_amounts(fig) == {"Alphaville (pop. 10,000)": pytest.approx(0.4)}
    assert words(fig)["Béta"] == "budget unknown (1 plan action)"
    assert "EUR per inhabitant" in fig.layout.xaxis.title.text
    assert "€0.40 per inhabitant over 2026–2027" in fig.layout.title.text
    assert "population 10,000 in 2023" in fig.layout.title.text


def test_city_figure_when_nothing_is_known(mini):
    actions, table = by_city(mini, Filters(cities=("beta",)))
    fig = b_figures.city_figure(actions, table, mini.vocabulary)
    assert bars(fig) == []
    assert words(fig) == {"Béta": "budget unknown (1 plan action)"}
    assert fig.layout.xaxis.showticklabels is False  # no €0 scale suggesting an amount
    assert fig.layout.title.text == "No plan budget is known for the cities shown"


def test_city_numbers_mini(mini):
    _, table = by_city(mini)
    numbers = b.city_numbers(table)
    alpha = row(numbers, "City", "Alphaville")
    assert alpha["Plan total (EUR)"] == "€4,000"
    assert alpha["EUR per inhabitant"] == "€0.40"
    assert alpha["Population"] == "10,000 (2023)"
    assert alpha["Plan years"] == "2026–2027"
    beta = row(numbers, "City", "Béta")
    assert (beta["Plan total (EUR)"], beta["Population"], beta["EUR per inhabitant"]) == (
        "unknown",
        "unknown",
        "unknown",
    )


# --- treemap ------------------------------------------------------------------------------


def test_treemap_city_intervention_action_mini(mini):
    actions, table = by_city(mini)
    fig = b_figures.treemap_figure(actions, table, mini.vocabulary)
    tree = fig.data[0]
    parents = dict(zip(tree.ids, tree.parents, strict=True))
    values = dict(zip(tree.ids, tree.values, strict=True))
    assert values["alpha"] == 4000
    # alpha-a1 uses identify and awareness: its money sits under its primary one only.
    assert parents["alpha-a1"] == "alpha/identify" and values["alpha-a1"] == 3000
    assert parents["alpha-a2"] == "alpha/help" and values["alpha-a2"] == 1000
    assert "alpha/awareness" not in values
    assert not {"beta", "beta-a1", "alpha-i1"} & set(values)  # unknown and estimates not drawn
    assert fig.layout.title.text.startswith("Alphaville's plan: €4,000")
    numbers = b.treemap_numbers(actions, mini.vocabulary)
    assert list(numbers["Action"]) == ["1. Observatory", "2. Walks"]
    assert list(numbers["Funding"]) == ["Municipal funds", "Municipal funds, ESF+"]


def test_a_small_lone_action_sits_under_its_city_with_its_number(mini):
    """Fót's plan entered made a treemap box of 74x40 pixels at 1024x768 with no word: its one
    'Raise awareness' action, 2 % of the money, was a sliver under its intervention's band. An
    intervention holding one numbered action under 4 % of the whole gets no box: the action sits
    under its city, in its intervention's colour, showing its number."""
    actions, table = by_city(mini)
    actions = actions.copy()
    actions.loc[actions["id"] == "alpha-a2", "budget_eur"] = 50.0  # 50 of 3,050: under 2 %
    tree = b_figures.treemap_figure(actions, table, mini.vocabulary).data[0]
    parents = dict(zip(tree.ids, tree.parents, strict=True))
    templates = dict(zip(tree.ids, tree.texttemplate, strict=True))
    colours = dict(zip(tree.ids, tree.marker.colors, strict=True))
    assert "alpha/help" not in parents
    assert parents["alpha-a2"] == "alpha"
    assert templates["alpha-a2"] == "<b>2.</b>"
    assert colours["alpha-a2"] == mini.vocabulary.colours("interventions")["help"]
    assert parents["alpha-a1"] == "alpha/identify"  # a large one keeps its intervention's box
    actions.loc[actions["id"] == "alpha-a2", "budget_eur"] = 300.0  # 300 of 3,300: 9 %
    tree = b_figures.treemap_figure(actions, table, mini.vocabulary).data[0]
    parents = dict(zip(tree.ids, tree.parents, strict=True))
    templates = dict(zip(tree.ids, tree.texttemplate, strict=True))
    assert parents["alpha-a2"] == "alpha/help"
    assert templates["alpha-a2"].startswith("<b>2.</b><br>")


def test_treemap_with_no_known_budget_is_an_empty_figure(mini):
    actions, table = by_city(mini, Filters(cities=("beta",)))
    fig = b_figures.treemap_figure(actions, table, mini.vocabulary)
    assert fig.data == ()
    assert "nothing to draw" in fig.layout.annotations[0].text


# --- per intervention, support level, group -------------------------------------------------


def test_primary_intervention_counts_money_once(mini):
    table = b.budget_by_category(mini.actions, mini.vocabulary, "intervention").set_index("id")
    assert table.loc["identify", "budget"] == 3000
    assert table.loc["help", "budget"] == 1000
    assert table.loc["awareness", "budget"] is pd.NA  # alpha-a1's second intervention gets nothing
    assert table.loc["prevent", "budget"] is pd.NA
    assert table.loc["prevent", "unknown"] == 1  # Béta's walking group
    assert table["budget"].sum() == 4000


def test_support_level_mini(mini):
    table = b.budget_by_category(mini.actions, mini.vocabulary, "support_level").set_index("id")
    assert table.loc["targeted", "budget"] == 3000
    assert table.loc["intensive", "budget"] == 1000
    assert table.loc["universal", "budget"] is pd.NA and table.loc["universal", "unknown"] == 1


def test_beneficiary_groups_count_an_action_in_each_group(mini):
    table = b.budget_by_category(mini.actions, mini.vocabulary, "beneficiary").set_index("id")
    assert table.loc["isolated", "budget"] == 4000  # both actions reach isolated people
    assert table.loc["at_risk", "budget"] == 3000
    assert (table.loc["at_risk", "known"], table.loc["at_risk", "unknown"]) == (1, 1)
    assert table.loc["helpers", "budget"] is pd.NA and table.loc["helpers", "unknown"] == 0
    assert table.loc["all_citizens", "unknown"] == 1
    assert "counted in each" in b.GROUP_RULE


def test_category_figure_draws_only_known_money(mini):
    fig = b_figures.category_figure(mini.actions, mini.vocabulary, "intervention")
    drawn = drawn_amounts(fig)
    assert drawn == {"Identify<br>1 known, 0 unknown": 3000, "Help<br>1 known, 0 unknown": 1000}
    said = words(fig)
    assert said["Prevent<br>0 known, 1 unknown"] == "none known"
    assert said["Raise awareness<br>0 known, 0 unknown"] == "no plan action"
    assert fig.layout.title.text.startswith("Identify has the largest planned budget: €3,000 of €4,000")
    numbers = b.category_numbers(
        b.budget_by_category(mini.actions, mini.vocabulary, "beneficiary"), "beneficiary"
    )
    assert row(numbers, "Beneficiary group", "Isolated people")["Planned budget (EUR)"] == "€4,000"
    assert row(numbers, "Beneficiary group", "Helpers")["Planned budget (EUR)"] == "none known"


# --- funding -----------------------------------------------------------------------------


def test_funding_planned_and_possible_kept_apart(mini):
    table = b.funding_by_source(mini.actions, mini.vocabulary).set_index("id")
    assert table.loc["municipal", "planned_eur"] == 4000
    assert table.loc["municipal", "planned_actions"] == 2
    assert table.loc["esf_plus", "planned_eur"] == 1000
    assert table.loc["esf_plus", "possible_actions"] == 1
    assert table.loc["esf_plus", "possible_per_year_eur"] == 5000  # per year, never a total
    assert table.loc["esf_plus", "possible_total_eur"] is pd.NA
    assert table.loc["erdf", "planned_eur"] is pd.NA
    numbers = b.funding_numbers(b.funding_by_source(mini.actions, mini.vocabulary))
    esf = row(numbers, "Funding source", "ESF+")
    assert esf["Possible: estimated, per year (EUR per year)"] == "€5,000"
    assert esf["Planned: budget (EUR)"] == "€1,000"


def test_funding_figure_two_panels(mini):
    table = b.funding_by_source(mini.actions, mini.vocabulary)
    fig = b_figures.funding_figure(table, mini.vocabulary)
    planned, possible = bars(fig)
    assert dict(zip(planned.y, planned.x, strict=True)) == {"Municipal funds": 4000, "ESF+": 1000}
    assert dict(zip(possible.y, possible.x, strict=True)) == {"ESF+": 1}
    assert possible.xaxis == "x2"
    assert fig.layout.xaxis.title.text == "EUR (plan total)"
    assert fig.layout.xaxis2.title.text == "number of estimates"
    assert fig.layout.title.text.replace("<br>", " ") == (
        "Largest planned source: Municipal funds (€4,000); unfunded estimates name 1 possible source: "
        "ESF+ (1 of 1)"
    )


def test_funding_figure_with_one_side_or_nothing(mini):
    plan_only = filter_actions(mini.actions, Filters(kinds=("iap_action",)))
    fig = b_figures.funding_figure(b.funding_by_source(plan_only, mini.vocabulary), mini.vocabulary)
    assert [a.text for a in fig.layout.annotations][-1] == "no estimate names a source"
    assert len(bars(fig)) == 2 and list(bars(fig)[1].x) == []
    nothing = filter_actions(mini.actions, Filters(cities=("gamma",)))
    fig = b_figures.funding_figure(b.funding_by_source(nothing, mini.vocabulary), mini.vocabulary)
    assert b_figures.is_empty(fig)
    assert b_figures.title_text(fig) == "No planned funding is known"


# --- amounts kept apart -------------------------------------------------------------------


def test_idea_per_year_is_labelled_and_kept_apart(mini):
    numbers = b.apart_numbers(mini.actions, mini.vocabulary)
    assert numbers.to_dict("records") == [
        {
            "City": "Alphaville",
            "Action": "Centre",
            "Type": "Idea (not funded)",
            "Amount (EUR)": "€5,000",
            "Amount covers": "per year",
            "Status": "estimated",
            "Funding (planned or possible, see status)": "ESF+",
        }
    ]
    assert (
        b.apart_title(mini.actions)
        == "Not in the plan totals: Alphaville's 1 idea estimated at €5,000 per year"
    )
    fig = b_figures.apart_figure(mini.actions, mini.vocabulary)
    (bar,) = bars(fig)
    assert list(bar.x) == [5000] and list(bar.text) == ["€5,000 per year"]
    assert fig.layout.xaxis.title.text == "EUR per year"


# --- timeline -----------------------------------------------------------------------------


def test_timeline_mini(mini):
    assert list(b.timed_actions(mini.actions)["id"]) == ["alpha-a1", "alpha-a2"]
    fig = b_figures.timeline_figure(mini.actions, mini.vocabulary)
    spans = {}
    for trace in bars(fig):
        for y, base, x in zip(trace.y, trace.base, trace.x, strict=True):
            spans[y] = (round(base + 0.45), round(base + x - 0.45))
    assert spans == {"Alphaville · 1. Observatory": (2026, 2027), "Alphaville · 2. Walks": (2027, 2027)}
    assert fig.layout.title.text.startswith("1 of 2 actions with known timing runs over 2026–2027")
    unknown = b.timing_unknown_table(mini.actions)
    assert set(unknown["Action"]) == {"Centre", "Focus group", "Walking group", "Posters"}
    assert set(unknown["Timing"]) == {"timing unknown"}
    numbers = b.timeline_numbers(mini.actions)
    assert list(numbers["Start year"]) == [2026, 2027] and list(numbers["End year"]) == [2027, 2027]


def test_timeline_partial_timing_is_listed_with_what_is_known(mini):
    actions = mini.actions.copy()
    actions.loc[actions["id"] == "beta-a1", "start_year"] = 2026
    table = b.timing_unknown_table(actions)
    assert row(table, "Action", "Walking group")["Timing"] == "starts 2026, end not given"


# --- notes -------------------------------------------------------------------------------


def test_each_figure_says_what_it_rests_on(mini):
    actions, table = by_city(mini)
    notes = b.figure_notes(actions, table)
    assert notes["treemap"].startswith(
        "Based on 2 plan actions with a known budget (of 3 plan actions shown); "
        "not counted: 1 plan action with budget unknown"
    )
    assert "primary (first-listed) intervention" in notes["treemap"]
    assert "counted in each" in notes["beneficiary"]
    assert "never €0" in notes["city"]
    assert notes["funding"].startswith(
        "Planned: 2 plan actions with a known budget. Possible: 1 estimated cost"
    )
    assert notes["apart"].startswith("Based on 1 action with a known amount outside the plan totals")
    assert notes["timeline"].startswith("Based on 2 actions with a known start and end year, of 6 shown")
    assert set(notes) == {
        "treemap",
        "city",
        "intervention",
        "support_level",
        "beneficiary",
        "funding",
        "apart",
        "timeline",
    }


# --- text from the data stays text -------------------------------------------------------


def test_data_text_is_escaped_in_figures(mini):
    actions = mini.actions.copy()
    actions.loc[actions["id"] == "alpha-a1", "title"] = "<b>Bold</b> & co"
    _, table = by_city(mini)
    fig = b_figures.treemap_figure(actions, table, mini.vocabulary)
    labels = " ".join(fig.data[0].labels)
    assert "<b>Bold" not in labels and "&lt;b&gt;Bold&lt;/b&gt;" in labels
    assert "&lt;b&gt;Bold" in fig.layout.title.text


# --- every filter, both data sets: no crash, never a zero bar ----------------------------


def _filter_sets(tables):
    """All, each filter alone, and combinations that leave little or nothing in view."""
    cities = list(tables.cities["id"])
    return [
        Filters(),
        Filters(cities=(cities[0],)),
        Filters(cities=tuple(cities[-2:])),
        Filters(kinds=("iap_action",)),
        Filters(kinds=("idea",)),
        Filters(kinds=("testing_action",)),
        Filters(interventions=("prevent",)),
        Filters(cities=(cities[0],), kinds=("idea",)),
        Filters(kinds=("iap_action",), interventions=("identify", "help")),
        Filters(cities=tuple(cities[-2:]), kinds=("testing_action",), interventions=("prevent",)),
    ]


@pytest.mark.parametrize("name", ["mini", "real"])
def test_every_builder_under_every_filter(name, request):
    tables = request.getfixturevalue(name)
    vocab = tables.vocabulary
    for filters in _filter_sets(tables):
        actions, table = by_city(tables, filters)
        figures = [
            b_figures.treemap_figure(actions, table, vocab),
            b_figures.city_figure(actions, table, vocab),
            b_figures.city_figure(actions, table, vocab, per_inhabitant=True),
            b_figures.funding_figure(b.funding_by_source(actions, vocab), vocab),
            b_figures.apart_figure(actions, vocab),
            b_figures.timeline_figure(actions, vocab),
            *(b_figures.category_figure(actions, vocab, by) for by in b.BREAKDOWNS),
        ]
        for fig in figures:
            assert fig.layout.title.text, filters
            for trace in bars(fig):
                assert all(x > 0 for x in trace.x), (filters, fig.layout.title.text)
        tables_out = [
            b.unknown_budget_table(actions),
            b.city_numbers(table),
            b.treemap_numbers(actions, vocab),
            b.funding_numbers(b.funding_by_source(actions, vocab)),
            b.apart_numbers(actions, vocab),
            b.timeline_numbers(actions),
            b.timing_unknown_table(actions),
            *(b.category_numbers(b.budget_by_category(actions, vocab, by), by) for by in b.BREAKDOWNS),
        ]
        for out in tables_out:
            assert not any(c.endswith("_id") or c == "id" for c in out.columns)
        b.coverage_sentence(table)
        b.figure_notes(actions, table)


# --- real data: facts stated by the sources ----------------------------------------------


def test_isernia_six_plan_actions_twenty_thousand(real):
    actions, table = by_city(real)
    isernia = row(table, "city", "isernia")
    assert isernia["total"] == 20000
    assert (isernia["plan_actions"], isernia["known"], isernia["status"]) == (6, 6, "known")
    summed = b.summed_actions(actions)
    assert len(summed[summed["city"] == "isernia"]) == 6
    assert "6 of 6 plan actions in Isernia" in b.coverage_sentence(table)


def test_isernia_observatory_is_the_largest_share(real):
    actions, table = by_city(real, Filters(cities=("isernia",)))
    finding = b.largest_budget_finding(actions, table)
    assert finding.startswith("Isernia's plan budget: €20,000")
    assert "(€9,800, 49%) for its Observatory on Social Isolation" in finding
    tree = b_figures.treemap_figure(actions, table, real.vocabulary).data[0]
    values = dict(zip(tree.ids, tree.values, strict=True))
    parents = dict(zip(tree.ids, tree.parents, strict=True))
    assert values["isernia"] == 20000
    assert values["isernia-a1"] == 9800 and parents["isernia-a1"] == "isernia/identify"


def test_isernia_ideas_are_estimates_kept_apart(real):
    actions = filter_actions(real.actions, Filters(cities=("isernia",)))
    apart = b.apart_actions(actions)
    ideas = actions[actions["kind"] == "idea"]
    assert len(ideas) == 3
    assert set(ideas["id"]) <= set(apart["id"])
    assert not set(ideas["id"]) & set(b.summed_actions(actions)["id"])
    assert (apart.loc[apart["kind"] == "idea", "budget_basis"] == "per_year").sum() == 2
    numbers = b.apart_numbers(actions, real.vocabulary)
    assert set(numbers["Amount covers"]) == {"per year", "total for its whole period"}


def test_real_money_is_not_double_counted(real):
    actions, table = by_city(real)
    total = b.summed_actions(actions)["budget_eur"].sum()
    by_primary = b.budget_by_category(actions, real.vocabulary, "intervention")["budget"].sum()
    by_level = b.budget_by_category(actions, real.vocabulary, "support_level")["budget"].sum()
    by_group = b.budget_by_category(actions, real.vocabulary, "beneficiary")["budget"].sum()
    assert by_primary == total == by_level
    assert by_group >= total  # counted in each group, as the note says


def test_real_cities_with_unknown_budgets_get_no_bar(real):
    actions, table = by_city(real)
    fig = b_figures.city_figure(actions, table, real.vocabulary)
    drawn = drawn_amounts(fig)
    assert drawn["Isernia"] == 20000
    said = words(fig)
    for city in table[table["status"] == "unknown"].itertuples():
        assert city.city_name not in drawn
        assert said[city.city_name].startswith("budget unknown")


def test_isernia_plan_actions_run_over_2026_2027(real):
    actions = filter_actions(real.actions, Filters(cities=("isernia",), kinds=("iap_action",)))
    timed = b.timed_actions(actions)
    assert len(timed) == 6
    assert set(zip(timed["start_year"], timed["end_year"], strict=True)) == {(2026, 2027)}
    assert b.timeline_title(actions) == "6 of 6 actions with known timing run over 2026–2027"


def test_budgets_view_mini(mini):
    view = b_figures.budgets_view(mini, Filters())
    assert view.coverage.startswith("Budget known for 2 of 2 plan actions in Alphaville")
    assert view.headline["plan_total"] == 4000
    assert set(view.category) == set(b.BREAKDOWNS)
    per_city, per_inhabitant = view.city[False].figure, view.city[True].figure
    assert "EUR per inhabitant" in per_inhabitant.layout.xaxis.title.text
    assert per_city.layout.xaxis.title.text == "EUR (plan total)"
    numbers = view.apart.numbers
    assert list(numbers["Amount covers"]) == ["per year"]
    assert list(view.unknown["Action"])[0] == "Walking group"


# --- the treemap, built column by column, is the figure the row-by-row walk made -----------


def _treemap_nodes_row_by_row(actions: pd.DataFrame, vocab) -> list[list]:
    """The treemap's nodes as figures/budgets.py made them before it was vectorised (issue
    16): one `itertuples` walk per city and intervention. Kept here as the reference."""
    summed = b.summed_actions(actions)
    colours = vocab.colours("interventions")
    names = vocab.labels("interventions")
    funding = b._source_names(vocab)
    ids, labels, parents, values, marker, hover = [], [], [], [], [], []
    groups = {
        key: group.sort_values("budget_eur", ascending=False)
        for key, group in summed.groupby(["city", "primary_intervention"], sort=False)
    }
    whole = float(summed["budget_eur"].sum())
    for city, part in summed.groupby("city", sort=False):
        city_name = part["city_name"].iloc[0]
        ids.append(city)
        labels.append(label_text(city_name))
        parents.append("")
        values.append(float(part["budget_eur"].sum()))
        marker.append(b_figures.CITY_NODE_COLOUR)
        hover.append(f"{label_text(city_name)}: plan total of {plural(len(part), 'action')}")
        for iv in vocab.ids("interventions"):
            mine = groups.get((city, iv))
            if mine is None:
                continue
            node = f"{city}/{iv}"
            first = mine.iloc[0]
            alone = (
                len(mine) == 1
                and b_figures._short_label(first["number"])
                and float(first["budget_eur"]) < b_figures.TINY_LABEL_SHARE * whole
            )
            if not alone:  # one small action sits under its city (no band for its intervention)
                ids.append(node)
                labels.append(names[iv])
                parents.append(city)
                values.append(float(mine["budget_eur"].sum()))
                marker.append(colours[iv])
                hover.append(f"{names[iv]} (primary intervention), {plural(len(mine), 'action')}")
            for row in mine.itertuples(index=False):
                label = b.action_label(row.number, row.title)
                ids.append(row.id)
                labels.append(b_figures._wrap_label(label))
                parents.append(city if alone else node)
                values.append(float(row.budget_eur))
                marker.append(colours[iv])
                hover.append(
                    f"{label_text(label)}<br>interventions: {label_text(row.interventions_label)}<br>"
                    f"funding: {label_text(funding(row.funding_sources))}"
                )
    return [ids, labels, parents, values, marker, hover]


def _assert_same_treemap(tables) -> None:
    actions = tables.actions
    fig = b_figures.treemap_figure(actions, b.budget_by_city(actions, tables.cities), tables.vocabulary)
    trace = fig.data[0]
    now = [trace.ids, trace.labels, trace.parents, trace.values, trace.marker.colors, trace.customdata]
    assert [list(part) for part in now] == _treemap_nodes_row_by_row(actions, tables.vocabulary)


def test_treemap_same_nodes_as_the_row_by_row_walk_real(real):
    _assert_same_treemap(real)


def test_treemap_same_nodes_as_the_row_by_row_walk_synthetic(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from synthetic import make_network

    tables = build_tables(load_network(make_network(30, tmp_path / "net30", hard=True)))
    assert len(tables.cities) == 30
    _assert_same_treemap(tables)
