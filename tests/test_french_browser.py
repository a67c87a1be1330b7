"""French in a real browser (Debian's headless Chromium): the language chosen in the address
stays through the sidebar's page links and a reload, and Present in French - longer words than
English - still fits the room's windows with nothing outside them. Screenshots go to
tests/artifacts/french-* for a person to look at."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT
from test_venue_browser import MEASURE, VIEWS, walk_present

from words.i18n import _, use_language

sys.path.insert(0, str(ROOT / "scripts"))
from browser import (  # noqa: E402
    CHROMIUM,
    goto_settled,
    is_outside,
    reload_settled,
    settled_after,
    wait_for_charts,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

ARTIFACTS = ROOT / "tests" / "artifacts"
STEPS = 8  # the six views and two cities of VIEWS

# Words written in a chart's cells ("pas encore connu") that run into each other: French
# words are longer than English ones, and a narrow window narrows the cells.
OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll('.js-plotly-plot .textpoint text')]
    .map(t => [t.textContent, t.getBoundingClientRect()]).filter(([, r]) => r.width > 0);
  const out = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, r] = boxes[i], [b, q] = boxes[j];
    if (r.left < q.right - 1 && q.left < r.right - 1 && r.top < q.bottom - 1 && q.top < r.bottom - 1)
      out.push(`${a} runs into ${b}`);
  }
  return out.slice(0, 5);
}"""


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
    with settled_after(page):
        _nav(page, french("Transfers")).click()
    page.wait_for_url("**/transfers**", timeout=30000)
    assert "lang=fr" in page.url
    _nav(page, french("Overview")).wait_for(state="visible", timeout=30000)  # fails when never shown
    reload_settled(page)
    assert "lang=fr" in page.url
    _nav(page, french("My city")).wait_for(state="visible", timeout=30000)  # fails when never shown
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
    assert outside == []


@pytest.fixture(scope="session")  # kept open while the worker runs other modules' tests
def present_page(chromium):
    """One page for both windows, stepped by keys and resized, never reopened."""
    page = chromium.new_page(viewport={"width": 1024, "height": 768})
    yield page
    page.close()


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1920, 1080)])
def test_present_in_french_fits_the_window(app, present_page, width, height):
    page = present_page
    problems = {}

    def look(at: int) -> None:
        if page.locator('[data-testid="stException"]').count():
            problems[at] = ["exception"]
            return
        found = page.evaluate(MEASURE) + page.evaluate(OVERLAPS)
        if found:
            problems[at] = found
        page.screenshot(path=str(ARTIFACTS / f"french-present-{width}x{height}-{at}.png"))

    walk_present(page, f"{app}/present?{VIEWS}&lang=fr", STEPS, (width, height), look)
    assert problems == {}


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
