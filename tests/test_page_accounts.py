"""The Accounts and History pages, and signing in with an account (AppTest)."""

from __future__ import annotations

import pytest
from conftest import ROOT

from models import accounts, history

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


def signed_in(page: str, name: str, password: str):
    from streamlit.testing.v1 import AppTest

    at = _ok(AppTest.from_file(page, default_timeout=60).run())
    at.text_input(key="edit_name").input(name)
    at.text_input(key="edit_password").input(password)
    return _ok(at.button[0].click().run())


def test_the_lead_adds_a_city_account_which_edits_only_its_city(workspace):
    at = signed_in(ACCOUNTS, "Anna Lead", LEAD_PASSWORD)
    assert "Signed in as Anna Lead (Lead Expert)" in at.success[0].value
    at.text_input(key="accounts_add_name").input("Béla Beta")
    at.selectbox(key="accounts_add_city").set_value("beta")
    at.text_input(key="accounts_add_password").input("béla's long password")
    _ok(at.button(key="FormSubmitter:accounts_add-Add the account").click().run())
    assert "Account added: Béla Beta signs in as 'bela-beta'" in at.success[-1].value
    assert "béla's long password" not in str([e.value for e in [*at.markdown, *at.success, *at.text_input]])
    assert accounts.find("bela-beta").cities == ("beta",)

    edit = signed_in(EDIT, "bela-beta", "béla's long password")
    assert edit.selectbox(key="edit_city").options == ["Béta"]


def test_a_wrong_password_and_a_city_account_see_no_accounts(workspace):
    at = signed_in(ACCOUNTS, "Anna Lead", "not the password")
    assert accounts.REFUSED in at.error[0].value
    assert not any(w.key == "accounts_add_name" for w in at.text_input)
    accounts.add("Béla Beta", "béla's long password", cities=("beta",))
    at = signed_in(ACCOUNTS, "Béla Beta", "béla's long password")
    assert "Only a Lead Expert manages accounts" in at.info[0].value


def test_revoking_ends_the_sign_in(workspace):
    accounts.add("Béla Beta", "béla's long password", cities=("beta",))
    edit = signed_in(EDIT, "bela-beta", "béla's long password")
    assert edit.selectbox(key="edit_city").options == ["Béta"]
    accounts.revoke("bela-beta")
    edit = _ok(edit.run())
    assert not any(w.key == "edit_city" for w in edit.selectbox)


def test_history_lists_who_when_what_compares_and_restores(workspace):
    from models import changes, editing

    opened = editing.open_city(workspace, "alpha")
    data = opened.working_copy()
    data["name"] = "Alpha Town"
    editing.save_city(workspace, opened, data, author=changes.Author("Anna Lead", "anna-lead"))
    original = history.file_at(workspace, history.log(workspace)[-1].commit, "cities/alpha.yaml")

    from streamlit.testing.v1 import AppTest

    at = _ok(AppTest.from_file(HISTORY, default_timeout=60).run())
    _ok(at.selectbox(key="history_city").set_value("alpha").run())
    assert not any(b.key == "history_restore" for b in at.button)  # not signed in: read only
    at.text_input(key="edit_name").input("Anna Lead")
    at.text_input(key="edit_password").input(LEAD_PASSWORD)
    _ok(at.button(key="FormSubmitter:edit_sign_in-Sign in to edit").click().run())
    listed = [m.value for m in at.markdown if "UTC" in m.value]
    assert "**Anna Lead** · Alpha Town: profile: name changed" in listed[0]
    assert "+name: Alpha Town" in at.code[0].value and "-name: Alphaville" in at.code[0].value
    _ok(at.button(key="history_restore").click().run())
    assert "back as it was on" in at.success[-1].value
    assert (workspace / "cities/alpha.yaml").read_text(encoding="utf-8") == original
    assert history.log(workspace)[0].author == "Anna Lead"
