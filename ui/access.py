"""Who may edit, in the app: the editing configuration, a sign-in form, the cities opened.

The configuration is read from Streamlit secrets and the environment on every rerun (so
changing it needs no restart) and handed to models.access as plain dicts. A sign-in keeps
only what it grants in session_state, together with a fingerprint of the configuration:
when the passwords change, everyone signed in with the old ones is signed out.
"""

from __future__ import annotations

import hashlib
import os
import time

import streamlit as st

from insights.frames import Tables
from models.access import NO_ACCESS, READ_ONLY, REFUSED, Access, EditingConfig, editing_config

ACCESS_KEY = "edit_access"  # session_state: (configuration fingerprint, Access)
PASSWORD_KEY = "edit_password"
REFUSED_KEY = "edit_refused"
REFUSAL_PAUSE_S = 0.5  # slows guessing a little; the message never says what was wrong


def _secrets() -> dict:
    try:
        if not st.secrets.load_if_toml_exists():
            return {}
        return st.secrets.to_dict()
    except Exception:  # an unreadable secrets file: editing stays off rather than the page failing
        return {}


def config() -> EditingConfig:
    return editing_config(_secrets(), dict(os.environ))


def _fingerprint(cfg: EditingConfig) -> str:
    parts = [cfg.lead_digest or b""] + [city.encode() + b"=" + d for city, d in cfg.city_digests.items()]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def editing_enabled() -> bool:
    """Whether editing is switched on at all (by secrets or environment)."""
    return config().enabled


def current_access() -> Access:
    """What this session may edit (NO_ACCESS when read-only or not signed in)."""
    cfg = config()
    if not cfg.enabled:
        return NO_ACCESS
    kept = st.session_state.get(ACCESS_KEY)
    if not kept or kept[0] != _fingerprint(cfg):
        return NO_ACCESS
    return kept[1]


def editable_cities(tables: Tables) -> set[str]:
    """Ids of the cities this session may edit among those loaded (empty when read-only)."""
    return current_access().within(tables.cities["id"].tolist())


def sign_out() -> None:
    st.session_state.pop(ACCESS_KEY, None)


def _submit() -> None:
    password = st.session_state.get(PASSWORD_KEY) or ""
    st.session_state[PASSWORD_KEY] = ""  # the password is not kept, not even in the widget
    cfg = config()
    access = cfg.sign_in(password)
    if access.granted:
        st.session_state[ACCESS_KEY] = (_fingerprint(cfg), access)
        st.session_state.pop(REFUSED_KEY, None)
    else:
        sign_out()
        time.sleep(REFUSAL_PAUSE_S)
        st.session_state[REFUSED_KEY] = True


def sign_in_widget(city_names: dict[str, str] | None = None) -> Access:
    """A password field to sign in (or a note when read-only, or who is signed in and a
    button to sign out). Returns what this session may edit."""
    cfg = config()
    if not cfg.enabled:
        st.info(READ_ONLY)
        return NO_ACCESS
    access = current_access()
    if access.granted:
        names = city_names or {}
        if access.everything:
            st.success("Signed in as the Lead Expert: you can edit every city.")
        else:
            shown = ", ".join(sorted(names.get(c, c) for c in access.cities))
            st.success(f"Signed in: you can edit {shown}.")
        st.button("Sign out", key="edit_sign_out", on_click=sign_out)
        return access
    with st.form("edit_sign_in", clear_on_submit=True, enter_to_submit=True):
        st.text_input(
            "Password",
            type="password",
            key=PASSWORD_KEY,
            help="The Lead Expert's password edits every city; a city's own password edits that city.",
        )
        st.form_submit_button("Sign in to edit", on_click=_submit)
    if st.session_state.get(REFUSED_KEY):
        st.error(REFUSED)
    return NO_ACCESS
