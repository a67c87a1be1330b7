"""One way a save ends on a page (ui.saving), on the editing page with AppTest: refused in the
form's words, changed on disk, saved but not copied to the backup, an account revoked while
typing; what was typed is never lost."""

from __future__ import annotations

import pytest
from conftest import ROOT

from models.files import Problem
from models.form_words import in_form_words
from workspace import accounts
from workspace.history import REMOTE_VARIABLE

EDIT = str(ROOT / "pages" / "edit.py")
PASSWORD = "the lead's long password"


@pytest.fixture
def signed_in(monkeypatch, data_dir, cookie):
    """The editing page opened by the Lead Expert's account, on a copy of the fixture data."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("IAP_DATA_DIR", str(data_dir))
    monkeypatch.delenv("IAP_EDIT_PASSWORD", raising=False)
    monkeypatch.delenv("IAP_CITY_PASSWORDS", raising=False)
    monkeypatch.delenv(REMOTE_VARIABLE, raising=False)
    monkeypatch.setattr("ui.access.REFUSAL_PAUSE_S", 0)
    accounts.add("Anna Lead", PASSWORD, lead=True)
    cookie.token = accounts.start_session(accounts.sign_in("Anna Lead", PASSWORD))[0]
    return lambda: _ok(AppTest.from_file(EDIT, default_timeout=60).run())


def _ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


def _field(at, kind: str, *place):
    suffix = ":" + ":".join(map(str, place))
    (found,) = [w for w in getattr(at, kind) if w.key and w.key.startswith("ed:") and w.key.endswith(suffix)]
    return found


def _said(at) -> str:
    return "\n".join(e.value for e in [*at.error, *at.warning, *at.success, *at.info]).replace("\\", "")


def test_an_empty_action_is_refused_in_the_words_of_the_form(signed_in, data_dir):
    path = data_dir / "cities" / "alpha.yaml"
    before = path.read_bytes()
    at = signed_in()
    _ok(at.button(key="edit_add_action").click().run())
    _ok(at.button(key="edit_save").click().run())
    said = "\n".join(e.value for e in at.error).replace("\\", "")
    assert "Not saved: fix these problems first" in said and "What you typed is still here" in said
    assert "Action “alpha-a3”, Support level: is empty; fill it in or choose one" in said
    assert "Action “alpha-a3”, Title: must not be empty" in said
    for never in ("cities/", "alpha.yaml", "actions[", "support_level", "null"):
        assert never not in said, never
    assert path.read_bytes() == before
    assert at.button(key="edit_save").disabled is False  # the new action is still there to fill in


def test_changed_on_disk_keeps_what_was_typed(signed_in, data_dir):
    at = signed_in()
    _field(at, "text_input", "action", 0, "title").input("Typed here").run()
    path = data_dir / "cities" / "alpha.yaml"
    path.write_text(path.read_text().replace("A yearly survey", "A yearly count"))  # someone else
    _ok(at.button(key="edit_save").click().run())
    said = _said(at)
    assert "Not saved: someone else saved this after you opened it" in said
    assert "What you typed is still here" in said
    assert _field(at, "text_input", "action", 0, "title").value == "Typed here"
    assert "A yearly count" in path.read_text() and "Typed here" not in path.read_text()


def test_a_save_says_it_is_committed_or_not_backed_up(signed_in, data_dir, tmp_path, monkeypatch):
    at = signed_in()
    _field(at, "text_input", "action", 0, "title").input("Committed").run()
    _ok(at.button(key="edit_save").click().run())
    assert "It is saved and recorded in the data's history" in at.success[-1].value

    # A backup that cannot be reached: the save stands, and says the copy is missing.
    monkeypatch.setenv(REMOTE_VARIABLE, str(tmp_path / "no-such-backup"))
    _field(at, "text_input", "action", 0, "title").input("Not backed up").run()
    _ok(at.button(key="edit_save").click().run())
    warned = "\n".join(w.value for w in at.warning)
    assert "saved and in the data's history, but not copied to the backup" in warned
    assert "title: Not backed up" in (data_dir / "cities" / "alpha.yaml").read_text()


def test_a_save_that_changes_nothing_says_so(signed_in):
    at = signed_in()
    title = _field(at, "text_input", "action", 0, "title")
    original = title.value
    title.input("Something else").run()
    _field(at, "text_input", "action", 0, "title").input(original).run()
    assert at.button(key="edit_save").disabled  # nothing to save: the form says so before any save


def test_an_account_revoked_while_typing_keeps_the_typed_text_on_screen(signed_in, data_dir):
    at = signed_in()
    _field(at, "text_input", "action", 0, "title").input("Written before the revocation").run()
    accounts.add("Other Lead", "another long password", lead=True)  # the last lead cannot be revoked
    accounts.revoke("anna-lead")
    _ok(at.button(key="edit_save").click().run())
    said = "\n".join(e.value for e in at.error)
    assert "Not saved: you can no longer make changes" in said
    kept = "\n".join(c.value for c in at.code)
    assert "Title: Written before the revocation" in kept
    assert "Written before the revocation" not in (data_dir / "cities" / "alpha.yaml").read_text()


def test_a_problem_elsewhere_is_said_without_the_file_or_the_path():
    problem = Problem(
        "cities/fot.yaml", "actions[fot-a3].support_level", "is missing; add it (use null if it is unknown)"
    )
    said = in_form_words(problem, {"fot-a3": "Café"})
    assert said == "Action “Café”, Support level: is empty; fill it in or choose one"
    budget = Problem("cities/fot.yaml", "actions[fot-a3].budget.funding_sources[2]", "lists x more than once")
    assert in_form_words(budget) == "Action “fot-a3”, Paid by: lists x more than once"
    city = Problem("cities/fot.yaml", "population.value", "must be more than 0")
    assert in_form_words(city) == "Population: must be more than 0"


def test_an_action_entered_twice_is_flagged_before_saving(signed_in):
    at = signed_in()
    typed = {"title": "Café", "description": "A weekly café.", "model_reason": "Meeting people."}
    ids = []
    for _twice in range(2):
        _ok(at.button(key="edit_add_action").click().run())
        uid = next(s for s in at.selectbox if s.key and s.key.endswith(":chosen")).value
        for name, value in typed.items():
            _field(at, "text_input" if name == "title" else "text_area", "action", uid, name).input(
                value
            ).run()
        ids.append(_field(at, "text_input", "action", uid, "id").value)
    warned = "\n".join(w.value for w in at.warning)
    assert f"Actions {ids[0]} and {ids[1]} are the same in every field but their id" in warned


def _problems_of(action: dict) -> list[Problem]:
    """The validator's problems of one action, as a save on a page would meet them."""
    from pydantic import ValidationError

    from models import load_network
    from models.messages import plain_errors
    from models.schema import Action

    vocabulary = load_network(ROOT / "tests" / "fixtures" / "mini").vocabulary
    whole = {
        "id": "x-a1",
        "title": "Café",
        "kind": "iap_action",
        "description": "d",
        "interventions": ["help"],
        "support_level": "targeted",
        "beneficiaries": ["isolated"],
        "model_reason": "r",
        "sources": ["plan-a"],
        **action,
    }
    with pytest.raises(ValidationError) as raised:
        Action.model_validate(whole, context={"vocabulary": vocabulary})
    return [
        Problem("cities/x.yaml", path, said) for path, said in plain_errors(raised.value, "actions[x-a1]")
    ]


@pytest.mark.parametrize(
    ("action", "file_says", "form_says"),
    [
        (
            {"support_level": ["targeted"]},
            "must be text, not ['targeted']",
            "Action “Café”, Support level: must be one value, not a list (“Targeted support”)",
        ),
        (
            {"interventions": ["help", "nope"]},
            "'nope' is not one of the interventions: ",
            "Action “Café”, Interventions: 'nope' is not one of the interventions: Identify, Help, ",
        ),
        (
            {
                "budget": {
                    "amount_eur": "lots",
                    "basis": "plan_total",
                    "status": "planned",
                    "funding_sources": ["municipal"],
                    "source": "plan-a",
                }
            },
            "must be a number (no currency sign or spaces), not 'lots'",
            "Action “Café”, Amount (EUR): must be a number (no currency sign or spaces), not “lots”",
        ),
    ],
)
def test_a_value_is_said_in_the_forms_words_never_as_python_writes_it(action, file_says, form_says):
    from models import load_network

    vocabulary = load_network(ROOT / "tests" / "fixtures" / "mini").vocabulary
    (problem,) = _problems_of(action)
    assert file_says in str(problem)  # the validator's report for whoever edits the file is as it was
    said = in_form_words(problem, {"x-a1": "Café"}, vocabulary)
    assert said.startswith(form_says), said
    for never in ("['", "']", "actions[", "cities/"):
        assert never not in said, never
