"""The shared workspace in real browsers, from a fresh setup (a copy of the data without any
history, an empty accounts file): the Lead Expert's first account made on the command line,
an account for Fót added in the Accounts page, Fót's member signing in in a second browser
and adding an action, the Lead Expert seeing it (pages, History: who, when, what), a sign-in
surviving a reload, and a restore bringing the previous version back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from browser_steps import choose, open_page, settle, shot, sign_in, wait_for_text
from conftest import REAL_DATA, ROOT

from models import load_network
from workspace import history

sys.path.insert(0, str(ROOT / "scripts"))
from browser import CHROMIUM, running_app  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make test installs it)"
    ),
]

ARTIFACTS = ROOT / "tests" / "artifacts" / "workspace"
EVA_PASSWORD = "fot-library-2026"
FAILED_CHOICE = ARTIFACTS / "failed-choice.png"  # the page as it was when a choice was not there


def test_lead_adds_fot_fot_adds_an_action_lead_sees_it_and_restores(tmp_path, browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data_dir = tmp_path / "data"
    shutil.copytree(REAL_DATA, data_dir, ignore=shutil.ignore_patterns(".git", ".*.lock"))
    original = (data_dir / "cities/fot.yaml").read_bytes()

    # 1. The first Lead Expert account, on the server's command line (a password made and printed once).
    made = subprocess.run(
        [sys.executable, "-m", "models", "accounts", "add", "Anna Lead", "--lead"],
        cwd=ROOT,
        env=dict(os.environ),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    lead_password = made.stdout.strip().splitlines()[-1].rsplit(": ", 1)[1]

    with running_app(data_dir=str(data_dir)) as base:
        lead = browser.new_context(viewport={"width": 1600, "height": 1000}).new_page()

        # 2. The Lead Expert signs in and adds an account for Fót.
        open_page(lead, f"{base}/accounts")
        sign_in(lead, "Anna Lead", lead_password)
        lead.get_by_role("textbox", name="Their name").fill("Éva Kovács")
        choose(lead, "What they edit", "Fót", FAILED_CHOICE)
        lead.get_by_role("textbox", name="Their first password").fill(EVA_PASSWORD)
        lead.get_by_role("button", name="Add the account").click()
        wait_for_text(lead, "Account added: Éva Kovács signs in as 'eva-kovacs'")
        shot(lead, ARTIFACTS / "1-accounts-1600.png", 1600, 1000)
        assert EVA_PASSWORD not in lead.content()

        # The sign-in survives a reload (the session cookie).
        lead.reload()
        lead.wait_for_selector('[data-testid="stMain"] h1', timeout=60000)
        wait_for_text(lead, "Signed in as Anna Lead (Lead Expert)")
        assert lead.get_by_role("textbox", name="Their name").count() == 1

        # 3. Fót's member, in a second browser, signs in and adds an action.
        fot = browser.new_context(viewport={"width": 1024, "height": 768}).new_page()
        open_page(fot, f"{base}/edit")
        sign_in(fot, "eva-kovacs", EVA_PASSWORD)
        assert "Signed in as Éva Kovács (Fót)" in fot.inner_text('[data-testid="stMain"]')
        fot.get_by_role("tab", name="Actions").click()
        settle(fot)
        fot.get_by_role("button", name="Add an action").click()
        settle(fot)
        title = fot.get_by_label("Title", exact=True).first
        title.fill("Library chat corner")
        title.press("Enter")
        settle(fot)
        description = fot.get_by_label("Description", exact=True).first
        description.fill("A corner of the public library where people drop in to talk.")
        description.blur()
        settle(fot)
        choose(fot, "Interventions", "Prevent", FAILED_CHOICE)
        fot.keyboard.press("Escape")
        choose(fot, "Support level", "Universal support", FAILED_CHOICE)
        choose(fot, "Beneficiary groups", "All citizens", FAILED_CHOICE)
        fot.keyboard.press("Escape")
        reason = fot.get_by_label("Why it is placed there (one line)").first
        reason.fill("Open to everyone: prevention at universal level.")
        reason.blur()
        settle(fot)
        shot(fot, ARTIFACTS / "2-fot-edit-1024x768.png", 1024, 768)
        fot.get_by_role("button", name="Save", exact=True).click()
        wait_for_text(fot, "Saved Fót: ")
        assert fot.locator('[data-testid="stException"]').count() == 0
        shot(fot, ARTIFACTS / "3-fot-saved-1024x768.png", 1024, 768)

        # 4. The Lead Expert sees it: on the pages, and in History with who, when and what.
        for path in ("overview", "actions?city=F%C3%B3t", "mycity?my_city=F%C3%B3t"):
            open_page(lead, f"{base}/{path}")
            assert lead.locator('[data-testid="stException"]').count() == 0
            shot(lead, ARTIFACTS / f"4-lead-{path.split('?')[0]}-1600.png", 1600, 1000)
        assert "Fót's plan" in lead.inner_text('[data-testid="stMain"]')
        open_page(lead, f"{base}/edit")
        choose(lead, "City", "Fót", FAILED_CHOICE)
        lead.get_by_role("tab", name="Actions").click()
        settle(lead)
        main = lead.locator('[data-testid="stMain"]')
        # Fót's actions in the data, and the one just added
        actions = f"Action ({len(load_network(data_dir).city('fot').actions)} in this plan)"
        assert actions in main.inner_text()
        main.locator('[data-testid="stSelectbox"]').filter(has_text=actions).first.click()
        assert lead.get_by_role("option").filter(has_text="Library chat corner").count() == 1
        lead.keyboard.press("Escape")
        open_page(lead, f"{base}/history")
        choose(lead, "City", "Fót", FAILED_CHOICE)
        listed = lead.inner_text('[data-testid="stMain"]')
        assert "Éva Kovács" in listed and "Fót: added action 'Library chat corner'" in listed
        shot(lead, ARTIFACTS / "5-history-1600.png", 1600, 1000)
        shot(lead, ARTIFACTS / "5-history-1024x768.png", 1024, 768)

        # 5. A restore brings the previous version back, as a new change.
        lead.set_viewport_size({"width": 1600, "height": 1000})
        lead.get_by_role("button", name="Restore this version").click()
        wait_for_text(lead, "is back as it was on")
        shot(lead, ARTIFACTS / "6-restored-1600.png", 1600, 1000)

    assert (data_dir / "cities/fot.yaml").read_bytes() == original
    entries = history.log(data_dir)
    assert entries[1].author == "Éva Kovács" and entries[1].message.startswith(
        "Fót: added action 'Library chat corner'"
    )
    assert entries[0].author == "Anna Lead" and entries[0].message.startswith("Fót: restored the version of ")
    assert "Library chat corner" not in yaml.safe_load(original.decode())["actions"].__repr__()
