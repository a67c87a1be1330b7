"""Progress reports from a spreadsheet: a workbook with one row per indicator to fill in,
and reading it back.

The workbook's "Progress" sheet lists every indicator with an id (city, action, indicator,
target); a person fills in Value, Date and Reported by on the rows they report, and leaves
the others empty. Reading it back is all or nothing: if any filled row has a problem, every
problem is listed as `sheet, row, column: message` and nothing is written.
"""

from __future__ import annotations

import datetime
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import ValidationError

from models.loader import Network
from models.messages import plain_errors
from models.progress import indicator_index
from models.schema import ProgressReport
from words.i18n import _
from workspace.progress import add_reports_of_cities

from . import upload_limits, worker
from .sheet_text import keep_text_everywhere

logger = logging.getLogger(__name__)

SHEET = "Progress"
COLUMNS = ["City", "Action", "Indicator id", "Indicator", "Target", "Value", "Date", "Reported by", "Comment"]
FIELD_COLUMN = {
    "value": "Value",
    "date": "Date",
    "reported_by": "Reported by",
    "comment": "Comment",
    "action": "Action",
    "indicator": "Indicator id",
}
FILL = PatternFill("solid", start_color="FFF2CC")  # the cells to fill in


def template_bytes(network: Network) -> bytes:
    """The workbook to fill in: one row per indicator, the columns to fill highlighted."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for plan in network.cities:
        for action in plan.actions:
            for indicator in action.indicators:
                if indicator.id:
                    sheet.append(
                        [
                            plan.city.id,
                            action.id,
                            indicator.id,
                            indicator.indicator,
                            indicator.target or "",
                            None,
                            None,
                            None,
                            None,
                        ]
                    )
    last = sheet.max_row
    for row in sheet.iter_rows(min_row=2, max_row=last, min_col=6, max_col=9):
        for cell in row:
            cell.fill = FILL
    numbers = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        error="The value must be a number (no units or spaces).",
    )
    dates = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="36526",
        allow_blank=True,
        showErrorMessage=True,
        error="Write the date as a date, e.g. 2026-05-10.",
    )
    sheet.add_data_validation(numbers)
    sheet.add_data_validation(dates)
    numbers.add(f"F2:F{max(last, 2)}")
    dates.add(f"G2:G{max(last, 2)}")
    for column, width in zip("ABCDEFGHI", (12, 14, 18, 60, 40, 10, 12, 20, 30), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    about = book.create_sheet("How to fill in")
    for line in (
        [
            "Fill in Value, Date (year-month-day) and Reported by on the rows you report; leave the others empty."
        ],
        [
            "Value: totals so far for targets 'in total'; this year's count for yearly targets; the event's result"
            " for targets that hold each time (participants per event, % satisfied)."
        ],
        ["Then import it: on the Progress page, or `python -m models import-progress FILE.xlsx`."],
        ["Reports are only ever added: importing the same rows twice records them twice."],
    ):
        about.append(line)
    about.column_dimensions["A"].width = 120
    keep_text_everywhere(book)  # an indicator written '=HYPERLINK(...)' stays that text
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass
class SheetReading:
    reports: dict[str, list[dict]]  # city id -> reports to add, in sheet order
    problems: list[str]  # 'Progress, row 5, Value: must be a number ...'

    @property
    def count(self) -> int:
        return sum(len(r) for r in self.reports.values())


def _cell_text(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


class UnresolvedFormula(str):
    """A cell holding a formula whose result the file does not keep (its text is the formula):
    read for values only it would be empty, and what was meant lost without a word."""


def sheet_rows(source) -> tuple[list[tuple], str | None]:
    """The Progress sheet's rows of a workbook (a path or bytes), measured first and read one
    at a time without padding (formats.upload_limits); or a problem in words."""
    try:
        content = source if isinstance(source, bytes) else Path(source).read_bytes()
        upload_limits.measure(content)
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except upload_limits.TooLarge as too_large:
        return [], _("This workbook is too large to read: {reason}.").format(reason=too_large)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not a workbook
        logger.info("An uploaded progress workbook could not be opened: %r", error)
        return [], _("The file cannot be read as an Excel workbook (.xlsx); save it as .xlsx and try again.")
    try:
        if SHEET not in book.sheetnames:
            return [], _("The workbook has no sheet named '{sheet}' (it has: {names}).").format(
                sheet=SHEET, names=", ".join(book.sheetnames)
            )
        sheet = book[SHEET]
        header = next(upload_limits.rows(sheet, len(COLUMNS) + 20), ())
        width = max((i + 1 for i, h in enumerate(header) if h is not None), default=1)
        formulas = upload_limits.formulas_without_result(content, SHEET, width)
        rows = [
            tuple(
                UnresolvedFormula(formulas[(number, index)])
                if value is None and (number, index) in formulas
                else value
                for index, value in enumerate(values)
            )
            for number, values in enumerate(upload_limits.rows(sheet, width, first=2), start=2)
        ]
        return [tuple(header[:width]), *rows], None
    except upload_limits.TooLarge as too_large:
        return [], _("This workbook is too large to read: {reason}.").format(reason=too_large)
    except Exception as error:  # noqa: BLE001 - a damaged sheet raises whatever its XML makes openpyxl raise
        logger.info("The Progress sheet of an uploaded workbook could not be read: %r", error)
        return [], _(
            "The Progress sheet cannot be read: the file is damaged. Save the workbook again as .xlsx and try again."
        )
    finally:
        book.close()


def read_workbook(source, network: Network, *, isolated: bool = False) -> SheetReading:
    """Read filled-in rows of a progress workbook (a path or bytes); change nothing.
    `isolated`: parse it in a process of its own with a time and memory limit (formats.worker;
    what the page and the command do with a file someone gives them)."""
    if isolated:
        try:
            all_rows, problem = worker.run_limited(sheet_rows, source)
        except worker.OverLimit as over:
            all_rows, problem = [], _("This workbook cannot be read: {reason}.").format(reason=over)
    else:
        all_rows, problem = sheet_rows(source)
    if problem:
        return SheetReading({}, [problem])
    rows = iter(all_rows)
    header = [(_cell_text(h) or "") for h in next(rows, [])]
    missing = [
        c for c in ("City", "Action", "Indicator id", "Value", "Date", "Reported by") if c not in header
    ]
    if missing:
        said = _("{sheet}, row 1: the columns {columns} are missing").format(
            sheet=SHEET, columns=", ".join(missing)
        )
        return SheetReading({}, [said])
    at = {name: header.index(name) for name in header if name}
    indicators = indicator_index(network.cities)
    city_of_action = {a.id: p.city.id for p in network.cities for a in p.actions}
    context = {"vocabulary": network.vocabulary}
    reports: dict[str, list[dict]] = {}
    problems: list[str] = []
    for number, row in enumerate(rows, start=2):

        def get(column, row=row):
            index = at.get(column)
            return row[index] if index is not None and index < len(row) else None

        where = _("{sheet}, row {number}").format(sheet=SHEET, number=number)
        formulas = [(c, get(c)) for c in at if isinstance(get(c), UnresolvedFormula)]
        if formulas:
            problems.extend(f"{where}, {c}: {upload_limits.formula_words(f)}" for c, f in formulas)
            continue
        filled = [get(c) for c in ("Value", "Date", "Reported by", "Comment")]
        if all(_cell_text(v) is None for v in filled):
            continue  # a row nobody reported on
        when = get("Date")
        if isinstance(when, datetime.datetime):
            when = when.date()
        record = {
            "action": _cell_text(get("Action")),
            "indicator": _cell_text(get("Indicator id")),
            "value": get("Value") if not isinstance(get("Value"), str) else get("Value").strip(),
            "date": when.isoformat() if isinstance(when, datetime.date) else _cell_text(when),
            "reported_by": _cell_text(get("Reported by")),
            "comment": _cell_text(get("Comment")),
        }
        try:
            report = ProgressReport.model_validate(record, context=context)
        except ValidationError as error:
            for path, message in plain_errors(error):
                field = path.split(".")[0].split("[")[0]
                problems.append(f"{where}, {FIELD_COLUMN.get(field, field)}: {message}")
            continue
        city = _cell_text(get("City"))
        if city_of_action.get(report.action) is None:
            problems.append(
                _("{where}, Action: '{action}' is not an action in the data").format(
                    where=where, action=report.action
                )
            )
            continue
        if city and city != city_of_action[report.action]:
            problems.append(
                _("{where}, City: '{city}' but the action {action} belongs to {owner}").format(
                    where=where, city=city, action=report.action, owner=city_of_action[report.action]
                )
            )
            continue
        if report.indicator not in indicators.get(report.action, {}):
            problems.append(
                _("{where}, Indicator id: '{indicator}' is not an indicator of {action}").format(
                    where=where, indicator=report.indicator, action=report.action
                )
            )
            continue
        reports.setdefault(city_of_action[report.action], []).append(
            report.model_dump(mode="json", exclude_none=True)
        )
    return SheetReading(reports, upload_limits.capped(problems))


def import_workbook(source, network: Network, data_dir: Path, *, isolated: bool = False) -> SheetReading:
    """Read the workbook and, only if it has no problem at all, add its reports."""
    reading = read_workbook(source, network, isolated=isolated)
    if reading.problems or not reading.count:
        return reading
    add_reports_of_cities(data_dir, reading.reports, {"vocabulary": network.vocabulary})
    return reading
