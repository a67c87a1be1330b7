"""The forms of the editing page: a city's own fields and one action's fields.

Every field is bound to the working copy (ui.editing): drawn from it, written back to it
when changed. Labels come from the vocabulary; ids are what is stored.
"""

from __future__ import annotations

import streamlit as st

from models.vocabulary import ACTION_KIND_LABELS, Vocabulary
from ui import editing as ed
from ui.editing import Draft
from ui.render import plain

ROLES = {"lead_partner": "Lead partner", "partner": "Partner"}


def profile_form(draft: Draft, vocab: Vocabulary, sources: dict[str, str], first_source: dict) -> None:
    """The city's own fields: name, country, role, summary, sources and the groups of facts."""
    here = ("city",)
    st.caption(f"City id: {plain(draft.opened.city_id)} (the file's name; it cannot be changed here).")
    c1, c2, c3 = st.columns(3)
    with c1:
        ed.text(draft, here, "name", "Name")
    with c2:
        ed.text(draft, here, "country", "Country")
    with c3:
        ed.choice(draft, here, "role", "Role in the network", ROLES)
    ed.text(draft, here, "summary", "Summary of the plan", area=True)
    ed.choices(draft, here, "sources", "Sources of this city's facts", sources)

    c1, c2 = st.columns(2)
    with c1, st.container(border=True):
        if ed.group_toggle(draft, here, "population", "Population known", {"year": None, **first_source}):
            place = ("city", "population")
            ed.number(draft, place, "value", "Inhabitants", min_value=1)
            ed.year(draft, place, "year", "Year of the figure (empty if unknown)")
            ed.choice(draft, place, "source", "Source", sources)
            ed.flag(draft, place, "approximate", "The source gives it as approximate (shown as 'about')")
    with c2, st.container(border=True):
        if ed.group_toggle(draft, here, "plan_period", "Plan period known", {"end": None, **first_source}):
            place = ("city", "plan_period")
            ed.number(draft, place, "start", "First year", min_value=2000, max_value=2100)
            ed.year(draft, place, "end", "Last year (empty if unknown)")
            ed.choice(draft, place, "source", "Source", sources)
    c1, c2 = st.columns(2)
    with c1, st.container(border=True):
        if ed.group_toggle(
            draft, here, "iap_document", "Plan document entered", {"title": "", **first_source}
        ):
            place = ("city", "iap_document")
            ed.text(draft, place, "title", "Title of the plan document")
            ed.choice(draft, place, "source", "Source (the document in the list of sources)", sources)
    with c2, st.container(border=True):
        if ed.group_toggle(draft, here, "location", "Position on the map", dict(first_source)):
            place = ("city", "location")
            ed.number(
                draft, place, "lat", "Latitude", kind=float, min_value=-90.0, max_value=90.0, format="%.4f"
            )
            ed.number(
                draft, place, "lon", "Longitude", kind=float, min_value=-180.0, max_value=180.0, format="%.4f"
            )
            ed.choice(draft, place, "source", "Source", sources)
    with st.container(border=True):
        if ed.group_toggle(draft, here, "focus_areas", "Focus areas known", {"areas": [], **first_source}):
            place = ("city", "focus_areas")
            areas = vocab.labels("focus_areas")
            ed.choices(draft, place, "areas", "Focus areas of the plan", areas)
            ed.choices(draft, place, "emphasis", "Given most weight", areas)
            ed.choice(draft, place, "source", "Source", sources)


def _remove(draft: Draft, uid: int) -> None:
    draft.remove_action(uid)
    st.session_state.pop(draft.key("chosen"), None)


def action_form(
    draft: Draft, uid: int, vocab: Vocabulary, sources: dict[str, str], first_source: dict
) -> None:
    """One action's fields, and a button that removes it from the working copy."""
    here = ("action", uid)
    action = draft.action(uid)
    c1, c2, c3 = st.columns([2, 1, 2])
    with c1:
        ed.text(draft, here, "title", "Title")
    with c2:
        ed.text(draft, here, "number", "Number in the plan", help="Empty for testing actions and ideas.")
    with c3:
        ed.choice(draft, here, "kind", "Kind", ACTION_KIND_LABELS)
    if action.get("id") in {
        a.get("id") for a in draft.opened.data.get("actions") or [] if isinstance(a, dict)
    }:
        st.caption(
            f"Id: {plain(action.get('id'))} (other records may refer to it, so it is not changed here)."
        )
    else:
        ed.text(
            draft,
            here,
            "id",
            "Id (new action)",
            help="Lower-case letters, digits and hyphens, like fot-a4.",
        )
    ed.text(draft, here, "description", "Description", area=True)

    st.markdown("**Place on the model**")
    c1, c2, c3 = st.columns(3)
    with c1:
        ed.choices(draft, here, "interventions", "Interventions", vocab.labels("interventions"))
    with c2:
        ed.choice(draft, here, "support_level", "Support level", vocab.labels("support_levels"))
    with c3:
        ed.choices(draft, here, "beneficiaries", "Beneficiary groups", vocab.labels("beneficiaries"))
    ed.text(draft, here, "model_reason", "Why it sits there (one line)", area=True, height=68)
    ed.lines(
        draft,
        here,
        "target_groups",
        "Target groups (one a line, lower case, like 'older people')",
        height=80,
    )

    c1, c2 = st.columns(2)
    with c1, st.container(border=True):
        if ed.group_toggle(
            draft,
            here,
            "budget",
            "Budget known",
            {"basis": "plan_total", "status": "planned", "funding_sources": [], **first_source},
            help="Leave off when no source gives a figure: the budget is then shown as unknown, never 0.",
        ):
            place = ("action", uid, "budget")
            ed.number(
                draft,
                place,
                "amount_eur",
                "Amount (EUR)",
                kind=float,
                whole=True,
                min_value=0.0,
                step=100.0,
                format="%.2f",
            )
            ed.choice(
                draft,
                place,
                "basis",
                "The amount is",
                {"plan_total": "for the whole plan", "per_year": "per year"},
            )
            ed.choice(
                draft,
                place,
                "status",
                "Status",
                {"planned": "planned (in the plan)", "estimated": "estimated"},
            )
            ed.choices(draft, place, "funding_sources", "Paid by", vocab.labels("funding_sources"))
            ed.text(draft, place, "funding_note", "Note on funding", area=True, height=68)
            ed.choice(draft, place, "source", "Source of the figure", sources)
    with c2, st.container(border=True):
        if ed.group_toggle(draft, here, "timing", "Timing known", {"start_year": None, "end_year": None}):
            place = ("action", uid, "timing")
            ed.year(draft, place, "start_year", "From (year; empty if unknown)")
            ed.year(draft, place, "end_year", "Until (year; empty if unknown)")
            ed.text(draft, place, "detail", "Detail (months, phases)", area=True, height=68)
        may_have_origin = action.get("kind") == "iap_action" or isinstance(action.get("testing_origin"), dict)
        if may_have_origin and ed.group_toggle(
            draft, here, "testing_origin", "Comes from a testing action", {"description": ""}
        ):
            place = ("action", uid, "testing_origin")
            ed.text(draft, place, "description", "What the testing showed", area=True, height=68)
            tested = {
                a.get("id"): a.get("title") or a.get("id")
                for a in draft.actions
                if a.get("kind") == "testing_action" and a.get("id")
            }
            ed.choice(draft, place, "action", "Which testing action", tested)

    c1, c2 = st.columns(2)
    with c1:
        ed.text(draft, here, "lead", "Lead")
        ed.lines(draft, here, "partners", "Partners (one a line)", height=100)
    with c2:
        ed.indicators(
            draft,
            here,
            "Indicators (one a line; a target after '|', like 'surveys | 1 a year')",
            height=100,
        )
        ed.text(draft, here, "notes", "Notes", area=True, height=68)
    ed.choices(draft, here, "sources", "Sources of this action", sources)
    if action.get("inspired_by"):
        st.caption(
            "Inspired by: "
            + plain(", ".join(str(i.get("practice")) for i in action["inspired_by"] if isinstance(i, dict)))
            + " (kept as it is; edit practices.yaml and the file to change it)."
        )
    st.button(
        "Remove this action",
        key="edit_remove_action",
        on_click=_remove,
        args=(draft, uid),
        help="Removed when you save; the saved file keeps the earlier version in its history.",
    )
