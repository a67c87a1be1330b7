"""The frame of the dashboard: page set-up, shared filters, navigation.

Run with `make run` (or `streamlit run app.py`). The data folder is data/ unless the
IAP_DATA_DIR environment variable names another.
"""

from pathlib import Path

import streamlit as st

from ui.access import sidebar_account
from ui.data import load, one_look_per_run
from ui.exports import skip_link, svg_toolbar
from ui.filters import sidebar_filters
from ui.language import chosen_language, sidebar_language
from ui.workspace import start
from words.i18n import N_, _, use_language

HERE = Path(__file__).parent
DEFAULT_TITLE = N_("Plans on one model")

st.set_page_config(
    page_title=DEFAULT_TITLE,  # before the language is known; replaced below by the network's title (or this one translated)
    page_icon=str(HERE / "static" / "favicon.png"),  # a local file: no icon fetched from the internet
    layout="wide",
)


def _page(file: str, title: str, icon: str, url_path: str | None = None, **options) -> st.Page:
    # url_path is the file name: a deep link as the very first request then finds its page.
    path = url_path or file
    return st.Page(
        HERE / "pages" / f"{file}.py", title=title, icon=f":material/{icon}:", url_path=path, **options
    )


def pages() -> dict[str, list[st.Page]]:
    """The pages, grouped in the sidebar: the whole network, one city, the data behind them
    (titled in the language in use)."""
    return {
        _("The network"): [
            # The default page is served at "/", never at its own path: /overview (a link
            # written by hand, an old bookmark) opens the same page through a hidden alias
            # instead of a "Page not found" pop-up.
            _page("overview", _("Overview"), "public", default=True, url_path="home"),
            _page("overview", _("Overview"), "public", visibility="hidden"),
            _page("coverage", _("Coverage"), "grid_on"),
            _page("budgets", _("Budgets"), "euro"),
            _page("transfers", _("Transfers"), "swap_horiz"),
            _page("actions", _("Actions"), "table_view"),
        ],
        _("Cities"): [
            _page("mycity", _("My city"), "location_city"),
            _page("compare", _("Compare"), "compare"),
            _page("progress", _("Progress"), "trending_up"),
        ],
        _("The data"): [
            _page("edit", _("Edit a plan"), "edit"),
            _page("spreadsheet", _("Spreadsheet"), "table_chart"),
            _page("import_plan", _("Import a plan"), "upload_file"),
            _page("history", _("History"), "history"),
            _page("accounts", _("Accounts"), "manage_accounts"),
        ],
        _("For meetings"): [_page("present", _("Presentation"), "slideshow")],
    }


# The data folder is looked at once in this run, by the frame and the page alike (ui/data.py);
# the whole run - sidebar, navigation, page - speaks the language asked for (?lang=fr).
with one_look_per_run(), use_language(chosen_language()):
    navigation = st.navigation(pages(), expanded=True)  # every page listed: no "View more" to find History
    sidebar_language()
    start_note = start()  # once per server: finish an interrupted save, pull from the backup remote
    network, tables = load()
    if tables is not None:
        network_info = tables.vocabulary.network  # data/model.yaml's network: its name and title
        if network_info is not None:
            st.set_page_config(page_title=f"{network_info.name} - {network_info.subtitle}")
        else:
            st.set_page_config(page_title=_(DEFAULT_TITLE))
        sidebar_filters(tables, navigation.url_path)
        with st.sidebar:
            st.caption(
                (f"{network_info.description} " if network_info and network_info.description else "")
                + _("Figures carry their sources; an unknown figure is shown as unknown.")
            )
            svg_toolbar()  # an SVG button beside the PNG camera of every chart's toolbar
            skip_link()  # Streamlit's "Skip to main content" in the page's language
        # A filter switched off on a page (it does not apply there) keeps words a reader can
        # still read: Streamlit fades them to 2.6:1; WCAG AA asks 4.5:1.
        st.html(
            "<style>[data-testid='stSidebar'] .stMultiSelect [data-testid='stMarkdownContainer'] p,"
            " [data-testid='stSidebar'] .stSelectbox [data-testid='stMarkdownContainer'] p { color: #505259; }</style>"
        )
    with st.sidebar:
        sidebar_account(
            dict(zip(tables.cities["id"], tables.cities["name"], strict=False))
            if tables is not None
            else None
        )
        if start_note:
            st.warning(start_note)

    navigation.run()
