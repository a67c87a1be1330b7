"""Budgets: what the plans spend, on what and when; what is not known is said to be unknown."""

from __future__ import annotations

import streamlit as st

from analysis import budgets as b
from analysis.coverage import shown_cities
from figures import budgets as b_figures
from ui.data import cached_view, tables_or_stop
from ui.filters import current_filters
from ui.known import knowledge_legend
from ui.render import chart, plain
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
with st.expander(f"Actions whose budget is unknown ({len(page['unknown'])})"):
    st.dataframe(page["unknown"], hide_index=True)

st.subheader("Where the plan money goes")
show(page["treemap"], key="budgets_treemap", note=notes["treemap"])


@st.fragment
def per_city() -> None:
    st.subheader("Money per city")
    per_inhabitant = st.toggle(
        "Per inhabitant",
        key="budgets_per_inhabitant",
        help="Plan total divided by the city's population, where the population is known.",
    )
    show(page["city"][per_inhabitant], key="budgets_city_chart", note=notes["city"])


@st.fragment
def per_category() -> None:
    st.subheader("Money per intervention, support level and beneficiary group")
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


per_city()
per_category()

st.subheader("Funding: planned and possible")
show(page["funding"], key="budgets_funding", note=notes["funding"])

st.subheader("Kept apart: estimated costs and amounts per year")
show(page["apart"], key="budgets_apart", note=notes["apart"])

st.subheader("When the actions run")
show(page["timeline"], key="budgets_timeline", note=notes["timeline"])
with st.expander(f"Timing unknown ({len(page['untimed'])} actions)"):
    st.dataframe(page["untimed"], hide_index=True)
