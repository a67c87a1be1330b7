"""Who may edit, in the app: the account signed in, read from the session cookie.

Signing in and out are server routes (server/routes.py): the server sets the session cookie
(HttpOnly, so no script in the page can read it) and keeps the session itself as a record
(workspace.sessions). Here the cookie the browser sent when this page opened is looked up on
every rerun, so a sign-out in another tab, a reset password or a revocation ends the sign-in
at the next click.

The old shared passwords (IAP_EDIT_PASSWORD, IAP_CITY_PASSWORDS, or [editing] in secrets;
workspace.access) still open editing for this session only (nothing in a cookie), with the same
count of wrong passwords per address as accounts; `python -m models accounts migrate-env`
turns them into accounts.
"""

from __future__ import annotations

import hashlib
import html
import os
import time
from urllib.parse import urlencode

import streamlit as st

from analysis.frames import Tables
from words.i18n import _, language
from workspace import accounts
from workspace.access import NO_ACCESS, READ_ONLY, REFUSED, Access, EditingConfig, editing_config
from workspace.changes import Author

SESSION_COOKIE = "iap_session"  # server/routes.py sets it; its value is a random token
SIGN_IN_PATH = "/account/sign-in"
SIGN_OUT_PATH = "/account/sign-out"
ACCESS_KEY = "edit_access"  # session_state: (configuration fingerprint, Access), old shared passwords
PASSWORD_KEY = "edit_password"
REFUSED_KEY = "edit_refused"
REFUSAL_PAUSE_S = 0.5  # slows guessing a little; the message never says what was wrong


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


def session_token() -> str | None:
    """The session token the browser sent with this page (None: not signed in, or no browser)."""
    try:
        token = st.context.cookies.get(SESSION_COOKIE)
    except Exception:  # no browser behind this session (AppTest)
        return None
    return token if isinstance(token, str) else None


def client_address() -> str:
    """The visitor's address; behind the proxy on this machine, the one it forwarded."""
    try:
        forwarded = st.context.headers.get("X-Forwarded-For") or ""
        peer = st.context.ip_address or ""
    except Exception:  # no browser behind this session
        return ""
    if not isinstance(peer, str):
        peer = ""
    if isinstance(forwarded, str) and forwarded and peer in ("127.0.0.1", "::1"):
        return forwarded.split(",")[-1].strip()
    return peer


def current_account() -> accounts.Account | None:
    """The account this session is signed in as, checked against the server's record now."""
    return accounts.account_for_session(session_token())


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
        # The write path checks a city password's limit itself, not only the pages.
        return Author(
            f"{who} (shared password)", cities=None if access.everything else tuple(sorted(access.cities))
        )
    return None


def editable_cities(tables: Tables) -> set[str]:
    """Ids of the cities this session may edit among those loaded (empty when read-only)."""
    return current_access().within(tables.cities["id"].tolist())


def is_lead() -> bool:
    account = current_account()
    return account is not None and account.lead


# --- signing in and out --------------------------------------------------------------------------


def _submit_shared_password() -> None:
    """The old shared passwords: this session only, counted per address like accounts."""
    password = st.session_state.get(PASSWORD_KEY) or ""
    st.session_state[PASSWORD_KEY] = ""  # the password is not kept, not even in the widget
    st.session_state.pop(REFUSED_KEY, None)
    store = accounts.session_store()
    keys = [f"client:{client_address()}"]
    wait = store.wait(keys)
    if wait > 0:
        st.session_state[REFUSED_KEY] = accounts.Throttled(wait).words()
        return
    cfg = config()
    access = cfg.sign_in(password) if cfg.enabled else NO_ACCESS
    if access.granted:
        store.clear(keys)
        st.session_state[ACCESS_KEY] = (_fingerprint(cfg), access)
        return
    store.fail(keys)
    time.sleep(REFUSAL_PAUSE_S)
    st.session_state[REFUSED_KEY] = _(REFUSED)


def _here() -> str:
    """This page's path and language, to come back to after the sign-in page."""
    try:
        path = "/" + (st.context.url or "").split("://", 1)[-1].partition("/")[2].split("?")[0]
    except Exception:  # no browser behind this session
        path = "/"
    query = f"?lang={language()}" if language() != "en" else ""
    return path + query


# The two plain HTML controls below look like the app's own buttons (Streamlit's colours).
_LOOK = (
    "<style>form.iap-sign-out button, a.iap-sign-in { font: inherit; padding: 0.3rem 0.9rem; "
    "border-radius: 0.5rem; cursor: pointer; display: inline-block; text-decoration: none; } "
    "form.iap-sign-out button { border: 1px solid rgba(49, 51, 63, 0.2); background: #fff; color: #111318; } "
    "a.iap-sign-in { border: 1px solid #0072B2; background: #0072B2; color: #fff !important; }</style>"
)


def _sign_out_form(key: str) -> None:
    # A plain form that posts to the server route: the session ends on the server and the
    # cookie is cleared by the response, in one click, with no script of ours in the page.
    next_path = html.escape(_here(), quote=True)
    st.markdown(
        _LOOK + f'<form method="post" action="{SIGN_OUT_PATH}" class="iap-sign-out" id="{key}">'
        f'<input type="hidden" name="next" value="{next_path}">'
        f'<button type="submit">{html.escape(_("Sign out"))}</button></form>',
        unsafe_allow_html=True,
    )


def _sign_out_shared() -> None:
    st.session_state.pop(ACCESS_KEY, None)


def _sign_in_link() -> None:
    target = f"{SIGN_IN_PATH}?{urlencode({'next': _here(), 'lang': language()})}"
    st.markdown(
        _LOOK + f'<a href="{html.escape(target, quote=True)}" target="_self" class="iap-sign-in">'
        f"{html.escape(_('Sign in to edit'))}</a>",
        unsafe_allow_html=True,
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


def _sign_out(key: str) -> None:
    if current_account() is not None:
        _sign_out_form(key)
    else:
        st.button(_("Sign out"), key=key, on_click=_sign_out_shared)


def sidebar_account(city_names: dict[str, str] | None = None) -> None:
    """In the sidebar of every page: who is signed in, and Sign out."""
    said = who_is_signed_in(city_names)
    if said is None:
        return
    st.caption(said)
    _sign_out("sidebar_sign_out")


def sign_in_widget(city_names: dict[str, str] | None = None) -> Access:
    """The way to sign in (or a note when nobody can, or who is signed in and a way to sign
    out). Returns what this session may edit."""
    if not editing_enabled():
        st.info(_(READ_ONLY))  # workspace.access's words, marked for the catalog there
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
        _sign_out("edit_sign_out")
        return access
    if accounts.any_accounts():
        _sign_in_link()
    if config().enabled:
        column = st.columns([2, 3])[0]
        with column, st.form("edit_sign_in", clear_on_submit=False, enter_to_submit=True):
            st.text_input(
                _("Shared password"),
                type="password",
                key=PASSWORD_KEY,
                help=_(
                    "The shared password of earlier versions, for this visit only. "
                    "Your own account is safer: ask the Lead Expert for one."
                ),
            )
            st.form_submit_button(_("Sign in to edit"), on_click=_submit_shared_password)
    if refused := st.session_state.get(REFUSED_KEY):
        st.error(refused)  # already in the language in use
    return NO_ACCESS
