"""Overview: the network at a glance."""

from functools import partial

import streamlit as st

from figures import overview
from outputs import deck, report_html
from ui import exports
from ui.data import cached_view, load, tables_or_stop
from ui.filters import current_filters
from ui.known import knowledge_legend
from ui.language import keeps_language
from ui.render import chart, headers, sections
from ui.shown import shown
from words import number
from words.i18n import _, ngettext

tables = tables_or_stop()
network, _tables = load()
filters = current_filters()
view = cached_view(overview.overview_view, tables, filters)
numbers = view.numbers

st.title(tables.vocabulary.title_line)
st.caption(
    _("Showing {filters}. Change this in the sidebar; the address keeps it.").format(
        filters=filters.describe(tables)
    )
)

# A row that wraps, each number as wide as its words: no label is cut on a narrow window.
headline = st.container(horizontal=True, wrap=True, gap="large")
headline.metric(
    _("Cities"),
    numbers["cities"],
    help=_("Every city shown, including any whose data file has a problem"),
    width="content",
)
headline.metric(_("Plan actions"), numbers["plan_actions"], width="content")
headline.metric(_("Testing actions"), numbers["testing_actions"], width="content")
headline.metric(_("Ideas (not funded)"), numbers["ideas"], width="content")
headline.metric(
    _("Transfers of practice"),
    numbers["transfers"],
    help=_("Practices passed on or taken up by the cities shown"),
    width="content",
)
st.info(
    view.money
    + " "
    + _(
        "IAP documents (Integrated Action Plans) entered: {entered} of {cities}; for the other cities the "
        "actions come from the network's articles."
    ).format(entered=numbers["plans_entered"], cities=numbers["cities"])
)
knowledge_legend(shown(tables).cities, key="overview")
downloads = st.container(horizontal=True, wrap=True)
downloads.download_button(
    _("Slides (.pptx)"),
    # Built when clicked, outside this run: in the page's language (keeps_language).
    keeps_language(partial(deck.for_filters, tables, filters, exports.stamp(tables=tables))),
    file_name=exports.file_stem(deck.file_name(filters, tables), tables) + ".pptx",
    mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    key="overview_slides",
    on_click="ignore",
    help=_(
        "A PowerPoint deck of what the filters show: the same slides as the Presentation page, as charts and "
        "tables you can edit. It opens in PowerPoint or LibreOffice, without internet."
    ),
)
downloads.download_button(
    _("Download report (HTML)"),
    keeps_language(partial(report_html.report_for, tables, exports.stamp(tables.cities, tables))),
    file_name=exports.file_stem(f"{tables.vocabulary.slug}-report", tables) + ".html",
    mime="text/html",
    key="overview_report",
    on_click="ignore",
    help=_(
        "The whole network in one web page with interactive charts, whatever the filters, and a section per "
        "city (for up to 30 cities). It works without internet; for a meeting, see the Presentation page."
    ),
)

# The first view: the headline above and one chart; the others are a tab away, each made
# only when its tab is chosen, so the browser draws one chart when the page opens.
interventions_tab, map_tab, kinds_tab, completeness_tab = sections(
    [
        _("Interventions"),
        _("Map"),
        _("Actions per city"),
        _("Data completeness"),
    ],
    key="overview_tab",
)
with interventions_tab:
    if interventions_tab.open:
        chart(
            view.interventions.figure,
            view.interventions.numbers,
            key="overview_interventions",
            note=ngettext(
                "Based on {n} plan action. An action with two interventions counts in both. The Coverage "
                "page shows the full model.",
                "Based on {n} plan actions. An action with two interventions counts in both. The Coverage "
                "page shows the full model.",
                numbers["plan_actions"],
            ).format(n=numbers["plan_actions"]),
        )
with map_tab:
    if map_tab.open:
        chart(
            view.map,
            None,
            key="overview_map",
            note=_(
                "Blue: IAP document entered; grey: not yet. Marker size grows with the number of plan "
                "actions recorded. Positions from GeoNames (geonames.org, CC BY 4.0)."
            ),
        )
with kinds_tab:
    if kinds_tab.open:
        chart(
            view.kinds.figure,
            view.kinds.numbers,
            key="overview_kinds",
            note=_("Testing actions and ideas are shown apart from the plan actions."),
        )
with completeness_tab:
    if completeness_tab.open:
        st.dataframe(headers(view.completeness), hide_index=True, placeholder="")

st.subheader(_("Problems found in the data files"))
if not network.problems:
    st.success(
        ngettext(
            "No problems: the {n} city file and the shared files are valid.",
            "No problems: all {n} city files and the shared files are valid.",
            network.city_files_seen,
        ).format(n=number(network.city_files_seen))
    )
else:
    st.warning(
        ngettext(
            "{n} problem found. The records concerned are left out of every page until they are fixed; "
            "everything else is shown.",
            "{n} problems found. The records concerned are left out of every page until they are fixed; "
            "everything else is shown.",
            len(network.problems),
        ).format(n=number(len(network.problems)))
    )
    st.dataframe(
        [
            {_("File"): p.file, _("Location in file"): p.where(), _("Problem"): p.said()}
            for p in network.problems
        ],
        hide_index=True,
        placeholder="",
    )
