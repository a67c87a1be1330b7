"""The forms of the editing page: a city's own fields and one action's fields.

Every field is bound to the working copy (ui.editing): drawn from it, written back to it
when changed. Labels come from the vocabulary; ids are what is stored.
"""

from __future__ import annotations

import streamlit as st

from models import fields
from models.vocabulary import ACTION_KIND_LABELS, Vocabulary
from ui import editing as ed
from ui.editing import Draft
from ui.render import plain
from words.i18n import N_, _

# The fields of an action this form lays out by hand; any other field of the registry
# (models.fields), a new optional one, is drawn after them by its kind.
LAID_OUT = {
    "id", "number", "title", "kind", "description", "interventions", "support_level", "beneficiaries",
    "target_groups", "model_reason", "budget.amount_eur", "budget.basis", "budget.status",
    "budget.funding_sources", "budget.funding_note", "budget.source", "timing.start_year",
    "timing.end_year", "timing.detail", "testing_origin.description", "testing_origin.action", "lead",
    "partners", "indicators", "inspired_by", "notes", "sources",
}  # fmt: skip

ROLES = {"lead_partner": N_("Lead partner"), "partner": N_("Partner")}


def _in_language(labels: dict[str, str]) -> dict[str, str]:
    """{id: label} with labels marked N_ where written, in the language in use."""
    return {key: _(label) for key, label in labels.items()}


def profile_form(draft: Draft, vocab: Vocabulary, sources: dict[str, str], first_source: dict) -> None:
    """The city's own fields: name, country, role, summary, sources and the groups of facts."""
    here = ("city",)
    st.caption(
        _("City id: {id} (the file's name; it cannot be changed here).").format(
            id=plain(draft.opened.city_id)
        )
    )
    c1, c2, c3 = st.columns(3)
    with c1:
        ed.text(draft, here, "name", _("Name"))
    with c2:
        ed.text(draft, here, "country", _("Country"))
    with c3:
        ed.choice(draft, here, "role", _("Role in the network"), _in_language(ROLES))
    ed.text(draft, here, "summary", _("Summary of the plan"), area=True)
    ed.choices(draft, here, "sources", _("Sources of this city's facts"), sources)

    c1, c2 = st.columns(2)
    with c1, st.container(border=True):
        if ed.group_toggle(draft, here, "population", _("Population known"), {"year": None, **first_source}):
            place = ("city", "population")
            ed.number(draft, place, "value", _("Inhabitants"), min_value=1)
            ed.year(draft, place, "year", _("Year of the figure (empty if unknown)"))
            ed.choice(draft, place, "source", _("Source"), sources)
            ed.flag(draft, place, "approximate", _("The source gives it as approximate (shown as 'about')"))
    with c2, st.container(border=True):
        if ed.group_toggle(draft, here, "plan_period", _("Plan period known"), {"end": None, **first_source}):
            place = ("city", "plan_period")
            ed.number(draft, place, "start", _("First year"), min_value=2000, max_value=2100)
            ed.year(draft, place, "end", _("Last year (empty if unknown)"))
            ed.choice(draft, place, "source", _("Source"), sources)
    c1, c2 = st.columns(2)
    with c1, st.container(border=True):
        if ed.group_toggle(
            draft, here, "iap_document", _("IAP document entered"), {"title": "", **first_source}
        ):
            place = ("city", "iap_document")
            ed.text(draft, place, "title", _("Title of the IAP document"))
            ed.choice(draft, place, "source", _("Source (the document in the list of sources)"), sources)
    with c2, st.container(border=True):
        if ed.group_toggle(draft, here, "location", _("Position on the map"), dict(first_source)):
            place = ("city", "location")
            ed.number(
                draft, place, "lat", _("Latitude"), kind=float, min_value=-90.0, max_value=90.0, format="%.4f"
            )
            ed.number(
                draft,
                place,
                "lon",
                _("Longitude"),
                kind=float,
                min_value=-180.0,
                max_value=180.0,
                format="%.4f",
            )
            ed.choice(draft, place, "source", _("Source"), sources)
    with st.container(border=True):
        if ed.group_toggle(draft, here, "focus_areas", _("Focus areas known"), {"areas": [], **first_source}):
            place = ("city", "focus_areas")
            areas = vocab.labels("focus_areas")
            ed.choices(draft, place, "areas", _("Focus areas of the plan"), areas)
            ed.choices(draft, place, "emphasis", _("Given most weight"), areas)
            ed.choice(draft, place, "source", _("Source"), sources)


def label(path: str) -> str:
    """A field's label from the field registry, in the language in use."""
    return _(fields.field_at(path).label)


def more_fields(draft: Draft, place: tuple, group: str | None, vocab: Vocabulary) -> None:
    """The registry's fields of `group` (None: the action's own) that the form does not lay
    out, each drawn by its kind: a new optional field is on the form the day it is in the schema."""
    for field in fields.sheet_fields("Actions"):
        if field.group != group or field.dotted in LAID_OUT:
            continue
        name, kind, choices = field.path[-1], field.described.kind, field.described.choices
        if choices in vocab.terms and kind == "list":
            ed.choices(draft, place, name, _(field.label), vocab.labels(choices))
        elif choices in vocab.terms:
            ed.choice(draft, place, name, _(field.label), vocab.labels(choices))
        elif kind == "list":
            ed.lines(draft, place, name, _(field.label), height=80)
        elif kind == "whole":
            ed.year(draft, place, name, _(field.label))
        elif kind == "number":
            ed.number(draft, place, name, _(field.label), kind=float)
        else:
            ed.text(draft, place, name, _(field.label), area=True, height=68)


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
        ed.text(draft, here, "title", label("title"))
    with c2:
        ed.text(draft, here, "number", label("number"), help=_("Empty for testing actions and ideas."))
    with c3:
        ed.choice(draft, here, "kind", label("kind"), _in_language(ACTION_KIND_LABELS))
    if action.get("id") in {
        a.get("id") for a in draft.opened.data.get("actions") or [] if isinstance(a, dict)
    }:
        st.caption(
            _("Id: {id} (other records may refer to it, so it is not changed here).").format(
                id=plain(action.get("id"))
            )
        )
    else:
        ed.text(
            draft,
            here,
            "id",
            _("Id (new action)"),
            help=_("Lower-case letters, digits and hyphens, like fot-a4."),
        )
    ed.text(draft, here, "description", label("description"), area=True)

    st.markdown(_("**Place on the model**"))
    c1, c2, c3 = st.columns(3)
    with c1:
        ed.choices(draft, here, "interventions", label("interventions"), vocab.labels("interventions"))
    with c2:
        ed.choice(draft, here, "support_level", label("support_level"), vocab.labels("support_levels"))
    with c3:
        ed.choices(draft, here, "beneficiaries", label("beneficiaries"), vocab.labels("beneficiaries"))
    ed.text(draft, here, "model_reason", label("model_reason"), area=True, height=68)
    ed.lines(
        draft,
        here,
        "target_groups",
        _("Target groups (one a line, lower case, like 'older people')"),
        height=80,
    )

    c1, c2 = st.columns(2)
    with c1, st.container(border=True):
        if ed.group_toggle(
            draft,
            here,
            "budget",
            _("Budget known"),
            {"basis": "plan_total", "status": "planned", "funding_sources": [], **first_source},
            help=_("Leave off when no source gives a figure: the budget is then shown as unknown, never 0."),
        ):
            place = ("action", uid, "budget")
            ed.number(
                draft,
                place,
                "amount_eur",
                label("budget.amount_eur"),
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
                label("budget.basis"),
                _in_language({"plan_total": N_("for the whole plan"), "per_year": N_("per year")}),
            )
            ed.choice(
                draft,
                place,
                "status",
                label("budget.status"),
                _in_language({"planned": N_("planned (in the plan)"), "estimated": N_("estimated")}),
            )
            ed.choices(
                draft,
                place,
                "funding_sources",
                label("budget.funding_sources"),
                vocab.labels("funding_sources"),
            )
            ed.text(draft, place, "funding_note", label("budget.funding_note"), area=True, height=68)
            ed.choice(draft, place, "source", label("budget.source"), sources)
            more_fields(draft, place, "budget", vocab)
    with c2, st.container(border=True):
        if ed.group_toggle(draft, here, "timing", _("Timing known"), {"start_year": None, "end_year": None}):
            place = ("action", uid, "timing")
            ed.year(draft, place, "start_year", label("timing.start_year"))
            ed.year(draft, place, "end_year", label("timing.end_year"))
            ed.text(draft, place, "detail", label("timing.detail"), area=True, height=68)
            more_fields(draft, place, "timing", vocab)
        may_have_origin = action.get("kind") == "iap_action" or isinstance(action.get("testing_origin"), dict)
        if may_have_origin and ed.group_toggle(
            draft, here, "testing_origin", _("Comes from a testing action"), {"description": ""}
        ):
            place = ("action", uid, "testing_origin")
            ed.text(draft, place, "description", label("testing_origin.description"), area=True, height=68)
            tested = {
                a.get("id"): a.get("title") or a.get("id")
                for a in draft.actions
                if a.get("kind") == "testing_action" and a.get("id")
            }
            ed.choice(draft, place, "action", label("testing_origin.action"), tested)
            more_fields(draft, place, "testing_origin", vocab)

    c1, c2 = st.columns(2)
    with c1:
        ed.text(draft, here, "lead", label("lead"))
        ed.lines(draft, here, "partners", _("Partners (one a line)"), height=100)
    with c2:
        ed.indicators(
            draft,
            here,
            _("Indicators (one a line; a target after '|', like 'surveys | 1 a year')"),
            height=100,
        )
        ed.text(draft, here, "notes", label("notes"), area=True, height=68)
    more_fields(draft, here, None, vocab)
    ed.choices(draft, here, "sources", _("Sources of this action"), sources)
    if action.get("inspired_by"):
        st.caption(
            _(
                "Inspired by: {practices} (kept as it is; edit practices.yaml and the file to change it)."
            ).format(
                practices=plain(
                    ", ".join(str(i.get("practice")) for i in action["inspired_by"] if isinstance(i, dict))
                )
            )
        )
    st.button(
        _("Remove this action"),
        key="edit_remove_action",
        on_click=_remove,
        args=(draft, uid),
        help=_("Removed when you save; the saved file keeps the earlier version in its history."),
    )
