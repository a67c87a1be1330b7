"""Actions: every action in one searchable table, one full record, downloads."""

from functools import partial

import streamlit as st

from analysis import action_table
from analysis.frames import filter_actions
from outputs import action_table as action_table_outputs
from ui import exports
from ui.data import tables_or_stop
from ui.filters import current_filters
from ui.language import keeps_language
from ui.render import headers, plain
from words import LONG_TEXT, clipped
from words.i18n import _, ngettext

tables = tables_or_stop()
vocab = tables.vocabulary
filters = current_filters()

st.title(_("Every action"))
st.caption(_("Showing {filters} (sidebar). Narrow further below.").format(filters=filters.describe(tables)))

search_col, level_col, group_col = st.columns([2, 1, 1])
text = search_col.text_input(
    _("Search"),
    key="actions_search",
    placeholder=_("Words in the title, description, city, partners..."),
)
levels = level_col.multiselect(
    _("Support level"),
    vocab.ids("support_levels"),
    format_func=vocab.labels("support_levels").get,
    key="actions_levels",
    placeholder=_("All levels"),
)
groups = group_col.multiselect(
    _("Beneficiary group"),
    vocab.ids("beneficiaries"),
    format_func=vocab.labels("beneficiaries").get,
    key="actions_groups",
    placeholder=_("All groups"),
)

rows = action_table.search(action_table.narrow(filter_actions(tables.actions, filters), levels, groups), text)
unknown = int(rows["budget_eur"].isna().sum())
# One English wording for every count (as before); the catalog gives French its forms.
st.markdown(
    ngettext(
        "**{shown} of {total} actions**; budget unknown for {unknown} of them.",
        "**{shown} of {total} actions**; budget unknown for {unknown} of them.",
        len(rows),
    ).format(shown=len(rows), total=len(tables.actions), unknown=unknown)
)
if rows.empty:
    st.info(_("No action matches. Clear the search or the filters to see more."))
    st.stop()

shown = action_table.display_table(rows)
on_screen = headers(shown)  # the code reads the English columns (shown); the person, these
event = st.dataframe(
    on_screen,
    hide_index=True,
    key="actions_table",
    on_select="rerun",
    selection_mode="single-row",
    column_order=[c for c in on_screen.columns if c != "id"],
    column_config={
        _("Source"): st.column_config.LinkColumn(_("Source"), display_text=_("view source")),
        _("City"): st.column_config.TextColumn(_("City"), width="small"),
        _("Action"): st.column_config.TextColumn(_("Action"), width="medium"),
        _("Type"): st.column_config.TextColumn(_("Type"), width="small"),
    },
    placeholder="",
)

# Side by side at their own width: in equal columns a 1024-pixel window cut the French
# labels with "…" ("Télécharger en Ex…").
with st.container(horizontal=True):
    st.download_button(
        _("Download CSV"),
        # Built when clicked, outside this run: in the page's language (keeps_language).
        keeps_language(partial(action_table_outputs.csv_bytes, rows)),
        file_name=f"{exports.file_stem(f'{tables.vocabulary.slug}-actions', tables)}.csv",
        mime="text/csv",
        key="actions_csv",
        on_click="ignore",
        help=_("The filtered rows, with every field; opens in Excel or any spreadsheet."),
    )
    st.download_button(
        _("Download Excel"),
        keeps_language(
            partial(
                action_table_outputs.excel_bytes,
                rows,
                filters.describe(tables),
                exports.stamp(tables=tables),
                exports.made_with(tables),
            )
        ),
        file_name=f"{exports.file_stem(f'{tables.vocabulary.slug}-actions', tables)}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="actions_xlsx",
        on_click="ignore",
    )

st.subheader(_("The full record of one action"))
selected_rows = event.selection.rows if event is not None else []
ids = list(shown["id"])
pair = _("{city}: {action}")  # an action's city, then its title
titles = {
    id_: clipped(pair.format(city=city, action=action))
    for id_, city, action in zip(shown["id"], shown["City"], shown["Action"], strict=True)
}
if selected_rows:
    st.session_state["actions_record"] = ids[selected_rows[0]]
if st.session_state.get("actions_record") not in ids:
    st.session_state["actions_record"] = ids[0]
chosen = st.selectbox(
    _("Action (or click a row in the table)"),
    ids,
    format_func=titles.get,
    key="actions_record",
)
row = rows[rows["id"] == chosen].iloc[0]
record = action_table.full_record(row, vocab, tables.practices)

st.markdown(f"### {plain(row['title'], LONG_TEXT)}")  # the table above holds the whole title
sources_key = "Sources" if "Sources" in record else _("Sources")
for label, value in record.items():
    if label == sources_key:
        continue
    if isinstance(value, list):
        st.markdown(f"**{_(label)}**")
        st.markdown("\n".join(f"- {plain(v)}" for v in value))
    elif value:
        st.markdown(_("**{label}:** {value}").format(label=_(label), value=plain(value)))
st.markdown("**" + _("Sources") + "**")
for source in record[sources_key]:
    title = plain(source["title"] or source["id"])
    if source["address"]:
        st.markdown(f"- [{title}]({source['address']})")
    else:
        st.markdown("- " + _("{title} (no web address recorded)").format(title=title))
