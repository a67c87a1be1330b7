"""What a person does in the browser tests, written once: open a page, wait for a text, sign
in through the server's sign-in page, choose in a list, keep a screenshot. Every wait is for
an event the page announces (scripts/browser.py), never for a while."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from browser import wait_until_drawn  # noqa: E402

TITLE = '[data-testid="stMain"] h1'


def settle(page) -> None:
    """The run finished and every chart drawn."""
    wait_until_drawn(page)


def wait_for_text(page, text: str) -> None:
    """Wait until the page shows `text` (a click's rerun may start a moment after the click), then settle."""
    page.get_by_text(text).first.wait_for(timeout=60000)
    settle(page)


def open_page(page, address: str) -> None:
    """Open `address` and wait for the page's title and its charts."""
    page.goto(address)
    page.wait_for_selector(TITLE, timeout=60000)
    settle(page)


def sign_in(page, name: str, password: str) -> None:
    """From a page of the app: the link to the server's sign-in page (server/routes.py), the
    form, and back to the page it came from, signed in (a cookie: it stays through reloads)."""
    page.get_by_role("link", name="Sign in to edit").first.click()
    page.wait_for_selector("form input[name=password]", timeout=30000)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector(TITLE, timeout=60000)
    wait_for_text(page, "Signed in as")


def choose(page, label: str, option: str, failed: Path | None = None) -> None:
    """Choose `option` in the page's select box or multiselect labelled `label`; a picture of
    the page is kept at `failed` when the option is not there."""
    main = page.locator('[data-testid="stMain"]')
    box = (
        main.locator('[data-testid="stSelectbox"], [data-testid="stMultiSelect"]')
        .filter(has_text=label)
        .first
    )
    box.click()
    try:
        page.get_by_role("option", name=option, exact=True).first.click(timeout=10000)
    except Exception:
        if failed is not None:
            page.screenshot(path=str(failed))
        raise
    settle(page)


def shot(page, path: Path, width: int, height: int) -> None:
    """A picture of the whole page in a window of width x height, kept at `path`; the window
    is then as it was. Streamlit scrolls inside its own container: a tall window shows it all."""
    before = page.viewport_size
    page.set_viewport_size({"width": width, "height": height})
    wait_until_drawn(page)
    page.screenshot(path=str(path), full_page=True)
    if before is not None:
        page.set_viewport_size(before)
