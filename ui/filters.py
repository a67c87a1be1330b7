"""The shared filters: cities, kind of action, intervention.

They live in the sidebar of the frame (app.py) and in the page address, bound with
`bind="query-params"`, so a view can be shared as a link and survives a reload.
Pages read them through `current_filters()`.
"""

from __future__ import annotations

import streamlit as st

from insights.frames import ACTION_KIND_LABELS, ACTION_KINDS, Filters, Tables

CITY_KEY, KIND_KEY, INTERVENTION_KEY = "city", "kind", "intervention"


def sidebar_filters(tables: Tables) -> Filters:
    names = dict(zip(tables.cities["id"], tables.cities["name"], strict=False))
    labels = tables.vocabulary.labels("interventions")
    with st.sidebar:
        st.markdown("**Show**")
        st.multiselect(
            "Cities",
            list(names),
            format_func=names.get,
            key=CITY_KEY,
            placeholder="All cities",
            bind="query-params",
        )
        st.multiselect(
            "Kind of action",
            list(ACTION_KINDS),
            format_func=ACTION_KIND_LABELS.get,
            key=KIND_KEY,
            placeholder="All kinds",
            bind="query-params",
        )
        st.multiselect(
            "Intervention",
            list(labels),
            format_func=labels.get,
            key=INTERVENTION_KEY,
            placeholder="All interventions",
            bind="query-params",
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
