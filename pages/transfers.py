"""Transfers: which practice moved from which city (or from outside) into which action."""

import streamlit as st

from insights.transfers import (
    filter_transfers,
    flow_figure,
    flow_numbers,
    given_sentence,
    given_table,
    matrix_figure,
    matrix_numbers,
    outside_sentence,
    outside_table,
    parallel_groups,
    parallel_sentence,
    parallel_table,
    received_sentence,
    received_table,
    transfer_matrix,
)
from ui.data import tables_or_stop
from ui.filters import current_filters
from ui.render import chart, plain

LINK = {
    "Source link": st.column_config.LinkColumn("Source link", display_text="Open", width="small"),
    "What it is": st.column_config.TextColumn("What it is", width="large"),
}

tables = tables_or_stop()
filters = current_filters()
transfers = filter_transfers(tables.transfers, tables.actions, filters)

st.title("Transfers: who learnt what from whom")
st.markdown(
    "A transfer is a practice that moved from one city, or from outside the network, into another "
    "city's testing actions or action plan."
)
st.caption(
    f"Showing: {plain(filters.describe(tables))}. The city filter keeps transfers whose giving or "
    "receiving city is chosen; kind of action and intervention apply to the action that took the practice up. "
    "A group of testing actions run side by side stays when one of its actions matches."
)

st.subheader("From where, which practice, into which action")
if transfers.empty:
    st.info("No transfer matches the filters in the sidebar.")
else:
    chart(
        flow_figure(transfers),
        flow_numbers(transfers),
        key="transfers_flow",
        note="Left: the city or place the practice came from; middle: the practice; right: the city and "
        "action that took it up. Hover a link for the whole path. To go through one city's transfers, "
        "choose it below.",
    )

    st.subheader("Who learnt from whom")
    matrix = transfer_matrix(transfers, tables.cities)
    chart(
        matrix_figure(matrix, transfers),
        matrix_numbers(matrix),
        key="transfers_matrix",
        note="Rows: the city (or place outside the network) a practice came from; columns: the city "
        "that took it up; each number counts transfers. A blank cell means none recorded.",
    )

st.subheader("One city: practices taken and given")
names = dict(zip(tables.cities["id"], tables.cities["name"], strict=False))
options = [c for c in names if c in filters.cities] if filters.cities else list(names)
city = st.selectbox("City", options, format_func=names.get, key="transfers_city")
if city is not None:
    st.markdown("**Taken from others**")
    st.markdown(plain(received_sentence(transfers, city, names[city])))
    taken = received_table(transfers, city)
    if not taken.empty:
        st.dataframe(taken, hide_index=True, column_config=LINK)
    st.markdown("**Given to others**")
    st.markdown(plain(given_sentence(transfers, city, names[city])))
    given = given_table(transfers, city)
    if not given.empty:
        st.dataframe(given, hide_index=True, column_config=LINK)

st.subheader("Practices from outside the network")
st.markdown(plain(outside_sentence(transfers)))
outside = outside_table(transfers, tables.practices)
if not outside.empty:
    st.dataframe(outside, hide_index=True, column_config=LINK)

st.subheader("Testing actions run side by side in several cities")
groups = parallel_groups(tables.parallel_testing, tables.actions, filters)
st.markdown(plain(parallel_sentence(groups)))
if groups:
    st.dataframe(parallel_table(groups, tables.actions), hide_index=True, column_config=LINK)
