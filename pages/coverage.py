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
from ui.render import chart, headers, plain, sections
from ui.shown import shown
from words.i18n import _

NETWORK = "network"  # the selectors' "all shown cities"

tables = tables_or_stop()
st.title(_("Coverage: where the plans fall on the model"))

vocab = tables.vocabulary
filters = current_filters()
cities = shown(tables).cities
names = dict(zip(cities["id"], cities["name"], strict=True))
intervention_labels = vocab.labels("interventions")


# The selectors' labels, made in this run: a format_func reads a dict, never the catalog,
# so it gives the same label whenever Streamlit calls it.
city_labels = {NETWORK: _("All shown cities"), **names}


def city_label(city: str) -> str:
    return city_labels[city]


city = st.selectbox(
    _("City to show on the model"),
    [NETWORK, *names] if len(names) != 1 else list(names),
    format_func=city_label,
    key="coverage_city",
    bind="query-params",
    help=_(
        "The two grids and the list of empty cells show this city; the city table below shows every shown city."
    ),
)
include_all = st.toggle(
    _("Include testing actions and ideas"),
    key="coverage_all",
    bind="query-params",
    help=_("Off: only the actions of the plans (IAPs) are counted."),
)
city_name = None if city == NETWORK else names[city]
# Figures and tables, built once per choice and shared: never modified here.
page = cached_view(cov_figures.coverage_view, tables, filters, include_all)
view = cached_view(
    cov_figures.coverage_grids_view, tables, filters, None if city == NETWORK else city, include_all
)
counted = page.counted

st.caption(
    page.caption
    + " "
    + _(
        "An action covers every cell formed by any of its interventions with any of its beneficiary "
        "groups, at its support level. White dashed cells marked “gap”: no action of an entered plan "
        "falls there. Grey cells marked “not known”: no known action falls there, and a plan is not entered."
    )
)
knowledge_legend(cities, key="coverage")
if filters.kinds and PLAN_KIND not in filters.kinds and not include_all:
    st.info(
        _(
            "The sidebar keeps only testing actions or ideas, and this page counts plan actions only: "
            "switch on “Include testing actions and ideas” to count them."
        )
    )

st.markdown(f"**{plain(page.answer)}**")

# --- the two grids, each with a cell selector -------------------------------------------
headings = {
    cov.LEVEL: _("Interventions × support levels"),
    cov.GROUP: _("Interventions × beneficiary groups"),
}
# What the page counts, in whole sentences: plan actions only, or every kind of action.
if include_all:
    grid_note = _(
        "Number in a cell: actions there (an action can fall in several cells). Hover for the cities."
    )
    matrix_note = _("Number in a cell: the city's actions that use the intervention. Hover for their titles.")
    nothing_here = _("No known action here.")
else:
    grid_note = _(
        "Number in a cell: plan actions there (an action can fall in several cells). Hover for the cities."
    )
    matrix_note = _(
        "Number in a cell: the city's plan actions that use the intervention. Hover for their titles."
    )
    nothing_here = _("No known plan action here.")


def empty_cell(gap_cell: bool) -> str:
    """Why a cell has no action, for the city chosen or the whole network, in one sentence."""
    if gap_cell:
        if city_name is None:
            text = (
                _("Gap: no action falls in this cell.")
                if include_all
                else _("Gap: no plan action falls in this cell.")
            )
        elif include_all:
            text = _("Gap: no action of {city} falls in this cell.")
        else:
            text = _("Gap: no plan action of {city} falls in this cell.")
    elif city_name is None:
        text = (
            _("Not known: no known action falls in this cell, and a plan of the shown cities is not entered.")
            if include_all
            else _(
                "Not known: no known plan action falls in this cell, and a plan of the shown cities is not entered."
            )
        )
    elif include_all:
        text = _("Not known: no known action of {city} falls in this cell, and its plan is not entered.")
    else:
        text = _("Not known: no known plan action of {city} falls in this cell, and its plan is not entered.")
    return text.replace("{city}", plain(city_name or ""))


def grid(across: str, parts: cov_figures.CoverageGrid) -> None:
    st.subheader(_("{grid}: {city}").format(grid=headings[across], city=plain(city_label(city))))
    chart(
        parts.figure,
        parts.numbers,
        key=f"coverage_grid_{across}",
        note=grid_note,
    )
    options = parts.options
    pick = st.selectbox(
        _("Show the actions in one cell"),
        list(options),
        index=None,  # no cell at first: a table in the first view would be drawn on every page change
        placeholder=_("Choose a cell"),
        format_func=options.get,
        key=f"coverage_cell_{across}",
    )
    if pick:
        mine = cov.cell_actions(counted, view.scope_cells, across, pick)
        if mine.empty:
            st.caption(empty_cell(parts.states[pick] == GAP))
        else:
            st.dataframe(headers(mine), hide_index=True, key=f"coverage_cell_table_{across}", placeholder="")
        if city_name is not None:
            intervention, cell = cov.split_cell_key(pick)
            peers = cached_view(gap.peer_actions, tables, city, across, intervention, cell)
            st.caption(_("Other cities' actions in this cell (any kind): {n}").format(n=len(peers)))
            if peers:
                st.dataframe(
                    headers(gap.peer_table(peers)),
                    hide_index=True,
                    key=f"coverage_peer_table_{across}",
                    placeholder="",
                )


# --- a city's gaps, with peer actions ---------------------------------------------------
def gaps() -> None:
    entered_city = (
        city_name is not None and cities.loc[cities["id"] == city, "knowledge"].iloc[0] == "plan_entered"
    )
    if city_name is None or entered_city:
        st.subheader(_("Gaps, and peer actions that could fill them"))
    else:
        st.subheader(_("Cells not known yet (plan not entered), and peer actions there"))
    if city_name is None:
        st.info(
            _(
                "Pick a city in “City to show on the model” above to list its empty cells (gaps where its plan "
                "is entered, “not known” where it is not), with the peer actions there."
            )
        )
    elif cities.loc[cities["id"] == city, "knowledge"].iloc[0] == "broken":
        st.info(
            _(
                "{city}'s data file has a problem (see the top of the page): nothing is said of its plan."
            ).format(city=plain(city_name))
        )
    else:
        found = cached_view(gap.coverage_gaps_view, tables, city, filters.interventions)
        st.markdown(plain(found.sentence))
        st.caption(
            _(
                "Peer actions: every action of another city, of any kind, in the cell - "
                "the same list as on the My city page, whatever the sidebar filters."
            )
        )
        for across, part in found.grids.items():
            st.markdown(plain(part.summary))
            if not part.table.empty:
                st.dataframe(
                    headers(part.table),
                    hide_index=True,
                    height="content",
                    key=f"coverage_gaps_{across}",
                    placeholder="",
                )
            if part.unfilled:
                st.markdown(
                    plain(
                        _("No other city has an action in: {cells}.").format(cells=", ".join(part.unfilled))
                    )
                )


# --- cities x interventions -------------------------------------------------------------
def matrix() -> None:
    st.subheader(_("Cities × interventions"))
    chart(
        page.matrix,
        page.matrix_numbers,
        key="coverage_matrix",
        note=matrix_note,
    )
    c1, c2 = st.columns(2)
    matrix_city = c1.selectbox(
        _("City"), [NETWORK, *names], format_func=city_label, key="coverage_matrix_city"
    )
    matrix_intervention = c2.selectbox(
        _("Intervention"),
        page.interventions,
        format_func=intervention_labels.get,
        key="coverage_matrix_intervention",
    )
    if matrix_intervention:
        rows = cov.matrix_actions(
            counted, matrix_intervention, None if matrix_city == NETWORK else matrix_city
        )
        if rows.empty:
            st.caption(nothing_here)
        else:
            st.dataframe(headers(rows), hide_index=True, key="coverage_matrix_table", placeholder="")


# The first view: the answer above and the first grid; the other grid, the gaps and the city
# table are each a tab away, made only when the tab is chosen.
# "Empty cells", not "Gaps": for a city whose plan is not entered they are not known, not gaps.
TABS = [_("Support levels"), _("Beneficiary groups"), _("Empty cells"), _("Cities × interventions")]
tabs = sections(TABS, key="coverage_tab")
for tab, (across, parts) in zip(tabs, view.grids.items(), strict=False):
    with tab:
        if tab.open:
            grid(across, parts)
with tabs[2]:
    if tabs[2].open:
        gaps()
with tabs[3]:
    if tabs[3].open:
        matrix()
