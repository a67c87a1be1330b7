"""Budgets: what the plans spend, on what and when; what is not known is said to be unknown."""

from __future__ import annotations

import streamlit as st

from analysis import budgets as b
from analysis.coverage import shown_cities
from figures import budgets as b_figures
from ui.data import cached_view, tables_or_stop
from ui.filters import current_filters
from ui.known import knowledge_legend
from ui.language import keeps_language
from ui.render import chart, plain, sections
from words import euros


def show(figure_and_numbers, *, key: str, note: str) -> None:
    """The chart with its numbers, or, when nothing can be drawn, the finding in words."""
    fig, numbers = figure_and_numbers
    if b_figures.is_empty(fig):
        st.info(plain(b_figures.title_text(fig)), icon=":material/info:")
        st.caption(note)
    else:
        chart(fig, numbers, key=key, note=note)


tables = tables_or_stop()
filters = current_filters()
page = cached_view(b_figures.view_for, tables, filters)
notes, top = page["notes"], page["headline"]

st.title("Budgets")
st.caption(
    f"Showing {plain(filters.describe(tables))}. Plan totals add up only plan actions with a planned "
    "budget for the whole plan; ideas' estimated costs and amounts per year are shown apart, never "
    "added to them. An unknown budget is shown as unknown, never as €0."
)
st.info(plain(page["coverage"]), icon=":material/info:")
knowledge_legend(shown_cities(tables, filters), cells=False, key="budgets")
with st.container(horizontal=True, gap="medium"):
    money = euros(top["plan_total"])
    st.metric("Plan money known", money, width="content")
    known = f"{top['plan_actions_known']} of {top['plan_actions']}"
    st.metric("Plan actions with a known budget", known, width="content")
    st.metric("Cities with a known budget", f"{top['cities_known']} of {top['cities']}", width="content")
    st.metric(
        "Amounts kept apart",
        top["apart"],
        help="Ideas' estimated costs and amounts per year: never added to the plan money.",
        width="content",
    )
unknown = st.expander(
    f"Actions whose budget is unknown ({len(page['unknown'])})", key="budgets_unknown", on_change="rerun"
)
with unknown:
    if unknown.open:
        st.dataframe(page["unknown"], hide_index=True)


@st.fragment
@keeps_language
def per_city() -> None:
    per_inhabitant = st.toggle(
        "Per inhabitant",
        key="budgets_per_inhabitant",
        help="Plan total divided by the city's population, where the population is known.",
    )
    show(page["city"][per_inhabitant], key="budgets_city_chart", note=notes["city"])


@st.fragment
@keeps_language
def per_category() -> None:
    by = st.segmented_control(
        "Break the plan money down by",
        list(b.BREAKDOWNS),
        format_func=b.BREAKDOWNS.get,
        default="intervention",
        required=True,
        key="budgets_breakdown",
    )
    by = by or "intervention"
    show(page["category"][by], key="budgets_category_chart", note=notes[by])


# The first view: the headline above and the treemap; each other chart is a tab away, made
# only when its tab is chosen, so the browser draws one chart when the page opens.
TABS = {
    "treemap": "Where the money goes",
    "city": "Per city",
    "category": "Per category",
    "funding": "Funding",
    "apart": "Kept apart",
    "timeline": "Timing",
}
tabs = dict(zip(TABS, sections(list(TABS.values()), key="budgets_tab"), strict=True))
with tabs["treemap"]:
    if tabs["treemap"].open:
        show(page["treemap"], key="budgets_treemap", note=notes["treemap"])
with tabs["city"]:
    if tabs["city"].open:
        per_city()
with tabs["category"]:
    if tabs["category"].open:
        per_category()
with tabs["funding"]:
    if tabs["funding"].open:
        show(page["funding"], key="budgets_funding", note=notes["funding"])
with tabs["apart"]:
    if tabs["apart"].open:
        show(page["apart"], key="budgets_apart", note=notes["apart"])
with tabs["timeline"]:
    if tabs["timeline"].open:
        show(page["timeline"], key="budgets_timeline", note=notes["timeline"])
        untimed = st.expander(
            f"Timing unknown ({len(page['untimed'])} actions)", key="budgets_untimed", on_change="rerun"
        )
        with untimed:
            if untimed.open:
                st.dataframe(page["untimed"], hide_index=True)
