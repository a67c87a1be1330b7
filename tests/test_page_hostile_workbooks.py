"""Hostile and damaged workbooks through the Spreadsheet page: each ends in a plain message
naming what is wrong (a limit, a damaged file), never a traceback, and nothing is saved."""

from __future__ import annotations

import io
import zipfile

import pytest
from test_bounded_uploads import NAMESPACE, _header_row, _rezip, _sheet_part, _sheet_xml, with_shared_strings
from test_page_spreadsheet import BETA, LEAD, ok, signed_in, upload  # noqa: F401 - BETA: same environment

from formats.workbook import build_workbook
from models import load_network


@pytest.fixture
def editing(monkeypatch, data_dir):
    monkeypatch.setenv("IAP_DATA_DIR", str(data_dir))
    monkeypatch.setenv("IAP_EDIT_PASSWORD", LEAD)
    monkeypatch.setattr("ui.access.REFUSAL_PAUSE_S", 0)
    return data_dir


def _files(folder) -> dict:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def _hostile(kind: str, content: bytes) -> bytes:
    if kind == "not a zip":
        return b"\x00\x01 this is not a workbook" * 100
    if kind == "a zip of something else":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("notes.txt", "hello")
        return out.getvalue()
    if kind == "a sheet cut in the middle":
        part = _sheet_part(content, "Actions")
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            xml = archive.read(part)
        return _rezip(content, {part: xml[: len(xml) // 2]})
    if kind == "rows padded to 16,384 cells":
        part = _sheet_part(content, "Partners")
        rows = "".join(f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>' for n in range(2, 20_002))
        return _rezip(content, {part: _sheet_xml(_header_row(content, "Partners") + rows)})
    if kind == "shared strings of 30 MB":
        strings = f'<sst xmlns="{NAMESPACE}">'.encode() + b"<si><t>x</t></si>" * 2_000_000 + b"</sst>"
        return with_shared_strings(content, strings)
    raise AssertionError(kind)


EXPECTED = {
    "not a zip": "not an Excel workbook (.xlsx) that can be read",
    "a zip of something else": "not an Excel workbook (.xlsx) that can be read",
    "a sheet cut in the middle": "cannot be read",
    "rows padded to 16,384 cells": "a sheet has more than 10,000 rows",
    "shared strings of 30 MB": "xl/sharedStrings.xml) unpacks to",
}


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_a_hostile_workbook_on_the_spreadsheet_page_ends_in_words(editing, kind):
    content = build_workbook(editing, load_network(editing).vocabulary)
    before = _files(editing)
    at = upload(signed_in(), _hostile(kind, content))
    ok(at)
    assert any("This workbook was not imported" in e.value for e in at.error), [e.value for e in at.error]
    shown = " ".join(c.value for c in at.code)
    assert EXPECTED[kind] in shown, shown
    assert "Traceback" not in shown
    assert _files(editing) == before
