"""Formula-looking text stays text in every workbook the project writes (issue 24, item 2):
an indicator written '=HYPERLINK(...)' comes out of every download as that text, never as a
live formula."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from formats.progress_sheet import template_bytes
from formats.workbook import build_workbook
from models import load_network
from outputs import action_table, downloads

HOSTILE = '=HYPERLINK("http://example.invalid/steal","Click me")'


@pytest.fixture
def hostile_data(data_dir):
    """The mini network with an indicator, a partner and a title that look like formulas."""
    path = data_dir / "cities" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        '- {indicator: surveys, target: "1 per year"}',
        f"- {{indicator: '{HOSTILE}', target: '+1 per year', id: alpha-a1-n1}}",
    )
    text = text.replace("partners: [A charity]", "partners: ['@SUM(1,2)']")
    text = text.replace("title: Observatory", "title: '-2+3'")
    path.write_text(text, encoding="utf-8")
    network = load_network(data_dir)
    assert not network.problems, network.problems
    return data_dir


def _cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _assert_text(content: bytes, *texts: str) -> None:
    cells = _cells(content)
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a formula cell was written"
    values = {c.value for c in cells}
    for text in texts:
        assert text in values, text


def test_the_progress_workbook_keeps_an_indicator_as_text(hostile_data):
    _assert_text(template_bytes(load_network(hostile_data)), HOSTILE, "+1 per year")


def test_the_data_workbook_keeps_formula_text_as_text(hostile_data):
    _assert_text(build_workbook(hostile_data), HOSTILE, "@SUM(1,2)", "-2+3")


def test_table_downloads_keep_formula_text_as_text():
    frame = pd.DataFrame({"Indicator": [HOSTILE, "=1+1"], "Value": [1, 2]})
    _assert_text(downloads.excel_bytes(frame, "Table", {"Data": "=2+2"}), HOSTILE, "=1+1", "=2+2")


def test_the_actions_download_keeps_formula_text_as_text():
    frame = pd.DataFrame({"title": [HOSTILE], "budget": [None]})
    _assert_text(action_table.excel_bytes(frame, "=3+3"), HOSTILE, "=3+3")
