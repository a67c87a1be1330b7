"""Table downloads (outputs.downloads): plain CSV header first, text exactly as typed,
formula-looking text stored as text in Excel."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from outputs import action_table
from outputs.downloads import csv_bytes, excel_bytes

TABLE = pd.DataFrame({"City": ["=1+1 Alphaville", "Škofja Loka"], "Plan actions": [2, 1]})
STAMP = "Data of 2026-11-24 · IAP entered for 1 of 10 cities"
# Text a spreadsheet would run as a formula, and a negative number typed as text.
FORMULA_LIKE = ["=1+1", "@SUM(A1)", "-3", "+44 1234", '=HYPERLINK("http://example.org","x")']


def test_csv_is_plain_with_the_header_first_and_text_exact():
    raw = csv_bytes(TABLE)
    assert raw.startswith("\ufeff".encode())  # Excel then reads the accents right
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["City", "Plan actions"]
    assert rows[1] == ["=1+1 Alphaville", "2"] and rows[2] == ["Škofja Loka", "1"]
    assert STAMP not in raw.decode("utf-8-sig")
    assert pd.read_csv(io.BytesIO(raw)).to_dict("list") == TABLE.to_dict("list")


def test_csv_keeps_formula_looking_text_as_typed():
    raw = csv_bytes(pd.DataFrame({"Text": FORMULA_LIKE}))
    assert [row[0] for row in csv.reader(io.StringIO(raw.decode("utf-8-sig")))][1:] == FORMULA_LIKE


def test_excel_keeps_numbers_as_numbers_and_says_what_it_is():
    book = load_workbook(io.BytesIO(excel_bytes(TABLE, "Compare", {"Data": STAMP})))
    sheet = book["Compare"]
    assert [c.value for c in sheet[2]] == ["=1+1 Alphaville", 2]
    assert sheet["A2"].data_type == "s" and sheet["B2"].data_type == "n"
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Data"] == STAMP and "not zero" in about["Unknown values"]


def _cells(book):
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_formula_looking_text_round_trips_exactly_through_excel_as_text():
    table = pd.DataFrame({"=Header": FORMULA_LIKE, "Number": [1, 2, 3, 4, 5]})
    book = load_workbook(io.BytesIO(excel_bytes(table, "Numbers", {"Chart": "=2+2", "Data": "@x"})))
    sheet = book["Numbers"]
    assert sheet["A1"].value == "=Header" and sheet["A1"].data_type == "s"
    for row, text in enumerate(FORMULA_LIKE, start=2):
        cell = sheet.cell(row, 1)
        assert cell.value == text and cell.data_type == "s", (text, cell.value, cell.data_type)
        assert sheet.cell(row, 2).value == row - 1
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Chart"] == "=2+2" and about["Data"] == "@x"
    assert not [c.coordinate for c in _cells(book) if c.data_type == "f"]


@pytest.fixture(scope="module")
def mini(mini_network):
    from analysis.frames import build_tables

    return build_tables(mini_network)


def test_formula_looking_text_in_the_actions_workbook_is_text(mini):
    actions = mini.actions.copy()
    actions["title"] = actions["title"].astype(object)
    actions.loc[actions.index[0], "title"] = "=1+1"
    actions.loc[actions.index[1], "title"] = "-3"
    book = load_workbook(io.BytesIO(action_table.excel_bytes(actions, "=all cities", STAMP)))
    sheet = book["Actions"]
    header = [c.value for c in sheet[1]]
    titles = [row[header.index("title")] for row in sheet.iter_rows(min_row=2)]
    assert (titles[0].value, titles[0].data_type) == ("=1+1", "s")
    assert (titles[1].value, titles[1].data_type) == ("-3", "s")
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Filters"] == "=all cities" and about["Data"] == STAMP
    assert not [c.coordinate for c in _cells(book) if c.data_type == "f"]
    text = action_table.csv_bytes(actions).decode("utf-8-sig")
    assert text.startswith("id,city,")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [rows[0]["title"], rows[1]["title"]] == ["=1+1", "-3"]
