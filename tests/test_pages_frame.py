"""AppTest of the frame (app.py) with every page in it, the Overview page and the Actions page."""

from __future__ import annotations

import shutil

import page_visits
import pytest
from conftest import MINI, ROOT, plan_budgets
from streamlit.testing.v1 import AppTest

from ui import registry

APP = str(ROOT / "app.py")
TIMEOUT = 60


@pytest.fixture
def use_data(monkeypatch):
    def choose(path):
        monkeypatch.setenv("IAP_DATA_DIR", str(path))

    return choose


def money_words(network, names=None) -> str:
    """How the Overview's money sentence starts for the cities `names` (all by default),
    counted from the data: known plan budgets, or that none is reported."""
    shown = [v for name, v in plan_budgets(network).items() if names is None or name in names]
    total, known = sum(t for t, _, _ in shown), sum(k for _, k, _ in shown)
    return f"€{total:,.0f} reported for {known} of" if known else "No plan budget reported"


def test_app_starts_on_real_data_with_navigation_and_filters(real_network):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.title[0].value == "Breaking Isolation: ten plans on one model"
    assert [m.label for m in at.sidebar.multiselect] == ["Cities", "Type of action", "Intervention"]
    assert at.metric[0].value == "10"
    assert any(money_words(real_network) in i.value for i in at.info)  # €20,000 for 6 while only Isernia's
    assert any("No problems" in s.value for s in at.success)


@pytest.mark.parametrize("page", page_visits.paths())  # every page of ui/registry.py
def test_every_page_runs_inside_the_frame(page):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title or at.get("plotly_chart")  # its title, or (Present) the chart it projects
    # The sidebar's filters are on where the registry says they apply, greyed out and said so elsewhere.
    applies = registry.page(page).filtered
    assert ("do not apply on this page" in " ".join(c.value for c in at.sidebar.caption)) is not applies
    assert [m.disabled for m in at.sidebar.multiselect] == [not applies] * 3


def test_city_filter_narrows_the_overview(real_network):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.multiselect(key="city").set_value(["fot"]).run()
    assert not at.exception
    assert at.metric[0].value == "1"
    # Fót received Prostofer and on-demand transport, and gave its senior projects to Isernia:
    # counted as on the Transfers page (given or received).
    assert at.metric[4].value == "3"
    assert any(money_words(real_network, {"Fót"}) in i.value for i in at.info)
    assert "Showing Fót" in at.caption[0].value


def test_overview_lists_loader_problems_and_still_shows_the_rest(tmp_path, use_data):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    (data / "cities" / "beta.yaml").write_bytes(b"id: beta\nname: [")
    use_data(data)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    # Béta stays in the count, with its problem at the top of the page; alpha and gamma load.
    assert at.metric[0].value == "3"
    notice = at.warning[0].value.replace("\\", "")
    assert "**beta**: its data file (cities/beta.yaml) has a problem" in notice
    assert any("problem found" in w.value or "problems found" in w.value for w in at.warning)
    problems = at.dataframe[-1].value
    assert problems.iloc[0]["File"] == "cities/beta.yaml"
    assert "is not valid YAML" in problems.iloc[0]["Problem"]


def test_broken_vocabulary_stops_with_a_plain_message(tmp_path, use_data):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    (data / "model.yaml").unlink()
    (data / "model.yaml").write_text("interventions: [\n", encoding="utf-8")
    use_data(data)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert "cannot start" in at.error[0].value
    assert any("model.yaml" in t.value for t in at.text)


def test_actions_page_search_and_record():
    at = AppTest.from_file(str(ROOT / "pages/actions.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    total = len(at.dataframe[0].value)
    at.text_input(key="actions_search").input("Observatory").run()
    table = at.dataframe[0].value
    assert len(table) < total
    assert "Observatory on Social Isolation (OIS)" in list(table["Action"])
    assert at.selectbox(key="actions_record").value == "isernia-a1"
    markdown = " ".join(m.value for m in at.markdown)
    assert "€9,800 for the whole plan period" in markdown


def test_actions_page_record_of_an_unknown_budget():
    at = AppTest.from_file(str(ROOT / "pages/actions.py"), default_timeout=TIMEOUT).run()
    at.selectbox(key="actions_record").set_value("fot-a2").run()
    markdown = " ".join(m.value for m in at.markdown)
    assert "unknown \\(no source states it\\)" in markdown
    assert "Prostofer" in markdown


def test_actions_page_with_no_match_says_so():
    at = AppTest.from_file(str(ROOT / "pages/actions.py"), default_timeout=TIMEOUT).run()
    at.text_input(key="actions_search").input("zzzz-nothing").run()
    assert not at.exception
    assert "No action matches" in at.info[0].value


def test_actions_page_shows_data_text_as_text(tmp_path, use_data):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    path = data / "cities" / "beta.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Walking group", 'title: "<b>Walks</b> **now**"'),
        encoding="utf-8",
    )
    use_data(data)
    at = AppTest.from_file(str(ROOT / "pages/actions.py"), default_timeout=TIMEOUT).run()
    at.selectbox(key="actions_record").set_value("beta-a1").run()
    assert not at.exception
    heading = next(m.value for m in at.markdown if m.value.startswith("### "))
    # every markup character escaped: markdown shows it literally, HTML is never rendered
    assert heading == "### \\<b\\>Walks\\</b\\> \\*\\*now\\*\\*"
    assert not any(getattr(m, "allow_html", False) for m in at.markdown)
