"""Transfers: which practice moved from which city (or from outside) into which action."""

import streamlit as st

from analysis import transfers as tr
from figures import transfers as tr_figures
from ui.data import cached_view, tables_or_stop
from ui.filters import current_filters
from ui.render import chart, headers, plain, sections
from words.i18n import _

# Keyed by the headers as shown (ui.render.headers puts them in the language in use).
LINK = {
    _("Source link"): st.column_config.LinkColumn(_("Source link"), display_text=_("Open"), width="small"),
    _("What it is"): st.column_config.TextColumn(_("What it is"), width="large"),
}

tables = tables_or_stop()
filters = current_filters()
# Figures and tables, built once per choice and shared: never modified here.
page = cached_view(tr_figures.transfers_view, tables, filters)

st.title(_("Transfers: who took up what from whom"))
st.markdown(
    _(
        "A transfer is a practice that moved from one city, or from outside the network, into another "
        "city's testing actions or action plan."
    )
)
st.caption(
    _(
        "Showing: {filters}. The city filter keeps transfers whose origin or host city is chosen; type of "
        "action and intervention apply to the action that took the practice up. "
        "A group of testing actions run side by side stays when one of its actions matches."
    ).format(filters=plain(filters.describe(tables)))
)

# The first view: the flow; each other part is a tab away, made only when its tab is chosen.
flow_tab, matrix_tab, city_tab, outside_tab, parallel_tab = sections(
    [
        _("Flow"),
        _("Who took up what from whom"),
        _("One city"),
        _("From outside"),
        _("Side by side"),
    ],
    key="transfers_tab",
)
nothing = _("No transfer matches the filters in the sidebar.")
with flow_tab:
    if flow_tab.open:
        if page.transfers.empty:
            st.info(nothing)
        else:
            chart(
                page.flow.figure,
                page.flow.numbers,
                key="transfers_flow",
                note=_(
                    "Left: the city or place the practice came from; middle: the practice; right: the city "
                    "and action that took it up. Hover a link for the whole path. To go through one city's "
                    "transfers, choose the tab “One city”."
                ),
            )
with matrix_tab:
    if matrix_tab.open:
        if page.transfers.empty:
            st.info(nothing)
        else:
            chart(
                page.matrix.figure,
                page.matrix.numbers,
                key="transfers_matrix",
                note=_(
                    "Rows: the city (or place outside the network) a practice came from; columns: the city "
                    "that took it up; each number counts transfers. A blank cell means none recorded."
                ),
            )
with city_tab:
    if city_tab.open:
        names = tables.city_names()
        options = [c for c in names if c in filters.cities] if filters.cities else list(names)
        city = st.selectbox(_("City"), options, format_func=names.get, key="transfers_city")
        if city is not None:
            mine = cached_view(tr.transfers_city_view, tables, filters, city)
            st.markdown("**" + _("Taken up from others") + "**")
            st.markdown(plain(mine.received_sentence))
            taken = mine.received_table
            if not taken.empty:
                st.dataframe(headers(taken), hide_index=True, column_config=LINK, placeholder="")
            st.markdown("**" + _("Passed on to others") + "**")
            st.markdown(plain(mine.given_sentence))
            given = mine.given_table
            if not given.empty:
                st.dataframe(headers(given), hide_index=True, column_config=LINK, placeholder="")
with outside_tab:
    if outside_tab.open:
        st.markdown(plain(page.outside.sentence))
        outside = page.outside.table
        if not outside.empty:
            st.dataframe(headers(outside), hide_index=True, column_config=LINK, placeholder="")
with parallel_tab:
    if parallel_tab.open:
        st.markdown("**" + _("Testing actions run side by side in several cities") + "**")
        st.markdown(plain(page.parallel.sentence))
        if page.parallel.table is not None:
            st.dataframe(headers(page.parallel.table), hide_index=True, column_config=LINK, placeholder="")
