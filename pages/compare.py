"""Compare: two to four cities side by side - grids, counts, budgets, transfers, and what differs.

UI only: tables, sentences and figures come from analysis.compare.
"""

import streamlit as st

from analysis import compare
from analysis.coverage import GROUP, LEVEL
from figures import compare as compare_figures
from ui.data import cached_view, tables_or_stop
from ui.known import knowledge_legend
from ui.render import chart, headers, plain
from ui.shown import page_shows, shown
from words.i18n import N_, _

tables = tables_or_stop()
names = tables.city_names()

st.title(_("Compare cities side by side"))
default = [c for c in ("isernia", "agen") if c in names] or list(names)[:2]
chosen = st.multiselect(
    _("Cities to compare (two to four)"),
    list(names),
    default=default,
    format_func=names.get,
    max_selections=compare.MAX_CITIES,
    placeholder=_("Choose two to four cities"),
    key="compare",
    bind="query-params",
    help=_("Kept in the page address. The sidebar filters do not apply here."),
)
if len(chosen) < compare.MIN_CITIES:
    st.info(_("Choose at least two cities to compare."))
    st.stop()

page_shows(chosen)  # its stamp and findings: these cities, whatever the sidebar keeps
view = cached_view(compare_figures.compare_view, tables, tuple(chosen))
st.caption(
    _(
        "Plan actions only (testing actions and ideas are left out). A cell is covered when one of a "
        "city's plan actions falls there. Budgets no source states are unknown, never counted as zero."
    )
)
knowledge_legend(shown(tables).cities, key="compare")
st.subheader(_("What differs"))
st.markdown("\n".join(f"- {plain(sentence)}" for sentence in view.summary))

st.subheader(_("In numbers"))
st.dataframe(headers(view.counts), hide_index=True, key="compare_counts", placeholder="")

HEADINGS = {GROUP: N_("Interventions × beneficiary groups"), LEVEL: N_("Interventions × support levels")}
for across in (GROUP, LEVEL):
    st.subheader(_(HEADINGS[across]))
    chart(
        view.grids[across].figure,
        view.grids[across].numbers,
        key=f"compare_grid_{across}",
        note=_(
            "One row per intervention and city: the number of the city's plan actions in the cell. "
            "Hover for their titles."
        ),
    )

st.subheader(_("Interventions"))
chart(view.interventions, view.interventions_numbers, key="compare_interventions")
