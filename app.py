"""The frame of the dashboard: page set-up, shared filters, navigation.

Run with `make run` (or `streamlit run app.py`). The data folder is data/ unless the
IAP_DATA_DIR environment variable names another.
"""

from pathlib import Path

import streamlit as st

from ui.data import load
from ui.exports import svg_toolbar
from ui.filters import sidebar_filters

HERE = Path(__file__).parent

st.set_page_config(
    page_title="Breaking Isolation - ten plans on one model",
    page_icon=str(HERE / "static" / "favicon.png"),  # a local file: no icon fetched from the internet
    layout="wide",
)

PAGES = [
    st.Page(
        HERE / "pages/overview.py",
        title="Overview",
        icon=":material/public:",
        url_path="overview",
        default=True,
    ),
    st.Page(HERE / "pages/coverage.py", title="Coverage", icon=":material/grid_on:", url_path="coverage"),
    st.Page(HERE / "pages/budgets.py", title="Budgets", icon=":material/euro:", url_path="budgets"),
    st.Page(
        HERE / "pages/transfers.py", title="Transfers", icon=":material/swap_horiz:", url_path="transfers"
    ),
    st.Page(HERE / "pages/actions.py", title="Actions", icon=":material/table_view:", url_path="actions"),
    st.Page(HERE / "pages/present.py", title="Present", icon=":material/slideshow:", url_path="present"),
]

navigation = st.navigation(PAGES)

network, tables = load()
if tables is not None:
    sidebar_filters(tables)
    with st.sidebar:
        st.caption(
            "Breaking Isolation - URBACT Action Planning Network, 2023-2025. "
            "Figures carry their sources; an unknown figure is shown as unknown."
        )
        svg_toolbar()  # an SVG button beside the PNG camera of every chart's toolbar

navigation.run()
