"""The Transfers page, run headless with streamlit's AppTest: on its own, through the
frame (app.py), with the shared filters, and on the mini fixture."""

from __future__ import annotations

from conftest import ROOT
from streamlit.testing.v1 import AppTest

PAGE = str(ROOT / "pages" / "transfers.py")
APP = str(ROOT / "app.py")
TIMEOUT = 60


def page(**state) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


FLOW, MATRIX, CITY, OUTSIDE, PARALLEL = TABS = (
    "Flow",
    "Who took up what from whom",
    "One city",
    "From outside",
    "Side by side",
)


def texts(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def visit(at: AppTest, tab: str) -> AppTest:
    """Choose a tab, as a click on it does: its content is made only then."""
    at.session_state["transfers_tab"] = tab
    return at.run()


def every_tab_text(at: AppTest) -> str:
    out = []
    for tab in TABS:
        visit(at, tab)
        assert not at.exception
        out.append(texts(at))
    return "\n".join(out)


def unescaped(text: str) -> str:
    """Markdown as the reader sees it (ui.render.plain escapes with backslashes)."""
    return text.replace("\\", "")


def test_page_runs_and_shows_every_section(real_data):
    at = page()
    assert not at.exception
    assert [t.label for t in at.tabs] == list(TABS)
    # The first view draws one chart; each other part is made when its tab is chosen.
    assert len(at.get("plotly_chart")) == 1
    assert [e.label for e in at.expander] == ["Numbers behind this chart"]
    assert "all cities, all kinds of action, all interventions" in at.caption[0].value
    assert "origin or host city" in at.caption[0].value
    visit(at, MATRIX)
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    assert "Rows: the city" in " ".join(c.value for c in at.caption)
    visit(at, CITY)
    assert len(at.get("plotly_chart")) == 0
    # Widgets of this page carry the page's prefix.
    assert all(w.key.startswith("transfers_") for w in at.selectbox)
    assert [w.key for w in at.selectbox] == ["transfers_city"]
    visit(at, PARALLEL)
    assert "Testing actions run side by side in several cities" in texts(at)


def test_city_selector_reads_off_what_fot_took(real_data):
    at = page(transfers_tab=CITY)
    at.selectbox(key="transfers_city").select("fot").run()
    assert not at.exception
    text = unescaped(texts(at))
    assert "Fót took up " in text
    assert "from Škofja Loka" in text and "from Pombal" in text
    assert "Prostofer" in text and "On-demand transport" in text
    tables = [d.value for d in at.dataframe]
    taken = next(t for t in tables if "From" in t.columns and "Into action" in t.columns)
    assert {"Škofja Loka", "Pombal"} <= set(taken["From"])


def test_city_selector_on_a_giving_city(real_data):
    at = page(transfers_tab=CITY)
    at.selectbox(key="transfers_city").select("jumilla").run()
    text = unescaped(texts(at))
    assert "Jumilla took up no practice" in text
    assert "Jumilla passed on " in text and "to Agen and Isernia" in text


def test_shared_city_filter_keeps_transfers_given_or_received(real_data):
    at = page(city=["serres"], transfers_tab=CITY)
    assert not at.exception
    assert "Serres" in at.caption[0].value
    assert at.selectbox(key="transfers_city").options == ["Serres"]
    text = unescaped(every_tab_text(at))
    assert "Serres took " in text and "Fête des voisins from France" in text
    # Outside section: only Serres' festival; side by side: the festivities group.
    assert "Brussels" not in text and "Heerlen" not in text
    assert "Neighbourhood festivities in Serres and Fót" in text
    assert "Communication campaigns" not in text


def test_kind_filter_with_no_transfer_says_so(real_data):
    at = page(kind=["testing_action"], city=["serres"])
    assert not at.exception
    assert any("No transfer matches" in i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 0


def test_through_the_frame_with_the_sidebar_filter(real_data):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    at.switch_page("pages/transfers.py").run()
    assert not at.exception
    assert at.title[0].value == "Transfers: who took up what from whom"
    assert len(at.get("plotly_chart")) == 1
    at.multiselect(key="city").set_value(["fot"]).run()
    assert not at.exception
    assert "Fót" in at.caption[0].value
    visit(at, CITY)
    assert at.selectbox(key="transfers_city").value == "fot"
    text = unescaped(texts(at))
    assert "Fót took up " in text and "Fót passed on " in text


def test_mini_network_city_without_action(mini_data):
    at = page(transfers_tab=CITY)
    assert not at.exception
    assert at.selectbox(key="transfers_city").options == ["Alphaville", "Béta", "Gamma"]
    at.selectbox(key="transfers_city").select("gamma").run()
    text = unescaped(texts(at)) + unescaped(every_tab_text(at))
    assert "Gamma took up no practice from another city or from outside the network (none recorded)." in text
    assert "No other city took up a practice from Gamma (none recorded)." in text
    assert "1 practice came from outside the network: Neighbours' party from Elsewhere (Outland)" in text
    assert "One theme was tested side by side: Poster campaigns in Alphaville and Béta." in text


def test_mini_network_alphaville(mini_data):
    at = page(transfers_tab=CITY)
    at.selectbox(key="transfers_city").select("alpha").run()
    assert not at.exception
    text = unescaped(texts(at))
    assert (
        "Alphaville took up 2 practices: Neighbours' party from Elsewhere (Outland) into the plan action "
        "“Observatory”; Beta's walking group from Béta into the plan action “Walks”." in text
    )
    assert "No other city took up a practice from Alphaville (none recorded)." in text


def test_a_rerun_for_another_city_rebuilds_no_figure(real_data, monkeypatch):
    from figures import transfers

    at = page()
    charts = [c.proto.spec for c in at.get("plotly_chart")]

    def no_figure(*args, **kwargs):
        raise AssertionError("a figure was built again")

    # The figures are built once per data load and filters (ui.data.cached_view).
    monkeypatch.setattr(transfers, "flow_figure", no_figure)
    monkeypatch.setattr(transfers, "matrix_figure", no_figure)
    visit(at, CITY)
    at.selectbox(key="transfers_city").select("jumilla").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Jumilla passed on " in unescaped(texts(at))
    visit(at, FLOW)
    assert [c.proto.spec for c in at.get("plotly_chart")] == charts
