"""Once per server process: finish a change a crash interrupted, and bring in the backup's
commits when a remote is configured (workspace.history), before any page reads the data."""

from __future__ import annotations

import datetime as dt
import logging

import streamlit as st

from models.loader import resolve_data_dir
from words import moment
from words.i18n import _, in_language
from workspace import changes, history, store

log = logging.getLogger(__name__)


# What went wrong at start, kept once per server process as (what, the backup's own message);
# put in words by start(), in the language of whoever opens a page.
_UNSYNCED = "unsynced"
_NO_BACKUP = "no_backup"


@st.cache_resource(show_spinner=False)
def _started(data_dir: str) -> tuple[str, str] | None:
    try:
        recovered = changes.recover(data_dir)
        if recovered is not None:  # said on the pages by start()
            _RECOVERED.setdefault(data_dir, []).append(recovered)
        synced = history.pull_on_start(data_dir)
    except Exception as error:  # noqa: BLE001 - the dashboard still shows the data it has, and says so
        log.warning("The data's history could not be brought up to date: %s", error)
        return (_UNSYNCED, "")
    if synced is not None:
        log.info("Backup remote at start: %s", synced.message)
        if not synced.ok:
            return (_NO_BACKUP, synced.message)
    return None


def prepare() -> None:
    """The same, from the server's lifespan before the warm-up: a fresh disk is filled from the
    backup before the first data is read (the first page then finds it done)."""
    _started(str(resolve_data_dir()))


# Saves a crash interrupted that this server process finished, by data folder: said on every
# page from then on (the person who saved may open any page first).
_RECOVERED: dict[str, list[store.Recovered]] = {}


def _recovered_words(recovered: store.Recovered) -> str:
    note = recovered.note
    try:
        when = dt.datetime.fromisoformat(note["when"])
        at = moment(when)  # "7 December 2026, 14:02 UTC", the language's way
    except (KeyError, TypeError, ValueError):
        at = _("an unknown time")
    who = str(note.get("author", "")).split("<", 1)[0].strip() or _("someone")
    what = str(note.get("message", ""))[:120]
    if recovered.outcome == "completed":
        said = _("A save of {when} by {who} ({what}) was interrupted; it was completed after a restart.")
    else:
        said = _(
            "A save of {when} by {who} ({what}) was interrupted while it was being undone; it was undone "
            "after a restart: the data is as it was before it."
        )
    return said.format(when=at, who=who, what=what)


def _finish_interrupted(data_dir) -> list[str]:
    """Finish a save a crash interrupted before this run reads the data (one look for its
    journal); the words for every one finished in this server process."""
    key = str(data_dir)
    try:
        recovered = changes.recover(data_dir)
    except Exception as error:  # noqa: BLE001 - logged; the page still shows the data it has
        log.error("An interrupted save could not be finished: %r", error)
        recovered = None
    if recovered is not None:
        _RECOVERED.setdefault(key, []).append(recovered)
    return [_recovered_words(r) for r in _RECOVERED.get(key, [])]


def start() -> str | None:
    """A note for the Lead Expert when the start did not go as it should, or when a save a
    crash interrupted was finished (None when all is well)."""
    data_dir = resolve_data_dir()
    outcome = _started(str(data_dir))
    notes = _finish_interrupted(data_dir)
    # Looked at on every run (a quick read of HEAD): a history damaged while the server runs
    # is said where the stamp's date would be, and every page goes on showing the data.
    if history.damage(data_dir):
        notes.append(
            _(
                "The data's history (the folder .git in the data folder) is damaged and cannot be read: "
                "the data is shown as it is, with an unknown date, and saves are refused until whoever "
                "runs the server restores that folder from a backup or moves it aside."
            )
        )
    if outcome is not None:
        what, message = outcome
        if what == _UNSYNCED:
            notes.append(
                _(
                    "The data's history could not be brought up to date at start; the data shown is as saved here."
                )
            )
        else:
            notes.append(
                _("The backup could not be brought in at start: {message}").format(
                    message=in_language(message)
                )
            )
    return " ".join(notes) or None
