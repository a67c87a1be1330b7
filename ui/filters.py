"""The shared filters: cities, kind of action, intervention.

They live in the sidebar of the frame (app.py) and in the page address, bound with
`bind="query-params"`, so a view can be shared as a link and survives a reload.
Pages read them through `current_filters()`.
"""

from __future__ import annotations

import streamlit as st

from analysis.frames import Filters, Tables
from models.vocabulary import ACTION_KIND_LABELS, ACTION_KINDS
from ui import registry
from words import and_list
from words.i18n import N_, _

CITY_KEY, KIND_KEY, INTERVENTION_KEY = "city", "kind", "intervention"


# Written before any language is known: translated where shown. The pages are named from
# ui/registry.py, so a new filtered page is listed here without a word changed.
NOT_APPLIED = N_("These filters do not apply on this page: it shows {what}. They apply on {pages}.")


def sidebar_filters(tables: Tables, page: str = "") -> Filters:
    """The filters in the sidebar; on a page (url path) that does not apply them they are
    greyed out, with a line saying so."""
    names = tables.city_names()
    labels = tables.vocabulary.labels("interventions")
    applied = registry.filtered(page)
    with st.sidebar:
        st.markdown("**" + _("Show") + "**")
        if not applied:
            shown = registry.page(page)
            what = shown.scope if shown is not None and shown.scope else registry.OWN_CHOICE
            pages = and_list([_(title) for title in registry.filtered_titles()])
            st.caption(_(NOT_APPLIED).format(what=_(what), pages=pages))
        st.multiselect(
            _("Cities"),
            list(names),
            format_func=names.get,
            key=CITY_KEY,
            placeholder=_("All cities"),
            bind="query-params",
            disabled=not applied,
        )
        st.multiselect(
            _("Type of action"),
            list(ACTION_KINDS),
            format_func={kind: _(label) for kind, label in ACTION_KIND_LABELS.items()}.get,
            key=KIND_KEY,
            placeholder=_("All kinds"),
            bind="query-params",
            disabled=not applied,
        )
        st.multiselect(
            _("Intervention"),
            list(labels),
            format_func=labels.get,
            key=INTERVENTION_KEY,
            placeholder=_("All interventions"),
            bind="query-params",
            disabled=not applied,
            help=_("Keeps actions that use any of the chosen interventions, primary or not."),
        )
    return current_filters()


def current_filters() -> Filters:
    state = st.session_state
    return Filters(
        cities=tuple(state.get(CITY_KEY) or ()),
        kinds=tuple(state.get(KIND_KEY) or ()),
        interventions=tuple(state.get(INTERVENTION_KEY) or ()),
    )
