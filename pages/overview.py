"""Overview: the network at a glance."""

from functools import partial

import streamlit as st

from analysis.coverage import shown_cities
from figures import overview
from outputs import deck, report_html
from ui import exports
from ui.data import cached_view, load, tables_or_stop
from ui.filters import current_filters
from ui.known import knowledge_legend
from ui.render import chart, sections

tables = tables_or_stop()
network, _ = load()
filters = current_filters()
parts = cached_view(overview.page_parts, tables, filters)
numbers = parts["numbers"]

st.title(tables.vocabulary.title_line)
st.caption(f"Showing {filters.describe(tables)}. Change this in the sidebar; the address keeps it.")

# A row that wraps, each number as wide as its words: no label is cut on a narrow window.
headline = st.container(horizontal=True, wrap=True, gap="large")
headline.metric(
    "Cities",
    numbers["cities"],
    help="Every city shown, one whose data file has a problem included",
    width="content",
)
headline.metric("Plan actions", numbers["plan_actions"], width="content")
headline.metric("Testing actions", numbers["testing_actions"], width="content")
headline.metric("Ideas (not funded)", numbers["ideas"], width="content")
headline.metric(
    "Transfers of practice",
    numbers["transfers"],
    help="Practices given or received by the cities shown",
    width="content",
)
st.info(
    parts["money"]
    + f" Plan documents entered: {numbers['plans_entered']} of {numbers['cities']}; for the other cities the "
    "actions come from the network's articles."
)
knowledge_legend(shown_cities(tables, filters), key="overview")
downloads = st.container(horizontal=True, wrap=True)
downloads.download_button(
    "Slides (.pptx)",
    partial(deck.for_filters, tables, filters, exports.stamp(tables=tables)),
    file_name=exports.file_stem(deck.file_name(filters, tables), tables) + ".pptx",
    mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    key="overview_slides",
    on_click="ignore",
    help="A PowerPoint deck of what the filters show, the same slides as the Present page: headline "
    "numbers, coverage, gaps, budgets, transfers, progress, one slide per chosen city and the sources, "
    "as 16:9 charts and tables you can edit. Opens in PowerPoint or LibreOffice, without internet.",
)
downloads.download_button(
    "Download report (HTML)",
    partial(report_html.report_for, tables, exports.stamp(tables.cities, tables)),
    file_name=exports.file_stem(f"{tables.vocabulary.slug}-report", tables) + ".html",
    mime="text/html",
    key="overview_report",
    on_click="ignore",
    help="The whole network in one web page with interactive charts, whatever the filters, with a section per "
    "city (for at most 30 cities of a larger network: the report says how to get the others). "
    "Works without internet: nothing is loaded from outside the file. For a presentation, see the Present page.",
)

# The first view: the headline above and one chart; the others are a tab away, each made
# only when its tab is chosen, so the browser draws one chart when the page opens.
interventions_tab, map_tab, kinds_tab, completeness_tab = sections(
    [
        "Interventions",
        "Map",
        "Actions per city",
        "Data completeness",
    ],
    key="overview_tab",
)
with interventions_tab:
    if interventions_tab.open:
        chart(
            parts["interventions"],
            parts["interventions_table"],
            key="overview_interventions",
            note=f"Rests on {numbers['plan_actions']} plan actions. An action with two interventions counts "
            "in both. The Coverage page shows the full model.",
        )
with map_tab:
    if map_tab.open:
        chart(
            parts["map"],
            None,
            key="overview_map",
            note="Blue: plan document entered; grey: not yet. Marker size grows with the number of plan "
            "actions recorded. Positions from GeoNames (geonames.org, CC BY 4.0).",
        )
with kinds_tab:
    if kinds_tab.open:
        chart(
            parts["kinds"],
            parts["kinds_table"],
            key="overview_kinds",
            note="Testing actions and ideas are shown apart from the plan actions.",
        )
with completeness_tab:
    if completeness_tab.open:
        st.dataframe(parts["completeness"], hide_index=True)

st.subheader("Problems found in the data files")
if not network.problems:
    st.success(f"No problems: all {network.city_files_seen} city files and the shared files are valid.")
else:
    st.warning(
        f"{len(network.problems)} problem(s) found. The records concerned are left out of every page "
        "until they are fixed; everything else is shown."
    )
    st.dataframe(
        [{"File": p.file, "Where": p.path, "Problem": p.message} for p in network.problems],
        hide_index=True,
    )
