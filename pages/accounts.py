"""Accounts: the Lead Expert adds a person for a city (or a second Lead Expert), sets a new
password, revokes an account. Everything is models.accounts'; nothing here sees a password
after the form is sent, and no password is ever shown."""

import pandas as pd
import streamlit as st

from models import accounts
from ui.access import current_account, sign_in_widget
from ui.data import tables_or_stop
from ui.language import keeps_language
from ui.render import plain
from words.i18n import _

FLASH_KEY = "accounts_flash"
LEAD = "__lead__"

tables = tables_or_stop()
names = dict(zip(tables.cities["id"], tables.cities["name"], strict=False))

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
    for key in ("accounts_add_name", "accounts_add_password", "accounts_reset_password"):
        st.session_state.pop(key, None)  # a password typed here is kept nowhere

try:
    everyone = accounts.load()
except accounts.AccountError as error:
    st.error(plain(str(error)))
    st.stop()


def role(account: accounts.Account) -> str:
    return _("Lead Expert") if account.lead else ", ".join(names.get(c, c) for c in account.cities)


st.dataframe(
    pd.DataFrame(
        [
            {
                _("Name"): a.name,
                _("Signs in as"): a.id,
                _("Edits"): role(a),
                _("State"): _("revoked") if a.revoked else _("active"),
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

with add_tab, st.form("accounts_add", clear_on_submit=True):
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
        help=_("At least {n} characters. Give it to them in person; they cannot see it here.").format(
            n=accounts.MIN_PASSWORD
        ),
    )
    if st.form_submit_button(_("Add the account"), type="primary"):
        try:
            made = accounts.add(name, password, lead=edits == LEAD, cities=() if edits == LEAD else (edits,))
        except accounts.AccountError as error:
            st.error(plain(str(error)))
        else:
            st.session_state[FLASH_KEY] = _(
                "Account added: {name} signs in as '{id}' and edits {role}."
            ).format(name=made.name, id=made.id, role=role(made))
            st.rerun()

active = [a for a in everyone if not a.revoked]
with reset_tab, st.form("accounts_reset", clear_on_submit=True):
    chosen = st.selectbox(
        _("Account"),
        [a.id for a in everyone],
        format_func=keeps_language(lambda i: f"{i} ({role(accounts.find(i))})"),
        key="accounts_reset_id",
    )
    password = st.text_input(_("New password"), type="password", key="accounts_reset_password")
    st.caption(_("Their other sign-ins end at once. A revoked account is opened again by a new password."))
    if st.form_submit_button(_("Set the new password")):
        try:
            done = accounts.reset_password(chosen, password)
        except accounts.AccountError as error:
            st.error(plain(str(error)))
        else:
            st.session_state[FLASH_KEY] = _("{name} has a new password.").format(name=done.name)
            st.rerun()

with revoke_tab, st.form("accounts_revoke"):
    chosen = st.selectbox(_("Account"), [a.id for a in active if a.id != me.id], key="accounts_revoke_id")
    sure = st.checkbox(_("Yes: this account can no longer sign in or save"), key="accounts_revoke_sure")
    if st.form_submit_button(_("Revoke")):
        if not chosen or not sure:
            st.error(_("Choose the account and tick the box to confirm."))
        else:
            try:
                done = accounts.revoke(chosen, by=me.id)
            except accounts.AccountError as error:
                st.error(plain(str(error)))
            else:
                st.session_state[FLASH_KEY] = _(
                    "{name}'s account is revoked; their sign-ins have ended."
                ).format(name=done.name)
                st.rerun()
