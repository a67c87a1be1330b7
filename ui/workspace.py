"""Once per server process: finish a change a crash interrupted, and bring in the backup's
commits when a remote is configured (models.history), before any page reads the data."""

from __future__ import annotations

import logging

import streamlit as st

from models import changes, history
from models.loader import resolve_data_dir

log = logging.getLogger(__name__)


@st.cache_resource(show_spinner=False)
def _started(data_dir: str) -> str | None:
    try:
        changes.recover(data_dir)
        synced = history.pull_on_start(data_dir)
    except Exception as error:  # the dashboard still shows the data it has
        log.warning("The data's history could not be brought up to date: %s", error)
        return "The data's history could not be brought up to date at start; the data shown is as saved here."
    if synced is not None:
        log.info("Backup remote at start: %s", synced.message)
        if not synced.ok:
            return "The backup could not be brought in at start: " + synced.message
    return None


def start() -> str | None:
    """A note for the Lead Expert when the start did not go as it should (None when it did)."""
    return _started(str(resolve_data_dir()))
