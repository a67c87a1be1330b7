"""Progress values through a spreadsheet: the template, an import, a broken workbook refused whole."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess
import sys

import pytest
from conftest import REAL_DATA, ROOT
from openpyxl import load_workbook

from models import load_network
from models.progress_sheet import SHEET, import_workbook, read_workbook, template_bytes


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


def test_template_lists_every_indicator_with_an_id(data):
    network = load_network(data)
    sheet = load_workbook(io.BytesIO(template_bytes(network)))[SHEET]
    ids = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(ids) == 31 and ids[0] == "isernia-a1-n1"


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
    # rows: a1 has 8 indicators (rows 2-9), a2 6 (10-15), a3-n1 is row 16
    assert reading.problems == [
        "Progress, row 18, Value: must be a number (no currency sign or spaces), not 'about seventy'",
        "Progress, row 19, Date: must be a date written year-month-day, like 2026-11-24, not '10/05/2026'",
        "Progress, row 20, Reported by: must not be empty",
    ]
    assert not (data / "progress").exists()  # nothing written, not even the good row


def test_not_a_workbook_says_so(data):
    reading = read_workbook(b"this is not a spreadsheet", load_network(data))
    assert reading.problems[0].startswith("The file cannot be read as an Excel workbook")


def test_commands_round_trip(data, tmp_path):
    template = tmp_path / "progress.xlsx"
    run = [sys.executable, "-m", "models"]
    made = subprocess.run(
        [*run, "progress-template", "--out", str(template), "--data", str(data)],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr.decode()
    book = load_workbook(template)
    sheet = book[SHEET]
    sheet["F2"], sheet["G2"], sheet["H2"] = 2, "2026-09-01", "Observatory"
    book.save(template)
    done = subprocess.run(
        [*run, "import-progress", str(template), "--data", str(data)],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b"Added 1 progress report(s): isernia (1)." in done.stdout
    sheet["F3"] = "two"
    book.save(template)
    refused = subprocess.run(
        [*run, "import-progress", str(template), "--data", str(data)],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert refused.returncode == 1 and b"Progress, row 3, Value: must be a number" in refused.stderr
    assert len(load_network(data).progress["isernia"]) == 1  # the second import added nothing
