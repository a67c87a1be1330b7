"""Once per server process: finish a change a crash interrupted, and bring in the backup's
commits when a remote is configured (models.history), before any page reads the data."""

from __future__ import annotations

import logging

import streamlit as st

from models import changes, history
from models.loader import resolve_data_dir
from words.i18n import _

log = logging.getLogger(__name__)


# What went wrong at start, kept once per server process as (what, the backup's own message);
# put in words by start(), in the language of whoever opens a page.
_UNSYNCED = "unsynced"
_NO_BACKUP = "no_backup"


@st.cache_resource(show_spinner=False)
def _started(data_dir: str) -> tuple[str, str] | None:
    try:
        changes.recover(data_dir)
        synced = history.pull_on_start(data_dir)
    except Exception as error:  # the dashboard still shows the data it has
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


def start() -> str | None:
    """A note for the Lead Expert when the start did not go as it should (None when it did)."""
    outcome = _started(str(resolve_data_dir()))
    if outcome is None:
        return None
    what, message = outcome
    if what == _UNSYNCED:
        return _(
            "The data's history could not be brought up to date at start; the data shown is as saved here."
        )
    return _("The backup could not be brought in at start: {message}").format(message=message)
