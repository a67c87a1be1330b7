"""Table downloads (outputs.downloads): stamp first, text intact, formulas neutralised."""

from __future__ import annotations

import csv
import io

import pandas as pd
from openpyxl import load_workbook

from outputs.downloads import csv_bytes, excel_bytes

TABLE = pd.DataFrame({"City": ["=1+1 Alphaville", "Škofja Loka"], "Plan actions": [2, 1]})
STAMP = "Data of 2026-11-24 · IAP entered for 1 of 10 cities"


def test_csv_has_the_stamp_first_and_no_formula():
    raw = csv_bytes(TABLE, STAMP)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [STAMP]
    assert rows[1] == ["City", "Plan actions"]
    assert rows[2] == ["'=1+1 Alphaville", "2"] and rows[3] == ["Škofja Loka", "1"]


def test_excel_keeps_numbers_as_numbers_and_says_what_it_is():
    book = load_workbook(io.BytesIO(excel_bytes(TABLE, "Compare", {"Data": STAMP})))
    sheet = book["Compare"]
    assert [c.value for c in sheet[2]] == ["'=1+1 Alphaville", 2]
    assert sheet["A2"].data_type == "s"
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Data"] == STAMP and "not zero" in about["Unknown values"]
