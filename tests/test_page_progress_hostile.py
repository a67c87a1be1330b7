"""Hostile files through the Progress page: an alias bomb in the city's progress file when a
value is recorded, and a progress workbook of 20,000 rows padded to 16,384 cells, each end in
a plain message, never a traceback, and nothing is saved."""

from __future__ import annotations

import datetime

from test_bounded_uploads import _rezip, _sheet_xml
from test_page_progress import _signed_in, data_copy  # noqa: F401 - data_copy is a fixture used below
from test_yaml_bombs import BOMB

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_recording_a_value_beside_an_alias_bomb_says_so_in_words(data_copy, monkeypatch):  # noqa: F811
    (data_copy / "progress").mkdir()
    bomb = BOMB.format(city="isernia")
    (data_copy / "progress" / "isernia.yaml").write_text(bomb, encoding="utf-8")
    at = _signed_in(monkeypatch, progress_city="isernia")
    at.selectbox(key="progress_report_indicator").set_value(("isernia-a3", "isernia-a3-n2"))
    at.number_input(key="progress_report_value").set_value(62.0)
    at.date_input(key="progress_report_date").set_value(datetime.date(2026, 5, 10))
    at.text_input(key="progress_report_by").input("Isernia team")
    next(b for b in at.button if b.label == "Record the value").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("uses a YAML alias" in e.value for e in at.error), [e.value for e in at.error]
    assert (data_copy / "progress" / "isernia.yaml").read_text(encoding="utf-8") == bomb


def test_a_padded_progress_workbook_is_refused_in_words(data_copy, monkeypatch):  # noqa: F811
    import io

    from openpyxl import Workbook

    from formats.progress_sheet import COLUMNS, SHEET

    book = Workbook()
    book.active.title = SHEET
    book.active.append(COLUMNS)
    out = io.BytesIO()
    book.save(out)
    header = "".join(
        f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(COLUMNS)
    )
    rows = "".join(f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>' for n in range(2, 20_002))
    hostile = _rezip(
        out.getvalue(), {"xl/worksheets/sheet1.xml": _sheet_xml(f'<row r="1">{header}</row>' + rows)}
    )
    at = _signed_in(monkeypatch, progress_city="isernia")
    at.get("file_uploader")[0].set_value(("progress.xlsx", hostile, XLSX)).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(t.value for t in at.text)
    assert "This workbook is too large to read: a sheet has more than 10,000 rows" in shown, shown
    assert not (data_copy / "progress").exists()
