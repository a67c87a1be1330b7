"""The Budgets page in Streamlit's AppTest: alone and through the frame (app.py).

Mini data (IAP_DATA_DIR): exact texts. Real data: texts computed with analysis.budgets
from the same tables, plus the facts the sources state (Isernia's €20,000, €9,800 for
its Observatory), so the tests hold while the other city files are being completed.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT
from conftest import figures as drawn_figures
from conftest import run_page as run_any_page
from streamlit.testing.v1 import AppTest

from analysis import budgets as b
from analysis.frames import Filters, filter_actions
from ui.render import plain

PAGE = str(ROOT / "pages" / "budgets.py")
APP = str(ROOT / "app.py")
TIMEOUT = 60


TABS = (
    "Where the money goes",
    "Per city",
    "Per category",
    "Funding",
    "Kept apart",
    "Timing",
)
CHARTS = ("treemap", "city_chart", "category_chart", "funding", "apart", "timeline")
# Every table opened, as if each "Numbers behind this chart" and each list had been clicked.
OPENED = {"budgets_unknown": True, "budgets_untimed": True} | {f"budgets_{c}_numbers": True for c in CHARTS}


class EveryTab:
    """What the page shows over all its tabs, in the tabs' order, with every table opened:
    the page's first view holds one chart, each other one is made when its tab is chosen."""

    def __init__(self, at: AppTest):
        self.at = at
        self.metric, self.title = at.metric, at.title
        self.info, self.caption, self.dataframe, self.expander, self.charts = [], [], [], [], []
        for number, tab in enumerate(TABS):
            at.session_state["budgets_tab"] = tab
            at.run()
            assert not at.exception, [e.value for e in at.exception]
            mine = at.tabs[number]
            for name in ("info", "caption", "dataframe", "expander"):
                whole, inside = list(getattr(at, name)), list(getattr(mine, name))
                header = whole[: len(whole) - len(inside)]  # the tabs come last on the page
                getattr(self, name).extend((header if number == 0 else []) + inside)
            self.charts += [json.loads(c.proto.spec) for c in mine.get("plotly_chart")]


def run_page(**state) -> EveryTab:
    return EveryTab(run_any_page(PAGE, **(OPENED | state)))


def figures(at) -> list[dict]:
    return at.charts if isinstance(at, EveryTab) else drawn_figures(at)


def titles(at) -> list[str]:
    return [fig["layout"]["title"]["text"].replace("<br>", " ") for fig in figures(at)]


def infos(at) -> list[str]:
    return [i.value for i in at.info]


def figure_titled(at: AppTest, start: str) -> dict:
    found = [f for f, t in zip(figures(at), titles(at), strict=True) if t.startswith(start)]
    assert len(found) == 1, (start, titles(at))
    return found[0]


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def table_with(at: AppTest, column: str):
    found = [df.value for df in at.dataframe if column in df.value.columns]
    assert found, f"no table with a column {column!r}"
    return found[0]


# --- mini data: exact ---------------------------------------------------------------------


def test_mini_page_counts_unknown_as_unknown(mini_data):
    at = run_page()
    assert at.title[0].value == "Budgets"
    assert at.info[0].value == (
        "Budget known for 2 of 2 plan actions in Alphaville; unknown for the 1 plan action of Béta\\. "
        "Gamma has no plan action among those shown\\."
    )
    assert [m.value for m in at.metric] == ["€4,000", "2 of 3", "1 of 3", "1"]
    assert titles(at) == [
        "Alphaville's plan: €4,000, most of it (€3,000) for its Observatory; budgets are not compared with only 1 plan entered",
        "Alphaville: €4,000 for its 2026–2027 plan; budgets unknown for 1 other city",
        "Identify has the largest planned budget: €3,000 of €4,000 (by primary intervention)",
        "Largest planned source: Municipal funds (€4,000); unfunded estimates name 1 possible source: ESF+ (1 of 1)",
        "Not in the plan totals: Alphaville's 1 idea estimated at €5,000 per year",
        "1 of 2 actions with known timing runs over 2026–2027; timing unknown for 4 more",
    ]
    # Béta's unknown budget is listed, and never drawn
    unknown = table_with(at, "Budget")
    assert list(unknown["Action"][:1]) == ["Walking group"] and set(unknown["Budget"]) == {"unknown"}
    city_chart = figures(at)[1]
    drawn = [y for trace in city_chart["data"] if trace["type"] == "bar" for y in trace["y"]]
    assert set(drawn) == {"Alphaville"}
    # the idea's per-year estimate is kept apart with its basis
    apart = table_with(at, "Amount covers")
    assert apart.to_dict("records")[0]["Amount covers"] == "per year"
    assert "Based on 2 plan actions with a known budget (of 3 plan actions shown)" in captions(at)


def test_mini_interactions_by_key(mini_data):
    at = run_any_page(PAGE, budgets_tab=TABS[1])
    at.toggle(key="budgets_per_inhabitant").set_value(True).run()
    assert not at.exception
    assert "€0.40 per inhabitant over 2026–2027" in titles(at)[0]
    at = run_any_page(PAGE, budgets_tab=TABS[2])
    at.segmented_control(key="budgets_breakdown").set_value("beneficiary").run()
    assert not at.exception
    assert (
        titles(at)[0] == "Plan actions reaching isolated people hold the most money: €4,000 across 2 actions"
    )
    assert "counted in each" in captions(at)
    at.segmented_control(key="budgets_breakdown").set_value("support_level").run()
    assert not at.exception
    assert titles(at)[0].startswith("Targeted support has the largest planned budget: €3,000 of €4,000")


def test_mini_city_with_no_budget(mini_data):
    at = run_page(city=["beta"])
    assert infos(at) == [
        "Budget unknown for the 1 plan action of Béta\\.",
        "No plan action shown has a known budget",  # the treemap, in words: nothing to draw
        "No planned funding is known",
        "No estimated or per\\-year amount shown",
        "No action shown has a known start and end year \\(2 actions\\)",
    ]
    assert [m.value for m in at.metric][:3] == ["unknown", "0 of 1", "0 of 1"]
    city = figure_titled(at, "No plan budget is known for the cities shown")
    assert not [t for t in city["data"] if t["type"] == "bar"]  # no €0 bar
    assert len(figures(at)) == 2  # per city and per category: each says "unknown" in words


def test_mini_city_with_no_action(mini_data):
    at = run_page(city=["gamma"])
    assert infos(at)[0] == "Gamma has no plan action among those shown\\."
    assert "No action shown has a known start and end year \\(0 actions\\)" in infos(at)


def test_data_text_is_shown_as_text(mini_data):
    alpha = mini_data / "cities" / "alpha.yaml"
    alpha.write_text(alpha.read_text().replace("name: Alphaville", "name: Alpha *ville* <b>x</b>"))
    at = run_page()
    assert "Alpha \\*ville\\* \\<b\\>x\\</b\\>" in at.info[0].value
    assert "Alpha *ville* &lt;b&gt;x&lt;/b&gt;" in titles(at)[0]


# --- real data ----------------------------------------------------------------------------


def row_total(table, city):
    return table.loc[table["city"] == city, "total"].iloc[0]


def test_real_page_reads_off_the_largest_budget(real_data, real):
    at = run_page()
    actions = real.actions
    table = b.budget_by_city(actions, real.cities)
    # Facts Isernia's IAP states (€20,000 over six actions); the rest is computed from the data,
    # so entering another city's plan keeps this test green.
    assert "6 of 6 plan actions in Isernia" in at.info[0].value
    assert titles(at)[0] == b.largest_budget_finding(actions, table)
    assert row_total(table, "isernia") == 20000
    treemap = table_with(at, "Primary intervention (money counted here)")
    isernia = treemap[treemap["City"] == "Isernia"]
    assert isernia.iloc[0]["Action"] == "1. Observatory on Social Isolation (OIS)"
    assert isernia.iloc[0]["Budget (EUR, plan total)"] == "€9,800"
    assert len(figures(at)) == 6
    assert [e.label for e in at.expander].count("Numbers behind this chart") == 6
    # The first view: the headline and the treemap; the tables closed until opened.
    first = run_any_page(PAGE)
    assert [t.label for t in first.tabs] == list(TABS)
    assert len(first.get("plotly_chart")) == 1
    assert len(first.dataframe) == 0  # no table, not even the legend's: made when opened


def test_real_page_for_a_city_with_no_known_budget(real_data, real):
    plan = real.actions[real.actions["kind"] == "iap_action"]
    unknown = sorted(set(plan["city"]) - set(plan.loc[plan["budget_eur"].notna(), "city"]))
    if not unknown:  # every city with a plan action has a known budget: the mini test covers it
        pytest.skip("no city of the data has plan actions without any known budget")
    city = unknown[0]  # the first by id (Agen while no source gives its budgets)
    at = run_page(city=[city])
    actions = filter_actions(real.actions, Filters(cities=(city,)))
    table = b.budget_by_city(actions, real.cities[real.cities["id"] == city])
    assert at.info[0].value == plain(b.coverage_sentence(table))
    assert at.metric[0].value == "unknown"
    city = figure_titled(at, "No plan budget is known for the cities shown")
    assert not [t for t in city["data"] if t["type"] == "bar"]
    assert "No plan action shown has a known budget" in infos(at)


def test_through_the_frame(real_data):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    at.switch_page("pages/budgets.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Budgets"
    assert len(at.get("plotly_chart")) == 1
    assert len(EveryTab(at).charts) == 6
    # the frame's sidebar filters reach the page
    at.multiselect(key="kind").set_value(["idea"]).run()
    assert not at.exception
    assert at.metric[1].value == "0 of 0"
    figure_titled(EveryTab(at), "Not in the plan totals: Isernia's 3 ideas estimated at")
    at.multiselect(key="kind").set_value([]).run()
    at.multiselect(key="city").set_value(["isernia"]).run()
    assert not at.exception
    assert at.info[0].value == "Budget known for 6 of 6 plan actions in Isernia\\."
    at.session_state["budgets_tab"] = TABS[1]
    at.run()
    at.toggle(key="budgets_per_inhabitant").set_value(True).run()
    assert not at.exception
    figure_titled(at, "Isernia's plan: €0.97 per inhabitant over 2026–2027")
