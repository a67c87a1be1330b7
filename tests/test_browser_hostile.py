"""Hostile text in a real browser: no script from the data runs, none reaches the DOM as an
element, the text is shown as typed. Screenshots in tests/artifacts/hostile-*.png.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import page_visits
import pytest
from conftest import ROOT
from hostile import make_hostile

sys.path.insert(0, str(ROOT / "scripts"))
from browser import CHROMIUM, running_app, wait_until_drawn, wait_until_settled  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

ARTIFACTS = ROOT / "tests" / "artifacts"
# Every page of ui/registry.py; each tab of a page is visited below.
PAGES = page_visits.paths()
# A page's first view is there: its title, or (Present, titled by its chart) a chart.
READY = '[data-testid="stMain"] h1, [data-testid="stMain"] .js-plotly-plot'

# Anything from the data that became live markup: a script element, an event handler
# attribute or a javascript: address carrying the marker. (Plain attributes holding the
# text, like plotly's data-unformatted or an input's value, are text and fine.)
LIVE_MARKUP = r"""() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
        if (el.tagName === 'SCRIPT' && el.textContent.includes('__pwned')) found.push('script');
        for (const attr of el.attributes) {
            const live = attr.name.startsWith('on') || /^\s*javascript:/i.test(attr.value);
            if (live && attr.value.includes('__pwned')) found.push(el.tagName + ' ' + attr.name);
        }
    }
    return found;
}"""


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory, chromium):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data = make_hostile(tmp_path_factory.mktemp("hostile-browser") / "data")
    with running_app(data_dir=str(data)) as base:
        page = chromium.new_page(viewport={"width": 1400, "height": 1000})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        yield base, page, dialogs
        page.context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_script_from_the_data_runs(hostile_page, path):
    base, page, dialogs = hostile_page
    page.goto(f"{base}/{path}")
    page.wait_for_selector(READY, timeout=60000)
    wait_until_drawn(page)  # the run finished, every chart it made drawn
    assert page.locator('[data-testid="stException"]').count() == 0
    tabs = page.locator('[data-testid="stMain"] [role="tab"]').all_inner_texts()
    for number in range(max(len(tabs), 1)):
        if tabs:  # each tab's content is made when it is chosen: every one is checked
            page.locator('[data-testid="stMain"] [role="tab"]').nth(number).click()
            wait_until_drawn(page)
            assert page.locator('[data-testid="stException"]').count() == 0
        # Hover every chart's marks once: hover labels are where plotly draws data text.
        for mark in page.locator(".js-plotly-plot .point, .js-plotly-plot .sankey-node").all()[:12]:
            with contextlib.suppress(Exception):  # a mark scrolled out of view is skipped
                mark.hover(force=True, timeout=2000)
        assert page.evaluate("() => window.__pwned") is None
        assert page.evaluate(LIVE_MARKUP) == []
        assert page.locator('a[href^="javascript:" i]').count() == 0
        assert dialogs == []
    page.set_viewport_size({"width": 1400, "height": 3000})
    wait_until_drawn(page)
    page.screenshot(path=str(ARTIFACTS / f"hostile-{path}.png"), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})


def test_actions_record_shows_markup_as_typed(hostile_page):
    base, page, _ = hostile_page
    page.goto(f"{base}/actions")
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60000)
    wait_until_settled(page)
    heading = page.locator('[data-testid="stMain"] h3').last.inner_text()
    assert heading.startswith("<script>window.__pwned = 'script'</script>Observatory <img src=x")
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "[click me](javascript:window.__pwned='link')" in body
    assert page.evaluate("() => window.__pwned") is None
