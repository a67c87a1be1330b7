"""French in a real browser (Debian's headless Chromium): the language chosen in the address
stays through the sidebar's page links and a reload, and Present in French - longer words than
English - still fits the room's windows with nothing outside them. Screenshots go to
tests/artifacts/french-* for a person to look at."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT
from present_walk import WALKED, seen_at, walked

from words.i18n import _, use_language

sys.path.insert(0, str(ROOT / "scripts"))
from browser import (  # noqa: E402
    CHROMIUM,
    goto_settled,
    is_outside,
    reload_settled,
    wait_for_charts,
    wait_until_settled,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

ARTIFACTS = ROOT / "tests" / "artifacts"


def french(english: str) -> str:
    with use_language("fr"):
        return _(english)


def _nav(page, title: str):
    return page.locator('[data-testid="stSidebarNav"] a', has_text=title).first


def test_the_language_stays_through_page_links_and_a_reload(app, browser):
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if is_outside(r.url) else None)
    goto_settled(page, f"{app}/coverage?lang=fr")
    _nav(page, french("Transfers")).wait_for(state="visible", timeout=30000)  # fails when never shown
    page.wait_for_function("document.documentElement.lang === 'fr'", timeout=30000)  # for screen readers
    page.screenshot(path=str(ARTIFACTS / "french-coverage-1600.png"), full_page=True)
    _nav(page, french("Transfers")).click()
    page.wait_for_url("**/transfers**", timeout=30000)
    # A page link may replace the app's frame (or, clicked before the app is ready for it,
    # load the page anew), and with it the count of runs settled_after watches: wait for the
    # new page's run itself (seen once in a loaded run: the count stayed at 0).
    wait_until_settled(page)
    assert "lang=fr" in page.url
    _nav(page, french("Overview")).wait_for(state="visible", timeout=30000)  # fails when never shown
    reload_settled(page)
    assert "lang=fr" in page.url
    _nav(page, french("My city")).wait_for(state="visible", timeout=30000)  # fails when never shown
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
    assert outside == []


# Present's views are walked once per language for the label survey, the venue's check and
# this one (tests/present_walk.py): this test reads the French walk's findings for its window
# (what lies outside it, and the words of a chart's cells running into each other).
@pytest.mark.xdist_group(WALKED)
@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1920, 1080)])
def test_present_in_french_fits_the_window(app, browser, width, height):
    walk = walked(app, "fr", browser.new_page)
    assert seen_at(walk, (width, height)) == {}
    assert walk.outside == []


@pytest.mark.parametrize("path", ["", "budgets", "mycity?city=isernia"])
def test_pages_in_french_at_a_small_window(app, browser, path):
    page = browser.new_page(viewport={"width": 1024, "height": 768})
    joiner = "&" if "?" in path else "?"
    goto_settled(page, f"{app}/{path}{joiner}lang=fr")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60000)
    wait_for_charts(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    name = path.split("?")[0] or "overview"
    page.screenshot(path=str(ARTIFACTS / f"french-{name}-1024x768.png"), full_page=True)
    page.close()
