"""The Coverage page in Streamlit's AppTest: alone and through the frame (app.py).

Expected texts are computed with insights.coverage from the same data, so the tests hold
while the city files are being completed.
"""

from __future__ import annotations

import pytest
from conftest import ROOT, figures, titles
from conftest import run_page as run_any_page
from streamlit.testing.v1 import AppTest

from insights import coverage as cov
from insights.frames import Filters

PAGE = str(ROOT / "pages" / "coverage.py")
APP = str(ROOT / "app.py")
TIMEOUT = 60


def run_page(**state) -> AppTest:
    return run_any_page(PAGE, **state)


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def table_with(at: AppTest, column: str):
    return [df.value for df in at.dataframe if column in df.value.columns]


def test_page_runs_and_shows_three_charts_with_findings(real_data, real):
    at = run_page()
    counted = cov.counted_actions(real.actions, Filters())
    cells = cov.model_cells(counted)
    vocab = real.vocabulary
    assert titles(at) == [
        cov.levels_finding(cov.grid(cells, vocab, cov.LEVEL)),
        cov.groups_finding(cov.grid(cells, vocab, cov.GROUP)),
        cov.matrix_finding(cov.city_matrix(counted, real.cities, vocab)),
    ]
    assert cov.intensive_answer(cells, vocab) in markdown(at)
    assert "plan actions only" in at.caption[0].value
    # the numbers behind each chart, with labels
    assert [e.label for e in at.expander] == ["Numbers behind this chart"] * 3
    numbers = table_with(at, "Number of plan actions")
    assert numbers and set(numbers[0]["Intervention"]) == set(vocab.labels("interventions").values())
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
    table = cov.grid(cells, real.vocabulary, cov.LEVEL)
    # the fullest cell is selected at first
    first = cov.cell_actions(counted, cells, cov.LEVEL, cov.fullest_cell(table))
    assert any(list(df["Action"]) == list(first["Action"]) for df in table_with(at, "Action"))
    # pick every covered cell in turn: its actions, with their cities, are listed
    for key in [cov.cell_key(r.intervention, r.cell) for r in table.itertuples() if r.actions][:3]:
        at.selectbox(key="coverage_cell_support_level").set_value(key).run()
        assert not at.exception
        expected = cov.cell_actions(counted, cells, cov.LEVEL, key)
        shown = table_with(at, "Action")[0]
        assert list(shown["City"]) == list(expected["City"])
        assert list(shown["Action"]) == list(expected["Action"])


def test_a_gap_cell_says_gap(real_data, real):
    at = run_page()
    counted = cov.counted_actions(real.actions, Filters())
    table = cov.grid(cov.model_cells(counted), real.vocabulary, cov.LEVEL)
    gaps = [cov.cell_key(r.intervention, r.cell) for r in table.itertuples() if not r.actions]
    if not gaps:
        pytest.skip("every cell is covered in the current data")
    at.selectbox(key="coverage_cell_support_level").set_value(gaps[0]).run()
    assert not at.exception
    assert any(c.value.startswith("Gap: no plan action") for c in at.caption)


def test_city_selector_shows_the_city_grids_and_its_gaps_with_peers(real_data, real):
    at = run_page()
    at.selectbox(key="coverage_city").set_value("isernia").run()
    assert not at.exception
    vocab = real.vocabulary
    counted = cov.counted_actions(real.actions, Filters())
    cells = cov.model_cells(counted)
    own = cells[cells["city"] == "isernia"]
    level_grid = cov.grid(own, vocab, cov.LEVEL)
    assert titles(at)[0] == cov.levels_finding(level_grid, city_name="Isernia")
    assert [s.value for s in at.subheader][:2] == [
        "Interventions × support levels: Isernia",
        "Interventions × beneficiary groups: Isernia",
    ]
    gaps = cov.city_gaps(cells, "isernia", vocab, cov.LEVEL)
    text = markdown(at)
    assert cov.gaps_summary(gaps, 12, "Isernia", cov.LEVEL) in text
    if len(cov.gaps_table(gaps, cov.LEVEL)):
        peers = table_with(at, "Peer action")[0]
        assert "Isernia" not in set(peers["Peer city"])


def test_include_testing_actions_and_ideas(real_data, real):
    at = run_page()
    at.toggle(key="coverage_all").set_value(True).run()
    assert not at.exception
    assert "plan actions, testing actions and ideas together" in at.caption[0].value
    counted = cov.counted_actions(real.actions, Filters(), include_all=True)
    table = cov.grid(cov.model_cells(counted), real.vocabulary, cov.LEVEL)
    assert titles(at)[0] == cov.levels_finding(table, "actions")
    options = at.selectbox(key="coverage_cell_support_level").options
    assert all("plan action" not in o for o in options)


def test_shared_sidebar_filters_apply(real_data, real):
    at = run_page(intervention=["help"], city=["fot", "isernia"])
    # only Help rows; only the two cities in the selector and the city table
    options = at.selectbox(key="coverage_cell_support_level").options
    assert options and all(o.startswith("Help · ") for o in options)
    assert at.selectbox(key="coverage_city").options == ["All shown cities", "Fót", "Isernia"]
    matrix = figures(at)[2]["data"][0]
    assert matrix["y"] == ["Fót", "Isernia"] and matrix["x"] == ["Help"]
    assert "Fót, Isernia; Help" in at.caption[0].value
    assert "no shown city (Fót, Isernia) covers at the intensive level" in markdown(at)


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
    at = run_page()
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
        markdown(at).count("Interventions no city covers at the intensive level: Identify, Raise awareness")
        == 1
    )
    at.selectbox(key="coverage_city").set_value("gamma").run()
    assert not at.exception
    assert titles(at)[0] == "No plan action of Gamma sits on the model yet: all 12 cells are gaps"
    text = markdown(at)
    assert "12 of 12 cells hold none of Gamma's plan actions; other cities have actions in 5 of them" in text
    peers = table_with(at, "Peer action")[0]
    assert set(peers["Peer city"]) == {"Alphaville", "Béta"}
    at.selectbox(key="coverage_city").set_value("beta").run()
    assert not at.exception
    assert "10 of 12 cells hold none of Béta's plan actions; other cities have actions in 3 of them" in (
        markdown(at)
    )
    # the city table keeps Gamma as a row of gaps
    matrix = figures(at)[2]["data"][0]
    assert matrix["y"][-1] == "Gamma"
    assert matrix["text"][-1] == ["", "", "", ""]


def test_through_the_frame(real_data, real):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    at.switch_page("pages/coverage.py").run()
    assert not at.exception
    assert at.title[0].value.startswith("Coverage")
    assert len(at.get("plotly_chart")) == 3
    # the sidebar filter of the frame reaches the page
    at.multiselect(key="city").set_value(["fot"]).run()
    assert not at.exception
    assert at.selectbox(key="coverage_city").value == "fot"
    assert figures(at)[2]["data"][0]["y"] == ["Fót"]
    at.selectbox(key="coverage_cell_beneficiary").set_value("help|isolated").run()
    assert not at.exception


def test_a_rerun_for_a_cell_or_the_matrix_selectors_rebuilds_no_figure(real_data, monkeypatch):
    at = run_page()
    charts = figures(at)

    def no_figure(*args, **kwargs):
        raise AssertionError("a figure was built again")

    # The figures are built once per data load, filters, city and toggle (ui.data.cached_view).
    monkeypatch.setattr(cov, "gap_heatmap", no_figure)
    at.selectbox(key="coverage_cell_beneficiary").set_value("help|isolated").run()
    assert not at.exception, [e.value for e in at.exception]
    at.selectbox(key="coverage_matrix_city").set_value("isernia").run()
    assert not at.exception, [e.value for e in at.exception]
    assert figures(at) == charts
