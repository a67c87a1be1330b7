"""Making sure every page runs inside the frame (app.py).

Streamlit keeps a compatibility mode for apps with a `pages/` folder: until app.py has
called st.navigation once in the server's life, a deep link such as /coverage?city=Fót
runs pages/coverage.py on its own - without the sidebar filters or the page set-up.
When a page finds itself run that way, it switches the mode off and reruns; the rerun
starts from app.py and, as the address is unchanged, comes back to the same page with
the same filters. The switch is not public Streamlit: it lives in ui/streamlit_private.py.
"""

from __future__ import annotations

import streamlit as st

from ui.streamlit_private import leave_pages_folder_mode


def ensure_frame() -> None:
    if leave_pages_folder_mode():
        st.rerun()
