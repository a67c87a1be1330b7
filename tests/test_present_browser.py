"""Presentation mode and chart exports in a real browser (Debian's headless Chromium) at
the size of a projector, 1920x1080: keys move between the views, the position stays in
the address, nothing leaves the machine; a chart's toolbar saves PNG and SVG named after
the chart with the data stamp in them. Screenshots go to tests/artifacts/present-*.png."""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import ROOT, entered_words

sys.path.insert(0, str(ROOT / "scripts"))
from browser import (  # noqa: E402
    CHROMIUM,
    goto_settled,
    goto_with_socket,
    is_outside,
    press_sent,
    settled_after,
    until_run_begins,
    wait_for_present,
    wait_until_settled,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

ARTIFACTS = ROOT / "tests" / "artifacts"
SEQUENCE = "views=glance,coverage,gaps,budgets,transfers&cities=fot,isernia"


# Session scope: the worker runs other modules' tests between these; the page stays open.
@pytest.fixture(scope="session")
def projector(live_app, chromium):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = chromium.new_page(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if is_outside(r.url) else None)
    yield live_app, page, outside
    page.close()


def where(page) -> str:
    return page.locator(".present-where").inner_text()


def test_keys_move_between_views_and_the_address_keeps_the_place(projector):
    base, page, outside = projector
    socket = goto_with_socket(page, f"{base}/present?{SEQUENCE}&at=1")
    wait_for_present(page, 1)  # Present's own marker: the step drawn for this window
    assert "1 of 7" in where(page)
    assert "The network at a glance" in where(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not page.locator('[data-testid="stSidebar"]').is_visible()  # nothing in the way
    title = page.locator(".present-title")
    assert float(title.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 36
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30000)
    page.screenshot(path=str(ARTIFACTS / "present-1-glance.png"))

    page.mouse.click(5, 1060)  # focus the page, as a presenter's first click does
    press_sent(page, socket, "ArrowRight")
    wait_for_present(page, 2)
    assert "2 of 7" in where(page)
    assert "Coverage of the model" in where(page)
    assert parse_qs(urlparse(page.url).query)["at"] == ["2"]
    page.screenshot(path=str(ARTIFACTS / "present-2-coverage.png"))

    press_sent(page, socket, "PageDown")  # what a clicker sends
    wait_for_present(page, 3)
    assert "3 of 7" in where(page)
    assert "Coverage per city: gaps and what is not known" in where(page)
    page.screenshot(path=str(ARTIFACTS / "present-3-gaps.png"))

    press_sent(page, socket, "PageUp")
    wait_for_present(page, 2)
    press_sent(page, socket, "ArrowLeft")
    wait_for_present(page, 1)
    assert "1 of 7" in where(page)

    # Reopened from the address, it starts where it was; the buttons move too.
    goto_settled(page, f"{base}/present?{SEQUENCE}&at=6")
    wait_for_present(page, 6)
    assert "6 of 7" in where(page)
    assert "Fót" in where(page)
    page.screenshot(path=str(ARTIFACTS / "present-6-fot.png"))
    with settled_after(page):
        until_run_begins(page, page.locator(".st-key-present_next button").click, "the Next button")
    wait_for_present(page, 7)
    assert "7 of 7" in where(page)
    assert "Isernia" in where(page)
    assert page.locator(".st-key-present_next button").is_disabled()  # the last view
    page.screenshot(path=str(ARTIFACTS / "present-7-isernia.png"))
    goto_settled(page, f"{base}/present?{SEQUENCE}&at=4")
    wait_for_present(page, 4)
    page.screenshot(path=str(ARTIFACTS / "present-4-budgets.png"))
    goto_settled(page, f"{base}/present?{SEQUENCE}&at=5")
    wait_for_present(page, 5)
    assert "5 of 7" in where(page)
    page.screenshot(path=str(ARTIFACTS / "present-5-transfers.png"))
    assert page.locator('[data-testid="stException"]').count() == 0
    assert outside == []


def test_chart_toolbar_saves_png_and_svg_named_after_the_chart(projector, tmp_path, real_network):
    base, page, outside = projector
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{base}/coverage")
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60000)
    wait_until_settled(page)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30000)
    chart = page.locator(".js-plotly-plot").first
    chart.hover()
    svg_button = chart.locator(".svg-download")
    svg_button.wait_for(timeout=10000)
    with page.expect_download(timeout=30000) as info:
        svg_button.click()
    svg = info.value
    assert svg.suggested_filename.startswith("coverage-grid-support-level-")
    assert svg.suggested_filename.endswith(".svg")
    target = tmp_path / "chart.svg"
    svg.save_as(target)
    text = target.read_text(encoding="utf-8")
    stamp = entered_words(real_network)  # "IAP entered for 1 of 10 cities" while only Isernia's is
    assert text.startswith("<svg") and stamp in text

    chart.hover()
    with page.expect_download(timeout=30000) as info:
        chart.locator('[data-title="Download plot as a PNG"]').click()
    png = info.value
    assert png.suggested_filename.startswith("coverage-grid-support-level-")
    assert png.suggested_filename.endswith(".png")
    target = tmp_path / "chart.png"
    png.save_as(target)
    width, height = struct.unpack(">II", target.read_bytes()[16:24])
    assert width >= 2400  # three times the chart's size on the page

    # The numbers behind it: opened, the table downloads as plain CSV, its header first (the
    # data's date is in the file's name).
    page.locator('[data-testid="stExpander"] summary', has_text="Numbers behind this chart").first.click()
    button = page.locator('[data-testid="stDownloadButton"] button', has_text="Table as CSV").first
    button.wait_for(timeout=30000)
    with page.expect_download(timeout=30000) as info:
        button.click()
    assert re.fullmatch(r"coverage-grid-support-level-\d{4}-\d{2}-\d{2}\.csv", info.value.suggested_filename)
    target = tmp_path / "numbers.csv"
    info.value.save_as(target)
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Intervention,")
    assert not any(line.startswith('"Data of ') for line in lines)
    page.set_viewport_size({"width": 1920, "height": 1080})
    assert outside == []
