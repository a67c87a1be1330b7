"""Editing in a real browser: sign in, change one title, save, on a temporary copy of the data."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REAL_DATA, ROOT, earlier_versions

from models import load_network

sys.path.insert(0, str(ROOT / "scripts"))
from browser import CHROMIUM, launch, running_app, wait_until_drawn  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make test installs it)"
    ),
]

ARTIFACTS = ROOT / "tests" / "artifacts"
PASSWORD = "lead-expert-browser-test"


def _settle(page) -> None:
    wait_until_drawn(page)


def _wait_for_text(page, text: str) -> None:
    """Wait until the page shows `text` (a click's rerun may start a moment after the click), then settle."""
    page.get_by_text(text).first.wait_for(timeout=60000)
    _settle(page)


def _shot(page, name: str) -> None:
    # Streamlit scrolls inside its own container, so a tall window shows the whole page.
    page.set_viewport_size({"width": 1400, "height": 3000})
    wait_until_drawn(page)
    page.screenshot(path=str(ARTIFACTS / name))
    page.set_viewport_size({"width": 1400, "height": 1000})


def test_sign_in_change_a_title_and_save(tmp_path, monkeypatch):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data_dir = tmp_path / "data"
    shutil.copytree(REAL_DATA, data_dir, ignore=shutil.ignore_patterns(".git", ".*.lock"))
    city_file = data_dir / "cities" / "isernia.yaml"
    original = city_file.read_text(encoding="utf-8")
    monkeypatch.setenv("IAP_EDIT_PASSWORD", PASSWORD)
    monkeypatch.delenv("IAP_CITY_PASSWORDS", raising=False)

    with running_app(data_dir=str(data_dir)) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/edit")
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=60000)
        _settle(page)
        assert "Edit a plan" in page.locator('[data-testid="stSidebarNav"]').inner_text()

        # a wrong password first: nothing opens
        page.locator('input[type="password"]').fill("not-the-password")
        page.get_by_role("button", name="Sign in to edit").click()
        _wait_for_text(page, "does not allow editing")
        assert page.get_by_role("button", name="Save", exact=True).count() == 0
        _shot(page, "edit-signin.png")

        page.locator('input[type="password"]').fill(PASSWORD)
        page.get_by_role("button", name="Sign in to edit").click()
        _wait_for_text(page, "Signed in as the Lead Expert")

        city = page.locator('[data-testid="stSelectbox"]').filter(has_text="City").first
        city.click()
        page.get_by_role("option", name="Isernia").click()
        _wait_for_text(page, "City id: isernia")
        page.get_by_role("tab", name="Actions").click()
        wait_until_drawn(page)
        title = page.get_by_label("Title", exact=True).first
        assert title.input_value() == "Observatory on Social Isolation (OIS)"
        title.fill("Observatory on Social Isolation")
        title.press("Enter")
        _wait_for_text(page, "Unsaved changes")
        _shot(page, "edit-actions.png")

        page.get_by_role("button", name="Save", exact=True).click()
        _wait_for_text(page, "Saved cities/isernia.yaml")
        assert page.locator('[data-testid="stException"]').count() == 0
        page.get_by_role("tab", name="History").click()
        wait_until_drawn(page)
        _shot(page, "edit-history.png")
        page.get_by_role("tab", name="Profile").click()
        wait_until_drawn(page)
        _shot(page, "edit-profile.png")
        browser.close()

    saved = city_file.read_text(encoding="utf-8")
    assert yaml.safe_load(saved)["actions"][0]["title"] == "Observatory on Social Isolation"
    assert saved == original.replace(
        "title: Observatory on Social Isolation (OIS)\n", "title: Observatory on Social Isolation\n"
    )  # one line changed: the file was already canonical
    assert load_network(data_dir).problems == []
    assert earlier_versions(data_dir, "cities/isernia.yaml") == [original]
