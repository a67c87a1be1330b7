"""Who may edit: the configuration (workspace.access) and the sign-in form (ui/access.py)."""

from __future__ import annotations

import pytest

from workspace.access import NO_ACCESS, READ_ONLY, REFUSED, Access, editing_config, unknown_cities

LEAD = "lead-secret-1"
FOT = "fot-secret-2"
ISERNIA = "isernia=with=equals"


# --- the configuration ---------------------------------------------------------------------


def test_editing_is_off_unless_configured():
    for secrets, environ in [
        (None, None),
        ({}, {}),
        ({"editing": {"lead_password": ""}}, {}),
        ({"editing": {"lead_password": "   ", "cities": {}}}, {"IAP_EDIT_PASSWORD": ""}),
        ({}, {"IAP_CITY_PASSWORDS": ""}),
    ]:
        cfg = editing_config(secrets, environ)
        assert not cfg.enabled
        assert cfg.sign_in("") == NO_ACCESS
        assert cfg.sign_in("anything") == NO_ACCESS


@pytest.mark.parametrize(
    "secrets, environ",
    [
        ({"editing": {"lead_password": LEAD, "cities": {"fot": FOT, "isernia": ISERNIA}}}, {}),
        ({}, {"IAP_EDIT_PASSWORD": LEAD, "IAP_CITY_PASSWORDS": f"fot={FOT}, isernia={ISERNIA}"}),
        (
            {"editing": {"cities": {"fot": FOT}}},
            {"IAP_EDIT_PASSWORD": LEAD, "IAP_CITY_PASSWORDS": f"isernia={ISERNIA}"},
        ),
    ],
)
def test_lead_password_edits_every_city_and_city_passwords_one(secrets, environ):
    cfg = editing_config(secrets, environ)
    assert cfg.enabled and cfg.problems == ()
    assert cfg.configured_cities == {"fot", "isernia"}

    lead = cfg.sign_in(LEAD)
    assert lead.everything and lead.may_edit("fot") and lead.may_edit("a-new-city")
    assert lead.within(["fot", "isernia", "zagreb"]) == {"fot", "isernia", "zagreb"}

    fot = cfg.sign_in(FOT)
    assert fot == Access(cities=frozenset({"fot"}))
    assert fot.may_edit("fot") and not fot.may_edit("isernia") and not fot.everything
    assert fot.within(["fot", "isernia", "zagreb"]) == {"fot"}

    assert cfg.sign_in(ISERNIA).cities == {"isernia"}  # '=' inside a password is kept


@pytest.mark.parametrize(
    "wrong", ["", " ", "lead-secret", LEAD + " x", LEAD.upper(), "fot", FOT[:-1], None, 42]
)
def test_a_wrong_password_opens_nothing(wrong):
    cfg = editing_config({"editing": {"lead_password": LEAD, "cities": {"fot": FOT}}}, {})
    access = cfg.sign_in(wrong)
    assert access == NO_ACCESS
    assert not access.granted and not access.may_edit("fot") and access.within(["fot"]) == set()


def test_environment_wins_over_secrets():
    cfg = editing_config(
        {"editing": {"lead_password": "old", "cities": {"fot": "old-fot"}}},
        {"IAP_EDIT_PASSWORD": "new", "IAP_CITY_PASSWORDS": "fot=new-fot"},
    )
    assert cfg.sign_in("new").everything and cfg.sign_in("old") == NO_ACCESS
    assert cfg.sign_in("new-fot").cities == {"fot"} and cfg.sign_in("old-fot") == NO_ACCESS


def test_a_password_shared_by_two_cities_opens_both():
    cfg = editing_config({}, {"IAP_CITY_PASSWORDS": "fot=same,isernia=same,zagreb=other"})
    assert cfg.sign_in("same").cities == {"fot", "isernia"}


def test_only_digests_are_kept():
    cfg = editing_config({"editing": {"lead_password": LEAD, "cities": {"fot": FOT}}}, {})
    assert LEAD not in repr(cfg) and FOT not in repr(cfg)
    assert LEAD.encode() not in cfg.lead_digest and FOT.encode() not in cfg.city_digests["fot"]


def test_configuration_problems_in_words_without_the_passwords():
    cfg = editing_config(
        {"editing": {"cities": {"fot": ""}}},
        {"IAP_CITY_PASSWORDS": "isernia,=nocity,zagreb=,ok=fine"},
    )
    assert cfg.configured_cities == {"ok"}
    assert cfg.problems == (
        "secrets: [editing.cities] fot: the password is empty; it was ignored.",
        "IAP_CITY_PASSWORDS: entry 1 is not written as city-id=password (for example fot=...,isernia=...); "
        "it was ignored.",
        "IAP_CITY_PASSWORDS: entry 2 is not written as city-id=password (for example fot=...,isernia=...); "
        "it was ignored.",
        "IAP_CITY_PASSWORDS: the password for 'zagreb' is empty; it was ignored.",
    )
    assert "fine" not in " ".join(cfg.problems)
    assert unknown_cities(cfg, ["fot", "isernia"]) == ["ok"]


def test_a_malformed_secrets_section_is_reported_not_raised():
    cfg = editing_config({"editing": "password"}, {})
    assert not cfg.enabled and "must be a section" in cfg.problems[0]
    cfg = editing_config({"editing": {"lead_password": LEAD, "cities": "fot=x"}}, {})
    assert cfg.enabled and cfg.configured_cities == set() and "[editing.cities]" in cfg.problems[0]


# --- the sign-in form in the app -------------------------------------------------------------


def _sign_in_app():
    import streamlit as st

    from ui.access import editable_cities, editing_enabled, sign_in_widget
    from ui.data import tables_or_stop

    tables = tables_or_stop()
    sign_in_widget()
    st.write(f"enabled={editing_enabled()}")
    st.write("editable=" + ",".join(sorted(editable_cities(tables))))


def _app(monkeypatch, mini_data, environ=None, secrets=None):
    from streamlit.testing.v1 import AppTest

    for name in ("IAP_EDIT_PASSWORD", "IAP_CITY_PASSWORDS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in (environ or {}).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("ui.access.REFUSAL_PAUSE_S", 0)
    at = AppTest.from_function(_sign_in_app, default_timeout=60)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _said(at) -> list[str]:
    return [m.value for m in at.markdown]


def _mini_city_ids(data_dir) -> list[str]:
    return sorted(p.stem for p in (data_dir / "cities").glob("*.yaml"))


def test_app_is_read_only_without_configuration(monkeypatch, mini_data):
    at = _app(monkeypatch, mini_data)
    assert [i.value for i in at.info] == [READ_ONLY]
    assert not at.text_input and "enabled=False" in _said(at) and "editable=" in _said(at)


def test_app_lead_signs_in_edits_all_and_signs_out(monkeypatch, mini_data):
    at = _app(monkeypatch, mini_data, secrets={"editing": {"lead_password": LEAD}})
    assert "editable=" in _said(at)
    at.text_input(key="edit_password").input(LEAD)
    at.button[0].click().run()
    assert "Lead Expert" in at.success[0].value
    assert "editable=" + ",".join(_mini_city_ids(mini_data)) in _said(at)
    assert at.session_state["edit_password"] == ""  # the password is not kept
    at.button(key="edit_sign_out").click().run()
    assert "editable=" in _said(at) and at.text_input(key="edit_password")


def test_app_city_password_edits_only_that_city(monkeypatch, mini_data):
    city = _mini_city_ids(mini_data)[0]
    at = _app(monkeypatch, mini_data, environ={"IAP_CITY_PASSWORDS": f"{city}={FOT}"})
    at.text_input(key="edit_password").input(FOT)
    at.button[0].click().run()
    assert f"editable={city}" in _said(at)


def test_app_wrong_password_edits_nothing_and_gives_no_hint(monkeypatch, mini_data):
    city = _mini_city_ids(mini_data)[0]
    at = _app(
        monkeypatch, mini_data, environ={"IAP_EDIT_PASSWORD": LEAD, "IAP_CITY_PASSWORDS": f"{city}={FOT}"}
    )
    messages = set()
    for wrong in ["nope", FOT + "x", city]:
        at.text_input(key="edit_password").input(wrong)
        at.button[0].click().run()
        assert "editable=" in _said(at)
        messages.update(e.value for e in at.error)
    assert messages == {REFUSED}


def test_app_changing_the_passwords_signs_out(monkeypatch, mini_data):
    at = _app(monkeypatch, mini_data, environ={"IAP_EDIT_PASSWORD": LEAD})
    at.text_input(key="edit_password").input(LEAD)
    at.button[0].click().run()
    assert "editable=" + ",".join(_mini_city_ids(mini_data)) in _said(at)
    monkeypatch.setenv("IAP_EDIT_PASSWORD", "rotated")
    at.run()
    assert "editable=" in _said(at)
