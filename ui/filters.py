"""The shared filters: cities, kind of action, intervention.

They live in the sidebar of the frame (app.py) and in the page address, bound with
`bind="query-params"`, so a view can be shared as a link and survives a reload.
Pages read them through `current_filters()`.
"""

from __future__ import annotations

import streamlit as st

from analysis.frames import Filters, Tables
from models.vocabulary import ACTION_KIND_LABELS, ACTION_KINDS

CITY_KEY, KIND_KEY, INTERVENTION_KEY = "city", "kind", "intervention"


# The pages that apply the filters (by url path); elsewhere they are shown greyed out, with
# a line saying they do not apply, and keep their values for when the person comes back.
FILTERED_PAGES = frozenset({"overview", "coverage", "budgets", "transfers", "actions", ""})
NOT_APPLIED = "These filters do not apply on this page: it shows {what}. They apply on Overview, Coverage, Budgets, Transfers and Actions."
PAGE_SCOPE = {
    "mycity": "one city's whole plan",
    "compare": "the cities chosen on the page",
    "progress": "every indicator of the city chosen on the page",
    "present": "the whole network and the cities chosen for the sequence",
}


def sidebar_filters(tables: Tables, page: str = "") -> Filters:
    """The filters in the sidebar; on a page (url path) that does not apply them they are
    greyed out, with a line saying so."""
    names = dict(zip(tables.cities["id"], tables.cities["name"], strict=False))
    labels = tables.vocabulary.labels("interventions")
    applied = page in FILTERED_PAGES
    with st.sidebar:
        st.markdown("**Show**")
        if not applied:
            st.caption(NOT_APPLIED.format(what=PAGE_SCOPE.get(page, "its own choice of data")))
        st.multiselect(
            "Cities",
            list(names),
            format_func=names.get,
            key=CITY_KEY,
            placeholder="All cities",
            bind="query-params",
            disabled=not applied,
        )
        st.multiselect(
            "Kind of action",
            list(ACTION_KINDS),
            format_func=ACTION_KIND_LABELS.get,
            key=KIND_KEY,
            placeholder="All kinds",
            bind="query-params",
            disabled=not applied,
        )
        st.multiselect(
            "Intervention",
            list(labels),
            format_func=labels.get,
            key=INTERVENTION_KEY,
            placeholder="All interventions",
            bind="query-params",
            disabled=not applied,
            help="Keeps actions that use any of the chosen interventions, primary or not.",
        )
    return current_filters()


def current_filters() -> Filters:
    state = st.session_state
    return Filters(
        cities=tuple(state.get(CITY_KEY) or ()),
        kinds=tuple(state.get(KIND_KEY) or ()),
        interventions=tuple(state.get(INTERVENTION_KEY) or ()),
    )
