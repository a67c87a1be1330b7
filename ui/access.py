"""Who may edit, in the app: sign in with a name and password, stay signed in across a reload.

Accounts live in the credentials file (models.accounts); the Lead Expert manages them in the
Accounts page. A sign-in keeps, in session_state and in a cookie, only a signed, expiring
token that names the account (never the password); it is checked against the credentials
file on every rerun, so a revoked account or a reset password ends its sign-ins at once.

The cookie is written by a few lines of JavaScript in a Streamlit component (st.components.v2,
which runs in the app's own page) and read back by st.context.cookies when a new session
starts (a reload, a new tab).

The old shared passwords (IAP_EDIT_PASSWORD, IAP_CITY_PASSWORDS, or [editing] in secrets;
models.access) still open editing, for this session only, by leaving the name empty;
`python -m models accounts migrate-env` turns them into accounts.
"""

from __future__ import annotations

import hashlib
import os
import time

import streamlit as st

from analysis.frames import Tables
from models import accounts
from models.access import NO_ACCESS, READ_ONLY, REFUSED, Access, EditingConfig, editing_config
from models.changes import Author
from words.i18n import _

COOKIE = "iap_sign_in"
TOKEN_KEY = "account_token"  # session_state: the signed token of the account signed in
COOKIE_PENDING_KEY = "account_cookie_pending"  # a token to write into the cookie ("" clears it)
SIGNED_OUT_KEY = "account_signed_out"  # set on sign-out: the cookie of this page is not read again
ACCESS_KEY = "edit_access"  # session_state: (configuration fingerprint, Access), old shared passwords
NAME_KEY = "edit_name"
PASSWORD_KEY = "edit_password"
REFUSED_KEY = "edit_refused"
REFUSAL_PAUSE_S = 0.5  # slows guessing a little; the message never says what was wrong

_COOKIE_JS = """
export default function (component) {
  const { data } = component;
  if (!data || !data.name) return;
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${data.name}=${data.value}; Path=/; Max-Age=${data.max_age}; SameSite=Strict${secure}`;
}
"""
_cookie_writer = st.components.v2.component("iap_sign_in_cookie", js=_COOKIE_JS)


def _secrets() -> dict:
    try:
        if not st.secrets.load_if_toml_exists():
            return {}
        return st.secrets.to_dict()
    except Exception:  # an unreadable secrets file: the old passwords stay off rather than the page failing
        return {}


def config() -> EditingConfig:
    """The old shared passwords (environment or secrets)."""
    return editing_config(_secrets(), dict(os.environ))


def _fingerprint(cfg: EditingConfig) -> str:
    parts = [cfg.lead_digest or b""] + [city.encode() + b"=" + d for city, d in cfg.city_digests.items()]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def editing_enabled() -> bool:
    """Whether anyone can sign in to edit (accounts exist, or an old shared password is set)."""
    return accounts.any_accounts() or config().enabled


# --- the account signed in -----------------------------------------------------------------------


def current_account() -> accounts.Account | None:
    """The account this session is signed in as, checked against the credentials file now."""
    token = st.session_state.get(TOKEN_KEY)
    if token is None and not st.session_state.get(SIGNED_OUT_KEY):
        try:
            token = st.context.cookies.get(COOKIE)
        except Exception:  # no browser behind this session (tests)
            token = None
    account = accounts.account_from_token(token)
    if account is None:
        st.session_state.pop(TOKEN_KEY, None)
        return None
    st.session_state[TOKEN_KEY] = token
    return account


def _legacy_access() -> Access:
    cfg = config()
    if not cfg.enabled:
        return NO_ACCESS
    kept = st.session_state.get(ACCESS_KEY)
    if not kept or kept[0] != _fingerprint(cfg):
        return NO_ACCESS
    return kept[1]


def current_access() -> Access:
    """What this session may edit (NO_ACCESS when not signed in)."""
    account = current_account()
    if account is not None:
        return Access(everything=account.lead, cities=frozenset(account.cities))
    return _legacy_access()


def current_author() -> Author | None:
    """Who is making a change, for the history (None when not signed in)."""
    account = current_account()
    if account is not None:
        return Author(account.name, account.id)
    access = _legacy_access()
    if access.granted:
        # Written into the data's history, which is in English whatever the interface's language.
        who = "Lead Expert" if access.everything else ", ".join(sorted(access.cities)) + " team"
        return Author(f"{who} (shared password)")
    return None


def editable_cities(tables: Tables) -> set[str]:
    """Ids of the cities this session may edit among those loaded (empty when read-only)."""
    return current_access().within(tables.cities["id"].tolist())


def is_lead() -> bool:
    account = current_account()
    return account is not None and account.lead


# --- signing in and out --------------------------------------------------------------------------


def sign_out() -> None:
    st.session_state.pop(TOKEN_KEY, None)
    st.session_state.pop(ACCESS_KEY, None)
    st.session_state[SIGNED_OUT_KEY] = True
    st.session_state[COOKIE_PENDING_KEY] = ""


def _submit() -> None:
    name = (st.session_state.get(NAME_KEY) or "").strip()
    password = st.session_state.get(PASSWORD_KEY) or ""
    st.session_state[PASSWORD_KEY] = ""  # the password is not kept, not even in the widget
    st.session_state.pop(REFUSED_KEY, None)
    if not name:  # the old shared passwords
        cfg = config()
        access = cfg.sign_in(password) if cfg.enabled else NO_ACCESS
        if access.granted:
            st.session_state[ACCESS_KEY] = (_fingerprint(cfg), access)
            return
        time.sleep(REFUSAL_PAUSE_S)
        st.session_state[REFUSED_KEY] = REFUSED if cfg.enabled else accounts.REFUSED
        return
    try:
        account = accounts.sign_in(name, password)
    except accounts.Throttled as wait:
        st.session_state[REFUSED_KEY] = str(wait)
        return
    if account is None:
        time.sleep(REFUSAL_PAUSE_S)
        st.session_state[REFUSED_KEY] = accounts.REFUSED
        return
    token = accounts.token_for(account)
    st.session_state[TOKEN_KEY] = token
    st.session_state[COOKIE_PENDING_KEY] = token
    st.session_state.pop(SIGNED_OUT_KEY, None)


def write_pending_cookie() -> None:
    """Write (or clear) the sign-in cookie in the browser when a sign-in or sign-out asked to."""
    pending = st.session_state.pop(COOKIE_PENDING_KEY, None)
    if pending is None:
        return
    _cookie_writer(
        data={
            "name": COOKIE,
            "value": pending,
            "max_age": accounts.SIGN_IN_DAYS * 86400 if pending else 0,
        },
        key=f"cookie_{hashlib.sha256(pending.encode()).hexdigest()[:12]}",
    )


def who_is_signed_in(city_names: dict[str, str] | None = None) -> str | None:
    """'Signed in as Anna Lead (Lead Expert)', or None."""
    account = current_account()
    names = city_names or {}
    if account is not None:
        role = _("Lead Expert") if account.lead else ", ".join(names.get(c, c) for c in account.cities)
        return _("Signed in as {name} ({role})").format(name=account.name, role=role)
    access = _legacy_access()
    if access.granted:
        if access.everything:
            return _("Signed in as the Lead Expert (shared password)")
        return _("Signed in with a shared password: {cities}").format(
            cities=", ".join(sorted(names.get(c, c) for c in access.cities))
        )
    return None


def sidebar_account(city_names: dict[str, str] | None = None) -> None:
    """In the sidebar of every page: who is signed in, and Sign out."""
    write_pending_cookie()
    said = who_is_signed_in(city_names)
    if said is None:
        return
    st.caption(said)
    st.button(_("Sign out"), key="sidebar_sign_out", on_click=sign_out)


def sign_in_widget(city_names: dict[str, str] | None = None) -> Access:
    """A name and password to sign in (or a note when nobody can, or who is signed in and a
    button to sign out). Returns what this session may edit."""
    write_pending_cookie()
    if not editing_enabled():
        st.info(_(READ_ONLY))  # models.access's words, marked for the catalog there
        return NO_ACCESS
    access = current_access()
    if access.granted:
        names = city_names or {}
        said = who_is_signed_in(names) or _("Signed in")
        if access.everything:
            st.success(_("{signed_in}: you can edit every city.").format(signed_in=said))
        else:
            shown = ", ".join(sorted(names.get(c, c) for c in access.cities))
            st.success(_("{signed_in}: you can edit {cities}.").format(signed_in=said, cities=shown))
        st.button(_("Sign out"), key="edit_sign_out", on_click=sign_out)
        return access
    column = st.columns([2, 3])[0]
    with column, st.form("edit_sign_in", clear_on_submit=False, enter_to_submit=True):
        st.text_input(
            _("Your name"),
            key=NAME_KEY,
            help=_("The name of your account, as the Lead Expert gave it to you (for example 'eva-kovacs')."),
        )
        st.text_input(
            _("Password"),
            type="password",
            key=PASSWORD_KEY,
            help=_("Your own password. Forgotten it? The Lead Expert sets a new one in the Accounts page."),
        )
        st.form_submit_button(_("Sign in to edit"), on_click=_submit)
    if refused := st.session_state.get(REFUSED_KEY):
        st.error(_(refused))  # models' refusals, marked for the catalog there (a wait is shown as it is)
    return NO_ACCESS
