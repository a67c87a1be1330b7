"""Actions: every action in one searchable table, one full record, downloads."""

from functools import partial

import streamlit as st

from analysis import action_table
from analysis.frames import filter_actions
from outputs import action_table as action_table_outputs
from ui import exports
from ui.data import tables_or_stop
from ui.filters import current_filters
from ui.render import plain
from words import LONG_TEXT, clipped

tables = tables_or_stop()
vocab = tables.vocabulary
filters = current_filters()

st.title("Every action")
st.caption(f"Showing {filters.describe(tables)} (sidebar). Narrow further below.")

search_col, level_col, group_col = st.columns([2, 1, 1])
text = search_col.text_input(
    "Search",
    key="actions_search",
    placeholder="Words in the title, description, city, partners...",
)
levels = level_col.multiselect(
    "Support level",
    vocab.ids("support_levels"),
    format_func=vocab.labels("support_levels").get,
    key="actions_levels",
    placeholder="All levels",
)
groups = group_col.multiselect(
    "Beneficiary group",
    vocab.ids("beneficiaries"),
    format_func=vocab.labels("beneficiaries").get,
    key="actions_groups",
    placeholder="All groups",
)

rows = action_table.search(action_table.narrow(filter_actions(tables.actions, filters), levels, groups), text)
unknown = int(rows["budget_eur"].isna().sum())
st.markdown(f"**{len(rows)} of {len(tables.actions)} actions**; budget unknown for {unknown} of them.")
if rows.empty:
    st.info("No action matches. Clear the search or the filters to see more.")
    st.stop()

shown = action_table.display_table(rows)
event = st.dataframe(
    shown,
    hide_index=True,
    key="actions_table",
    on_select="rerun",
    selection_mode="single-row",
    column_order=[c for c in shown.columns if c != "id"],
    column_config={
        "Source": st.column_config.LinkColumn("Source", display_text="open source"),
        "City": st.column_config.TextColumn("City", width="small"),
        "Action": st.column_config.TextColumn("Action", width="medium"),
        "Kind": st.column_config.TextColumn("Kind", width="small"),
    },
)

left, right, _ = st.columns([1, 1, 2])
left.download_button(
    "Download CSV",
    partial(action_table_outputs.csv_bytes, rows),
    file_name=f"{exports.file_stem(f'{tables.vocabulary.slug}-actions', tables)}.csv",
    mime="text/csv",
    key="actions_csv",
    on_click="ignore",
    help="The filtered rows, with every field; opens in Excel or any spreadsheet.",
)
right.download_button(
    "Download Excel",
    partial(
        action_table_outputs.excel_bytes,
        rows,
        filters.describe(tables),
        exports.stamp(tables=tables),
        exports.made_with(tables),
    ),
    file_name=f"{exports.file_stem(f'{tables.vocabulary.slug}-actions', tables)}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="actions_xlsx",
    on_click="ignore",
)

st.subheader("The full record of one action")
selected_rows = event.selection.rows if event is not None else []
ids = list(shown["id"])
titles = dict(zip(shown["id"], (shown["City"] + ": " + shown["Action"]).map(clipped), strict=True))
if selected_rows:
    st.session_state["actions_record"] = ids[selected_rows[0]]
if st.session_state.get("actions_record") not in ids:
    st.session_state["actions_record"] = ids[0]
chosen = st.selectbox(
    "Action (or click a row in the table)",
    ids,
    format_func=titles.get,
    key="actions_record",
)
row = rows[rows["id"] == chosen].iloc[0]
record = action_table.full_record(row, vocab, tables.practices)

st.markdown(f"### {plain(row['title'], LONG_TEXT)}")  # the table above holds the whole title
for label, value in record.items():
    if label == "Sources":
        continue
    if isinstance(value, list):
        st.markdown(f"**{label}**")
        st.markdown("\n".join(f"- {plain(v)}" for v in value))
    elif value:
        st.markdown(f"**{label}:** {plain(value)}")
st.markdown("**Sources**")
for source in record["Sources"]:
    title = plain(source["title"] or source["id"])
    if source["address"]:
        st.markdown(f"- [{title}]({source['address']})")
    else:
        st.markdown(f"- {title} (no web address recorded)")
