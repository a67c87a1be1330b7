"""The shared filters: cities, kind of action, intervention.

They live in the sidebar of the frame (app.py) and in the page address, bound with
`bind="query-params"`, so a view can be shared as a link and survives a reload.
Pages read them through `current_filters()`.
"""

from __future__ import annotations

import streamlit as st

from analysis.frames import Filters, Tables
from models.vocabulary import ACTION_KIND_LABELS, ACTION_KINDS
from words.i18n import N_, _

CITY_KEY, KIND_KEY, INTERVENTION_KEY = "city", "kind", "intervention"


# The pages that apply the filters (by url path); elsewhere they are shown greyed out, with
# a line saying they do not apply, and keep their values for when the person comes back.
FILTERED_PAGES = frozenset({"overview", "coverage", "budgets", "transfers", "actions", ""})
# Written before any language is known: translated where shown.
NOT_APPLIED = N_(
    "These filters do not apply on this page: it shows {what}. They apply on Overview, Coverage, Budgets, "
    "Transfers and Actions."
)
PAGE_SCOPE = {
    "mycity": N_("one city's whole plan"),
    "compare": N_("the cities chosen on the page"),
    "progress": N_("every indicator of the city chosen on the page"),
    "present": N_("the whole network and the cities chosen for the sequence"),
}
OWN_CHOICE = N_("its own selection of data")


def sidebar_filters(tables: Tables, page: str = "") -> Filters:
    """The filters in the sidebar; on a page (url path) that does not apply them they are
    greyed out, with a line saying so."""
    names = tables.city_names()
    labels = tables.vocabulary.labels("interventions")
    applied = page in FILTERED_PAGES
    with st.sidebar:
        st.markdown("**" + _("Show") + "**")
        if not applied:
            st.caption(_(NOT_APPLIED).format(what=_(PAGE_SCOPE.get(page, OWN_CHOICE))))
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
            _("Kind of action"),
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
