"""The standalone HTML report: one file, every view of the network, nothing loaded from
any outside address (checked in the HTML and in a browser with the network cut off)."""

from __future__ import annotations

import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, entered_words, run_models
from plotly.offline import get_plotlyjs

from analysis import presentation
from outputs.report_html import report_html

sys.path.insert(0, str(ROOT / "scripts"))
from browser import CHROMIUM, wait_for_charts  # noqa: E402

STAMP = "Data of 2026-11-24 · IAP entered for 1 of 10 cities"
# Attributes through which a page loads something (a link <a href> only points to a source).
LOADING = {"src", "href", "srcset", "data", "poster", "action", "formaction", "background", "xlink:href"}
OUTSIDE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


class Resources(HTMLParser):
    """Every attribute that loads something, and every <style> text."""

    def __init__(self):
        super().__init__()
        self.loads: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.links: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "style" and value:
                self.styles.append(value)
            if name not in LOADING or value is None:
                continue
            if tag == "a" and name == "href":
                self.links.append(value)
            else:
                self.loads.append((tag, name, value))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def outside_references(page: str) -> list[str]:
    """What in `page` would fetch from outside the file: loading attributes with an outside
    address, CSS url()/@import of one, and a plotly topojsonURL that is not local."""
    found = Resources()
    found.feed(page)
    bad = [
        f"<{tag} {name}={value}>"
        for tag, name, value in found.loads
        if OUTSIDE.match(value) or ":" in value.split("/")[0]
    ]
    for css in found.styles:
        bad += [f"css {u}" for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", css) if OUTSIDE.match(u)]
        bad += [f"css @import {u}" for u in re.findall(r"@import\s+['\"]?([^'\";]+)", css)]
    bad += [
        f"topojsonURL {u}" for u in re.findall(r"topojsonURL\s*:\s*\"([^\"]*)\"", page) if OUTSIDE.match(u)
    ]
    return bad


@pytest.fixture(scope="module")
def page(real) -> str:
    return report_html(real, STAMP)


def test_the_checker_catches_outside_references():
    page = (
        '<html><head><script src="https://cdn.plot.ly/plotly.min.js"></script>'
        '<link rel="stylesheet" href="//fonts.example.org/x.css"><style>@import "x.css"; '
        "body { background: url(https://example.org/a.png) }</style></head><body>"
        '<img src="http://example.org/i.png"><a href="https://urbact.eu">a source</a>'
        '<script>Plotly.newPlot(d, f, l, {topojsonURL: "https://cdn.plot.ly/un/"})</script></body></html>'
    )
    assert len(outside_references(page)) == 6  # the link to a source is not one of them


def test_the_report_references_nothing_outside(page):
    assert outside_references(page) == []
    found = Resources()
    found.feed(page)
    assert [load for load in found.loads if load[0] in ("script", "link", "img", "iframe")] == []
    # Sources are cited as links to follow, not loaded.
    assert (
        "https://urbact.eu/articles/breaking-isolation-network-comes-end-final-network-article" in found.links
    )


def test_every_address_outside_plotly_js_is_a_cited_source(real, page):
    rest = page.replace(get_plotlyjs().replace("</script", "<\\/script"), "")
    assert len(rest) < len(page) - 1_000_000  # plotly.js is written into the file
    cited = {s["address"] for cited in real.actions["sources"] for s in cited if s["address"]}
    cited |= {s["address"] for s in real.transfers["source"] if s and s.get("address")}
    addresses = {html.unescape(a) for a in re.findall(r"https?://[^\s\"'<>)]+", rest)}
    assert addresses and addresses <= cited | {"http://www.w3.org/2000/svg"}


def test_every_view_and_city_is_in_the_report_with_the_stamp(real, page):
    for view in presentation.VIEWS:
        assert f'<section id="{view}">' in page
    for city, name in zip(real.cities["id"], real.cities["name"], strict=True):
        assert f'<section id="city-{city}">' in page
        assert f"<h2>{name}</h2>" in page
    assert f"{STAMP}." in page
    stamped = '"text":"Data of 2026-11-24 \\u00b7 IAP entered for 1 of 10 cities"'
    assert page.count(stamped) == 17  # on every chart (subtitle): in its PNG and SVG too
    assert "window.PlotlyGeoAssets" in page and '"europe_50m"' in page


def test_a_large_network_gets_a_bounded_set_of_city_sections_and_says_so(real, monkeypatch):
    from outputs import report_html as module

    monkeypatch.setattr(module, "CITY_SECTIONS", 3)  # as if the ten cities were a large network
    page = report_html(real, STAMP)
    entered = set(real.cities.loc[real.cities["knowledge"] == "plan_entered", "id"])
    chosen = module.default_cities(real)
    assert len(chosen) == 3 and entered <= set(chosen)
    assert chosen == [c for c in real.cities["id"] if c in set(chosen)]  # in the data's order
    assert sorted(re.findall(r'<section id="city-([^"]+)">', page)) == sorted(chosen)
    for view in presentation.VIEWS:  # the views still cover the whole network
        assert f'<section id="{view}">' in page
    assert "Sections for 3 of the 10 cities" in page and "the other 7 are left out" in page
    assert "--city CITY_ID" in page and "--all-cities" in page


def test_chosen_cities_get_the_sections_and_a_small_network_says_nothing_left_out(real, page):
    mine = report_html(real, STAMP, cities=["fot", "nowhere", "agen"])
    assert re.findall(r'<section id="city-([^"]+)">', mine) == ["agen", "fot"]  # the data's order
    assert "the other 8 are left out" in mine
    assert "left out to keep this file light" not in page  # every one of the ten cities is in it


def test_text_from_the_data_cannot_end_a_script(real):
    import dataclasses

    actions = real.actions.copy()
    actions.loc[actions.index[0], "title"] = "</script><script>alert(1)</script>"
    page = report_html(dataclasses.replace(real, actions=actions), STAMP)
    assert "<script>alert(1)" not in page


def test_text_from_the_data_is_escaped_in_the_page(data_dir):
    from markupsafe import escape
    from test_city_report import HOSTILE_NAME, hostile_names

    from analysis.frames import build_tables

    page = report_html(build_tables(hostile_names(data_dir)), STAMP + ' & "Co"')
    scripts = re.findall(r"<script>.*?</script>", page, flags=re.DOTALL)
    outside = re.sub(r"<script>.*?</script>", "", page, flags=re.DOTALL)
    # The page's own scripts only: plotly.js, the base map, draw(), and one per chart.
    assert len(scripts) == 3 + outside.count('<div class="chart"')
    assert "<script" not in outside and "<b>bold" not in outside
    assert f"<h2>{escape(HOSTILE_NAME)}</h2>" in outside  # the city's section
    assert f'<p class="stamp">{escape(STAMP)} &amp; &#34;Co&#34;.</p>' in outside
    # Nor inside a chart's figure (JSON in a <script>): no script of the data's anywhere.
    assert "<script>alert" not in page


def test_the_template_fails_on_a_missing_variable():
    import jinja2

    from outputs.templates import render

    with pytest.raises(jinja2.UndefinedError, match="title"):
        render("network_report.html.j2", stamp=STAMP)


def test_without_the_base_map_the_map_is_left_out_and_said(real, tmp_path):
    page = report_html(real, STAMP, static=tmp_path)
    assert "PlotlyGeoAssets" not in page.replace(get_plotlyjs().replace("</script", "<\\/script"), "")
    assert "The map is left out" in page
    assert outside_references(page) == []


def test_cli_writes_the_report(tmp_path, real_network):
    out = tmp_path / "network.html"
    result = run_models("html-report", "--out", str(out), text=True)
    assert result.returncode == 0, result.stderr
    assert entered_words(real_network) in result.stdout
    assert outside_references(out.read_text(encoding="utf-8")) == []
    bad = run_models("html-report", "--out", str(tmp_path / "r.pdf"), text=True)
    assert bad.returncode == 2 and "ending in .html" in bad.stderr
    unknown = run_models("html-report", "--out", str(out), "--city", "nowhere", text=True)
    assert unknown.returncode == 2 and "No city with the id nowhere" in unknown.stderr


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
def test_the_report_draws_offline_in_a_browser(page, tmp_path, browser):
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    asked: list[str] = []
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))

    def cut_off(route):
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            asked.append(route.request.url)
            route.abort()

    tab.route("**/*", cut_off)
    tab.goto(path.as_uri())
    tab.wait_for_function(
        "document.querySelectorAll('.js-plotly-plot .main-svg').length >= 17", timeout=60000
    )
    wait_for_charts(tab)
    countries = tab.locator("#glance .geo path").count()
    charts = tab.locator(".js-plotly-plot").count()
    svg_buttons = tab.locator('.modebar-btn[data-title="Download as SVG"]').count()
    assert asked == []
    assert errors == []
    assert charts == 17  # map, glance, coverage, gaps, budgets, transfers, progress, ten cities
    assert countries > 5  # the embedded base map is drawn
    assert svg_buttons == 17
