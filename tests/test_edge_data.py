"""Every page on unusual data: no city at all, and a data folder that does not exist.

Nothing must crash: a page says what is missing in plain words.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import MINI, ROOT
from streamlit.testing.v1 import AppTest

PAGES = ["overview", "coverage", "budgets", "transfers", "actions", "present"]


@pytest.fixture
def empty_network(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    for city_file in (data / "cities").glob("*.yaml"):
        city_file.unlink()
    monkeypatch.setenv("IAP_DATA_DIR", str(data))
    return data


@pytest.mark.parametrize("page", PAGES)
def test_pages_with_no_city_file(empty_network, page):
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]


def test_app_with_a_missing_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("IAP_DATA_DIR", str(tmp_path / "nowhere"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert "cannot start" in at.error[0].value
    assert any("this data folder does not exist" in t.value for t in at.text)
