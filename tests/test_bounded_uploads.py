"""Uploaded workbooks are measured before they are parsed and read without padding, in a
process of their own (issue 24, item 1 and the progress workbook of item 9): a few kilobytes
that unpack to gigabytes, rows padded to 16,384 cells, a sheet of 100,000 rows, 80,000
problem lines. Each hostile workbook is read under a memory limit (formats.worker) and must
end in a plain problem, or be read correctly, never take the limit."""

from __future__ import annotations

import io
import re
import time
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from formats import progress_sheet, upload_limits, worker
from formats.spreadsheet import plan_import
from formats.workbook import build_workbook, read_workbook
from models import load_network

# Far less than the old reader needed for these files (gigabytes), and well above what a
# reading process needs for a real workbook (about 400 MB of address space, most of it the
# interpreter and its libraries).
MEMORY = 900_000_000
NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _rezip(content: bytes, changes: dict[str, bytes]) -> bytes:
    """The workbook `content` with some parts replaced (or added)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            if item.filename not in changes:
                target.writestr(item, source.read(item.filename))
        for name, data in changes.items():
            target.writestr(name, data)
    return out.getvalue()


def with_shared_strings(content: bytes, strings: bytes) -> bytes:
    """The workbook with `strings` as its shared strings part, declared as a workbook from
    Excel declares it (so every reader loads it before any sheet)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        types = archive.read("[Content_Types].xml").decode()
    relation = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Type="{relation}" Target="sharedStrings.xml" Id="rIdStrings"/></Relationships>',
    )
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    types = types.replace(
        "</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}"/></Types>'
    )
    parts = {"xl/_rels/workbook.xml.rels": rels.encode(), "[Content_Types].xml": types.encode()}
    return _rezip(content, {"xl/sharedStrings.xml": strings, **parts})


def _sheet_part(content: bytes, title: str) -> str:
    """The zip part that holds the sheet called `title`."""
    book = load_workbook(io.BytesIO(content))
    index = book.sheetnames.index(title) + 1
    return f"xl/worksheets/sheet{index}.xml"


def _sheet_xml(rows: str, dimension: str | None = None) -> bytes:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{declared}<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


def _header_row(content: bytes, title: str) -> str:
    """The header row of sheet `title`, as inline strings."""
    header = next(load_workbook(io.BytesIO(content))[title].iter_rows(max_row=1, values_only=True))
    cells = "".join(
        f'<c r="{_col(i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(header, 1) if h
    )
    return f'<row r="1">{cells}</row>'


def _col(number: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(number)


def _read(content: bytes, vocabulary=None):
    return worker.run_limited(read_workbook, content, vocabulary, memory=MEMORY, seconds=120)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    import shutil

    from conftest import MINI

    folder = tmp_path_factory.mktemp("bounded") / "data"
    shutil.copytree(MINI, folder)
    return build_workbook(folder), folder


def test_rows_with_one_cell_in_the_last_column_are_read_without_padding(exported):
    """6,000 rows, each one cell in column XFD, no declared size: the old reader padded every
    row to 16,384 cells (gigabytes); now each row is as wide as the header."""
    content, _ = exported
    part = _sheet_part(content, "Partners")
    rows = "".join(f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>' for n in range(2, 6002))
    hostile = _rezip(content, {part: _sheet_xml(_header_row(content, "Partners") + rows)})
    assert len(hostile) < 200_000
    sheets, problems = _read(hostile)
    assert sheets["Partners"] == []  # nothing in the layout's columns: empty rows
    assert problems == []


def test_a_declared_size_past_the_limits_is_refused_before_parsing(exported):
    content, _ = exported
    part = _sheet_part(content, "Actions")
    hostile = _rezip(content, {part: _sheet_xml(_header_row(content, "Actions"), "A1:XFD1048576")})
    sheets, problems = read_workbook(hostile)
    assert sheets == {}
    assert [str(p) for p in problems] == [
        "(file): this workbook is too large to read: a sheet declares 1,048,576 rows; a sheet may have at most 10,000"
    ]


def test_shared_strings_that_unpack_to_megabytes_are_refused_unparsed(exported):
    content, _ = exported
    strings = f'<sst xmlns="{NAMESPACE}">'.encode()
    strings += ("<si><t>" + "b" * 1000 + "</t></si>").encode() * 40_000 + b"</sst>"
    hostile = with_shared_strings(content, strings)
    assert len(hostile) < 200_000 and len(strings) > upload_limits.MAX_PART_BYTES
    sheets, problems = _read(hostile)
    assert sheets == {}
    (said,) = [str(p) for p in problems]
    assert said.startswith(
        "(file): this workbook is too large to read: a part of the workbook (xl/sharedStrings.xml)"
    )
    assert "more than the 10 MB a part may hold" in said


def test_a_sheet_of_100000_rows_is_refused_at_the_row_limit(exported):
    content, _ = exported
    part = _sheet_part(content, "Partners")
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c></row>' for n in range(2, 100_002)
    )
    hostile = _rezip(content, {part: _sheet_xml(_header_row(content, "Partners") + rows)})
    sheets, problems = _read(hostile)
    assert sheets == {}
    assert [str(p) for p in problems] == [
        "Partners: this workbook is too large to read: a sheet has more than 10,000 rows, the most a sheet may have"
    ]


def test_a_reading_that_passes_the_time_limit_is_stopped_and_said_in_words():
    assert worker.run_limited(time.sleep, 0, seconds=120) is None  # the child runs the function
    with pytest.raises(worker.OverLimit, match="took longer than 3 seconds, the most a file may take"):
        worker.run_limited(time.sleep, 3600, seconds=3)


def test_the_spreadsheet_page_path_reads_in_its_own_process(exported):
    """plan_import(isolated=True), what the page and `python -m models import` call: a bomb is
    one plain problem; the exported workbook itself imports with no change."""
    content, folder = exported
    assert plan_import(content, folder, isolated=True).problems == []
    strings = f'<sst xmlns="{NAMESPACE}">'.encode() + b"<si><t>x</t></si>" * 1_000_000 + b"</sst>"
    hostile = with_shared_strings(content, strings)
    (said,) = plan_import(hostile, folder, isolated=True).problems
    assert "too large to read" in said and "xl/sharedStrings.xml" in said


def test_a_progress_workbook_of_many_bad_rows_lists_two_hundred_and_counts_the_rest(exported):
    _, folder = exported
    network = load_network(folder)
    book = Workbook()
    sheet = book.active
    sheet.title = progress_sheet.SHEET
    sheet.append(progress_sheet.COLUMNS)
    for n in range(5000):
        sheet.append(["alpha", "alpha-a1", f"no-such-{n}", "", "", "not a number", "someday", "me", None])
    out = io.BytesIO()
    book.save(out)
    reading = progress_sheet.read_workbook(out.getvalue(), network, isolated=True)
    assert len(reading.problems) == upload_limits.MAX_PROBLEMS + 1
    assert re.fullmatch(r"\.\.\. and [\d,]+ more problems \(the first 200 are listed\)", reading.problems[-1])
    assert reading.reports == {}


def test_a_progress_workbook_bomb_is_refused_in_words(exported):
    _, folder = exported
    network = load_network(folder)
    book = Workbook()
    book.active.title = progress_sheet.SHEET
    book.active.append(progress_sheet.COLUMNS)
    out = io.BytesIO()
    book.save(out)
    part = "xl/worksheets/sheet1.xml"
    rows = "".join(f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>' for n in range(2, 20_002))
    header = "".join(
        f'<c r="{_col(i)}1" t="inlineStr"><is><t>{h}</t></is></c>'
        for i, h in enumerate(progress_sheet.COLUMNS, 1)
    )
    hostile = _rezip(out.getvalue(), {part: _sheet_xml(f'<row r="1">{header}</row>' + rows)})
    reading = progress_sheet.read_workbook(hostile, network, isolated=True)
    assert reading.problems == [
        "This workbook is too large to read: a sheet has more than 10,000 rows, the most a sheet may have."
    ]
