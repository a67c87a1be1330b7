"""The Coverage page in Streamlit's AppTest: alone and through the frame (app.py).

Expected texts are computed with analysis.coverage and analysis.gaps from the same data,
so the tests hold while the city files are being completed (an empty cell is a gap only
when every plan in view is entered; otherwise it is not known).
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT
from conftest import figures as drawn_figures
from conftest import run_page as run_any_page
from streamlit.testing.v1 import AppTest

from analysis import coverage as cov
from analysis import gaps as gap
from analysis.frames import Filters
from analysis.known import Basis
from figures import coverage as coverage_figures
from models.knowledge import KNOWLEDGE_LABELS, PLAN_ENTERED

PAGE = str(ROOT / "pages" / "coverage.py")
APP = str(ROOT / "app.py")
TIMEOUT = 60


TABS = ("Support levels", "Beneficiary groups", "Empty cells", "Cities × interventions")
# Every table behind a chart opened, as if each "Numbers behind this chart" had been clicked.
OPENED = {f"coverage_{c}_numbers": True for c in ("grid_support_level", "grid_beneficiary", "matrix")}


def run_page(**state) -> AppTest:
    return run_any_page(PAGE, **state)


def visit(at: AppTest, tab: int) -> AppTest:
    """Choose a tab, as a click on it does: its content is made only then."""
    at.session_state["coverage_tab"] = TABS[tab]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


class EveryTab:
    """What the page shows over all its tabs, in the tabs' order: the page's first view holds
    the first grid, and each other part is made when its tab is chosen. The page is left on
    its first tab."""

    def __init__(self, at: AppTest):
        self.info, self.caption, self.dataframe, self.expander = [], [], [], []
        self.subheader, self.markdown, self.charts = [], [], []
        for number in range(len(TABS)):
            visit(at, number)
            mine = at.tabs[number]
            for name in ("info", "caption", "dataframe", "expander", "subheader", "markdown"):
                whole, inside = list(getattr(at, name)), list(getattr(mine, name))
                header = whole[: len(whole) - len(inside)]  # the tabs come last on the page
                getattr(self, name).extend((header if number == 0 else []) + inside)
            self.charts += [json.loads(c.proto.spec) for c in mine.get("plotly_chart")]
        visit(at, 0)


def figures(at) -> list[dict]:
    return at.charts if isinstance(at, EveryTab) else drawn_figures(at)


def titles(at) -> list[str]:
    return [fig["layout"]["title"]["text"].replace("<br>", " ") for fig in figures(at)]


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def table_with(at, column: str):
    return [df.value for df in at.dataframe if column in df.value.columns]


def gap_tables(at: AppTest):
    """The tables of a city's gaps (or cells not known) with peer actions, one per grid
    (not the peer actions of the selected cell, which have no Intervention column)."""
    return [df for df in table_with(at, "Peer action") if "Intervention" in df.columns]


def all_entered(tables, ids=None) -> bool:
    cities = tables.cities if ids is None else tables.cities[tables.cities["id"].isin(ids)]
    return bool((cities["knowledge"] == PLAN_ENTERED).all())


def test_page_runs_and_shows_three_charts_with_findings(real_data, real):
    first = run_page()
    # The first view: the answer and the first grid; the rest a tab away.
    assert [t.label for t in first.tabs] == list(TABS)
    assert len(first.get("plotly_chart")) == 1
    assert [e.label for e in first.tabs[0].expander] == ["Numbers behind this chart"]
    at = EveryTab(run_page(**OPENED))
    counted = cov.counted_actions(real.actions, Filters())
    cells = cov.model_cells(counted)
    vocab = real.vocabulary
    basis = Basis.of(real.cities)
    assert titles(at) == [
        cov.levels_finding(cov.grid(cells, vocab, cov.LEVEL, basis=basis), basis=basis),
        cov.groups_finding(cov.grid(cells, vocab, cov.GROUP, basis=basis), basis=basis),
        cov.matrix_finding(cov.city_matrix(counted, real.cities, vocab)),
    ]
    # the answer says what it rests on
    answer = cov.intensive_answer(cells, vocab, basis=basis)
    assert answer.endswith(basis.rests_on())
    assert answer in markdown(at)
    assert "plan actions only" in at.caption[0].value
    # what is known about the cities shown, then the numbers behind each chart, with labels
    entered = int((real.cities["knowledge"] == PLAN_ENTERED).sum())
    assert [e.label for e in at.expander] == [
        f"What is known: plan entered for {entered} of {len(real.cities)} cities shown",
        *["Numbers behind this chart"] * 3,
    ]
    numbers = table_with(at, "Number of plan actions")
    assert numbers and set(numbers[0]["Intervention"]) == set(vocab.labels("interventions").values())
    # the numbers never call a cell not known a gap
    empty = "gap" if all_entered(real) else "not known"
    for table in numbers[:2]:
        assert set(table["Cell"]) <= {"covered", empty}
    # without a city, the page asks for one before listing gaps
    assert any("Pick a city" in i.value for i in at.info)


def test_widgets_have_coverage_keys(real_data):
    at = run_page()
    keys = [w.key for w in [*at.selectbox, *at.toggle]]
    assert keys and all(k.startswith("coverage_") for k in keys)


def test_selecting_a_cell_lists_its_actions(real_data, real):
    at = run_page()
    counted = cov.counted_actions(real.actions, Filters())
    cells = cov.model_cells(counted)
    table = cov.grid(cells, real.vocabulary, cov.LEVEL, basis=Basis.of(real.cities))
    # no cell is selected at first: the first view holds no table
    assert at.selectbox(key="coverage_cell_support_level").value is None
    assert not table_with(at, "Action")
    # pick every covered cell in turn: its actions, with their cities, are listed
    for key in [cov.cell_key(r.intervention, r.cell) for r in table.itertuples() if r.actions][:3]:
        at.selectbox(key="coverage_cell_support_level").set_value(key).run()
        assert not at.exception
        expected = cov.cell_actions(counted, cells, cov.LEVEL, key)
        shown = table_with(at, "Action")[0]
        assert list(shown["City"]) == list(expected["City"])
        assert list(shown["Action"]) == list(expected["Action"])


def test_an_empty_cell_says_gap_or_not_known(real_data, real):
    at = run_page()
    counted = cov.counted_actions(real.actions, Filters())
    table = cov.grid(cov.model_cells(counted), real.vocabulary, cov.LEVEL, basis=Basis.of(real.cities))
    empty = [cov.cell_key(r.intervention, r.cell) for r in table.itertuples() if not r.actions]
    if not empty:
        pytest.skip("every cell is covered in the current data")
    at.selectbox(key="coverage_cell_support_level").set_value(empty[0]).run()
    assert not at.exception
    # a gap only when every city's plan is entered; otherwise not known
    said = "Gap: no plan action falls" if all_entered(real) else "Not known: no known plan action falls"
    assert any(c.value.startswith(said) for c in at.caption)
    assert all_entered(real) or not any(c.value.startswith("Gap:") for c in at.caption)


def test_an_empty_cell_of_an_entered_plan_is_a_gap_and_of_another_not_known(mini_data):
    at = run_page()
    at.selectbox(key="coverage_cell_support_level").set_value("identify|intensive").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert (
        "Not known: no known plan action falls in this cell, and a plan of the shown cities is not entered."
        in captions
    )
    assert not any(c.startswith("Gap:") for c in captions)
    # Alphaville's plan is entered: its empty cell is a gap
    at.selectbox(key="coverage_city").set_value("alpha").run()
    at.selectbox(key="coverage_cell_support_level").set_value("identify|intensive").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert "Gap: no plan action of Alphaville falls in this cell." in captions
    # Gamma's plan is not entered: the same cell is not known
    at.selectbox(key="coverage_city").set_value("gamma").run()
    at.selectbox(key="coverage_cell_support_level").set_value("identify|intensive").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert (
        "Not known: no known plan action of Gamma falls in this cell, and its plan is not entered."
        in captions
    )
    assert not any(c.startswith("Gap:") for c in captions)


def test_city_selector_shows_the_city_grids_and_its_gaps_with_peers(real_data, real):
    page = run_page()
    page.selectbox(key="coverage_city").set_value("isernia").run()
    assert not page.exception
    at = EveryTab(page)
    vocab = real.vocabulary
    counted = cov.counted_actions(real.actions, Filters())
    cells = cov.model_cells(counted)
    own = cells[cells["city"] == "isernia"]
    basis = Basis.of(real.cities, ["isernia"])  # Isernia's IAP is entered
    level_grid = cov.grid(own, vocab, cov.LEVEL, basis=basis)
    assert titles(at)[0] == cov.levels_finding(level_grid, city_name="Isernia", basis=basis)
    assert [s.value for s in at.subheader][:2] == [
        "Interventions × support levels: Isernia",
        "Interventions × beneficiary groups: Isernia",
    ]
    found = gap.coverage_gaps_view(real, "isernia")
    assert found.plan_entered is True
    text = markdown(at)
    assert found.sentence in text
    level = found.grids[cov.LEVEL]
    assert level.summary in text and "(gaps)" in level.summary
    assert found.grids[cov.GROUP].summary in text
    if len(level.table):
        peers = table_with(at, "Peer action")
        assert gap_tables(at) and all("Isernia" not in set(p["Peer city"]) for p in peers)
    # a city whose plan is not entered: its empty cells are not known, never counted as gaps
    page.selectbox(key="coverage_city").set_value("fot").run()
    assert not page.exception
    fot = gap.coverage_gaps_view(real, "fot")
    text = markdown(EveryTab(page))
    if not all_entered(real, ["fot"]):
        assert fot.plan_entered is False
        assert fot.sentence.startswith("Fót's plan is not entered, so its gaps are not known.")
        assert "not known yet" in fot.grids[cov.LEVEL].summary
        assert "hold none of Fót's plan actions" not in text
    assert fot.sentence in text and fot.grids[cov.LEVEL].summary in text


def test_include_testing_actions_and_ideas(real_data, real):
    at = run_page()
    at.toggle(key="coverage_all").set_value(True).run()
    assert not at.exception
    assert "plan actions, testing actions and ideas together" in at.caption[0].value
    counted = cov.counted_actions(real.actions, Filters(), include_all=True)
    basis = Basis.of(real.cities)
    table = cov.grid(cov.model_cells(counted), real.vocabulary, cov.LEVEL, basis=basis)
    assert titles(at)[0] == cov.levels_finding(table, "actions", basis=basis)
    options = at.selectbox(key="coverage_cell_support_level").options
    assert all("plan action" not in o for o in options)


def test_shared_sidebar_filters_apply(real_data, real):
    at = run_page(intervention=["help"], city=["fot", "isernia"])
    # only Help rows; only the two cities in the selector and the city table
    options = at.selectbox(key="coverage_cell_support_level").options
    assert options and all(o.startswith("Help · ") for o in options)
    assert at.selectbox(key="coverage_city").options == ["All shown cities", "Fót", "Isernia"]
    every = EveryTab(at)
    matrix = figures(every)[2]["data"][0]
    assert matrix["y"] == ["Fót", "Isernia"] and matrix["x"] == ["Help"]
    assert "Fót, Isernia; Help" in at.caption[0].value
    filters = Filters(cities=("fot", "isernia"), interventions=("help",))
    counted = cov.counted_actions(real.actions, filters)
    shown = cov.shown_cities(real, filters)
    answer = cov.intensive_answer(
        cov.model_cells(counted, filters.interventions),
        real.vocabulary,
        filters.interventions,
        "Fót, Isernia",
        basis=Basis.of(shown),
    )
    assert answer in markdown(at)
    if not answer.startswith("Every intervention"):
        assert "(Fót, Isernia) covers at the intensive level: Help." in answer
    matrix = cov.city_matrix(counted, shown, real.vocabulary, filters.interventions)
    assert titles(every)[2] == cov.matrix_finding(matrix)


def test_a_single_filtered_city_is_the_model_scope(real_data):
    at = run_page(city=["fot"])
    assert at.selectbox(key="coverage_city").value == "fot"
    assert any("Fót" in s.value for s in at.subheader)


def test_kind_filter_without_plan_actions_explains_what_to_do(real_data):
    at = run_page(kind=["testing_action"])
    assert any("Include testing actions and ideas" in i.value for i in at.info)
    at.toggle(key="coverage_all").set_value(True).run()
    assert not at.exception
    assert not any("Include testing actions and ideas" in i.value for i in at.info)


def test_matrix_selectors_list_the_actions_of_a_city_and_intervention(real_data, real):
    at = run_page(coverage_tab=TABS[3])
    counted = cov.counted_actions(real.actions, Filters())
    at.selectbox(key="coverage_matrix_city").set_value("isernia")
    at.selectbox(key="coverage_matrix_intervention").set_value("awareness").run()
    assert not at.exception
    expected = cov.matrix_actions(counted, "awareness", "isernia")
    shown = [df for df in table_with(at, "Action") if set(df["City"]) == {"Isernia"}]
    assert any(list(df["Action"]) == list(expected["Action"]) for df in shown)


def test_mini_fixture_city_with_no_action_and_city_without_budget(mini_data):
    at = run_page()
    assert (
        markdown(at).count(
            "Interventions no known action covers at the intensive level: Identify, Raise awareness, "
            "Prevent. Based on 1 entered plan (Alphaville) of 3 cities"
        )
        == 1
    )
    at.selectbox(key="coverage_city").set_value("gamma").run()
    assert not at.exception
    assert titles(at)[0] == (
        "Gamma's plan is not entered and none of its plan actions is known yet: all 12 cells are not known"
    )
    every = EveryTab(at)
    text = markdown(every)
    assert (
        "Interventions × support levels: Gamma's plan is not entered; 12 of 12 cells are not known yet "
        "(no known action of it there); peer cities have actions in 6 of them." in text
    )
    assert "hold none of Gamma's plan actions" not in text  # no gap is claimed
    peers = gap_tables(every)
    assert len(peers) == 2
    assert set(peers[0]["Peer city"]) == set(peers[1]["Peer city"]) == {"Alphaville", "Béta"}
    at.selectbox(key="coverage_city").set_value("beta").run()
    assert not at.exception
    assert (
        "Interventions × support levels: Béta's plan is not entered; 10 of 12 cells are not known yet "
        "(no known action of it there); peer cities have actions in 3 of them." in markdown(EveryTab(at))
    )
    # Alphaville's plan is entered: its empty cells are gaps
    at.selectbox(key="coverage_city").set_value("alpha").run()
    assert not at.exception
    every = EveryTab(at)
    assert (
        "Interventions × support levels: 9 of 12 cells hold none of Alphaville's plan actions (gaps); "
        "peer cities have actions in 3 of them." in markdown(every)
    )
    # the city table keeps Gamma as a row of cells not known; Alphaville's empty cell is a gap
    data = figures(every)[2]["data"]
    matrix = data[0]
    assert matrix["y"][-1] == "Gamma"
    assert matrix["text"][-1] == ["", "", "", ""]
    words = {t["text"][0]: list(zip(t["y"], t["x"], strict=True)) for t in data[1:]}
    assert words["gap"] == [("Alphaville", "Prevent")]
    assert [("Gamma", i) for i in ["Identify", "Help", "Raise awareness", "Prevent"]] == [
        cell for cell in words["not known"] if cell[0] == "Gamma"
    ]


def test_through_the_frame(real_data, real):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    at.switch_page("pages/coverage.py").run()
    assert not at.exception
    assert at.title[0].value.startswith("Coverage")
    assert len(at.get("plotly_chart")) == 1
    # the sidebar filter of the frame reaches the page
    at.multiselect(key="city").set_value(["fot"]).run()
    assert not at.exception
    assert at.selectbox(key="coverage_city").value == "fot"
    assert figures(EveryTab(at))[2]["data"][0]["y"] == ["Fót"]
    visit(at, 1)
    at.selectbox(key="coverage_cell_beneficiary").set_value("help|isolated").run()
    assert not at.exception


def test_a_rerun_for_a_cell_or_the_matrix_selectors_rebuilds_no_figure(real_data, monkeypatch):
    at = visit(run_page(), 1)
    charts = figures(at)

    def no_figure(*args, **kwargs):
        raise AssertionError("a figure was built again")

    # The figures are built once per data load, filters, city and toggle (ui.data.cached_view).
    monkeypatch.setattr(coverage_figures, "gap_heatmap", no_figure)
    at.selectbox(key="coverage_cell_beneficiary").set_value("help|isolated").run()
    assert not at.exception, [e.value for e in at.exception]
    visit(at, 3)
    at.selectbox(key="coverage_matrix_city").set_value("isernia").run()
    assert not at.exception, [e.value for e in at.exception]
    visit(at, 1)
    assert figures(at) == charts


def test_the_legend_of_what_is_known_is_made_when_opened(real_data, real):
    closed = run_page()
    assert table_with(closed, "What it means") == []  # the first view loads no table for it
    opened = run_page(coverage_legend=True)
    (legend,) = table_with(opened, "What it means")
    entered = set(real.cities.loc[real.cities["knowledge"] == PLAN_ENTERED, "name"])
    row = legend[legend["What is known"] == KNOWLEDGE_LABELS[PLAN_ENTERED]]
    assert set(row.iloc[0]["Cities"].split(", ")) == entered
    assert any("**not known** (grey)" in m.value for m in opened.markdown)
