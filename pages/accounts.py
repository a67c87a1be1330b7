"""Accounts: the Lead Expert adds a person for a city (or a second Lead Expert), sets a new
password, revokes an account. Everything is workspace.accounts'; nothing here sees a password
after the form is sent, and no password is ever shown."""

import pandas as pd
import streamlit as st

from ui.access import current_account, sign_in_widget
from ui.data import tables_or_stop
from ui.language import keeps_language
from ui.render import plain
from words.i18n import _
from workspace import (
    MIN_PASSWORD,
    Account,
    AccountError,
    add_account,
    add_account_with_link,
    find_account,
    load_accounts,
    reset_password,
    revoke_account,
)

FLASH_KEY = "accounts_flash"
LINK_KEY = "accounts_link"  # a new account's one-time link, shown once with the flash
LEAD = "__lead__"

tables = tables_or_stop()
names = tables.city_names()

st.title(_("Accounts"))
st.markdown(
    _(
        "Who may edit the plans. Each person has their own account: a city's account edits only that city, "
        "a Lead Expert account edits every city and manages the accounts here. Every save is recorded in the "
        "History with the name of the account that made it."
    )
)
sign_in_widget(names)
me = current_account()
if me is None:
    st.stop()
if not me.lead:
    st.info(_("Only a Lead Expert manages accounts. To change your password, ask the Lead Expert."))
    st.stop()

if flash := st.session_state.pop(FLASH_KEY, None):
    st.success(flash)
    if link := st.session_state.pop(LINK_KEY, None):
        st.code(link, language=None)  # one click copies it
    # Emptied by setting them (a widget whose state is only dropped keeps what the browser shows).
    for key in ("accounts_add_name", "accounts_add_password", "accounts_reset_password"):
        st.session_state[key] = ""  # a password typed here is kept nowhere
    for key in ("accounts_reset_id", "accounts_revoke_id"):
        st.session_state[key] = None
    for key in ("accounts_reset_own", "accounts_revoke_sure"):
        st.session_state[key] = False

try:
    everyone = load_accounts()
except AccountError as error:
    st.error(plain(str(error)))
    st.stop()


def welcome_link(token: str) -> str:
    """The one-time link at this site's own address (as the Lead Expert's browser sees it)."""
    try:
        origin = "/".join((st.context.url or "").split("/")[:3])
    except Exception:  # noqa: BLE001 - no browser behind this session (AppTest): a link without the origin
        origin = ""
    return f"{origin}/account/welcome?token={token}"


def role(account: Account) -> str:
    return _("Lead Expert") if account.lead else ", ".join(names.get(c, c) for c in account.cities)


st.dataframe(
    pd.DataFrame(
        [
            {
                _("Name"): a.name,
                _("Sign-in name"): a.id,
                _("May edit"): role(a),
                _("Status"): _("revoked") if a.revoked else _("active"),
                _("Since"): a.created,
            }
            for a in everyone
        ]
    ),
    hide_index=True,
    key="accounts_table",
    placeholder="",
)

add_tab, reset_tab, revoke_tab = st.tabs([_("Add a person"), _("Set a new password"), _("Revoke an account")])

# A refused form keeps what was typed (clear_on_submit off); a done one is emptied with the flash above.
with add_tab, st.form("accounts_add", clear_on_submit=False):
    name = st.text_input(
        _("Their name"), key="accounts_add_name", help=_("They sign in with it, e.g. 'Éva Kovács'.")
    )
    edits = st.selectbox(
        _("What they edit"),
        [*sorted(names, key=names.get), LEAD],
        format_func=keeps_language(
            lambda c: _("Every city (a second Lead Expert)") if c == LEAD else names.get(c, c)
        ),
        key="accounts_add_city",
    )
    password = st.text_input(
        _("Their first password"),
        type="password",
        key="accounts_add_password",
        help=_(
            "Leave it empty to get a one-time link instead, with which they choose their own password "
            "(valid for a day, used once). Or at least {n} characters, given to them in person."
        ).format(n=MIN_PASSWORD),
    )
    if st.form_submit_button(_("Add the account"), type="primary"):
        cities = () if edits == LEAD else (edits,)
        try:
            if password:
                made, link = add_account(name, password, lead=edits == LEAD, cities=cities), None
            else:
                made, token = add_account_with_link(name, lead=edits == LEAD, cities=cities)
                link = welcome_link(token)
        except AccountError as error:
            st.error(plain(str(error)))
        else:
            said = _("Account added: {name} signs in as '{id}' and edits {role}.").format(
                name=made.name, id=made.id, role=role(made)
            )
            if link:
                said += " " + _(
                    "Give them the link below (shown only now; valid for a day, used once), with which "
                    "they choose their own password."
                )
                st.session_state[LINK_KEY] = link
            st.session_state[FLASH_KEY] = said
            st.rerun()

active = [a for a in everyone if not a.revoked]


def labelled(account_id: str) -> str:
    found = find_account(account_id)
    shown = f"{account_id} ({role(found)})" if found else account_id
    return _("{account} - your own account").format(account=shown) if account_id == me.id else shown


with reset_tab, st.form("accounts_reset", clear_on_submit=False):
    # No account is preset: the Lead Expert names the one she means, and her own only knowingly.
    chosen = st.selectbox(
        _("Account"),
        [a.id for a in everyone],
        index=None,
        placeholder=_("Choose the account"),
        format_func=keeps_language(labelled),
        key="accounts_reset_id",
    )
    password = st.text_input(_("New password"), type="password", key="accounts_reset_password")
    own = st.checkbox(
        _("If this is my own account: yes, sign me out everywhere and let me sign in again with it"),
        key="accounts_reset_own",
    )
    st.caption(_("Their other sign-ins end at once. A revoked account is opened again by a new password."))
    if st.form_submit_button(_("Set the new password")):
        if not chosen:
            st.error(_("Choose the account first."))
        elif chosen == me.id and not own:
            st.error(
                _(
                    "This is your own account: a new password signs you out everywhere. "
                    "Tick the box to confirm, or choose another account."
                )
            )
        else:
            try:
                done = reset_password(chosen, password)
            except AccountError as error:
                st.error(plain(str(error)))
            else:
                st.session_state[FLASH_KEY] = _("{name} has a new password.").format(name=done.name)
                st.rerun()

with revoke_tab, st.form("accounts_revoke"):
    chosen = st.selectbox(
        _("Account"),
        [a.id for a in active if a.id != me.id],  # never one's own: another Lead Expert does that
        index=None,
        placeholder=_("Choose the account"),
        format_func=keeps_language(labelled),
        key="accounts_revoke_id",
    )
    sure = st.checkbox(_("Yes: this account can no longer sign in or save"), key="accounts_revoke_sure")
    if st.form_submit_button(_("Revoke")):
        if not chosen or not sure:
            st.error(_("Choose the account and tick the box to confirm."))
        else:
            try:
                done = revoke_account(chosen, by=me.id)
            except AccountError as error:
                st.error(plain(str(error)))
            else:
                st.session_state[FLASH_KEY] = _(
                    "{name}'s account is revoked; their sign-ins have ended."
                ).format(name=done.name)
                st.rerun()
