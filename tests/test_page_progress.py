"""The Progress page with AppTest: fixed days, and a value recorded that changes the page."""

from __future__ import annotations

import datetime
import shutil

import pytest
from conftest import REAL_DATA, ROOT, run_page
from streamlit.testing.v1 import AppTest

PAGE = str(ROOT / "pages" / "progress.py")
LEAD = "lead-secret-123"


def _table(at, column):
    return next(f.value for f in at.dataframe if column in f.value.columns)


def test_isernia_on_a_fixed_day(real_data):
    at = run_page(PAGE, progress_day=datetime.date(2026, 11, 24), progress_city="isernia")
    said = " ".join(m.value for m in at.markdown)
    assert "On 24 November 2026: 31 indicators — 31 no report yet." in said.replace("\\", "")
    table = _table(at, "Latest value")
    assert len(table) == 31 and set(table["Latest value"]) == {"no report yet"}
    assert len(at.get("plotly_chart")) == 2


def test_before_the_plan_starts_nothing_is_due(real_data):
    at = run_page(PAGE, progress_day=datetime.date(2025, 6, 1), progress_city="isernia")
    assert set(_table(at, "Status")["Status"]) == {"not started"}
    # nothing to draw: a sentence instead of an empty chart (the planned periods still show)
    assert "no indicator of the plans shown is due yet" in " ".join(i.value for i in at.info)
    assert len(at.get("plotly_chart")) == 1


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    target = tmp_path / "data"
    shutil.copytree(
        REAL_DATA, target, ignore=shutil.ignore_patterns(".git", ".history", "progress", "assessments")
    )
    monkeypatch.setenv("IAP_DATA_DIR", str(target))
    return target


def _signed_in(monkeypatch, **state):
    """The page run as the Lead Expert, signed in through the form."""
    monkeypatch.setenv("IAP_EDIT_PASSWORD", LEAD)
    monkeypatch.delenv("IAP_CITY_PASSWORDS", raising=False)
    monkeypatch.setattr("ui.access.REFUSAL_PAUSE_S", 0)
    at = AppTest.from_file(PAGE, default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    at.text_input(key="edit_password").input(LEAD)
    next(b for b in at.button if b.label == "Sign in to edit").click().run()
    return at


def test_recording_a_value_changes_the_page(data_copy, monkeypatch):
    at = _signed_in(monkeypatch, progress_day=datetime.date(2026, 11, 24), progress_city="isernia")
    at.selectbox(key="progress_report_indicator").set_value(("isernia-a3", "isernia-a3-n2"))
    at.number_input(key="progress_report_value").set_value(62.0)
    at.date_input(key="progress_report_date").set_value(datetime.date(2026, 5, 10))
    at.text_input(key="progress_report_by").input("Isernia team")
    next(b for b in at.button if b.label == "Record the value").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "value: 62.0" in (data_copy / "progress" / "isernia.yaml").read_text(encoding="utf-8")
    table = _table(at, "Latest value")
    row = table[table["Indicator"] == "participants per event"].iloc[0]
    assert (row["Latest value"], row["Reported on"], row["Status"]) == ("62", "2026-05-10", "achieved")
    said = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "1 achieved, 30 no report yet" in said


def test_recording_without_a_name_is_refused(data_copy, monkeypatch):
    at = _signed_in(monkeypatch, progress_city="isernia")
    next(b for b in at.button if b.label == "Record the value").click().run()
    said = "\n".join(e.value for e in at.error)
    assert "Not saved: fix these problems first" in said and "Reported by: must not be empty" in said
    assert "reported_by" not in said
    assert not (data_copy / "progress").exists()


def test_uploading_a_filled_workbook_adds_its_values(data_copy, monkeypatch):
    import io

    from openpyxl import load_workbook

    from formats.progress_sheet import SHEET, template_bytes
    from models import load_network

    book = load_workbook(io.BytesIO(template_bytes(load_network(data_copy))))
    sheet = book[SHEET]
    sheet["F2"], sheet["G2"], sheet["H2"] = 3, "2026-10-01", "Observatory"
    buffer = io.BytesIO()
    book.save(buffer)

    at = _signed_in(monkeypatch, progress_day=datetime.date(2026, 11, 24), progress_city="isernia")
    uploader = at.get("file_uploader")
    assert uploader, "the upload field is shown once signed in"
    # AppTest cannot drive a file upload; the reading it would show is checked directly.
    from formats.progress_sheet import read_workbook

    reading = read_workbook(buffer.getvalue(), load_network(data_copy))
    assert reading.problems == [] and reading.count == 1


def test_a_signed_in_city_without_indicators_is_not_asked_to_sign_in(data_copy, cookie):
    from models import load_network
    from workspace import accounts

    # a city of the data whose actions have no indicator (read from the data: entering a plan
    # with indicators for one city leaves the others)
    bare = [
        plan.city.id
        for plan in load_network(data_copy).cities
        if not any(action.indicators for action in plan.actions)
    ]
    if not bare:
        pytest.skip("every city of the data has an indicator")
    accounts.add("City team", "the team's long password", cities=(bare[0],))
    cookie.token = accounts.start_session(accounts.sign_in("city-team", "the team's long password"))[0]
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    said = " ".join(c.value for c in at.caption)
    assert "None of the plans you may edit has an indicator to record a value for yet." in said
    assert "Sign in" not in said and not any(w.key == "edit_password" for w in at.text_input)


def test_a_value_typed_when_the_account_is_revoked_stays_on_screen(data_copy, cookie):
    from workspace import accounts

    accounts.add("Anna Lead", "the lead's long password", lead=True)
    accounts.add("Other Lead", "another long password", lead=True)
    cookie.token = accounts.start_session(accounts.sign_in("anna-lead", "the lead's long password"))[0]
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["progress_city"] = "isernia"
    at.run()
    at.number_input(key="progress_report_value").set_value(62.0)
    at.text_input(key="progress_report_by").input("Isernia team")
    accounts.revoke("anna-lead")
    next(b for b in at.button if b.label == "Record the value").click().run()
    assert not at.exception
    assert "Not saved: you can no longer make changes" in "\n".join(e.value for e in at.error)
    kept = "\n".join(c.value for c in at.code)
    assert "Reported by: Isernia team" in kept and "Value: 62.0" in kept
    assert not (data_copy / "progress").exists()
