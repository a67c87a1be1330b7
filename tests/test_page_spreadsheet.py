"""The Spreadsheet page with AppTest: download, upload, preview, save - under the editing rights -
and a new city from a workbook shown on every page."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import REAL_DATA, ROOT
from openpyxl import load_workbook
from test_spreadsheet import add_new_city, edit, find_row, snapshot

from models import load_network
from models.access import READ_ONLY
from models.workbook import build_workbook

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
    assert "Saved 1 city file: alpha.yaml" in "\n".join(s.value for s in at.success)
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
    assert "Cities, city alpha: your password does not allow editing this city" in at.code[0].value
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
