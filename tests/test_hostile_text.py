"""Hostile text in the data (tests/hostile.py) is plain text on every page and in every export.

Pages (AppTest): no exception, no element that lets HTML through shows data, markdown shows
markup escaped, charts carry no raw tags and no 100 kB strings. Exports: CSV, JSON, Excel and
PowerPoint hold the text intact, with spreadsheet formulas neutralised.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile

import page_visits
import pytest
from conftest import ROOT, figures
from hostile import (
    ACTION_DESCRIPTION,
    ACTION_TITLE,
    CITY_NAME,
    FORMULA,
    FORMULA_NAME,
    LONG_TITLE,
    PRACTICE_NAME,
    RTL,
    make_hostile,
)

from analysis.frames import Filters, build_tables
from models import load_network
from ui.render import plain
from words import LONG_TEXT

PAGES = page_visits.paths()  # every page of ui/registry.py
# A tag or a javascript: link that markdown would render: not preceded by a backslash.
RAW_MARKUP = re.compile(r"(?<!\\)<\s*/?\s*(script|img|svg|iframe|a|b|i|u)\b|(?<!\\)\]\(\s*javascript:", re.I)
# The data's tags, raw: plotly would draw <i>, <u> and <a> and drop the rest silently.
# (The code's own <b> and <br> in hover text are fine.)
RAW_TAG = re.compile(r"<script|<img|<svg|<i>Béta|<u>group|<a href", re.I)
# Every bit of data text that could carry markup: seen nowhere raw.
DATA_MARKERS = ("__pwned", "Béta", "Observatory", "very long title", "Walking")


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    return make_hostile(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="module")
def hostile_tables(hostile_dir):
    network = load_network(hostile_dir)
    assert network.problems == []  # hostile, but valid: every page shows it
    return network, build_tables(network)


def _elements(node):
    children = getattr(node, "children", None)
    if children:
        for child in children.values() if isinstance(children, dict) else children:
            yield from _elements(child)
    else:
        yield node


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize("page", PAGES)
def test_page_shows_hostile_text_as_plain_text(monkeypatch, hostile_dir, page):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("IAP_DATA_DIR", str(hostile_dir))
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]

    for element in _elements(at._tree):
        proto = getattr(element, "proto", None)
        if proto is not None and getattr(proto, "allow_html", False):
            shown = str(proto)
            assert not any(marker in shown for marker in DATA_MARKERS), f"data shown as HTML: {shown[:200]}"
    for kind in ("markdown", "caption", "info", "warning", "success", "error", "title", "subheader"):
        for element in at.get(kind):
            if getattr(element.proto, "allow_html", False):
                continue  # the page's own HTML, checked above to carry no data
            body = getattr(element, "value", None) or getattr(element.proto, "body", "")
            assert not RAW_MARKUP.search(body), f"{kind} renders markup from the data: {body[:200]}"
            assert len(body) < 5000, f"{kind} of {len(body)} characters"

    for fig in figures(at):
        for text in _strings(fig):
            assert not RAW_TAG.search(text), f"a chart would draw markup: {text[:200]}"
            assert len(text) <= 2 * LONG_TEXT, f"a chart holds {len(text)} characters of text"


def test_charts_show_the_hostile_names_escaped_and_long_titles_cut(monkeypatch, hostile_dir):
    """The text is shown (not dropped), as text: escaped for plotly, cut with '…'."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("IAP_DATA_DIR", str(hostile_dir))
    shown = []
    for page in ("coverage", "budgets", "transfers"):
        at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120).run()
        shown.extend(text for fig in figures(at) for text in _strings(fig))
    everything = "\n".join(shown)
    assert html.escape(CITY_NAME, quote=False) in everything
    assert html.escape(PRACTICE_NAME, quote=False) in everything
    assert any(text.startswith(LONG_TITLE[:100]) or LONG_TITLE[:100] in text for text in shown)
    assert any("A very long title" in text and text.endswith("…") for text in shown)


def test_actions_page_record_is_escaped_and_long_title_cut(monkeypatch, hostile_dir):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("IAP_DATA_DIR", str(hostile_dir))
    at = AppTest.from_file(str(ROOT / "pages/actions.py"), default_timeout=120).run()
    at.selectbox(key="actions_record").set_value("alpha-a1").run()
    assert not at.exception
    bodies = [m.value for m in at.markdown]
    assert f"### {plain(ACTION_TITLE)}" in bodies
    assert f"**Description:** {plain(ACTION_DESCRIPTION)}" in bodies
    assert plain(ACTION_TITLE).startswith("\\<script\\>")

    at.selectbox(key="actions_record").set_value("alpha-a2").run()
    heading = next(m.value for m in at.markdown if m.value.startswith("### "))
    assert len(heading) <= LONG_TEXT + 10 and heading.endswith("…")
    # The table keeps the whole title.
    table = at.dataframe[0].value
    assert LONG_TITLE in set(table["Action"])


# --- exports ------------------------------------------------------------------------------


def test_csv_exports_keep_formula_looking_text_exactly_as_typed(hostile_tables):
    from formats.export import to_csv
    from outputs import action_table

    network, tables = hostile_tables
    for text in (to_csv(network), action_table.csv_bytes(tables.actions).decode("utf-8-sig")):
        # CSV is plain: no cell types, no added apostrophe (README, Downloads)
        rows = list(csv.DictReader(io.StringIO(text)))
        first = next(r for r in rows if r["id"] == "alpha-a1")
        assert first["title"] == ACTION_TITLE
        assert first["description"] == ACTION_DESCRIPTION
        assert first["city_name"] == FORMULA_NAME
        assert first["lead"] == "@SUM(A1:A2)"
        assert first["model_reason"].startswith("=1+1 <img")
        assert next(r for r in rows if r["id"] == "alpha-a2")["title"] == LONG_TITLE


def test_json_export_keeps_every_text_exactly(hostile_tables):
    from formats.export import to_json

    network, _ = hostile_tables
    document = json.loads(to_json(network))
    actions = {a["id"]: a for a in document["actions"]}
    assert actions["alpha-a1"]["title"] == ACTION_TITLE
    assert actions["alpha-a2"]["title"] == LONG_TITLE
    assert actions["alpha-a2"]["notes"] == RTL
    assert {c["name"] for c in document["cities"]} >= {CITY_NAME, FORMULA_NAME}
    assert next(c for c in document["cities"] if c["id"] == "alpha")["country"] == FORMULA


def test_excel_export_has_no_formula_and_keeps_text(hostile_tables):
    from openpyxl import load_workbook

    from outputs import action_table

    _, tables = hostile_tables
    # The filter description names a city whose name looks like a formula.
    described = Filters(cities=("alpha",)).describe(tables)
    workbook = load_workbook(io.BytesIO(action_table.excel_bytes(tables.actions, described)))
    values = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value}"
                values.append(cell.value)
    assert ACTION_TITLE in values
    # Excel's cell limit: the 100 kB title is cut visibly at 32,767 characters.
    cut = next(v for v in values if isinstance(v, str) and v.startswith(LONG_TITLE[:1000]))
    assert len(cut) == 32_767 and cut.endswith("…") and LONG_TITLE.startswith(cut[:-1])
    assert FORMULA_NAME in values  # exactly as typed, held as a text cell
    assert not [v for v in values if isinstance(v, str) and v.startswith("'")]


def test_slides_hold_text_as_text_and_chart_data_has_no_formula(hostile_tables):
    from pptx import Presentation

    from outputs.deck import for_filters

    _, tables = hostile_tables
    deck_file = for_filters(tables, Filters(), "Data of 2026-11-24")
    deck = Presentation(io.BytesIO(deck_file))
    texts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                texts.extend(cell.text for row in shape.table.rows for cell in row.cells)
            if getattr(shape, "has_chart", False) and shape.has_chart:
                texts.extend(str(c) for c in shape.chart.plots[0].categories)
    everything = "\n".join(texts)
    assert FORMULA_NAME in everything  # shown as typed on the slide
    assert CITY_NAME in everything  # whole, as typed
    assert "&lt;" not in everything and "&amp;" not in everything  # not escaped for a browser either
    assert all(len(text) < 5000 for text in texts), "a slide holds a 100 kB text"

    # The workbooks embedded in the charts (what "Edit data" opens) hold no formula.
    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(deck_file)) as package:
        embedded = [name for name in package.namelist() if name.endswith(".xlsx")]
        assert embedded
        for name in embedded:
            workbook = load_workbook(io.BytesIO(package.read(name)))
            for sheet in workbook.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        assert cell.data_type != "f", f"{name} {cell.coordinate} is a formula: {cell.value}"


def test_city_reports_show_hostile_text_as_text(hostile_tables):
    from html.parser import HTMLParser

    from outputs.report import city_report_html

    _, tables = hostile_tables

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.links = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            self.links += [v for k, v in attrs if k == "href"]

    for city in tables.cities["id"]:
        text = city_report_html(tables, city)
        parser = Tags()
        parser.feed(text)
        assert not {"script", "img", "svg", "iframe", "u"} & set(parser.tags)
        assert not [link for link in parser.links if not link.startswith(("http://", "https://"))]
        assert html.escape(CITY_NAME) in text or city != "beta"
