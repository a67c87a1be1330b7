"""Import a plan: draft a city's actions from its IAP document, check each, confirm it.

Upload a plan in the URBACT template (PDF or text), or open a draft made by
`python -m models import-iap`. Nothing counts until a person confirms an action here: it
is then checked with the rules of `python -m models validate` and written into the city's
file through the one write path, models.changes. Needs editing rights (README, "Accounts and editing").
"""

import hashlib
from pathlib import Path

import streamlit as st

from models.changes import EditError, NotAllowed
from models.drafts import (
    DRAFTS_DIR,
    confirm,
    indicator_lines,
    read_city,
    read_draft,
    reviewed_action,
    save_draft,
)
from models.iap import UnreadableDocument, draft_plan, text_of
from models.loader import resolve_data_dir
from models.store import ChangedOnDisk
from ui.access import current_author, editing_enabled, sign_in_widget
from ui.data import load, tables_or_stop
from ui.language import keeps_language
from ui.render import plain
from words.i18n import N_, _, ngettext

DRAFT_KEY = "iap_draft"  # session_state: (what it came from, path of the draft file)
FLASH_KEY = "iap_flash"
PARSED_KEY = (
    "iap_parsed"  # session_state: (digest of the uploaded file, its text, the guessed draft or error)
)
NEW = "__new__"


def parsed(data: bytes, name: str) -> tuple[str, dict | None, str | None]:
    """(text, guessed draft, error) of an uploaded plan, read once per file: every widget on
    this page reruns it, and reading a PDF is the slowest thing it does. Kept for the last
    file of this session only, keyed by a digest of its bytes and its name."""
    digest = hashlib.sha256(data).hexdigest() + name
    kept = st.session_state.get(PARSED_KEY)
    if kept is None or kept[0] != digest:
        text, guessed, error = "", None, None
        try:
            text = text_of(data, name)
            guessed = draft_plan(text, document=name, vocabulary=vocab)
        except UnreadableDocument as problem:
            error = str(problem)
        kept = (digest, text, guessed, error)
        st.session_state[PARSED_KEY] = kept
    return kept[1:]


tables = tables_or_stop()
network = load()[0]
vocab = tables.vocabulary
data_dir = resolve_data_dir()
names = dict(zip(tables.cities["id"], tables.cities["name"], strict=False))

st.title(_("Import a plan"))
st.markdown(
    _(
        "Draft a city's actions from its Integrated Action Plan written to the URBACT template, then check "
        "each action and **confirm** it. Only confirmed actions are written into the city's file and shown "
        "on the other pages; everything read from the document is marked for review."
    )
)
if not editing_enabled():
    sign_in_widget()  # says the dashboard is read-only, and how to change that
    st.stop()
access = sign_in_widget(names)
if not access.granted:
    st.stop()
if flash := st.session_state.pop(FLASH_KEY, None):
    st.success(flash)

# --- 1. the draft: from an upload, or one made by the command line ---------------------------------

drafts_dir = data_dir / DRAFTS_DIR
existing = (
    sorted(p for p in drafts_dir.glob("*.yaml") if access.may_edit(p.stem)) if drafts_dir.is_dir() else []
)
upload_tab, open_tab = st.tabs([_("Upload a plan"), _("Open a draft ({n})").format(n=len(existing))])
with upload_tab:
    upload = st.file_uploader(
        _("The plan, as a PDF or a text file"), type=["pdf", "txt", "md"], key="iap_upload"
    )
    if upload is not None:
        text, guessed, error = parsed(upload.getvalue(), upload.name)
        if error:
            st.error(f"{upload.name}: {error}")
            st.stop()
        choices = sorted(access.within(names), key=lambda c: names.get(c, c))
        if access.everything and guessed["city"] not in names:
            choices.append(guessed["city"])
        default = choices.index(guessed["city"]) if guessed["city"] in choices else 0
        city_id = st.selectbox(
            _("Whose plan is it?"),
            choices,
            index=default,
            format_func=keeps_language(
                lambda c: names[c] if c in names else _("{city} (a new city)").format(city=c)
            ),
            key="iap_city",
        )
        if st.button(_("Draft its actions"), type="primary", key="iap_make"):
            source = next(
                (
                    p.city.iap_document.source
                    for p in network.cities
                    if p.city.id == city_id and p.city.iap_document
                ),
                None,
            )
            draft = draft_plan(text, city_id, source, document=upload.name, vocabulary=vocab)
            path = save_draft(data_dir, draft, author=current_author())
            st.session_state[DRAFT_KEY] = str(path)
            st.session_state[FLASH_KEY] = ngettext(
                "{n} actions drafted into {file}.", "{n} actions drafted into {file}.", len(draft["actions"])
            ).format(n=len(draft["actions"]), file=f"{DRAFTS_DIR}/{path.name}")
            st.rerun()
with open_tab:
    if existing:
        chosen = st.selectbox(_("Draft"), existing, format_func=lambda p: p.name, key="iap_open")
        if st.button(_("Open this draft"), key="iap_open_button"):
            st.session_state[DRAFT_KEY] = str(chosen)
            st.rerun()
    else:
        st.caption(
            _("No draft yet in {folder}/. Make one here or with `python -m models import-iap FILE`.").format(
                folder=DRAFTS_DIR
            )
        )

if DRAFT_KEY not in st.session_state:
    st.stop()

draft_file = Path(st.session_state[DRAFT_KEY])
draft, problem = read_draft(draft_file)
if problem is not None:
    st.error(str(problem))
    st.stop()
city_id = draft["city"]
if not access.may_edit(city_id):
    st.error(_("Your password does not open this city for editing."))
    st.stop()

# --- 2. the city ------------------------------------------------------------------------------------

st.divider()
st.subheader(_("Draft for {city}").format(city=plain(names.get(city_id, draft.get("city_name") or city_id))))
st.caption(
    _("From {document}; kept in {file} (the dashboard does not read it).").format(
        document=plain(draft.get("document")), file=f"{DRAFTS_DIR}/{draft_file.name}"
    )
)
source_ids = sorted(network.sources)
new_city = None
if city_id not in names:
    st.markdown(
        _("**{city} is a new city.** Its file is made when you confirm its first action.").format(
            city=plain(city_id)
        )
    )
    left, middle, right = st.columns(3)
    new_city = {
        "id": city_id,
        "name": left.text_input(_("Name"), value=draft.get("city_name") or "", key="iap_city_name"),
        "country": middle.text_input(_("Country"), key="iap_city_country"),
        "role": right.selectbox(_("Role"), ["partner", "lead_partner"], key="iap_city_role"),
        "sources": st.multiselect(
            _("Sources of the city's facts"),
            source_ids,
            key="iap_city_sources",
            placeholder=_("Choose sources"),
        ),
    }
if draft["source"] not in network.sources:
    st.warning(
        _(
            "The plan's source id '{source}' is not in sources.yaml. Add the document on the "
            "**Edit a plan** page (Sources), or choose another source for each action below."
        ).format(source=draft["source"])
    )

# --- 3. each action: check, change, confirm -------------------------------------------------------------

labels = {
    kind: vocab.labels(kind)
    for kind in ("interventions", "support_levels", "beneficiaries", "funding_sources")
}
city_file = read_city(data_dir, city_id)
in_file = {a.get("id") for a in (city_file.data or {}).get("actions") or [] if isinstance(a, dict)}
confirmed = set(draft.get("confirmed") or [])


for n, entry in enumerate(draft["actions"]):
    action = entry["action"]
    key = f"iap:{city_id}:{n}"
    done = action["id"] in confirmed
    with st.expander(
        ("✅ " if done else "")
        + _("Action {number}: {title}").format(number=plain(action["number"]), title=plain(action["title"])),
        expanded=not done and n == 0,
    ):
        st.warning(
            _("**To check before confirming:**") + "\n" + "\n".join(f"- {plain(r)}" for r in entry["review"])
        )
        found = entry.get("from_the_plan") or {}
        with st.popover(_("What the plan says")):
            for title, part in (
                (N_("Objectives"), "objectives"),
                (N_("Activities"), "activities"),
                (N_("Costs"), "costs"),
            ):
                if found.get(part):
                    st.markdown(f"**{_(title)}**\n" + "\n".join(f"- {plain(x)}" for x in found[part]))
        with st.form(f"{key}:form"):
            title = st.text_input(_("Title"), value=action["title"], key=f"{key}:title")
            description = st.text_area(
                _("Description (in your own words)"), value=action["description"], key=f"{key}:description"
            )
            left, middle, right = st.columns(3)
            interventions = left.multiselect(
                _("Interventions (primary first)"),
                list(labels["interventions"]),
                default=action["interventions"],
                format_func=labels["interventions"].get,
                key=f"{key}:interventions",
                placeholder=_("Choose from the list"),
            )
            level_ids = list(labels["support_levels"])
            level = middle.selectbox(
                _("Support level"),
                level_ids,
                index=level_ids.index(action["support_level"]),
                format_func=labels["support_levels"].get,
                key=f"{key}:level",
            )
            beneficiaries = right.multiselect(
                _("Beneficiaries"),
                list(labels["beneficiaries"]),
                default=action["beneficiaries"],
                format_func=labels["beneficiaries"].get,
                key=f"{key}:beneficiaries",
                placeholder=_("Choose from the list"),
            )
            reason = st.text_area(
                _("Why it sits there on the model"), value=action["model_reason"], key=f"{key}:reason"
            )
            budget = action.get("budget") or {}
            left, right = st.columns(2)
            amount = left.number_input(
                _("Budget in euros (empty = unknown)"),
                min_value=0.0,
                value=float(budget["amount_eur"]) if budget else None,
                step=100.0,
                key=f"{key}:amount",
            )
            funding = right.multiselect(
                _("Funding sources"),
                list(labels["funding_sources"]),
                default=budget.get("funding_sources") or [],
                format_func=labels["funding_sources"].get,
                key=f"{key}:funding",
                placeholder=_("Choose from the list"),
            )
            lead = st.text_input(_("Lead"), value=action.get("lead") or "", key=f"{key}:lead")
            partners = st.text_area(
                _("Partners (one a line)"), value="\n".join(action["partners"]), key=f"{key}:partners"
            )
            indicators = st.text_area(
                _("Indicators (one a line, 'indicator: target')"),
                value=indicator_lines(action["indicators"]),
                key=f"{key}:indicators",
            )
            default_sources = [s for s in action["sources"] if s in network.sources]
            sources = st.multiselect(
                _("Sources"),
                source_ids,
                default=default_sources,
                key=f"{key}:sources",
                placeholder=_("Choose sources"),
            )
            replace = True
            if action["id"] in in_file:
                replace = st.checkbox(
                    _("{action} is already in the city's file: replace it with this version").format(
                        action=action["id"]
                    ),
                    key=f"{key}:replace",
                )
            submitted = st.form_submit_button(_("Confirm this action"), type="primary")
        if submitted:
            if not replace:
                st.error(
                    _("Nothing was saved: tick the box to replace {action}, or leave this action.").format(
                        action=action["id"]
                    )
                )
                st.stop()
            checked = reviewed_action(
                action,
                title=title,
                description=description,
                interventions=interventions,
                support_level=level,
                beneficiaries=beneficiaries,
                model_reason=reason,
                amount=amount,
                funding=funding,
                lead=lead,
                partners=partners,
                indicators=indicators,
                sources=sources,
            )
            try:
                problems = confirm(
                    data_dir,
                    read_city(data_dir, city_id),
                    [checked],
                    new_city,
                    draft=(draft_file, draft),
                    author=current_author(),
                )
            except (ChangedOnDisk, NotAllowed, EditError) as error:
                st.error(str(error))
                st.stop()
            if problems:
                st.error(
                    ngettext(
                        "Not saved: {n} problem(s) to fix first.",
                        "Not saved: {n} problem(s) to fix first.",
                        len(problems),
                    ).format(n=len(problems))
                )
                st.code("\n".join(problems), language=None, wrap_lines=True)
            else:
                st.session_state[FLASH_KEY] = _("{action} confirmed and written into {file}.").format(
                    action=action["id"], file=f"cities/{city_id}.yaml"
                )
                st.rerun()

left = len(draft["actions"]) - len(confirmed & {e["action"]["id"] for e in draft["actions"]})
st.caption(
    ngettext(
        "{n} of {total} actions confirmed.",
        "{n} of {total} actions confirmed.",
        len(draft["actions"]) - left,  # the form agrees with the number confirmed
    ).format(n=len(draft["actions"]) - left, total=len(draft["actions"]))
)
