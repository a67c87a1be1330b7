"""Edit a plan: a city's profile and actions, checked and saved safely, with its history.

Read-only unless signed in (README, "Accounts and editing"). Every save goes through the one
write path (workspace.changes): checked with the rules of `python -m models validate`, written
whole or not at all, refused when the file changed since it was opened, and recorded as one
commit of the data's history with the name of the person who saved.
"""

import streamlit as st

from models.fields import duplicates
from models.form_words import typed_values
from models.loader import resolve_data_dir
from models.vocabulary import ACTION_KIND_LABELS
from ui import edit_forms as forms
from ui import editing as ed
from ui import saving
from ui.access import config as editing_config
from ui.access import current_author, editable_cities, editing_enabled, sign_in_widget
from ui.data import load, tables_or_stop
from ui.language import keeps_language
from ui.render import plain
from words import moment, parts
from words.i18n import _, ngettext, pgettext
from workspace import (
    REFUSED,
    EditError,
    HistoryError,
    create_city,
    describe_changes,
    new_action,
    restore_version,
    save_city,
    slug,
    unknown_cities,
)
from workspace import add_source as add_source_to_file

NEW_CITY_FIELDS = (
    "edit_city_name",
    "edit_city_country",
    "edit_city_id",
    "edit_city_role",
    "edit_city_sources",
)
# "id: title", the colon the language's way (French puts a no-break space before it).
LABELLED = pgettext("a label and its text", "{label}: {text}")
NEW_SOURCE_FIELDS = ("edit_source_title", "edit_source_address", "edit_source_publisher", "edit_source_id")


def clear_form(keys) -> None:
    """Empty a form's fields (before they are drawn)."""
    for key in keys:
        st.session_state.pop(key, None)


def configured_elsewhere(settings, names) -> list[str]:
    return [
        _("a password is set for '{city}', which is not a city in the data (a mistyped id?)").format(
            city=city
        )
        for city in unknown_cities(settings, names)
    ]


tables = tables_or_stop()
network = load()[0]
vocab = tables.vocabulary
data_dir = resolve_data_dir()
names = tables.city_names()

st.title(_("Edit a plan"))
if not editing_enabled():
    sign_in_widget()  # says that the dashboard is read-only, and how to change that
    st.stop()
st.markdown(
    _(
        "Change a city's profile and actions, then **Save**. A save is checked first with the same rules as "
        "`python -m models validate`; every save is kept in the data's history with your name, and an "
        "earlier version can be restored under **History**."
    )
)
access = sign_in_widget(names)
if not access.granted:
    # Signed in a moment ago (a revoked account, a session ended) with changes typed: keep them.
    typed = [
        line
        for (folder, _city), draft in ed.drafts().items()
        if folder == str(data_dir) and draft.changed
        for line in typed_values(draft.opened.data, draft.data)
    ]
    if typed:
        saving.keep_typed(typed)
    st.stop()
if access.everything:  # only the Lead Expert sees how editing is configured
    settings = editing_config()
    for problem in [*settings.problems, *configured_elsewhere(settings, names)]:
        st.warning(_("Editing is not set up correctly: {problem}").format(problem=plain(problem)))

cities = sorted(editable_cities(tables), key=lambda c: names.get(c, c))
if not cities:
    st.info(
        _("None of the cities you may edit has a file that loads. The Overview lists the problems found.")
    )
    st.stop()
if (created := st.session_state.pop("edit_city_created", None)) in cities:
    st.session_state["edit_city"] = created  # before the list is drawn: show the city just added
    clear_form(NEW_CITY_FIELDS)
city = st.selectbox(_("City"), cities, format_func=lambda c: names.get(c, c), key="edit_city")
if access.everything:
    with st.expander(_("Add a city (Lead Expert)")), st.form("edit_new_city", border=False):
        c1, c2, c3, c4 = st.columns([2, 2, 2, 2])
        new_name = c1.text_input(_("Name"), key="edit_city_name")
        new_country = c2.text_input(_("Country"), key="edit_city_country")
        new_id = c3.text_input(_("Id (empty: made from the name)"), key="edit_city_id")
        new_role = c4.selectbox(
            _("Role"),
            ["partner", "lead_partner"],  # most cities are partners
            key="edit_city_role",
            format_func=keeps_language(lambda role: _(forms.ROLES[role])),
        )
        new_sources = st.multiselect(
            _("Sources of its first facts"),
            list(network.sources),
            key="edit_city_sources",
            placeholder=_("Choose sources"),
            format_func=lambda sid: LABELLED.format(label=sid, text=network.sources[sid].title),
        )
        if st.form_submit_button(_("Add the city")):
            added = saving.attempt(
                lambda: create_city(
                    data_dir,
                    {
                        "id": new_id.strip() or slug(new_name),
                        "name": new_name,
                        "country": new_country,
                        "role": new_role,
                        "sources": new_sources,
                    },
                    network.problems,
                    author=current_author(),
                )
            )
            if added is not None:
                opened, seen = added
                st.session_state["edit_city_created"] = opened.city_id  # the form is emptied then
                saving.saved(_("Added {city}: now enter its plan below.").format(city=new_name), seen)
                st.rerun()
try:
    draft = ed.draft_for(data_dir, city)
except EditError as error:
    st.error(str(error))
    st.stop()

saving.show_saved()
START_AGAIN = _("Start again from the saved file")


def titles() -> dict[str, str]:
    """The actions' titles as typed, to name them in a refusal."""
    return {str(a.get("id")): str(a.get("title") or a.get("id")) for a in draft.actions}


def saved(opened, seen, message: str) -> None:
    ed.reopen(data_dir, city, opened)
    saving.saved(message, seen)
    st.rerun()


# --- save bar --------------------------------------------------------------------------------

changes = describe_changes(draft.opened.data, draft.data, vocab)
bar = st.container(border=True)
if changes:
    bar.warning(_("**Unsaved changes**: {changes}").format(changes=plain(parts(changes))))
    if draft.repaired:
        bar.caption(
            _(
                "Some values in the file were written in another form and have been put in the form the "
                "data needs (check them, then save): {values}"
            ).format(values=plain(parts(draft.repaired)))
        )
else:
    bar.caption(_("No unsaved changes: this is {city} as saved.").format(city=plain(names.get(city, city))))
for first, second in duplicates(draft.actions):  # an action entered twice, said before it is saved
    bar.warning(
        _(
            "Actions {first} and {second} are the same in every field but their id: remove one if it was "
            "entered twice."
        ).format(first=first, second=second)
    )
if draft.changed and draft.stale:
    bar.error(
        _(
            "Someone else saved {city} after you opened it, so Save will be refused. "
            "Note your changes, press 'Start again from the saved file', and make them again."
        ).format(city=names.get(city, city))
    )
left, middle = bar.columns([1, 2, 3])[:2]
if left.button(_("Save"), type="primary", disabled=not changes, key="edit_save"):
    if not access.may_edit(city):  # the list of cities already says so; checked again where it matters
        st.error(_(REFUSED))
        st.stop()
    done = saving.attempt(
        lambda: save_city(data_dir, draft.opened, draft.data, network.problems, author=current_author()),
        action_titles=titles(),
        again=START_AGAIN,
    )
    if done is not None:
        saved(*done, _("Saved {city}: {changes}.").format(city=names.get(city, city), changes=parts(changes)))
with middle.popover(START_AGAIN):
    st.markdown(_("Drop every unsaved change to this city and read its file again, as it is now?"))
    st.button(_("Drop my changes"), key="edit_discard", on_click=ed.reopen, args=(data_dir, city))

sources = {sid: LABELLED.format(label=sid, text=s.title) for sid, s in network.sources.items()}
own_sources = [s for s in draft.data.get("sources") or [] if isinstance(s, str)]
first_source = {"source": own_sources[0]} if own_sources else {}

# Keyed and tracked, so a rerun (a save, a message above) stays on the tab the person was on.
profile_tab, actions_tab, sources_tab, history_tab = st.tabs(
    [_("Profile"), _("Actions"), _("Add a source"), _("History")], key="edit_tab", on_change="rerun"
)

# --- profile ---------------------------------------------------------------------------------

with profile_tab:
    forms.profile_form(draft, vocab, sources, first_source)

# --- actions ---------------------------------------------------------------------------------


def add_action() -> None:
    action = new_action(
        city, [a.get("id") for a in draft.actions] + [a.id for _city, a in network.all_actions()], own_sources
    )
    st.session_state[draft.key("chosen")] = draft.add_action(action)


def action_label(uid: int) -> str:
    action = draft.action(uid) or {}
    number = f"{action.get('number')}. " if action.get("number") else ""
    kind = _(ACTION_KIND_LABELS[action.get("kind")]) if action.get("kind") in ACTION_KIND_LABELS else "?"
    title = action.get("title") or _("(no title yet)")
    # "no id" outside the f-string: Babel reads no _() inside one, so it would miss the catalog.
    uid_text = action.get("id") or _("no id")
    return f"{number}{title} - {kind} ({uid_text})"


with actions_tab:
    top_left, top_right = st.columns([4, 1], vertical_alignment="bottom")
    uid = top_left.selectbox(
        ngettext("Action ({n} in this plan)", "Action ({n} in this plan)", len(draft.actions)).format(
            n=len(draft.actions)
        ),
        draft.uids,
        format_func=action_label,
        key=draft.key("chosen"),
    )
    top_right.button(_("Add an action"), key="edit_add_action", on_click=add_action, width="stretch")
    if uid is None:
        st.info(_("This city has no action yet: press 'Add an action'."))
    else:
        forms.action_form(draft, uid, vocab, sources, first_source)

# --- a new source document -------------------------------------------------------------------

if st.session_state.pop("edit_source_added", False):
    clear_form(NEW_SOURCE_FIELDS)  # kept when refused, so the input can be corrected; emptied once added
with sources_tab, st.form("edit_new_source", clear_on_submit=False):
    st.markdown(_("A document the plan's facts come from, to choose it in the lists of sources."))
    title = st.text_input(_("Title"), key="edit_source_title")
    address = st.text_input(_("Web address (empty if it has none)"), key="edit_source_address")
    publisher = st.text_input(_("Publisher"), key="edit_source_publisher")
    source_id = st.text_input(_("Id (empty: made from the title)"), key="edit_source_id")
    if st.form_submit_button(_("Add the source")):
        added = saving.attempt(
            lambda: add_source_to_file(
                data_dir,
                {
                    "id": source_id.strip() or slug(title),
                    "title": title,
                    "address": address.strip() or None,
                    "publisher": publisher,
                },
                network.problems,
                author=current_author(),
            )
        )
        if added is not None:
            source, seen = added
            saving.saved(_("Source '{source}' added: it can now be chosen.").format(source=source), seen)
            st.session_state["edit_source_added"] = True
            st.rerun()

# --- history ---------------------------------------------------------------------------------

with history_tab:
    try:
        entries = ed.history_of(data_dir, draft)
    except HistoryError:
        entries = None
        st.warning(
            _(
                "The data's history (the folder .git in the data folder) is damaged and cannot be read: "
                "the data is shown as it is, with an unknown date, and saves are refused until whoever "
                "runs the server restores that folder from a backup or moves it aside."
            )
        )
    if entries == []:
        st.info(
            _(
                "No save of this file is in the data's history yet: the history starts with the first save here."
            )
        )
    elif entries:
        st.caption(
            _("Every save of this city's file, newest first. The History page compares any two versions.")
        )
    if changes and entries:
        st.caption(_("Save or drop your unsaved changes before restoring an earlier version."))
    for number, entry in enumerate(entries):
        when = moment(entry.entry.when)
        with st.container(border=True):
            st.markdown(f"**{plain(entry.entry.author)}**, {when}: " + plain(entry.entry.message))
            with st.expander(_("Lines changed")):
                st.code(entry.diff or _("(no difference)"), language="diff")
            if number == 0:
                st.caption(_("This is the version saved now."))
                continue
            if st.button(_("Restore this version"), key=f"edit_restore_{number}", disabled=bool(changes)):
                done = saving.attempt(
                    lambda entry=entry: restore_version(
                        data_dir, draft.opened, entry.commit, network.problems, author=current_author()
                    ),
                    again=START_AGAIN,
                )
                if done is not None:
                    saved(
                        *done,
                        _("Restored {city} as it was saved on {when}.").format(
                            city=names.get(city, city), when=when
                        ),
                    )
