"""The deck and the reports in French, nothing left in English by accident: built with the
French catalog whose every answer carries invisible marks (screen_text.py), every text of
every slide (titles, cards, tables, chart series and categories, notes) and every text of the
network report and a city report must come from the catalog or be the data's own text."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from conftest import REAL_DATA
from pptx import Presentation
from screen_text import data_texts, marked_catalog, untranslated

from analysis.frames import build_tables
from analysis.presentation import VIEWS, steps
from analysis.stamp import stamp_text
from models.loader import load_network
from outputs import deck, report, report_html
from words.i18n import use_language


@pytest.fixture
def french(monkeypatch):
    with use_language(marked_catalog(monkeypatch, "fr")):
        tables = build_tables(load_network(REAL_DATA))
        yield tables, data_texts(REAL_DATA)


def _slide_texts(pptx: bytes) -> list[str]:
    texts: list[str] = []
    for slide in Presentation(io.BytesIO(pptx)).slides:
        shapes = list(slide.shapes)
        for shape in shapes:
            if shape.has_text_frame:
                texts += [p.text for p in shape.text_frame.paragraphs]
            if shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
            if shape.has_chart:
                chart = shape.chart
                texts += [str(c) for plot in chart.plots for c in plot.categories]
                texts += [s.name for plot in chart.plots for s in plot.series]
                if chart.has_title:
                    texts.append(chart.chart_title.text_frame.text)
        if slide.has_notes_slide:
            texts += slide.notes_slide.notes_text_frame.text.split("\n")
    return texts


class _Text(HTMLParser):
    """The words of an HTML page a reader sees (no script, no style)."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "alt", "aria-label") and value:
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data)


def _page_texts(page: str) -> list[str]:
    parser = _Text()
    parser.feed(page)
    # One text, line by line: a translated sentence may hold a link, so its marks open in one
    # piece of text and close in another.
    texts = ["\n".join(parser.texts)]
    # The charts' words are in their JSON, inside a script: titles, axes, legends, hovers.
    for found in re.findall(r'"(?:text|name|hovertemplate)"\s*:\s*"((?:[^"\\]|\\.)*)"', page):
        texts.append(found.encode().decode("unicode_escape", errors="ignore"))
    return texts


def test_the_deck_in_french_holds_no_english(french):
    tables, data = french
    sequence = steps(list(VIEWS), list(tables.cities["id"]), tables)
    pptx = deck.deck_bytes(tables, sequence, stamp_text(None, tables.cities))
    left = untranslated(_slide_texts(pptx), data)
    assert not left, f"{len(left)} texts of the deck not from the catalog: {left[:30]}"


def test_the_network_report_in_french_holds_no_english(french):
    tables, data = french
    page = report_html.report_html(tables, stamp_text(None, tables.cities))
    assert '<html lang="fr"' in page
    left = untranslated(_page_texts(page), data)
    assert not left, f"{len(left)} texts of the network report not from the catalog: {left[:30]}"


def test_a_city_report_in_french_holds_no_english(french):
    tables, data = french
    for city in tables.cities["id"]:
        page = report.city_report_html(tables, city)
        left = untranslated(_page_texts(page), data)
        assert not left, f"{city}: {len(left)} texts of the city report not from the catalog: {left[:30]}"
