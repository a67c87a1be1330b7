"""The editing page (pages/edit.py) end to end with AppTest, on a copy of the small fixture data."""

from __future__ import annotations

import pytest
from conftest import ROOT, earlier_versions

from models import load_network
from workspace.access import READ_ONLY, REFUSED

PAGE = str(ROOT / "pages" / "edit.py")
LEAD = "lead-password"
BETA = "beta-password"


@pytest.fixture
def editing(monkeypatch, data_dir):
    """Pages read a copy of the fixture data; editing is on (lead password, and one for beta)."""
    monkeypatch.setenv("IAP_DATA_DIR", str(data_dir))
    monkeypatch.setenv("IAP_EDIT_PASSWORD", LEAD)
    monkeypatch.setenv("IAP_CITY_PASSWORDS", f"beta={BETA}")
    monkeypatch.setattr("ui.access.REFUSAL_PAUSE_S", 0)
    return data_dir


def _ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_page(password: str | None = LEAD, city: str = "alpha"):
    from streamlit.testing.v1 import AppTest

    at = _ok(AppTest.from_file(PAGE, default_timeout=60).run())
    if password is not None:
        at.text_input(key="edit_password").input(password)
        _ok(at.button[0].click().run())
        if _has(at, "selectbox", "edit_city") and at.selectbox(key="edit_city").value != city:
            _ok(at.selectbox(key="edit_city").set_value(city).run())
    return at


def _has(at, kind: str, key: str) -> bool:
    return any(w.key == key for w in getattr(at, kind))


def field(at, kind: str, *place):
    """The widget of the working copy at `place` (like ('action', 0, 'title')), whatever its generation."""
    suffix = ":" + ":".join(map(str, place))
    found = [w for w in getattr(at, kind) if w.key and w.key.startswith("ed:") and w.key.endswith(suffix)]
    assert len(found) == 1, (suffix, [w.key for w in getattr(at, kind)])
    return found[0]


def choose_action(at, uid: int):
    chosen = [s for s in at.selectbox if s.key and s.key.endswith(":chosen")][0]
    return _ok(chosen.set_value(uid).run())


def save(at):
    return _ok(at.button(key="edit_save").click().run())


def shown(text: str) -> str:
    """Text as a person reads it: the page escapes markdown characters in data with backslashes."""
    return text.replace("\\", "")


def errors(at) -> str:
    return shown("\n".join(e.value for e in at.error))


def warning(at) -> str:
    return shown(at.warning[0].value)


def actions_of(data_dir, city="alpha") -> dict:
    plan = load_network(data_dir).city(city)
    return {a.id: a for a in plan.actions}


# --- read-only and who may edit --------------------------------------------------------------


def test_read_only_unless_configured(monkeypatch, data_dir):
    monkeypatch.setenv("IAP_DATA_DIR", str(data_dir))
    monkeypatch.delenv("IAP_EDIT_PASSWORD", raising=False)
    monkeypatch.delenv("IAP_CITY_PASSWORDS", raising=False)
    at = open_page(password=None)
    assert [i.value for i in at.info] == [READ_ONLY]
    assert not at.text_input and not at.button and not at.selectbox


def test_a_wrong_password_edits_nothing(editing):
    before = {p.name: p.read_bytes() for p in (editing / "cities").glob("*.yaml")}
    at = open_page(password="beta")  # a city's id is not its password
    assert errors(at) == REFUSED
    assert not _has(at, "selectbox", "edit_city") and not _has(at, "button", "edit_save")
    assert {p.name: p.read_bytes() for p in (editing / "cities").glob("*.yaml")} == before


def test_a_city_password_edits_only_that_city(editing):
    at = open_page(password=BETA, city="beta")
    assert at.selectbox(key="edit_city").options == ["Béta"]
    assert "you can edit Béta" in at.success[0].value


def test_the_lead_expert_edits_every_city(editing):
    at = open_page()
    assert at.selectbox(key="edit_city").options == ["Alphaville", "Béta", "Gamma"]


# --- edit round trips --------------------------------------------------------------------------


def test_change_a_title_and_save(editing):
    path = editing / "cities" / "alpha.yaml"
    original = path.read_text(encoding="utf-8")
    at = open_page()
    assert at.button(key="edit_save").disabled  # nothing to save yet
    field(at, "text_input", "action", 0, "title").input("Observatory of isolation").run()
    _ok(at)
    assert "Unsaved changes" in warning(at)
    assert "Title: Observatory -> Observatory of isolation" in warning(at)  # the form's label, old and new
    save(at)
    assert "Saved Alphaville: " in shown(at.success[-1].value), errors(at)
    assert "It is saved and recorded in the data's history" in at.success[-1].value

    network = load_network(editing)
    assert network.problems == []
    assert actions_of(editing)["alpha-a1"].title == "Observatory of isolation"
    # only the changed line is rewritten: comments, layout and every other fact as they were
    text = path.read_text(encoding="utf-8")
    assert text == original.replace("title: Observatory\n", "title: Observatory of isolation\n")
    # the previous version is in the history, and the save is shown there: who, what
    assert earlier_versions(editing, "cities/alpha.yaml") == [original]
    said = shown(" ".join(m.value for m in at.markdown))
    assert "alpha-a1: title changed" in said and "Lead Expert (shared password)" in said


def test_add_an_action_and_save(editing):
    at = open_page()
    _ok(at.button(key="edit_add_action").click().run())
    new = lambda *p: field(at, *p[:1], "action", 4, *p[1:])  # noqa: E731 - four actions before it
    new("text_input", "title").input("Lunch club")
    new("text_area", "description").input("Lunch together once a week.")
    new("multiselect", "interventions").set_value(["help", "prevent"])
    new("selectbox", "support_level").set_value("targeted")
    new("multiselect", "beneficiaries").set_value(["at_risk"])
    new("text_area", "model_reason").input("Meets people at risk every week.")
    _ok(at.run())
    _ok(
        at.toggle(key=[t.key for t in at.toggle if t.key.endswith(":action:4:budget:on")][0])
        .set_value(True)
        .run()
    )
    new("number_input", "budget", "amount_eur").set_value(2500.0)
    new("multiselect", "budget", "funding_sources").set_value(["municipal"])
    save(at)
    assert "action alpha-a3 (Lunch club) added" in shown(at.success[-1].value), errors(at)

    added = actions_of(editing)["alpha-a3"]
    assert (added.title, added.kind, added.interventions, added.support_level, added.beneficiaries) == (
        "Lunch club",
        "iap_action",
        ["help", "prevent"],
        "targeted",
        ["at_risk"],
    )
    assert added.sources == ["plan-a"]  # the city's first source, preselected
    assert added.budget.amount_eur == 2500 and added.budget.funding_sources == ["municipal"]
    assert "amount_eur: 2500\n" in (editing / "cities" / "alpha.yaml").read_text(encoding="utf-8")
    assert len(actions_of(editing)) == 5


def test_remove_an_action_and_save(editing):
    at = open_page()
    choose_action(at, 3)  # alpha-i1, the idea
    _ok(at.button(key="edit_remove_action").click().run())
    assert "action alpha-i1 (Centre) removed" in warning(at)
    save(at)
    assert set(actions_of(editing)) == {"alpha-a1", "alpha-a2", "alpha-t1"}
    assert load_network(editing).problems == []


def test_unsaved_changes_survive_choosing_another_action_and_city(editing):
    at = open_page()
    field(at, "text_input", "action", 0, "title").input("Changed title").run()
    choose_action(at, 1)
    _ok(at.selectbox(key="edit_city").set_value("beta").run())
    _ok(at.selectbox(key="edit_city").set_value("alpha").run())
    choose_action(at, 0)
    assert field(at, "text_input", "action", 0, "title").value == "Changed title"
    assert "Unsaved changes" in warning(at)


def test_profile_fields_save(editing):
    at = open_page(city="gamma")
    field(at, "text_input", "city", "name").input("Gamma City").run()
    _ok(
        at.toggle(key=[t.key for t in at.toggle if t.key.endswith(":city:population:on")][0])
        .set_value(True)
        .run()
    )
    field(at, "number_input", "city", "population", "value").set_value(1234).run()
    field(at, "selectbox", "city", "population", "source").set_value("article").run()
    save(at)
    gamma = load_network(editing).city("gamma").city
    assert gamma.name == "Gamma City"
    assert (gamma.population.value, gamma.population.year, gamma.population.source) == (1234, None, "article")
    assert "year: null" in (editing / "cities" / "gamma.yaml").read_text(encoding="utf-8")  # unknown, not 0
    assert gamma.population.approximate is False
    assert "approximate" not in (editing / "cities" / "gamma.yaml").read_text(encoding="utf-8")


def test_a_population_can_be_marked_approximate_and_unmarked(editing):
    path = editing / "cities" / "alpha.yaml"
    at = open_page(city="alpha")
    field(at, "checkbox", "city", "population", "approximate").check().run()
    save(at)
    assert load_network(editing).city("alpha").city.population.approximate is True
    assert "approximate: true" in path.read_text(encoding="utf-8")
    at = open_page(city="alpha")
    field(at, "checkbox", "city", "population", "approximate").uncheck().run()
    save(at)
    assert load_network(editing).city("alpha").city.population.approximate is False
    assert "approximate" not in path.read_text(encoding="utf-8")  # not approximate: left out


# --- refused saves -----------------------------------------------------------------------------


def test_validation_problems_are_shown_in_words_and_nothing_is_written(editing):
    path = editing / "cities" / "alpha.yaml"
    original = path.read_bytes()
    at = open_page()
    field(at, "text_input", "action", 0, "title").input("").run()
    save(at)
    said = errors(at)
    assert "Not saved: fix these problems first" in said and "Nothing was written" in said
    assert "Action “alpha-a1”, Title: must not be empty" in said  # the form's words, no file or path
    assert "cities/" not in said and "actions[" not in said
    assert path.read_bytes() == original and earlier_versions(editing, "cities/alpha.yaml") == []
    assert field(at, "text_input", "action", 0, "title").value == ""  # the input stays on screen


def test_removing_an_action_others_refer_to_is_refused(editing):
    path = editing / "cities" / "alpha.yaml"
    original = path.read_bytes()
    at = open_page()
    choose_action(at, 2)  # alpha-t1: alpha-a1 came out of it
    _ok(at.button(key="edit_remove_action").click().run())
    save(at)
    said = errors(at)
    assert "Action “Observatory”, Which testing action: names the action 'alpha-t1'" in said
    assert path.read_bytes() == original


def test_a_concurrent_edit_is_refused_and_the_input_kept(editing):
    path = editing / "cities" / "alpha.yaml"
    at = open_page()
    field(at, "text_input", "action", 0, "title").input("My title").run()
    theirs = path.read_text(encoding="utf-8").replace("title: Walks", "title: Their walks")
    path.write_text(theirs, encoding="utf-8")  # someone else saved after this editor opened the file
    save(at)
    assert "Not saved: someone else saved this after you opened it" in errors(at)
    assert "What you typed is still here" in errors(at)
    assert path.read_text(encoding="utf-8") == theirs and earlier_versions(editing, "cities/alpha.yaml") == []
    assert field(at, "text_input", "action", 0, "title").value == "My title"
    # starting again shows their change, and a save from there goes through
    _ok(at.button(key="edit_discard").click().run())
    choose_action(at, 1)
    assert field(at, "text_input", "action", 1, "title").value == "Their walks"


def test_a_crash_between_write_and_rename_leaves_the_old_file_whole(editing, monkeypatch):
    import os

    path = editing / "cities" / "alpha.yaml"
    original = path.read_bytes()
    real_replace = os.replace

    def crash(source, target):
        if os.path.abspath(target) == os.path.abspath(path):
            raise OSError(5, "Input/output error")
        return real_replace(source, target)

    monkeypatch.setattr("workspace.store.os.replace", crash)
    at = open_page()
    field(at, "text_input", "action", 0, "title").input("Lost in the crash").run()
    save(at)
    assert "could not be written (Input/output error)" in errors(at) and "Nothing was changed" in errors(at)
    assert path.read_bytes() == original
    assert [
        p.name for p in path.parent.iterdir() if p.name.startswith(".")
    ] == []  # no half-written file left
    assert field(at, "text_input", "action", 0, "title").value == "Lost in the crash"


# --- history, restore, sources -----------------------------------------------------------------


def test_restore_an_earlier_version(editing):
    path = editing / "cities" / "alpha.yaml"
    original = path.read_bytes()
    at = open_page()
    field(at, "text_input", "city", "name").input("Alpha Town").run()
    save(at)
    assert load_network(editing).city("alpha").city.name == "Alpha Town"
    assert "profile: name changed" in shown(" ".join(m.value for m in at.markdown))
    _ok(at.button(key="edit_restore_1").click().run())  # 0 is the version saved now
    assert "as it was saved on" in shown(at.success[-1].value), errors(at)
    assert path.read_bytes() == original
    assert len(earlier_versions(editing, "cities/alpha.yaml")) == 2  # the edited version is kept in turn
    assert field(at, "text_input", "city", "name").value == "Alphaville"


def test_restore_waits_for_unsaved_changes(editing):
    at = open_page()
    field(at, "text_input", "city", "name").input("Alpha Town").run()
    save(at)
    field(at, "text_input", "city", "name").input("Alpha Village").run()
    assert at.button(key="edit_restore_1").disabled


def test_add_a_source_document(editing):
    at = open_page()
    at.text_input(key="edit_source_title").input("Alphaville plan, 2026 edition")
    at.text_input(key="edit_source_address").input("https://alpha.example/plan")
    _ok(at.button[[b.label for b in at.button].index("Add the source")].click().run())
    assert "Source 'alphaville-plan-2026-edition' added" in shown(at.success[-1].value), errors(at)
    network = load_network(editing)
    assert network.problems == []
    assert network.sources["alphaville-plan-2026-edition"].address == "https://alpha.example/plan"
    assert at.text_input(key="edit_source_title").value == ""  # the form is ready for the next one
    assert (
        "alphaville-plan-2026-edition: Alphaville plan, 2026 edition"
        in field(at, "multiselect", "city", "sources").options
    )


def test_a_bad_source_is_refused_in_words(editing):
    before = (editing / "sources.yaml").read_bytes()
    at = open_page()
    at.text_input(key="edit_source_title").input("A leaflet")
    at.text_input(key="edit_source_address").input("www.example.org")
    _ok(at.button[[b.label for b in at.button].index("Add the source")].click().run())
    assert "Address: must be a web address starting with https://" in errors(at)
    assert at.text_input(key="edit_source_address").value == "www.example.org"  # kept, to correct it
    assert (editing / "sources.yaml").read_bytes() == before


BROKEN_ACTION = """\
  - id: beta-a9
    number: 3
    title: Broken by hand
    kind: iap_action
    description: Written by hand with mistakes.
    interventions: help
    support_level: [targeted]
    beneficiaries: [isolated, isolated]
    model_reason: Helps.
    budget: {amount_eur: -5, basis: plan_total, status: planned, funding_sources: [municipal], source: article}
    timing: {start_year: 1990, end_year: null}
    sources: [article]
"""


def test_a_file_broken_by_hand_opens_and_can_be_mended(editing):
    path = editing / "cities" / "beta.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("actions:\n", "actions:\n" + BROKEN_ACTION, 1))
    assert "beta-a9" not in actions_of(editing, "beta")  # the loader drops the broken action

    at = open_page(password=BETA, city="beta")
    choose_action(at, 0)
    assert field(at, "text_input", "action", 0, "title").value == "Broken by hand"
    assert field(at, "number_input", "action", 0, "budget", "amount_eur").value == -5
    assert field(at, "text_input", "action", 0, "timing", "start_year").value == "1990"
    assert field(at, "multiselect", "action", 0, "interventions").value == ["help"]

    # shapes written by hand are put right on opening, and said so before anything is saved
    assert "interventions: one value made into a list" in shown(" ".join(c.value for c in at.caption))
    assert "beneficiaries: repeated values listed once" in shown(" ".join(c.value for c in at.caption))
    assert "number: the number made into text" in shown(" ".join(c.value for c in at.caption))

    field(at, "text_input", "action", 0, "title").input("Mended").run()
    save(at)
    said = errors(at)
    assert "Nothing was written" in said
    for expected in [
        "Action “Mended”, Amount (EUR): must be 0 or more, not -5",
        "Action “Mended”, From (year; empty if unknown): must be 2000 or more, not 1990",
        "Action “Mended”, Support level: must be one value, not a list (“Targeted support”)",  # never a Python repr
    ]:
        assert expected in said, (expected, said)

    field(at, "number_input", "action", 0, "budget", "amount_eur").set_value(500.0).run()
    field(at, "text_input", "action", 0, "timing", "start_year").input("2026").run()
    field(at, "selectbox", "action", 0, "support_level").set_value("targeted").run()
    save(at)
    assert "Saved Béta: " in shown(at.success[-1].value), errors(at)
    mended = actions_of(editing, "beta")["beta-a9"]
    assert (mended.title, mended.budget.amount_eur, mended.timing.start_year, mended.number) == (
        "Mended",
        500,
        2026,
        "3",
    )
    assert load_network(editing).problems == []


def test_after_a_save_the_same_action_stays_chosen(editing):
    at = open_page()
    choose_action(at, 2)
    field(at, "text_input", "action", 2, "title").input("Focus group of experts").run()
    save(at)
    assert field(at, "text_input", "action", 2, "title").value == "Focus group of experts"


def test_two_people_editing_the_same_city_the_second_save_is_refused(editing):
    path = editing / "cities" / "alpha.yaml"
    first, second = open_page(), open_page()
    field(first, "text_input", "action", 0, "title").input("First person's title").run()
    field(second, "text_input", "city", "name").input("Second person's name").run()
    save(first)
    after_first = path.read_bytes()
    assert "Saved" in shown(first.success[-1].value)
    _ok(second.run())  # any rerun shows the second person that someone else saved meanwhile
    assert "Someone else saved Alphaville after you opened it" in errors(second)
    save(second)
    assert "Not saved: someone else saved this after you opened it" in errors(second)
    assert path.read_bytes() == after_first
    assert field(second, "text_input", "city", "name").value == "Second person's name"
    network = load_network(editing)
    assert network.city("alpha").city.name == "Alphaville"
    assert actions_of(editing)["alpha-a1"].title == "First person's title"


def _shown_title():
    import streamlit as st

    from ui.data import load

    network, _ = load()
    st.write(network.city("alpha").actions[0].title)


def test_after_a_save_every_page_shows_the_new_data(editing):
    from streamlit.testing.v1 import AppTest

    reader = _ok(AppTest.from_function(_shown_title, default_timeout=60).run())
    assert reader.markdown[0].value == "Observatory"
    at = open_page()
    field(at, "text_input", "action", 0, "title").input("Observatory, renamed").run()
    save(at)
    _ok(reader.run())
    assert reader.markdown[0].value == "Observatory, renamed"


def test_only_the_lead_expert_sees_problems_with_the_configuration(editing, monkeypatch):
    monkeypatch.setenv("IAP_CITY_PASSWORDS", f"beta={BETA},zeta=z-password,broken")
    lead = open_page()
    assert [shown(w.value) for w in lead.warning] == [
        "Editing is not set up correctly: IAP_CITY_PASSWORDS: entry 3 is not written as city-id=password "
        "(for example fot=...,isernia=...); it was ignored.",
        "Editing is not set up correctly: a password is set for 'zeta', which is not a city in the data (a mistyped id?)",
    ]
    assert "z-password" not in " ".join(w.value for w in lead.warning)
    city = open_page(password=BETA, city="beta")
    assert not city.warning


def test_the_lead_expert_adds_a_city(editing):
    at = open_page()
    at.text_input(key="edit_city_name").input("Delta Town")
    at.text_input(key="edit_city_country").input("Outland")
    at.multiselect(key="edit_city_sources").set_value(["article"])
    _ok(at.button[[b.label for b in at.button].index("Add the city")].click().run())
    assert "Added Delta Town: now enter its plan below" in shown(at.success[-1].value), errors(at)
    assert at.selectbox(key="edit_city").value == "delta-town"
    assert at.text_input(key="edit_city_name").value == ""
    delta = load_network(editing).city("delta-town")
    assert (delta.city.name, delta.city.country, delta.city.role, delta.actions) == (
        "Delta Town",
        "Outland",
        "partner",
        (),
    )
    assert load_network(editing).problems == []
    # its plan is entered like any other's
    _ok(at.button(key="edit_add_action").click().run())
    assert field(at, "text_input", "action", 0, "id").value == "delta-town-a1"


def test_a_city_that_exists_is_not_added_again(editing):
    before = (editing / "cities" / "beta.yaml").read_bytes()
    at = open_page()
    at.text_input(key="edit_city_name").input("Beta again")
    at.text_input(key="edit_city_id").input("beta")
    at.text_input(key="edit_city_country").input("Outland")
    at.multiselect(key="edit_city_sources").set_value(["article"])
    _ok(at.button[[b.label for b in at.button].index("Add the city")].click().run())
    assert "Id: a city with the id 'beta' exists already" in errors(at)
    assert (editing / "cities" / "beta.yaml").read_bytes() == before


def test_a_city_password_cannot_add_cities(editing):
    at = open_page(password=BETA, city="beta")
    assert "Add the city" not in [b.label for b in at.button]


def test_a_year_can_be_made_unknown_again_and_a_wrong_one_is_named(editing):
    at = open_page()
    field(at, "text_input", "action", 0, "timing", "end_year").input("").run()
    field(at, "text_input", "action", 0, "timing", "start_year").input("2026 or so").run()
    save(at)
    assert (
        "Action “Observatory”, From (year; empty if unknown): must be a whole number, not “2026 or so”"
        in errors(at)
    )
    field(at, "text_input", "action", 0, "timing", "start_year").input(" 2026 ").run()
    save(at)
    timing = actions_of(editing)["alpha-a1"].timing
    assert (timing.start_year, timing.end_year) == (2026, None)
    assert "end_year: null" in (editing / "cities" / "alpha.yaml").read_text(encoding="utf-8")
