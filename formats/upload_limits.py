"""How large an uploaded workbook may be, measured before it is parsed.

An .xlsx file is a zip of XML parts. A few kilobytes can declare a sheet of a million rows,
unpack to gigabytes, or hold rows that a reader pads to 16,384 cells each; parsed as they
come, such files took one server process (and so every person using it) down. So a workbook
is measured first, from the zip's own directory and each sheet's declared dimension, without
unpacking anything, and refused with a plain message naming the limit it passes; the rows
are then read one at a time, never wider than the columns the layout knows and never more
than MAX_ROWS. The limits are far above any plan (the whole network's workbook is about
40 kB, its largest part under 50 kB and its longest sheet a few hundred rows); the README
states them.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from words import number
from words.i18n import _, ngettext

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 10_000_000  # the file as uploaded
MAX_PART_BYTES = 10_000_000  # any one part of it, unpacked (a sheet, the shared strings)
MAX_UNPACKED_BYTES = 30_000_000  # all its parts together, unpacked
MAX_PARTS = 500
MAX_ROWS = 10_000  # rows of one sheet
MAX_COLUMNS = 200  # columns a sheet declares
MAX_PROBLEMS = 200  # problems listed; the rest are counted

DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3}\d*(?::[A-Z]{1,3}\d*)?)\"")


class TooLarge(Exception):
    """The workbook passes a limit; its message names the limit, in words."""


def _mb(size: int) -> str:
    return _("{size} MB").format(size=number(round(size / 1_000_000)))


def measure(content: bytes) -> None:
    """Raise TooLarge when the workbook `content` passes a limit, before anything parses it.
    A file that is not a zip at all passes: the reader says it is not a workbook."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise TooLarge(
            _("the file is {size}, more than the {limit} a workbook may be").format(
                size=_mb(len(content)), limit=_mb(MAX_UPLOAD_BYTES)
            )
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise TooLarge(
                _("the workbook has {count} parts; a workbook may have at most {limit}").format(
                    count=number(len(parts)), limit=number(MAX_PARTS)
                )
            )
        total = 0
        for part in parts:
            total += part.file_size
            if part.file_size > MAX_PART_BYTES:
                raise TooLarge(
                    _(
                        "a part of the workbook ({part}) unpacks to {size}, more than the {limit} a part may hold"
                    ).format(part=part.filename, size=_mb(part.file_size), limit=_mb(MAX_PART_BYTES))
                )
        if total > MAX_UNPACKED_BYTES:
            raise TooLarge(
                _("the workbook unpacks to {size}, more than the {limit} a workbook may hold").format(
                    size=_mb(total), limit=_mb(MAX_UNPACKED_BYTES)
                )
            )
        for part in parts:
            if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                _declared(archive, part)


def _declared(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """The sheet's declared size (its <dimension>, near the start of the part) within limits."""
    try:
        with archive.open(part) as stream:
            head = stream.read(4096)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return  # a damaged part: the reader says the file cannot be read
    found = DIMENSION.search(head)
    if not found:
        return
    try:
        _first_col, _first_row, max_col, max_row = range_boundaries(found.group(1).decode("ascii"))
    except (ValueError, TypeError):
        return
    if max_row is not None and max_row > MAX_ROWS + 1:
        raise TooLarge(
            _("a sheet declares {count} rows; a sheet may have at most {limit}").format(
                count=number(max_row), limit=number(MAX_ROWS)
            )
        )
    if max_col is not None and max_col > MAX_COLUMNS:
        raise TooLarge(
            _("a sheet declares {count} columns; a sheet may have at most {limit}").format(
                count=number(max_col), limit=number(MAX_COLUMNS)
            )
        )


def rows(sheet, width: int, first: int = 1):
    """The rows of an openpyxl read-only sheet from row `first`, as value tuples `width`
    columns wide (never padded wider), one at a time; TooLarge past MAX_ROWS rows."""
    width = max(1, min(width, MAX_COLUMNS))
    for count, values in enumerate(
        sheet.iter_rows(min_row=first, max_row=MAX_ROWS + 1, max_col=width, values_only=True), start=first
    ):
        if count > MAX_ROWS:
            raise TooLarge(
                _("a sheet has more than {limit} rows, the most a sheet may have").format(
                    limit=number(MAX_ROWS)
                )
            )
        yield values


def formulas_without_result(content: bytes, title: str, width: int) -> dict[tuple[int, int], str]:
    """(row, column index) -> formula, for the cells of sheet `title` that hold a formula whose
    result the file does not keep (a workbook written by a program rather than saved by Excel):
    read for values only, such a cell is empty, and its text would be lost without a word."""
    try:
        book = load_workbook(io.BytesIO(content), read_only=True)
    except Exception as error:  # noqa: BLE001 - the values were read; without formulas nothing more is known
        logger.info("The workbook's formulas could not be read: %r", error)
        return {}
    try:
        return {
            (number, index): value
            for number, values in enumerate(rows(book[title], width, first=2), start=2)
            for index, value in enumerate(values)
            if isinstance(value, str) and value.startswith("=")
        }
    except Exception as error:  # noqa: BLE001 - a damaged sheet raises whatever its XML makes openpyxl raise
        logger.info("The formulas of sheet %s could not be read: %r", title, error)
        return {}
    finally:
        book.close()


def formula_words(formula: str) -> str:
    """What to tell the person about a cell of `formulas_without_result`."""
    shown = formula if len(formula) <= 40 else formula[:37] + "..."
    return _(
        "holds a formula ({formula}) whose result is not saved in the file; type the value "
        "itself, or open the workbook in Excel and save it again"
    ).format(formula=shown)


def capped(problems: list, limit: int = MAX_PROBLEMS) -> list[str]:
    """At most `limit` problems as text, then one line counting the rest."""
    shown = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        rest = len(problems) - limit
        shown.append(
            ngettext(
                "... and {rest} more problem (the first {limit} are listed)",
                "... and {rest} more problems (the first {limit} are listed)",
                rest,
            ).format(rest=number(rest), limit=number(limit))
        )
    return shown
