"""The app in a real browser: Debian's headless Chromium driven by Playwright.

Opens every page, checks the charts are drawn (plotly's SVG present), no exception is
shown and no request leaves localhost (the app must work in meeting rooms without
internet), and saves a screenshot of each page in tests/artifacts/.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import page_visits
import pytest
from conftest import ROOT

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
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make test installs it)"
    ),
]

ARTIFACTS = ROOT / "tests" / "artifacts"
# Every page of ui/registry.py: its url path -> the least number of charts its first view draws
# on the bundled data (the pages with several charts show one at first, the others in tabs
# made when chosen); the sidebar's links in their order.
PAGES = page_visits.charts()
NAVIGATION = page_visits.navigation_titles()
# A page's first view is there: its title, or (Present, titled by its chart) a chart.
READY = '[data-testid="stMain"] h1, [data-testid="stMain"] .js-plotly-plot'


# Session scope: the worker runs other modules' tests between these; the page stays open.
@pytest.fixture(scope="session")
def browser_page(live_app, chromium):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = chromium.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if is_outside(r.url) else None)
    yield live_app, page, outside
    page.close()


def _open(page, url: str, charts: int, ready: str = READY) -> None:
    goto_settled(page, url)
    page.wait_for_selector(ready, timeout=60000)
    if charts:
        page.wait_for_function(
            "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n",
            arg=charts,
            timeout=90000,
        )
    wait_for_charts(page)


@pytest.mark.parametrize(("path", "charts"), PAGES.items())
def test_page_draws_without_error_or_outside_request(browser_page, path, charts):
    base, page, outside = browser_page
    outside.clear()
    _open(page, f"{base}/{path}", charts)
    assert page.locator('[data-testid="stException"]').count() == 0
    drawn = page.locator(".js-plotly-plot").count()
    assert drawn >= charts
    # every drawn chart has marks inside it, not just an empty frame
    for index in range(drawn):
        chart = page.locator(".js-plotly-plot").nth(index)
        assert chart.locator(".main-svg").count() >= 1
    if path != "present":  # projected full screen: no sidebar
        nav = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
        shown = [n.split("\n")[-1] for n in nav]
        assert [n for n in shown if n in NAVIGATION] == NAVIGATION
    # Streamlit scrolls inside its own container, so a tall window shows the whole page.
    page.set_viewport_size({"width": 1400, "height": 3200})
    wait_for_charts(page)
    page.screenshot(path=str(ARTIFACTS / f"{path}.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})
    assert outside == []


def test_offline_map_draws_countries(browser_page):
    base, page, outside = browser_page
    _open(page, f"{base}/overview", 1)
    page.get_by_role("tab", name="Map").click()
    # the base map's country shapes come from static/, served by the app itself
    page.wait_for_function(
        "() => { const p = document.querySelector('.geolayer .countries path');"
        " return p !== null && (p.getAttribute('d') || '').length > 1000; }",
        timeout=30000,
    )
    assert outside == []


def test_filters_live_in_the_address_and_survive_reload_and_navigation(browser_page):
    base, page, _ = browser_page
    _open(page, f"{base}/actions?city=F%C3%B3t", 0)
    assert (
        "Showing Fót"
        in page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    )
    reload_settled(page)
    assert (
        "Showing Fót"
        in page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    )
    page.locator('[data-testid="stSidebarNav"] a', has_text="Overview").click()
    # A page link may replace the app's frame, and with it the run count settled_after
    # watches: wait for the address to leave Actions, then for the new page's run itself.
    page.wait_for_url(lambda url: "/actions" not in url, timeout=30000)
    wait_until_settled(page)
    assert (
        "Showing Fót"
        in page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    )
    assert "city=F" in page.url


def test_actions_downloads(browser_page, tmp_path):
    base, page, _ = browser_page
    _open(page, f"{base}/actions", 0, ready='[data-testid="stDownloadButton"]')
    buttons = page.locator('[data-testid="stDownloadButton"] button')
    with page.expect_download() as info:
        buttons.filter(has_text="Download CSV").first.click()
    # The data's date is in the file's name (the CSV itself is plain: its header first).
    assert re.fullmatch(r"breaking-isolation-actions-\d{4}-\d{2}-\d{2}\.csv", info.value.suggested_filename)
    target = tmp_path / "actions.csv"
    info.value.save_as(target)
    text = target.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("id,city,city_name,number,title,kind")
    assert "Škofja Loka" in text
    with page.expect_download() as info:
        buttons.filter(has_text="Download Excel").first.click()
    assert re.fullmatch(r"breaking-isolation-actions-\d{4}-\d{2}-\d{2}\.xlsx", info.value.suggested_filename)


def test_my_city_is_kept_in_the_address_and_the_report_downloads(browser_page, tmp_path):
    base, page, _ = browser_page
    _open(page, f"{base}/mycity?my_city=F%C3%B3t", 2)
    assert "Fót's plan " in page.locator('[data-testid="stMain"]').inner_text()
    _open(page, page.url, 2)  # opened again from its address
    assert "my_city=F%C3%B3t" in page.url
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "Fót's plan " in text
    assert page.locator('[data-testid="stException"]').count() == 0
    with page.expect_download() as download:
        page.get_by_role("button", name="Download Fót's report (HTML)").click()
    saved = tmp_path / "fot.html"
    download.value.save_as(saved)
    assert "Fót (Hungary): its plan on the Breaking Isolation model" in saved.read_text(encoding="utf-8")
    page.set_viewport_size({"width": 1400, "height": 4000})
    wait_for_charts(page)
    page.screenshot(path=str(ARTIFACTS / "mycity-fot.png"), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})


def test_a_loop_of_its_own_runs_beside_the_workers_chromium(chromium):
    """The session's Chromium keeps Playwright's asyncio loop running in the worker's thread, so
    a later test's asyncio.run would fail there (the sign-in routes' tests, the room): they run
    it through in_own_thread, which works whatever ran before on the worker."""
    import asyncio

    from conftest import in_own_thread

    async def answer():
        return 42

    assert chromium.is_connected()
    refused = answer()
    with pytest.raises(RuntimeError, match="running event loop"):
        asyncio.run(refused)
    refused.close()  # never started
    assert in_own_thread(asyncio.run, answer()) == 42
