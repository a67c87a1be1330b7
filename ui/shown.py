"""The cities the page in view shows (analysis.shown), for its stamp, findings and rankings.

The frame (app.py) says which page runs (`on_page`), before the page runs; a page the sidebar
filters do not apply to says which cities it chose (`page_shows`) before it draws. Then
`shown()` answers from ui/registry.py: the filters where they apply, the page's own choice
where they do not.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from analysis.shown import Shown, page_cities
from ui import registry
from ui.filters import current_filters

# Kept in the session for the length of a run: the frame sets the first at each run and
# clears the second, so a page's choice never outlives the page.
PAGE_KEY, OWN_KEY = "_shown_page", "_shown_own_cities"


def on_page(path: str) -> None:
    """The frame: the page at url `path` runs next."""
    st.session_state[PAGE_KEY] = path
    st.session_state.pop(OWN_KEY, None)


def page_shows(city_ids: Iterable[str] | None) -> None:
    """A page the filters do not apply to: it shows these cities (None: the whole network)."""
    st.session_state[OWN_KEY] = None if city_ids is None else tuple(city_ids)


def shown(tables) -> Shown:
    """The cities the page in view shows. A page run outside the frame (a test of one page)
    is taken as its own choice said, else as a page the filters apply to."""
    state = st.session_state
    if OWN_KEY in state:
        return page_cities(tables, current_filters(), filters_apply=False, own=state[OWN_KEY])
    return page_cities(tables, current_filters(), filters_apply=registry.filtered(state.get(PAGE_KEY, "")))
