"""The Accounts and History pages, and signing in with an account (AppTest)."""

from __future__ import annotations

import pytest
from conftest import ROOT

from workspace import accounts, history

ACCOUNTS = str(ROOT / "pages" / "accounts.py")
HISTORY = str(ROOT / "pages" / "history.py")
EDIT = str(ROOT / "pages" / "edit.py")
LEAD_PASSWORD = "the lead's long password"


def _ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def workspace(monkeypatch, data_dir):
    monkeypatch.setenv("IAP_DATA_DIR", str(data_dir))
    monkeypatch.delenv("IAP_EDIT_PASSWORD", raising=False)
    monkeypatch.delenv("IAP_CITY_PASSWORDS", raising=False)
    monkeypatch.setattr("ui.access.REFUSAL_PAUSE_S", 0)
    accounts.add("Anna Lead", LEAD_PASSWORD, lead=True)
    return data_dir


def signed_in(cookie, page: str, name: str, password: str):
    """The page opened by a browser that signed in with `name` and `password` (as the
    server's sign-in route does it: workspace.accounts.sign_in, then a session)."""
    from streamlit.testing.v1 import AppTest

    account = accounts.sign_in(name, password)
    cookie.token = accounts.start_session(account)[0] if account else None
    return _ok(AppTest.from_file(page, default_timeout=60).run())


def test_the_lead_adds_a_city_account_which_edits_only_its_city(workspace, cookie):
    at = signed_in(cookie, ACCOUNTS, "Anna Lead", LEAD_PASSWORD)
    assert "Signed in as Anna Lead (Lead Expert)" in at.success[0].value
    at.text_input(key="accounts_add_name").input("Béla Beta")
    at.selectbox(key="accounts_add_city").set_value("beta")
    at.text_input(key="accounts_add_password").input("béla's long password")
    _ok(at.button(key="FormSubmitter:accounts_add-Add the account").click().run())
    assert "Account added: Béla Beta signs in as 'bela-beta'" in at.success[-1].value
    assert at.text_input(key="accounts_add_password").value == ""  # emptied once done
    assert "béla's long password" not in str([e.value for e in [*at.markdown, *at.success, *at.text_input]])
    assert accounts.find("bela-beta").cities == ("beta",)

    edit = signed_in(cookie, EDIT, "bela-beta", "béla's long password")
    assert edit.selectbox(key="edit_city").options == ["Béta"]


def test_a_wrong_password_and_a_city_account_see_no_accounts(workspace, cookie):
    at = signed_in(cookie, ACCOUNTS, "Anna Lead", "not the password")
    assert cookie.token is None
    assert not any(w.key == "accounts_add_name" for w in at.text_input)
    assert any("/account/sign-in?next=" in m.value for m in at.markdown)  # the way to sign in
    accounts.add("Béla Beta", "béla's long password", cities=("beta",))
    at = signed_in(cookie, ACCOUNTS, "Béla Beta", "béla's long password")
    assert "Only a Lead Expert manages accounts" in at.info[0].value


def test_revoking_ends_the_sign_in(workspace, cookie):
    accounts.add("Béla Beta", "béla's long password", cities=("beta",))
    edit = signed_in(cookie, EDIT, "bela-beta", "béla's long password")
    assert edit.selectbox(key="edit_city").options == ["Béta"]
    accounts.revoke("bela-beta")
    edit = _ok(edit.run())
    assert not any(w.key == "edit_city" for w in edit.selectbox)


def test_history_lists_who_when_what_compares_and_restores(workspace, cookie):
    from workspace import changes, editing

    opened = editing.open_city(workspace, "alpha")
    data = opened.working_copy()
    data["name"] = "Alpha Town"
    editing.save_city(workspace, opened, data, author=changes.Author("Anna Lead", "anna-lead"))
    original = history.file_at(workspace, history.log(workspace)[-1].commit, "cities/alpha.yaml")

    from streamlit.testing.v1 import AppTest

    at = _ok(AppTest.from_file(HISTORY, default_timeout=60).run())
    _ok(at.selectbox(key="history_city").set_value("alpha").run())
    assert not any(b.key == "history_restore" for b in at.button)  # not signed in: read only
    cookie.token = accounts.start_session(accounts.sign_in("Anna Lead", LEAD_PASSWORD))[0]
    _ok(at.run())
    listed = [m.value for m in at.markdown if "UTC" in m.value]
    assert "**Anna Lead** · Alpha Town: profile: name changed" in listed[0]
    assert "+name: Alpha Town" in at.code[0].value and "-name: Alphaville" in at.code[0].value
    _ok(at.button(key="history_restore").click().run())
    assert "back as it was on" in at.success[-1].value
    assert (workspace / "cities/alpha.yaml").read_text(encoding="utf-8") == original
    assert history.log(workspace)[0].author == "Anna Lead"


def test_reset_and_revoke_preset_no_account_and_ask_before_ones_own(workspace, cookie):
    accounts.add("Béla Beta", "béla's long password", cities=("beta",))
    at = signed_in(cookie, ACCOUNTS, "Anna Lead", LEAD_PASSWORD)
    assert at.selectbox(key="accounts_reset_id").value is None
    assert at.selectbox(key="accounts_revoke_id").value is None
    # Her own account, without the tick: refused in words, nothing changed, still signed in.
    at.selectbox(key="accounts_reset_id").set_value("anna-lead")
    at.text_input(key="accounts_reset_password").input("a new long password")
    _ok(at.button(key="FormSubmitter:accounts_reset-Set the new password").click().run())
    assert "This is your own account" in at.error[-1].value
    assert accounts.sign_in("Anna Lead", LEAD_PASSWORD) is not None
    assert accounts.account_for_session(cookie.token).id == "anna-lead"
    # Another person's account: done, and every sign-in of that account ends.
    bela = accounts.start_session(accounts.sign_in("bela-beta", "béla's long password"))[0]
    at.selectbox(key="accounts_reset_id").set_value("bela-beta")
    at.text_input(key="accounts_reset_password").input("béla's new long password")
    _ok(at.button(key="FormSubmitter:accounts_reset-Set the new password").click().run())
    assert "Béla Beta has a new password." in at.success[-1].value
    assert accounts.account_for_session(bela) is None


def test_a_refused_new_account_keeps_what_was_typed(workspace, cookie):
    at = signed_in(cookie, ACCOUNTS, "Anna Lead", LEAD_PASSWORD)
    at.text_input(key="accounts_add_name").input("Béla Beta")
    at.selectbox(key="accounts_add_city").set_value("beta")
    at.text_input(key="accounts_add_password").input("short")
    _ok(at.button(key="FormSubmitter:accounts_add-Add the account").click().run())
    assert "at least 10 characters" in at.error[-1].value
    assert at.text_input(key="accounts_add_name").value == "Béla Beta"
    assert at.selectbox(key="accounts_add_city").value == "beta"
    assert accounts.find("bela-beta") is None


def test_a_new_account_gets_a_one_time_link_to_set_its_own_password(workspace, cookie):
    at = signed_in(cookie, ACCOUNTS, "Anna Lead", LEAD_PASSWORD)
    at.text_input(key="accounts_add_name").input("Béla Beta")
    at.selectbox(key="accounts_add_city").set_value("beta")
    _ok(at.button(key="FormSubmitter:accounts_add-Add the account").click().run())
    assert "Give them the link below" in at.success[-1].value
    link = at.code[-1].value
    assert "/account/welcome?token=" in link
    token = link.split("token=", 1)[1]
    assert accounts.invited_account(token).id == "bela-beta"
    with pytest.raises(accounts.AccountError, match="at least 10"):
        accounts.set_password_with_link(token, "short")  # refused: the link stays usable
    assert accounts.set_password_with_link(token, "béla's own long password").id == "bela-beta"
    assert accounts.sign_in("bela-beta", "béla's own long password").cities == ("beta",)
    with pytest.raises(accounts.AccountError, match="no longer valid"):
        accounts.set_password_with_link(token, "another long password")  # used once
    assert _ok(at.run()).code == [] or link not in [c.value for c in at.code]  # shown only once
