"""Work done once (issue 16): the data folder is looked at once per script run and never
through a hidden folder (a history of earlier versions); an uploaded plan is parsed once.
Counts, not clocks: nothing here depends on how fast the machine is."""

from __future__ import annotations

import os

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest
from test_page_import_plan import PLAN, signed_in
from test_page_import_plan import editing as editing  # a fixture, used below
from test_page_spreadsheet import ok

import ui.data


@pytest.fixture
def counted(monkeypatch):
    """Calls of ui.data._fingerprint, counted."""
    calls = []
    real = ui.data._fingerprint

    def counting(data_dir):
        calls.append(data_dir)
        return real(data_dir)

    monkeypatch.setattr(ui.data, "_fingerprint", counting)
    return calls


@pytest.mark.parametrize("page", ["overview", "transfers", "present"])
def test_the_data_folder_is_looked_at_once_per_run(mini_data, counted, page):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(f"pages/{page}.py")
    counted.clear()
    at.run()
    assert not at.exception
    assert len(counted) == 1  # frame, page, charts, stamps and exports share one look
    at.run()
    assert len(counted) == 2  # and the next run looks again: a saved change is seen


def test_a_change_is_seen_by_the_next_run(mini_data):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    first = ui.data._load(str(mini_data), ui.data._fingerprint(mini_data))[1].load_id
    city = next((mini_data / "cities").glob("*.yaml"))
    city.write_text(city.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(city, ns=(1, 1))  # a different time whatever the clock's resolution
    at.run()
    assert not at.exception
    assert ui.data._load(str(mini_data), ui.data._fingerprint(mini_data))[1].load_id != first


def test_hidden_folders_are_never_walked(data_dir, monkeypatch):
    history = data_dir / ".history" / "cities"
    history.mkdir(parents=True)
    (history / "alpha.2026.yaml").write_text("id: alpha\n", encoding="utf-8")
    (data_dir / ".git").mkdir()
    (data_dir / ".git" / "x.yaml").write_text("x: 1\n", encoding="utf-8")
    walked = []
    real_walk = os.walk

    def recording(top, *args, **kwargs):
        for folder, subfolders, files in real_walk(top, *args, **kwargs):
            walked.append(os.path.relpath(folder, data_dir))
            yield folder, subfolders, files

    monkeypatch.setattr(os, "walk", recording)
    fingerprint = ui.data._fingerprint(data_dir)
    assert not any(part.startswith(".") and part != "." for folder in walked for part in folder.split(os.sep))
    assert "cities" in walked
    files = [entry[0] for entry in fingerprint]
    assert files and not any(name.startswith(".") for name in files)
    assert os.path.join("cities", "alpha.yaml") in files


def test_an_uploaded_plan_is_read_once(monkeypatch, editing):  # noqa: F811 - the fixture
    import formats.plans

    reads = []
    real = formats.plans.read_document  # what the page reads an uploaded document with
    monkeypatch.setattr(
        formats.plans,
        "read_document",
        lambda data, name, *a, **k: reads.append(name) or real(data, name, *a, **k),
    )
    at = signed_in()
    upload = at.file_uploader(key="iap_upload").set_value((PLAN.name, PLAN.read_bytes(), "text/plain"))
    at = ok(upload.run())
    at = ok(at.run())
    at = ok(at.selectbox(key="iap_city").set_value("beta").run())
    assert reads == [PLAN.name]  # three runs with the file, one reading
    changed = PLAN.read_bytes() + b"\n"
    ok(at.file_uploader(key="iap_upload").set_value((PLAN.name, changed, "text/plain")).run())
    assert reads == [PLAN.name, PLAN.name]  # another file is read again
