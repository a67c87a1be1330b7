"""The presentation page (AppTest) and the exports every chart offers: the sequence and
position come from the address, the buttons move and write the position back, the
set-up changes the sequence; CSV and Excel of a chart's numbers carry the data stamp."""

from __future__ import annotations

import html
import io

import pandas as pd
import pytest
from conftest import ROOT, entered_words
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from analysis import presentation
from figures import presentation as presentation_figures
from ui import exports

STAMP = "Data of 2026-11-24 · IAP entered for 1 of 10 cities"


def present(real_data=None, **params):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page("pages/present.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def where(at) -> str:
    return next(m.value for m in at.markdown if "present-where" in m.value)


def title(at) -> str:
    return next(m.value for m in at.markdown if "present-title" in m.value)


def test_opens_at_the_position_in_the_address(real_data, real):
    at = present(views="glance,coverage", cities="fot,isernia", at="3")
    assert "3 of 4 · Fót" in where(at)
    assert html.escape(presentation_figures.present_view(real, "city:fot").title) in title(at)
    assert len(at.get("plotly_chart")) == 1


def test_next_and_previous_move_and_write_the_position_back(real_data):
    at = present(views="coverage,gaps", cities="agen")
    assert "1 of 3 · Coverage of the model" in where(at)
    assert at.button(key="present_prev").disabled
    at.button(key="present_next").click().run()
    assert "2 of 3 · Coverage per city: gaps and what is not known" in where(at)
    assert at.query_params["at"] == "2"
    at.button(key="present_pagedown").click().run()  # the clicker's PageDown
    assert "3 of 3 · Agen" in where(at)
    assert at.button(key="present_next").disabled
    at.button(key="present_pageup").click().run()
    assert "2 of 3" in where(at)


def test_no_parameters_give_every_view_and_city(real_data, real):
    at = present()
    assert f"1 of {len(presentation.VIEWS) + len(real.cities)} · The network at a glance" in where(at)


def test_unknown_names_and_positions_are_ignored(real_data):
    at = present(views="glance,maps", cities="atlantis,fot", at="99")
    assert "2 of 2 · Fót" in where(at)
    at = present(views="glance", cities="", at="x")
    assert "1 of 1 · The network at a glance" in where(at)


def test_set_up_changes_the_sequence_and_starts_again(real_data):
    at = present(views="glance,coverage", cities="fot", at="2")
    at.multiselect(key="present_cities").set_value(["isernia", "agen"]).run()
    assert at.query_params["cities"] == "isernia,agen"
    assert "1 of 4 · The network at a glance" in where(at)
    at.multiselect(key="present_views").set_value([]).run()
    at.multiselect(key="present_cities").set_value([]).run()
    assert any("No view chosen" in i.value for i in at.info)


def test_the_page_offers_the_deck_and_the_report(real_data):
    at = present(views="glance", cities="fot")
    labels = [b.proto.label for b in at.get("download_button")]
    assert "This sequence as PowerPoint" in labels
    assert "Whole network as one HTML file" in labels


# --- the exports of every chart -----------------------------------------------------------------


@pytest.fixture
def numbers() -> pd.DataFrame:
    return pd.DataFrame({"City": ["Fót", "Isernia"], "Plan total (EUR)": ["unknown", "€20,000"]})


def test_csv_is_plain_header_first(numbers):
    data = exports.csv_bytes(numbers)
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "City,Plan total (EUR)"
    back = pd.read_csv(io.BytesIO(data))  # pandas skips the byte-order mark
    assert back.to_dict("list") == numbers.to_dict("list")


def test_excel_holds_the_numbers_and_says_what_they_are(numbers):
    book = load_workbook(io.BytesIO(exports.excel_bytes(numbers, STAMP, "Only Isernia reported a budget")))
    assert book.sheetnames == ["Numbers", "About"]
    rows = list(book["Numbers"].values)
    assert rows == [("City", "Plan total (EUR)"), ("Fót", "unknown"), ("Isernia", "€20,000")]
    about = {row[0]: row[1] for row in book["About"].values}
    assert about["Data"] == STAMP
    assert about["Chart"] == "Only Isernia reported a budget"


def test_every_chart_with_numbers_offers_csv_and_excel_once_opened(real_data):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("pages/budgets.py").run()
    assert not at.exception
    # Each chart is in its own tab of the page (the first view draws one).
    tabs = [t.label for t in at.tabs]
    charts = ["treemap", "city_chart", "category_chart", "funding", "apart", "timeline"]
    assert len(tabs) == len(charts)
    for tab, chart in zip(tabs, charts, strict=True):
        at.session_state["budgets_tab"] = tab
        at.run()
        assert not at.exception
        expanders = [e for e in at.expander if e.label == "Numbers behind this chart"]
        assert len(expanders) == 1
        labels = [b.proto.label for b in at.get("download_button")]
        assert "Table as CSV" not in labels  # nothing is made for a closed table
        assert not [d for d in at.tabs[tabs.index(tab)].dataframe]
        at.session_state[f"budgets_{chart}_numbers"] = True  # as if the table were opened
        at.run()
        assert not at.exception
        labels = [b.proto.label for b in at.get("download_button")]
        assert labels.count("Table as CSV") == labels.count("Table as Excel") == 1
        assert len(at.tabs[tabs.index(tab)].dataframe) == 1


def test_charts_carry_the_stamp_and_a_named_high_resolution_png(real_data, real_network):
    import json

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("pages/coverage.py").run()
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        assert spec["layout"]["title"]["subtitle"]["text"].endswith(entered_words(real_network))
        config = json.loads(chart.proto.config)
        options = config["toImageButtonOptions"]
        assert options["format"] == "png" and options["scale"] == 3
        assert options["filename"].startswith("coverage-")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("coverage_grid_support_level", "coverage-grid-support-level"),
        ("Fót: gaps!", "f-t-gaps"),
        ("…", "chart"),
    ],
)
def test_file_names_are_plain(name, expected):
    assert exports.slug(name) == expected


def test_every_view_of_the_small_network_shows(mini_data):
    at = present(views="glance,coverage,gaps,budgets,transfers", cities="alpha,beta,gamma")
    for n in range(2, 9):
        at.button(key="present_next").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert f"{n} of 8" in where(at)
    assert "Gamma" in where(at)
