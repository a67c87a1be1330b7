"""The Spreadsheet page with AppTest: download, upload, preview, save - under the editing rights -
and a new city from a workbook shown on every page."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import REAL_DATA, ROOT
from openpyxl import load_workbook
from test_spreadsheet import add_new_city, edit, find_row, snapshot

from formats.workbook import build_workbook
from models import load_network
from workspace.access import READ_ONLY

PAGE = str(ROOT / "pages" / "spreadsheet.py")
LEAD = "lead-password"
BETA = "beta-password"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def editing(monkeypatch, data_dir):
    monkeypatch.setenv("IAP_DATA_DIR", str(data_dir))
    monkeypatch.setenv("IAP_EDIT_PASSWORD", LEAD)
    monkeypatch.setenv("IAP_CITY_PASSWORDS", f"beta={BETA}")
    monkeypatch.setattr("ui.access.REFUSAL_PAUSE_S", 0)
    return data_dir


def ok(at):
    assert not at.exception, [e.value for e in at.exception]
    return at


def signed_in(password: str = LEAD):
    from streamlit.testing.v1 import AppTest

    at = ok(AppTest.from_file(PAGE, default_timeout=60).run())
    at.text_input(key="edit_password").input(password)
    return ok(at.button[0].click().run())


def upload(at, content: bytes):
    return ok(at.get("file_uploader")[0].set_value(("plans.xlsx", content, XLSX)).run())


def workbook_of(folder, tmp_path):
    path = tmp_path / "plans.xlsx"
    path.write_bytes(build_workbook(folder, load_network(folder).vocabulary))
    return path


def test_read_only_offers_the_download_but_no_upload(mini_data, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("IAP_EDIT_PASSWORD", raising=False)
    monkeypatch.delenv("IAP_CITY_PASSWORDS", raising=False)
    at = ok(AppTest.from_file(PAGE, default_timeout=60).run())
    assert at.get("download_button")[0].proto.label == "Download the workbook (.xlsx)"
    assert not at.get("file_uploader")
    assert any(READ_ONLY in i.value for i in at.info)


def test_upload_shows_what_changes_and_save_writes_it(editing, tmp_path):
    workbook = workbook_of(editing, tmp_path)
    edit(
        workbook, "Cities", find_row(workbook, "Cities", "id", "alpha"), "summary", "A new summary for Alpha."
    )
    at = upload(signed_in(), workbook.read_bytes())
    text = "\n".join(m.value for m in at.markdown)
    assert "city fields changed: summary" in text.replace("\\", "")
    assert (editing / "cities/alpha.yaml").read_text().count("A new summary for Alpha.") == 0  # not yet
    at = ok(at.button(key="sheet_save").click().run())
    assert "Saved the workbook's changes to Alphaville." in "\n".join(s.value for s in at.success).replace(
        "\\", ""
    )
    assert "It is saved and recorded in the data's history" in "\n".join(s.value for s in at.success)
    assert load_network(editing).city("alpha").city.summary == "A new summary for Alpha."


def test_a_broken_workbook_lists_its_problems_and_writes_nothing(editing, tmp_path):
    workbook = workbook_of(editing, tmp_path)
    edit(workbook, "Actions", 2, "budget_eur", "lots")
    before = snapshot(editing)
    at = upload(signed_in(), workbook.read_bytes())
    assert "This workbook was not imported" in at.error[0].value
    assert "Actions, row 2, column budget_eur: must be a plain number" in at.code[0].value
    assert not any(b.key == "sheet_save" for b in at.button)
    assert snapshot(editing) == before


def test_a_city_password_cannot_change_another_city(editing, tmp_path):
    workbook = workbook_of(editing, tmp_path)
    edit(workbook, "Cities", find_row(workbook, "Cities", "id", "alpha"), "summary", "Changed by beta.")
    before = snapshot(editing)
    at = upload(signed_in(BETA), workbook.read_bytes())
    assert "Cities, city alpha: your password does not allow editing Alphaville" in at.code[0].value
    assert not any(b.key == "sheet_save" for b in at.button)
    assert snapshot(editing) == before


def rendered_text(at) -> str:
    """Everything a page shows as text: markdown, tables, metrics, charts' data."""
    parts = [
        e.value for kind in ("markdown", "caption", "title", "subheader", "info") for e in getattr(at, kind)
    ]
    parts += [df.value.to_string() for df in at.dataframe]
    parts += [json.dumps(json.loads(c.proto.spec)) for c in at.get("plotly_chart")]
    parts += [str(m.value) + m.label for m in at.metric]
    parts += [str(s.options) for s in at.selectbox] + [str(s.options) for s in at.multiselect]
    return "\n".join(parts)


def test_a_new_city_from_a_workbook_shows_on_every_page(monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data, ignore=shutil.ignore_patterns(".git", ".history", ".*.lock", "drafts"))
    monkeypatch.setenv("IAP_DATA_DIR", str(data))
    monkeypatch.setenv("IAP_EDIT_PASSWORD", LEAD)
    workbook = workbook_of(data, tmp_path)
    add_new_city(workbook)
    # Place it on the map, so that the Overview's map shows it too.
    edit(workbook, "Cities", find_row(workbook, "Cities", "id", "testville"), "lat", 45.5)
    edit(workbook, "Cities", find_row(workbook, "Cities", "id", "testville"), "lon", 11.5)
    edit(
        workbook,
        "Cities",
        find_row(workbook, "Cities", "id", "testville"),
        "location_source",
        "network-page",
    )
    assert load_workbook(workbook)["Cities"].max_row == 12

    at = upload(signed_in(), workbook.read_bytes())
    assert "new city with 5 actions" in "\n".join(m.value for m in at.markdown).replace("\\", "")
    ok(at.button(key="sheet_save").click().run())
    assert load_network(data).ok

    # The Overview's map and the Transfers city picker are a tab away from the first view.
    opened = {"overview": {"overview_tab": "Map"}, "transfers": {"transfers_tab": "One city"}}
    for page in ("overview", "coverage", "budgets", "transfers", "actions"):
        at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=60)
        for key, value in opened.get(page, {}).items():
            at.session_state[key] = value
        shown = ok(at.run())
        assert "Testville" in rendered_text(shown), page


def test_an_account_changing_another_citys_actions_is_told_so_on_the_actions_sheet(editing, tmp_path, cookie):
    from streamlit.testing.v1 import AppTest

    from workspace import accounts

    accounts.add("Béla Beta", "béla's long password", cities=("beta",))
    cookie.token = accounts.start_session(accounts.sign_in("bela-beta", "béla's long password"))[0]
    workbook = workbook_of(editing, tmp_path)
    edit(workbook, "Actions", find_row(workbook, "Actions", "id", "alpha-a1"), "budget_eur", 4000)
    at = upload(ok(AppTest.from_file(PAGE, default_timeout=60).run()), workbook.read_bytes())
    said = at.code[0].value
    assert "Actions, city alpha: your account may not change Alphaville; ask the Lead Expert" in said
    assert "password" not in said and "Cities" not in said
    assert "1 problem." in at.error[0].value and "1 problems" not in at.error[0].value


def test_the_change_list_shows_old_and_new_values_and_flags_an_action_entered_twice(editing, tmp_path):
    from test_spreadsheet import append_row

    workbook = workbook_of(editing, tmp_path)
    row = find_row(workbook, "Actions", "id", "alpha-a1")
    edit(workbook, "Actions", row, "budget_eur", 4000)
    sheet = load_workbook(workbook, read_only=True)["Actions"]
    header, *rows = list(sheet.iter_rows(values_only=True))
    copy = dict(zip(header, rows[row - 2], strict=True)) | {"id": "alpha-a9"}
    append_row(workbook, "Actions", copy)
    at = upload(signed_in(), workbook.read_bytes())
    text = "\n".join(m.value for m in at.markdown).replace("\\", "")
    assert "action alpha-a1: Amount (EUR): 3000 -> 4000" in text
    assert "actions alpha-a1 and alpha-a9 are the same in every field but their id" in text


def test_a_file_changed_after_the_check_is_refused_with_what_to_do(editing, tmp_path):
    workbook = workbook_of(editing, tmp_path)
    edit(workbook, "Cities", find_row(workbook, "Cities", "id", "alpha"), "summary", "From the workbook.")
    at = upload(signed_in(), workbook.read_bytes())
    path = editing / "cities" / "alpha.yaml"
    path.write_text(path.read_text().replace("A small city", "A small town"))  # someone else, meanwhile
    at = ok(at.button(key="sheet_save").click().run())
    said = "\n".join(e.value for e in at.error)
    assert "Not saved: someone else saved this after you opened it" in said
    assert "press 'Download the workbook (.xlsx)' and make your changes again" in said
    assert "A small town" in path.read_text() and "From the workbook." not in path.read_text()


def test_a_workbook_checked_when_the_account_is_revoked_keeps_its_changes_on_screen(
    editing, tmp_path, cookie
):
    from streamlit.testing.v1 import AppTest

    from workspace import accounts

    accounts.add("Anna Lead", "the lead's long password", lead=True)
    accounts.add("Other Lead", "another long password", lead=True)  # the last lead cannot be revoked
    cookie.token = accounts.start_session(accounts.sign_in("anna-lead", "the lead's long password"))[0]
    workbook = workbook_of(editing, tmp_path)
    edit(workbook, "Actions", find_row(workbook, "Actions", "id", "alpha-a1"), "budget_eur", 4000)
    at = upload(ok(AppTest.from_file(PAGE, default_timeout=60).run()), workbook.read_bytes())
    before = (editing / "cities" / "alpha.yaml").read_text()
    accounts.revoke("anna-lead")
    at = ok(at.button(key="sheet_save").click().run())
    assert "Not saved: you can no longer make changes" in "\n".join(e.value for e in at.error)
    kept = "\n".join(c.value for c in at.code)
    assert "Alphaville: action alpha-a1: Amount (EUR): 3000 -> 4000" in kept
    assert "upload it again once signed in" in "\n".join(c.value for c in at.caption)
    assert (editing / "cities" / "alpha.yaml").read_text() == before
