"""Every label whole, at every size, in both languages, in a real browser (Debian's headless
Chromium): every page and each of its tabs at 1024x768, 1280x720, 1600x900 and 1920x1080, and
every Present view at those and 3840x2160, in English and in French, show no word of a chart
outside the chart or cut at its plot's edge, no two words of a chart running into each other,
no treemap box without a label and no text cut by the browser with "…" (scripts/labels.py,
LABEL_FAULTS). One page load per page and language (one test each), the window resized, not
reopened; Present opened once per language and stepped with the → key.
Screenshots go to tests/artifacts/labels-* (one per chart, a whole window for Present).

The measure itself is checked first, on a page made for it: a check that finds nothing on a
page full of faults would pass everything."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from browser import CHROMIUM, goto_settled, is_outside, wait_for_present  # noqa: E402
from labels import LABEL_FAULTS, PAGES, PRESENT, PRESENT_WINDOWS, settle, survey_page  # noqa: E402
from present_walk import STEPS, WALKED, walked  # noqa: E402

from words.i18n import _, use_language  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

ARTIFACTS = ROOT / "tests" / "artifacts"

# What a plotly chart draws, reduced to the parts the measure reads: a chart's box, its words,
# a plot area that clips bar labels, a treemap box; and a line of a page cut with "…".
FAULTY = """
<div data-testid="stMain">
 <div data-testid="stPlotlyChart" aria-label="A chart">
  <div class="js-plotly-plot" style="width:400px">
   <svg class="main-svg" width="400" height="200">
    <g class="cartesianlayer"><g class="subplot xy"><g class="plot" clip-path="url(#clip)">
      <text x="250" y="60" font-size="14">€48,500 + 1 unknown</text></g></g></g>
    <g class="draglayer"><g class="xy"><rect class="nsewdrag" x="20" y="20" width="280" height="100"/></g></g>
    <text x="350" y="150" font-size="14">known actions only</text>
    <text x="30" y="150" font-size="14">Isernia: Community</text>
    <text x="40" y="152" font-size="14">Agen: Center</text>
    <text transform="rotate(30, 100, 110)" x="100" y="110" font-size="12">Jan 2026</text>
    <text transform="rotate(30, 120, 110)" x="120" y="110" font-size="12">Jul 2026</text>
    <g class="treemaplayer"><g class="slice"><path class="surface" d="M0,0h80v60h-80z"/>
      <text class="slicetext"></text></g></g>
   </svg>
  </div>
 </div>
 <p style="width:80px; white-space:nowrap; overflow:hidden; text-overflow:ellipsis">seulement 1 plan saisi</p>
</div>
"""


def test_the_measure_finds_each_kind_of_fault(browser):
    page = browser.new_page(viewport={"width": 800, "height": 600})
    page.set_content(FAULTY)
    faults = page.evaluate(LABEL_FAULTS)
    page.close()
    assert 'A chart: "€48,500 + 1 unknown" is cut at the edge of the plot' in faults
    assert 'A chart: "known actions only" reaches outside the chart' in faults
    assert 'A chart: "Isernia: Community" runs into "Agen: Center"' in faults
    assert "A chart: a treemap box of 80x60 shows no label" in faults
    assert '"seulement 1 plan saisi" is cut with …' in faults
    # tilted tick labels side by side: their boxes overlap, their words do not
    assert not [f for f in faults if "Jan 2026" in f]
    assert len(faults) == 5, faults


@pytest.fixture(scope="session")
def survey_tab(chromium):
    """One page for every survey of the worker, opened once: each survey opens its address in
    it (a new document, a new session of the app), as a person moves from page to page. A new
    page per survey cost Chromium a new renderer and Streamlit's front end compiled anew."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = chromium.new_page()
    yield page
    page.context.close()


@pytest.fixture
def survey(survey_tab):
    """The survey page for one test, with the requests it makes that leave this machine."""
    outside: list[str] = []

    def leaves(request):
        if is_outside(request.url):
            outside.append(request.url)

    survey_tab.on("request", leaves)
    yield survey_tab, outside
    survey_tab.remove_listener("request", leaves)


def _report(found: dict) -> list[str]:
    return [f"{where}: {fault}" for where, faults in found.items() for fault in faults]


# One test per page and language (each a few seconds of one core), so that pytest-xdist
# spreads the survey over every worker; all of them on the worker's shared read-only server.
@pytest.mark.parametrize("address", PAGES)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_page_shows_every_label_whole(app, survey, lang, address):
    page, outside = survey
    found = survey_page(page, app, address, lang, ARTIFACTS)
    assert page.locator('[data-testid="stException"]').count() == 0, address
    # Streamlit's own skip link speaks the page's language too
    with use_language(lang):
        skip = _("Skip to main content")
    page.wait_for_function(
        "w => document.querySelector('[data-testid=\"stSkipToContent\"]')?.textContent === w", arg=skip
    )
    assert _report(found) == []
    assert outside == []


# Present's views are walked once per language for this survey, the venue's check and French's
# (tests/present_walk.py); the walk's label faults are read here.
@pytest.mark.xdist_group(WALKED)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_present_view_shows_every_label_whole(app, survey, lang):
    page, _outside = survey
    walk = walked(app, lang, lambda: page)
    assert sorted(walk.windows) == sorted(PRESENT_WINDOWS)  # every window looked at, each at every step
    assert all(sorted(steps) == STEPS for steps in walk.windows.values())
    assert _report(walk.labels) == []


def test_present_type_grows_with_a_4k_window(app, survey):
    """The words inside Present's chart are twice as large at 3840x2160 as at 1920x1080,
    as the page's own words are (the window's size reaches the server: ui/window.py). One
    page, resized: each size is measured once Present says it drew for it."""
    sizes = {}
    page, _outside = survey
    page.set_viewport_size({"width": 1920, "height": 1080})
    goto_settled(page, f"{app}/{PRESENT}&at=4")
    for width, height in [(1920, 1080), (3840, 2160)]:
        page.set_viewport_size({"width": width, "height": height})
        wait_for_present(page, 4)  # the run for this window has drawn
        settle(page)
        sizes[width] = page.evaluate(
            "() => [...document.querySelectorAll('.js-plotly-plot .ytick text')]"
            ".map(t => parseFloat(t.style.fontSize))[0]"
        )
        title = page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('.present-title')).fontSize)"
        )
        sizes[f"title {width}"] = title
    assert sizes[3840] == pytest.approx(2 * sizes[1920], rel=0.15), sizes
    assert sizes[3840] / sizes[1920] == pytest.approx(sizes["title 3840"] / sizes["title 1920"], rel=0.3)
