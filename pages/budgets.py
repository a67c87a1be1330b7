"""Budgets: what the plans spend, on what and when; what is not known is said to be unknown."""

from __future__ import annotations

import streamlit as st

from analysis import budgets as b
from figures import budgets as b_figures
from figures.parts import Chart
from ui.data import cached_view, tables_or_stop
from ui.filters import current_filters
from ui.known import knowledge_legend
from ui.language import keeps_language
from ui.render import chart, headers, plain, sections
from ui.shown import shown
from words import euros
from words.i18n import _, ngettext


def show(shown: Chart, *, key: str, note: str) -> None:
    """The chart with its numbers, or, when nothing can be drawn, the finding in words."""
    fig, numbers = shown.figure, shown.numbers
    if b_figures.is_empty(fig):
        st.info(plain(b_figures.title_text(fig)), icon=":material/info:")
        st.caption(note)
    else:
        chart(fig, numbers, key=key, note=note)


tables = tables_or_stop()
filters = current_filters()
page = cached_view(b_figures.budgets_view, tables, filters)
notes, top = page.notes, page.headline

st.title(_("Budgets"))
st.caption(
    _(
        "Showing {filters}. Plan totals add up only plan actions with a planned "
        "budget for the whole plan; ideas' estimated costs and amounts per year are shown apart, never "
        "added to them. An unknown budget is shown as unknown, never as €0."
    ).format(filters=plain(filters.describe(tables)))
)
st.info(plain(page.coverage), icon=":material/info:")
knowledge_legend(shown(tables).cities, cells=False, key="budgets")
with st.container(horizontal=True, gap="medium"):
    money = euros(top["plan_total"])
    st.metric(_("Planned budget known"), money, width="content")
    of = _("{part} of {whole}")  # a count out of a total, as a headline number
    known = of.format(part=top["plan_actions_known"], whole=top["plan_actions"])
    st.metric(_("Plan actions with a known budget"), known, width="content")
    st.metric(
        _("Cities with a known budget"),
        of.format(part=top["cities_known"], whole=top["cities"]),
        width="content",
    )
    st.metric(
        _("Amounts kept apart"),
        top["apart"],
        help=_("Ideas' estimated costs and amounts per year: never added to the planned budget."),
        width="content",
    )
unknown = st.expander(
    _("Actions whose budget is unknown ({n})").format(n=len(page.unknown)),
    key="budgets_unknown",
    on_change="rerun",
)
with unknown:
    if unknown.open:
        st.dataframe(headers(page.unknown), hide_index=True, placeholder="")


@st.fragment
@keeps_language
def per_city() -> None:
    per_inhabitant = st.toggle(
        _("Per inhabitant"),
        key="budgets_per_inhabitant",
        help=_("Plan total divided by the city's population, where the population is known."),
    )
    show(page.city[per_inhabitant], key="budgets_city_chart", note=notes["city"])


@st.fragment
@keeps_language
def per_category() -> None:
    by = st.segmented_control(
        _("Break the planned budget down by"),
        list(b.BREAKDOWNS),
        format_func={by: _(label) for by, label in b.BREAKDOWNS.items()}.get,
        default="intervention",
        required=True,
        key="budgets_breakdown",
    )
    by = by or "intervention"
    show(page.category[by], key="budgets_category_chart", note=notes[by])


# The first view: the headline above and the treemap; each other chart is a tab away, made
# only when its tab is chosen, so the browser draws one chart when the page opens.
TABS = {
    "treemap": _("Where the money goes"),
    "city": _("Per city"),
    "category": _("Per category"),
    "funding": _("Funding"),
    "apart": _("Kept apart"),
    "timeline": _("Timing"),
}
tabs = dict(zip(TABS, sections(list(TABS.values()), key="budgets_tab"), strict=True))
with tabs["treemap"]:
    if tabs["treemap"].open:
        show(page.treemap, key="budgets_treemap", note=notes["treemap"])
with tabs["city"]:
    if tabs["city"].open:
        per_city()
with tabs["category"]:
    if tabs["category"].open:
        per_category()
with tabs["funding"]:
    if tabs["funding"].open:
        show(page.funding, key="budgets_funding", note=notes["funding"])
with tabs["apart"]:
    if tabs["apart"].open:
        show(page.apart, key="budgets_apart", note=notes["apart"])
with tabs["timeline"]:
    if tabs["timeline"].open:
        show(page.timeline, key="budgets_timeline", note=notes["timeline"])
        untimed = st.expander(
            ngettext("Timing unknown ({n} action)", "Timing unknown ({n} actions)", len(page.untimed)).format(
                n=len(page.untimed)
            ),
            key="budgets_untimed",
            on_change="rerun",
        )
        with untimed:
            if untimed.open:
                st.dataframe(headers(page.untimed), hide_index=True, placeholder="")
