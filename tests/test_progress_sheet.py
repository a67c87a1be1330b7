"""Progress values through a spreadsheet: the template, an import, a broken workbook refused whole."""

from __future__ import annotations

import datetime
import io
import shutil

import pytest
from conftest import REAL_DATA, plan_actions, run_models
from openpyxl import load_workbook

from formats.progress_sheet import SHEET, import_workbook, read_workbook, template_bytes
from models import load_network


@pytest.fixture
def data(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(
        REAL_DATA, target, ignore=shutil.ignore_patterns(".git", ".history", "progress", "assessments")
    )
    return target


def _filled(network, rows: dict[str, tuple]) -> bytes:
    """The template with some rows filled: indicator id -> (value, date, by, comment)."""
    book = load_workbook(io.BytesIO(template_bytes(network)))
    sheet = book[SHEET]
    for row in sheet.iter_rows(min_row=2):
        if row[2].value in rows:
            for cell, value in zip(row[5:9], rows[row[2].value], strict=True):
                cell.value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rows(network) -> dict[str, int]:
    """Indicator id -> its row in the template."""
    sheet = load_workbook(io.BytesIO(template_bytes(network)))[SHEET]
    return {row[2]: n for n, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2)}


def test_template_lists_every_indicator_with_an_id(data):
    network = load_network(data)
    sheet = load_workbook(io.BytesIO(template_bytes(network)))[SHEET]
    ids = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    # every indicator of every plan action, once (Isernia's 31 while its plan is the only one entered)
    expected = [i.id for a in plan_actions(network) for i in a.indicators]
    assert sorted(ids) == sorted(expected) and len(set(ids)) == len(ids)
    isernia = [i for i in ids if i.startswith("isernia-")]
    assert len(isernia) == 31 and isernia[0] == "isernia-a1-n1"  # in the plan's order


def test_filled_rows_are_added_and_the_rest_ignored(data):
    network = load_network(data)
    workbook = _filled(
        network,
        {
            "isernia-a3-n2": (62, datetime.datetime(2026, 5, 10), "Isernia team", "launch event"),
            "isernia-a1-n5": ("90", "2026-06-30", "Observatory", None),
        },
    )
    reading = import_workbook(workbook, network, data)
    assert reading.problems == [] and reading.count == 2
    saved = load_network(data).progress["isernia"]
    assert [(r.indicator, r.value, r.date.isoformat()) for r in saved] == [
        ("isernia-a1-n5", 90.0, "2026-06-30"),
        ("isernia-a3-n2", 62.0, "2026-05-10"),
    ]


def test_a_broken_workbook_is_refused_whole_with_every_problem(data):
    network = load_network(data)
    workbook = _filled(
        network,
        {
            "isernia-a3-n2": (62, "2026-05-10", "Isernia team", None),  # fine on its own
            "isernia-a3-n3": ("about seventy", "2026-05-10", "Isernia team", None),
            "isernia-a3-n4": (5, "10/05/2026", "Isernia team", None),
            "isernia-a4-n1": (1, "2026-05-10", None, None),
        },
    )
    reading = import_workbook(workbook, network, data)
    # rows: Isernia's a1 has 8 indicators, a2 6, then a3-n1 (rows 16-20 while no other city's
    # indicators come before them)
    row = _rows(network)
    assert row["isernia-a3-n3"] == row["isernia-a3-n1"] + 2 == row["isernia-a1-n1"] + 16
    assert reading.problems == [
        f"Progress, row {row['isernia-a3-n3']}, Value: must be a number (no currency sign or spaces), "
        "not 'about seventy'",
        f"Progress, row {row['isernia-a3-n4']}, Date: must be a date written year-month-day, like 2026-11-24, "
        "not '10/05/2026'",
        f"Progress, row {row['isernia-a4-n1']}, Reported by: must not be empty",
    ]
    assert not (data / "progress").exists()  # nothing written, not even the good row


def test_not_a_workbook_says_so(data):
    reading = read_workbook(b"this is not a spreadsheet", load_network(data))
    assert reading.problems[0].startswith("The file cannot be read as an Excel workbook")


def test_commands_round_trip(data, tmp_path):
    template = tmp_path / "progress.xlsx"
    made = run_models("progress-template", "--out", str(template), "--data", str(data))
    assert made.returncode == 0, made.stderr.decode()
    book = load_workbook(template)
    sheet = book[SHEET]
    first = _rows(load_network(data))["isernia-a1-n1"]  # row 2 while Isernia's is the only plan entered
    sheet[f"F{first}"], sheet[f"G{first}"], sheet[f"H{first}"] = 2, "2026-09-01", "Observatory"
    book.save(template)
    done = run_models("import-progress", str(template), "--data", str(data))
    assert done.returncode == 0, done.stderr.decode()
    assert b"Added 1 progress report: isernia (1)." in done.stdout
    sheet[f"F{first + 1}"] = "two"
    book.save(template)
    refused = run_models("import-progress", str(template), "--data", str(data))
    assert refused.returncode == 1
    assert f"Progress, row {first + 1}, Value: must be a number".encode() in refused.stderr
    assert len(load_network(data).progress["isernia"]) == 1  # the second import added nothing
