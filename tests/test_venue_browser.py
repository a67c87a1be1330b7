"""At the venue, in a real browser (Debian's headless Chromium): every Present view fits
every window from 1024x768 to 3840x2160 with nothing outside it, and the offline HTML
report draws each chart with its words inside and prints on A4 either way with each chart
within the page. One server and one browser for the module. Screenshots and PDFs go to
tests/artifacts/venue-*."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import page_visits
import pytest
from browser_steps import open_page, shot, sign_in
from conftest import REAL_DATA, ROOT, run_models
from present_walk import WALKED, seen_at, walked

sys.path.insert(0, str(ROOT / "scripts"))
from browser import (  # noqa: E402
    CHROMIUM,
    goto_settled,
    is_outside,
    running_app,
    wait_for_charts,
    wait_for_present,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

ARTIFACTS = ROOT / "tests" / "artifacts"
WINDOWS = [(1024, 768), (1280, 720), (1920, 1080), (3840, 2160)]


# Present's views are walked once per language for the label survey, this check and French's
# (tests/present_walk.py): this test reads the English walk's findings for its window.
@pytest.mark.xdist_group(WALKED)
@pytest.mark.parametrize(("width", "height"), WINDOWS)
def test_every_present_view_fits_the_window(app, browser, width, height):
    walk = walked(app, "en", browser.new_page)
    assert seen_at(walk, (width, height)) == {}
    assert walk.outside == []


def test_progress_view_draws_its_bars(app, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    goto_settled(page, f"{app}/present?views=progress&cities=&at=1")
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60000)
    wait_for_charts(page)
    widths = page.evaluate(
        "() => [...document.querySelectorAll('.js-plotly-plot .bars path')].map(p => p.getBoundingClientRect().width)"
    )
    page.close()
    assert sum(1 for w in widths if w > 20) >= 5  # all indicators and four interventions


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from analysis.frames import build_tables
    from analysis.stamp import stamp_text
    from models import load_network
    from outputs import report_html

    tables = build_tables(load_network(ROOT / "data"))
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(report_html.report_html(tables, stamp_text(None, tables.cities)), encoding="utf-8")
    return path


# Every word of every chart inside the chart's box.
WORDS_INSIDE = """() => [...document.querySelectorAll('.chart.js-plotly-plot')].map(gd => {
  const box = gd.getBoundingClientRect(), out = [];
  gd.querySelectorAll('.xtick text, .ytick text, .g-xtitle text, .g-ytitle text, .gtitle, .gtitle-subtitle,'
    + ' .annotation-text, .legendtext, .node-label, text.bartext').forEach(t => {
    const r = t.getBoundingClientRect();
    if (r.width === 0) return;
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
      out.push(t.textContent.slice(0, 40));
  });
  return [gd.id, gd.querySelectorAll('.main-svg').length, out];
})"""


@pytest.mark.parametrize("width", [1024, 1366, 1600])
def test_report_draws_every_chart_with_its_words_inside(browser, report, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    blocked: list[str] = []
    page.route(
        "**/*",
        lambda r: (blocked.append(r.request.url), r.abort()) if is_outside(r.request.url) else r.continue_(),
    )
    page.goto(report.as_uri())
    page.wait_for_function("document.querySelectorAll('.chart .main-svg').length >= 17", timeout=60000)
    wait_for_charts(page)
    charts = page.evaluate(WORDS_INSIDE)
    if width == 1024:
        page.screenshot(path=str(ARTIFACTS / "venue-report-1024.png"), full_page=True)
    page.close()
    assert len(charts) == 17
    assert [c for c in charts if not c[1]] == []  # every chart drawn
    assert [(c[0], c[2]) for c in charts if c[2]] == []
    assert blocked == []


# A4 with 12 mm margins at 96 px per inch: 703 x 1031 px upright, 1031 x 703 px across.
PRINTABLE = 703


SIZES = """() => [...document.querySelectorAll('.chart.js-plotly-plot')].map(gd => {
  const r = gd.querySelector('.main-svg').getBoundingClientRect(); return [gd.id, r.width, r.height]; })"""


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_report_prints_each_chart_within_an_a4_page(browser, report, landscape):
    """Opened afresh and printed as the browser does it: 'beforeprint', the page laid out
    for paper, the PDF (after which the charts return to the window's width)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.route("**/*", lambda r: r.abort() if is_outside(r.request.url) else r.continue_())
    page.goto(report.as_uri())
    page.wait_for_function("document.querySelectorAll('.chart .main-svg').length >= 17", timeout=60000)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    wait_for_charts(page)  # redrawn at the paper's width
    sizes = page.evaluate(SIZES)
    links = page.evaluate("() => document.querySelectorAll('.sankey-link').length")
    pdf = ARTIFACTS / f"venue-report-a4-{'landscape' if landscape else 'portrait'}.pdf"
    page.pdf(path=str(pdf), format="A4", landscape=landscape)
    page.close()
    too_big = [(name, round(w), round(h)) for name, w, h in sizes if w > PRINTABLE or h > PRINTABLE]
    assert too_big == []
    assert len(sizes) == 17
    assert links >= 13  # the flow diagram keeps its links when printed
    assert pdf.stat().st_size > 50_000


def test_every_page_path_opens_without_a_pop_up(app, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    popped = {}
    for path in page_visits.addresses():  # every page of ui/registry.py
        goto_settled(page, f"{app}/{path}")
        dialogs = page.locator('[role="dialog"]').all_inner_texts()
        if dialogs or page.locator('[data-testid="stException"]').count():
            popped[path] = dialogs
    page.close()
    assert popped == {}


AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA; Streamlit's own sidebar navigation is not the project's markup.
RUN_AXE = """async () => {
  const result = await axe.run({exclude: [['[data-testid="stSidebarNav"]']]},
    {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => `${v.id} (${v.impact}): ` + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (make browser)")
def test_no_serious_accessibility_violation_on_any_page(app, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    script = AXE.read_text(encoding="utf-8")
    found, unnamed = {}, {}
    for path in page_visits.audited_addresses():  # every page of ui/registry.py, Present at more steps
        # ready: no element left from the page before (drawn faded until it goes) is measured
        goto_settled(page, f"{app}/{path}")
        if path.startswith("present"):  # the run for the window's size (faded while it runs) done
            wait_for_present(page, 1)
        wait_for_charts(page)
        page.add_script_tag(content=script)
        violations = page.evaluate(RUN_AXE)
        if violations:
            found[path] = violations
        # every chart is named by its finding for a screen reader
        names = page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')].map(e => e.getAttribute('aria-label'))"
        )
        if any(not name for name in names):
            unnamed[path] = names
    page.close()
    assert found == {}
    assert unnamed == {}


@pytest.fixture(scope="module")
def signed_in_app(tmp_path_factory):
    """The app on a copy of the data with a history of two versions and a Lead Expert's
    account: (address, name, password) for what the data pages show a person signed in."""
    from dulwich import porcelain

    folder = tmp_path_factory.mktemp("signed-in")
    data = folder / "data"
    shutil.copytree(REAL_DATA, data, ignore=shutil.ignore_patterns(".git", ".history", ".*.lock", "drafts"))
    # Two versions in the data's history (a git repository, as the app's own saves make it):
    # a changed title, so the diff between them shows a removed, an added and unchanged lines.
    repo = porcelain.init(str(data))
    porcelain.add(repo, [str(f) for f in data.rglob("*") if f.is_file() and ".git" not in f.parts])
    porcelain.commit(repo, b"The data as it was", author=b"Dashboard <dashboard@localhost>")
    city = data / "cities" / "isernia.yaml"
    text = city.read_text(encoding="utf-8")
    city.write_text(
        text.replace("Observatory on Social Isolation (OIS)", "Observatory on Isolation"), encoding="utf-8"
    )
    porcelain.add(repo, [str(city)])
    porcelain.commit(repo, b"A second version", author=b"Anna Lead <anna-lead@iap.local>")
    repo.close()
    env = {k: v for k, v in os.environ.items() if k != "IAP_EDIT_PASSWORD"}
    env["IAP_ACCOUNTS_FILE"] = str(folder / "accounts.yaml")
    made = run_models("accounts", "add", "Anna Lead", "--lead", env=env, text=True)
    assert made.returncode == 0, made.stderr
    password = made.stdout.strip().splitlines()[-1].rsplit(": ", 1)[1]  # made and printed once
    with pytest.MonkeyPatch.context() as patched:
        patched.delenv("IAP_EDIT_PASSWORD", raising=False)
        patched.setenv("IAP_ACCOUNTS_FILE", env["IAP_ACCOUNTS_FILE"])
        with running_app(data_dir=str(data)) as base:
            yield base, "Anna Lead", password


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (make browser)")
def test_no_serious_accessibility_violation_on_the_pages_signed_in(signed_in_app, browser):
    """The pages whose work needs signing in (ui/registry.py), as the Lead Expert sees them."""
    base, name, password = signed_in_app
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    script = AXE.read_text(encoding="utf-8")
    paths = page_visits.signed_in()
    open_page(page, f"{base}/{paths[0]}")
    sign_in(page, name, password)
    found = {}
    for path in paths:
        goto_settled(page, f"{base}/{path}")
        wait_for_charts(page)
        assert page.get_by_text("Signed in as Anna Lead").count(), path  # the session's cookie
        assert page.locator('[role="dialog"], [data-testid="stException"]').count() == 0, path
        shot(page, ARTIFACTS / f"venue-signed-in-{path}.png", 1280, 900)
        page.add_script_tag(content=script)
        violations = page.evaluate(RUN_AXE)
        if violations:
            found[path] = violations
    page.close()
    assert found == {}


def test_captions_reach_aa_contrast(app, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    goto_settled(page, f"{app}/coverage")
    page.wait_for_selector('[data-testid="stCaptionContainer"]', timeout=60000)
    colour = page.evaluate(
        "() => getComputedStyle(document.querySelector('[data-testid=stCaptionContainer]')).color"
    )
    page.close()
    rgb = [int(v) for v in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
    assert _contrast(rgb, [255, 255, 255]) >= 4.5


def _contrast(a: list[int], b: list[int]) -> float:
    def luminance(rgb):
        parts = [c / 255 for c in rgb]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)
