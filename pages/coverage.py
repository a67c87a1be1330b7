"""Coverage: which cells of the intervention model the plans fill, and where the gaps are.

UI only: the tables, findings and figures come from analysis.coverage.
"""

import streamlit as st

from analysis import coverage as cov
from analysis import gaps as gap
from analysis.frames import PLAN_KIND
from analysis.known import GAP
from figures import coverage as cov_figures
from ui.data import cached_view, tables_or_stop
from ui.filters import current_filters
from ui.known import knowledge_legend
from ui.render import chart, plain, sections

NETWORK = "network"  # the selectors' "all shown cities"

tables = tables_or_stop()
st.title("Coverage: where the plans sit on the model")

vocab = tables.vocabulary
filters = current_filters()
cities = cov.shown_cities(tables, filters)
names = dict(zip(cities["id"], cities["name"], strict=True))
intervention_labels = vocab.labels("interventions")


def city_label(city: str) -> str:
    return "All shown cities" if city == NETWORK else names[city]


city = st.selectbox(
    "Model for",
    [NETWORK, *names] if len(names) != 1 else list(names),
    format_func=city_label,
    key="coverage_city",
    bind="query-params",
    help="The two grids and the gap list show this city; the city table below shows every shown city.",
)
include_all = st.toggle(
    "Include testing actions and ideas",
    key="coverage_all",
    bind="query-params",
    help="Off: only the actions of the plans (IAPs) are counted.",
)
city_name = None if city == NETWORK else names[city]
# Figures and tables, built once per choice and shared: never modified here.
page = cached_view(cov_figures.page_view, tables, filters, include_all)
view = cached_view(cov_figures.grids_view, tables, filters, None if city == NETWORK else city, include_all)
noun, counted = page["noun"], page["counted"]

st.caption(
    page["caption"]
    + " An action covers every cell formed by any of its interventions with any of its beneficiary "
    "groups, at its support level. White dashed cells marked “gap”: no action of an entered plan "
    "sits there. Grey cells marked “not known”: no known action sits there, and a plan is not entered."
)
knowledge_legend(cities, key="coverage")
if filters.kinds and PLAN_KIND not in filters.kinds and not include_all:
    st.info(
        "The sidebar keeps only testing actions or ideas, and this page counts plan actions only: "
        "switch on “Include testing actions and ideas” to count them."
    )

st.markdown(f"**{plain(page['answer'])}**")

# --- the two grids, each with a cell selector -------------------------------------------
headings = {
    cov.LEVEL: "Interventions × support levels",
    cov.GROUP: "Interventions × beneficiary groups",
}


def grid(across: str, parts: dict) -> None:
    st.subheader(f"{headings[across]}: {plain(city_label(city))}")
    chart(
        parts["figure"],
        parts["numbers"],
        key=f"coverage_grid_{across}",
        note=f"Number in a cell: {noun} there (an action can sit in several cells). Hover for the cities.",
    )
    options = parts["options"]
    pick = st.selectbox(
        "Show the actions in one cell",
        list(options),
        index=None,  # no cell at first: a table in the first view would be drawn on every page change
        format_func=options.get,
        key=f"coverage_cell_{across}",
    )
    if pick:
        mine = cov.cell_actions(counted, view["scope_cells"], across, pick)
        if mine.empty:
            of_city = f" of {plain(city_name)}" if city_name else ""
            if parts["states"][pick] == GAP:
                st.caption(f"Gap: no {cov.singular(noun)}{of_city} sits in this cell.")
            else:
                whose = "its plan is" if city_name else "a plan of the shown cities is"
                st.caption(
                    f"Not known: no known {cov.singular(noun)}{of_city} sits in this cell, and {whose} not entered."
                )
        else:
            st.dataframe(mine, hide_index=True, key=f"coverage_cell_table_{across}")
        if city_name is not None:
            intervention, cell = cov.split_cell_key(pick)
            peers = cached_view(gap.peer_actions, tables, city, across, intervention, cell)
            st.caption(f"Other cities' actions in this cell (any kind): {len(peers)}")
            if peers:
                st.dataframe(gap.peer_table(peers), hide_index=True, key=f"coverage_peer_table_{across}")


# --- a city's gaps, with peer actions ---------------------------------------------------
def gaps() -> None:
    entered_city = (
        city_name is not None and cities.loc[cities["id"] == city, "knowledge"].iloc[0] == "plan_entered"
    )
    if city_name is None or entered_city:
        st.subheader("Gaps, and peer actions that could fill them")
    else:
        st.subheader("Cells not known yet (plan not entered), and peer actions there")
    if city_name is None:
        st.info(
            "Pick a city in “Model for” above to list the cells its plan leaves empty, with other cities' "
            "actions there."
        )
    elif cities.loc[cities["id"] == city, "knowledge"].iloc[0] == "broken":
        st.info(
            f"{plain(city_name)}'s data file has a problem (see the top of the page): nothing is said of its plan."
        )
    else:
        found = cached_view(gap.coverage_view, tables, city, filters.interventions)
        st.markdown(plain(found["sentence"]))
        st.caption(
            "Peer actions: every action of another city, of any kind, in the cell - "
            "the same list as on the My city page, whatever the sidebar filters."
        )
        for across, part in found["grids"].items():
            st.markdown(plain(part["summary"]))
            if not part["table"].empty:
                st.dataframe(part["table"], hide_index=True, height="content", key=f"coverage_gaps_{across}")
            if part["unfilled"]:
                st.markdown(plain("No other city has an action in: " + ", ".join(part["unfilled"]) + "."))


# --- cities x interventions -------------------------------------------------------------
def matrix() -> None:
    st.subheader("Cities × interventions")
    chart(
        page["matrix"],
        page["matrix_numbers"],
        key="coverage_matrix",
        note=f"Number in a cell: the city's {noun} that use the intervention. Hover for their titles.",
    )
    c1, c2 = st.columns(2)
    matrix_city = c1.selectbox("City", [NETWORK, *names], format_func=city_label, key="coverage_matrix_city")
    matrix_intervention = c2.selectbox(
        "Intervention",
        page["interventions"],
        format_func=intervention_labels.get,
        key="coverage_matrix_intervention",
    )
    if matrix_intervention:
        rows = cov.matrix_actions(
            counted, matrix_intervention, None if matrix_city == NETWORK else matrix_city
        )
        if rows.empty:
            st.caption(f"No known {cov.singular(noun)} here.")
        else:
            st.dataframe(rows, hide_index=True, key="coverage_matrix_table")


# The first view: the answer above and the first grid; the other grid, the gaps and the city
# table are each a tab away, made only when the tab is chosen.
TABS = ["Support levels", "Beneficiary groups", "Gaps", "Cities × interventions"]
tabs = sections(TABS, key="coverage_tab")
for tab, (across, parts) in zip(tabs, view["grids"].items(), strict=False):
    with tab:
        if tab.open:
            grid(across, parts)
with tabs[2]:
    if tabs[2].open:
        gaps()
with tabs[3]:
    if tabs[3].open:
        matrix()
