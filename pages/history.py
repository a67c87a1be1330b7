"""History: every save of a city's data (who, when, what), the change between any two
versions, and a restore of one as a new save. Reading is workspace.history's; a restore goes
through the one write path (workspace.changes) like any save."""

import streamlit as st
from babel.dates import format_datetime

from models.loader import resolve_data_dir
from ui import saving
from ui.access import current_access, current_author, sign_in_widget
from ui.data import load, tables_or_stop
from ui.language import keeps_language
from ui.render import plain
from words import moment
from words.i18n import SOURCE_LANGUAGE, _, language, locale, ngettext, pgettext
from workspace import (
    PER_CITY_FOLDERS,
    HistoryEntry,
    HistoryError,
    file_at_commit,
    history_diff,
    history_log,
    restore_files,
)

ALL = "__all__"

tables = tables_or_stop()
network = load()[0]
data_dir = resolve_data_dir()
names = tables.city_names()

st.title(_("History"))
st.markdown(
    _(
        "Every change saved to the data, with who made it and when. Choose a city to see its changes, "
        "compare two versions, or restore an earlier version (that is saved as a new change; nothing is lost)."
    )
)
if language() != SOURCE_LANGUAGE:
    # The history is one record for every reader: its descriptions are written once, in English.
    st.caption(_("The descriptions of the changes are kept in English, as they were recorded."))
saving.show_saved()

city = st.selectbox(
    _("City"),
    [ALL, *sorted(names, key=names.get)],
    format_func=keeps_language(lambda c: _("Every city and file") if c == ALL else names.get(c, c)),
    key="history_city",
)
files = None if city == ALL else [f"{folder}/{city}.yaml" for folder in PER_CITY_FOLDERS]
try:
    entries = history_log(data_dir, files, limit=200)
except HistoryError:
    st.warning(
        _(
            "The data's history (the folder .git in the data folder) is damaged and cannot be read: "
            "the data is shown as it is, with an unknown date, and saves are refused until whoever "
            "runs the server restores that folder from a backup or moves it aside."
        )
    )
    st.stop()
if not entries:
    st.info(_("Nothing has been saved in the app yet: the history starts with the first save."))
    st.stop()


def stamp(when, comma: bool = False) -> str:
    """'05 Mar 2026 14:07' (with a comma before the time if asked); month names in the
    language in use (strftime's are English whatever the language)."""
    if language() == SOURCE_LANGUAGE:
        return f"{when:%d %b %Y, %H:%M}" if comma else f"{when:%d %b %Y %H:%M}"
    return format_datetime(when, "dd MMM yyyy, HH:mm" if comma else "dd MMM yyyy HH:mm", locale=locale())


def label(entry: HistoryEntry) -> str:
    said = pgettext("a label and its text", "{label}: {text}").format(
        label=entry.author, text=entry.message[:90]
    )
    return f"{stamp(entry.when)} UTC – {said}"


SHOWN = 30
for entry in entries[:SHOWN]:
    which = (
        ", ".join(entry.files)
        if len(entry.files) <= 3
        else ngettext("{n} file", "{n} files", len(entry.files)).format(n=len(entry.files))
    )
    st.markdown(
        f"**{stamp(entry.when, comma=True)} UTC** · **{plain(entry.author)}** · {plain(entry.message)}  \n"
        f":gray[{plain(which)}]"
    )
if len(entries) > SHOWN:
    st.caption(
        ngettext(
            "{n} earlier change is in the lists below.",
            "{n} earlier changes are in the lists below.",
            len(entries) - SHOWN,
        ).format(n=len(entries) - SHOWN)
    )

by_id = {e.commit: e for e in entries}
ids = [e.commit for e in entries]
st.subheader(_("Compare two versions"))
# The code block's own colours for a diff (grey kept lines, light red removed ones) read at
# 2-3:1 on its grey ground; WCAG AA asks 4.5:1 (found by axe-core, tests/test_venue_browser.py).
st.html(
    "<style>pre code.language-diff .token.line.unchanged { color: #505259; }"
    " pre code.language-diff .token.line.deleted { color: #A1231B; }"
    " pre code.language-diff .token.line.inserted { color: #17692C; }</style>"
)
left, right = st.columns(2)
older = left.selectbox(
    _("Earlier version"),
    ids,
    index=min(1, len(ids) - 1),
    format_func=keeps_language(lambda i: label(by_id[i])),
    key="history_older",
)
newer = right.selectbox(
    _("Later version"),
    ids,
    index=0,
    format_func=keeps_language(lambda i: label(by_id[i])),
    key="history_newer",
)
touched = sorted(
    {
        f
        for e in entries[ids.index(newer) : ids.index(older) + 1]
        for f in e.files
        if files is None or f in files
    }
)
if older == newer:
    st.caption(_("Choose two different versions to see what changed between them."))
else:
    text = history_diff(data_dir, older, newer, touched)
    st.code(text or _("(no difference in these files)"), language="diff")

st.subheader(_("Restore a version"))
if city == ALL:
    st.caption(_("Choose a city above to restore one of its versions."))
    st.stop()
access = current_access()
if not access.may_edit(city):
    st.caption(
        _("Sign in with an account that edits {city} to restore a version.").format(
            city=names.get(city, city)
        )
    )
    sign_in_widget(names)
    st.stop()
chosen = st.selectbox(
    _("The version to restore (the files as this save left them)"),
    ids[1:] if len(ids) > 1 else ids,
    format_func=keeps_language(lambda i: label(by_id[i])),
    key="history_restore_choice",
)
if st.button(_("Restore this version"), type="primary", key="history_restore"):
    paths = [f for f in files if file_at_commit(data_dir, chosen, f) is not None or (data_dir / f).exists()]
    done = saving.attempt(
        lambda: restore_files(
            data_dir, chosen, paths, current_author(), names.get(city, city), network.problems
        )
    )
    if done is not None:
        when = moment(by_id[chosen].when)
        if done[0].commit is None:
            message = _("{city} is already as it was on {when}.").format(
                city=names.get(city, city), when=when
            )
        else:
            message = _("{city} is back as it was on {when} (saved as a new change).").format(
                city=names.get(city, city), when=when
            )
        saving.saved(message, done[1])
        st.rerun()
