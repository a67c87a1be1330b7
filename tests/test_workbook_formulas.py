"""A workbook cell holding a formula whose result the file does not keep (a workbook written by
a program, not saved by Excel) is named as such: read for its values it is empty, so a required
title was said to be "empty" and an optional text was dropped without a word."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from formats.workbook import build_workbook, read_workbook


def _with_formulas(content: bytes) -> bytes:
    book = load_workbook(io.BytesIO(content))
    sheet = book["Actions"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("title") + 1).value = '=CONCAT("Obs","ervatory")'
    sheet.cell(row=2, column=header.index("description") + 1).value = "=A1"
    out = io.BytesIO()
    book.save(out)  # openpyxl keeps no result for a formula: as a program writes a workbook
    return out.getvalue()


def test_a_formula_without_its_result_is_named_not_taken_for_an_empty_cell(data_dir):
    sheets, problems = read_workbook(_with_formulas(build_workbook(data_dir)))
    said = [str(p) for p in problems]
    assert said == [
        'Actions, row 2, column title: holds a formula (=CONCAT("Obs","ervatory")) whose result is not saved '
        "in the file; type the value itself, or open the workbook in Excel and save it again",
        "Actions, row 2, column description: holds a formula (=A1) whose result is not saved in the file; "
        "type the value itself, or open the workbook in Excel and save it again",
    ]
    assert all(row.number != 2 for row in sheets["Actions"])  # the row is not taken as it reads


def test_the_exported_workbook_reads_without_a_formula_problem(data_dir):
    _, problems = read_workbook(build_workbook(data_dir))
    assert problems == []


def test_a_progress_row_with_a_formula_without_its_result_is_named(data_dir):
    from openpyxl import Workbook

    from formats import progress_sheet
    from models import load_network

    path = data_dir / "cities" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('target: "1 per year"}', 'target: "1 per year", id: alpha-a1-n1}'), encoding="utf-8"
    )
    book = Workbook()
    sheet = book.active
    sheet.title = progress_sheet.SHEET
    sheet.append(progress_sheet.COLUMNS)
    sheet.append(["alpha", "alpha-a1", "alpha-a1-n1", "", "", 3, "2026-05-01", "Éva", "=B2"])
    out = io.BytesIO()
    book.save(out)
    reading = progress_sheet.read_workbook(out.getvalue(), load_network(data_dir))
    assert reading.reports == {}  # the comment is not dropped without a word
    assert reading.problems == [
        "Progress, row 2, Comment: holds a formula (=B2) whose result is not saved in the file; type the value "
        "itself, or open the workbook in Excel and save it again"
    ]
