"""The files of action_table: see analysis/action_table.py for the tables and findings they draw.

Every action in one table: search, display rows, one full record, downloads. No streamlit."""

from __future__ import annotations

import io

import pandas as pd

from analysis.action_table import records
from models.export import CSV_COLUMNS, csv_rows, spreadsheet_cell
from words import clipped

EXCEL_CELL_LIMIT = 32_767


def csv_bytes(actions: pd.DataFrame) -> bytes:
    """The same CSV as `python -m models export --format csv`, for the rows shown."""
    frame = pd.DataFrame(csv_rows(records(actions)), columns=CSV_COLUMNS)
    return ("\ufeff" + frame.to_csv(index=False, lineterminator="\r\n")).encode("utf-8")


def excel_bytes(actions: pd.DataFrame, description: str, stamp: str | None = None) -> bytes:
    """An Excel workbook: the actions, and a sheet saying what was filtered, the sources and
    (`stamp`, analysis.stamp) the data's date and completeness."""
    frame = pd.DataFrame(csv_rows(records(actions)), columns=CSV_COLUMNS)
    frame["budget_eur"] = pd.to_numeric(frame["budget_eur"].replace("", None), errors="coerce")
    # Excel holds at most 32,767 characters in a cell: longer text is cut visibly ("…");
    # the CSV download keeps it whole.
    frame = frame.map(lambda v: clipped(v, EXCEL_CELL_LIMIT) if isinstance(v, str) else v)
    about = pd.DataFrame(
        {
            "": ["Rows", "Filters", "Unknown budgets", "Made with", *(["Data"] if stamp else [])],
            "Value": [
                len(frame),
                spreadsheet_cell(description),  # may name a city whose name starts with '='
                "An empty budget cell means the budget is unknown, not zero.",
                "Breaking Isolation dashboard",
                *([stamp] if stamp else []),
            ],
        }
    )
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="Actions", index=False)
        about.to_excel(writer, sheet_name="About", index=False)
        sheet = writer.sheets["Actions"]
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            width = min(60, max(10, *(len(str(c.value or "")) for c in column[:50])))
            sheet.column_dimensions[column[0].column_letter].width = width
    return buffer.getvalue()
