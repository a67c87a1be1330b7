"""Editing in a real browser: sign in, change one title, save, on a temporary copy of the data."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml
from browser_steps import settle, shot, wait_for_text
from conftest import REAL_DATA, ROOT, earlier_versions

from models import load_network

sys.path.insert(0, str(ROOT / "scripts"))
from browser import CHROMIUM, running_app, wait_until_drawn  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make test installs it)"
    ),
]

ARTIFACTS = ROOT / "tests" / "artifacts"
PASSWORD = "lead-expert-browser-test"


def test_sign_in_change_a_title_and_save(tmp_path, monkeypatch, browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data_dir = tmp_path / "data"
    shutil.copytree(REAL_DATA, data_dir, ignore=shutil.ignore_patterns(".git", ".*.lock"))
    city_file = data_dir / "cities" / "isernia.yaml"
    original = city_file.read_text(encoding="utf-8")
    monkeypatch.setenv("IAP_EDIT_PASSWORD", PASSWORD)
    monkeypatch.delenv("IAP_CITY_PASSWORDS", raising=False)

    with running_app(data_dir=str(data_dir)) as base:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/edit")
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=60000)
        settle(page)
        assert "Edit a plan" in page.locator('[data-testid="stSidebarNav"]').inner_text()

        # a wrong password first: nothing opens
        page.locator('input[type="password"]').fill("not-the-password")
        page.get_by_role("button", name="Sign in to edit").click()
        wait_for_text(page, "does not allow editing")
        assert page.get_by_role("button", name="Save", exact=True).count() == 0
        shot(page, ARTIFACTS / "edit-signin.png", 1400, 3000)

        page.locator('input[type="password"]').fill(PASSWORD)
        page.get_by_role("button", name="Sign in to edit").click()
        wait_for_text(page, "Signed in as the Lead Expert")

        city = page.locator('[data-testid="stSelectbox"]').filter(has_text="City").first
        city.click()
        page.get_by_role("option", name="Isernia").click()
        wait_for_text(page, "City id: isernia")
        page.get_by_role("tab", name="Actions").click()
        wait_until_drawn(page)
        title = page.get_by_label("Title", exact=True).first
        assert title.input_value() == "Observatory on Social Isolation (OIS)"
        title.fill("Observatory on Social Isolation")
        title.press("Enter")
        wait_for_text(page, "Unsaved changes")
        shot(page, ARTIFACTS / "edit-actions.png", 1400, 3000)

        page.get_by_role("button", name="Save", exact=True).click()
        wait_for_text(page, "Saved Isernia: ")
        assert page.locator('[data-testid="stException"]').count() == 0
        page.get_by_role("tab", name="History").click()
        wait_until_drawn(page)
        shot(page, ARTIFACTS / "edit-history.png", 1400, 3000)
        page.get_by_role("tab", name="Profile").click()
        wait_until_drawn(page)
        shot(page, ARTIFACTS / "edit-profile.png", 1400, 3000)

    saved = city_file.read_text(encoding="utf-8")
    assert yaml.safe_load(saved)["actions"][0]["title"] == "Observatory on Social Isolation"
    assert saved == original.replace(
        "title: Observatory on Social Isolation (OIS)\n", "title: Observatory on Social Isolation\n"
    )  # one line changed: the file was already canonical
    assert load_network(data_dir).problems == []
    assert earlier_versions(data_dir, "cities/isernia.yaml") == [original]


def test_an_empty_action_is_refused_in_the_forms_words_then_saved(tmp_path, monkeypatch, browser):
    """A save walked from the page to the commit and back: refused in the form's own words with
    what was typed kept, then completed and said to be in the history."""

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data_dir = tmp_path / "data"
    shutil.copytree(REAL_DATA, data_dir, ignore=shutil.ignore_patterns(".git", ".*.lock"))
    city_file = data_dir / "cities" / "fot.yaml"
    original = city_file.read_text(encoding="utf-8")
    monkeypatch.setenv("IAP_EDIT_PASSWORD", PASSWORD)
    monkeypatch.delenv("IAP_CITY_PASSWORDS", raising=False)

    with running_app(data_dir=str(data_dir)) as base:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/edit")
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=60000)
        settle(page)
        page.locator('input[type="password"]').fill(PASSWORD)
        page.get_by_role("button", name="Sign in to edit").click()
        wait_for_text(page, "Signed in as the Lead Expert")
        city = page.locator('[data-testid="stSelectbox"]').filter(has_text="City").first
        city.click()
        page.get_by_role("option", name="Fót").click()
        wait_for_text(page, "City id: fot")
        page.get_by_role("tab", name="Actions").click()
        wait_until_drawn(page)
        page.get_by_role("button", name="Add an action").click()
        wait_for_text(page, "Unsaved changes")
        title = page.get_by_label("Title", exact=True).first
        title.fill("Chat corner")
        title.press("Enter")
        wait_for_text(page, "Chat corner")

        page.get_by_role("button", name="Save", exact=True).click()
        wait_for_text(page, "Not saved: fix these problems first")
        refusal = page.locator('[data-testid="stAlertContentError"]').first.inner_text()
        assert "Action “Chat corner”, Support level: is empty; fill it in or choose one" in refusal
        for never in ("fot.yaml", "actions[", "support_level", "null"):
            assert never not in refusal, never
        assert page.get_by_label("Title", exact=True).first.input_value() == "Chat corner"
        shot(page, ARTIFACTS / "edit-refused-in-form-words.png", 1400, 3000)
        assert city_file.read_text(encoding="utf-8") == original
