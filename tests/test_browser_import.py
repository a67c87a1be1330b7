"""The Spreadsheet and Import a plan pages in a real browser (Debian's Chromium, Playwright):
download the workbook, sign in, upload it with a new city, save; upload a plan and draft it.
Screenshots go to tests/artifacts/."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REAL_DATA, ROOT
from openpyxl import load_workbook
from test_spreadsheet import add_new_city

from models import load_network

sys.path.insert(0, str(ROOT / "scripts"))
from browser import CHROMIUM, running_app, wait_until_drawn  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

ARTIFACTS = ROOT / "tests" / "artifacts"
PASSWORD = "browser-test-password"


@pytest.fixture(scope="module")
def app(tmp_path_factory, chromium):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data = tmp_path_factory.mktemp("browser") / "data"
    shutil.copytree(REAL_DATA, data, ignore=shutil.ignore_patterns(".git", ".history", ".*.lock", "drafts"))
    saved = os.environ.get("IAP_EDIT_PASSWORD")
    os.environ["IAP_EDIT_PASSWORD"] = PASSWORD
    try:
        with running_app(data_dir=str(data)) as base:
            page = chromium.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            yield base, page, data
            page.context.close()
    finally:
        if saved is None:
            os.environ.pop("IAP_EDIT_PASSWORD", None)
        else:
            os.environ["IAP_EDIT_PASSWORD"] = saved


def settle(page):
    wait_until_drawn(page)
    assert page.locator('[data-testid="stException"]').count() == 0


def shot(page, name: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 2400})
    wait_until_drawn(page)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})


def sign_in(page):
    page.locator('input[type="password"]').fill(PASSWORD)
    page.get_by_role("button", name="Sign in to edit").click()
    settle(page)


def test_download_edit_and_upload_a_workbook_with_a_new_city(app, tmp_path):
    base, page, data = app
    page.goto(f"{base}/spreadsheet")
    page.wait_for_selector('[data-testid="stDownloadButton"]', timeout=60000)
    settle(page)
    with page.expect_download() as info:
        page.locator('[data-testid="stDownloadButton"] button').first.click()
    workbook = tmp_path / "plans.xlsx"
    info.value.save_as(workbook)
    assert info.value.suggested_filename == "breaking-isolation-plans.xlsx"
    assert "Actions" in load_workbook(workbook, read_only=True).sheetnames
    add_new_city(workbook)

    sign_in(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(workbook))
    page.get_by_text("new city with 5 actions").wait_for(timeout=60000)
    settle(page)
    shot(page, "spreadsheet-preview")
    page.get_by_role("button", name="Save these changes").click()
    page.get_by_text("Saved the workbook's changes to").wait_for(timeout=60000)
    settle(page)
    shot(page, "spreadsheet-saved")
    assert load_network(data).city("testville") is not None

    # The new city is offered by the sidebar's city filter, on every page.
    page.locator('[data-testid="stSidebarNav"] a', has_text="Actions").click()
    settle(page)
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
    page.get_by_role("option", name="Testville").wait_for(timeout=30000)
    page.keyboard.press("Escape")


def test_upload_a_plan_and_see_its_draft(app):
    base, page, data = app
    page.goto(f"{base}/import_plan")
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60000)
    settle(page)
    if page.locator('input[type="password"]').count():
        sign_in(page)
    plan = FIXTURES / "iap" / "testville-plan.txt"
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(plan))
    page.get_by_role("button", name="Draft its actions").wait_for(timeout=60000)
    settle(page)
    page.get_by_role("button", name="Draft its actions").click()
    page.get_by_text("3 actions drafted into drafts/testville.yaml.").wait_for(timeout=60000)
    settle(page)
    shot(page, "import-plan")
    assert (data / "drafts" / "testville.yaml").exists()
    assert page.get_by_text("To check before confirming").count() >= 1
