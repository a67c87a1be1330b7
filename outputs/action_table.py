"""The files of action_table: see analysis/action_table.py for the tables and findings they draw.

Every action in one table: search, display rows, one full record, downloads. No streamlit."""

from __future__ import annotations

import io

import pandas as pd

from analysis.action_table import records
from formats.export import csv_columns, csv_rows
from outputs.downloads import csv_bytes as table_csv_bytes
from outputs.downloads import readable_widths, text_cells
from words import clipped
from words.i18n import _

EXCEL_CELL_LIMIT = 32_767


def csv_bytes(actions: pd.DataFrame) -> bytes:
    """The same CSV as `python -m models export --format csv`, for the rows shown: header
    first, values exact (outputs.downloads)."""
    # The export's own column names (a contract with other tools), in every language.
    return table_csv_bytes(pd.DataFrame(csv_rows(records(actions)), columns=csv_columns()), readable=False)


def excel_bytes(
    actions: pd.DataFrame, description: str, stamp: str | None = None, made_with: str | None = None
) -> bytes:
    """An Excel workbook: the actions, and a sheet saying what was filtered, the sources,
    (`stamp`, analysis.stamp) the data's date and completeness, and which dashboard made it
    (`made_with`: 'Breaking Isolation dashboard', after the network's name; by default "the
    dashboard"). The actions' columns are the export's (English, for other tools, as
    `python -m models export`); the About sheet is in the language in use."""
    frame = pd.DataFrame(csv_rows(records(actions)), columns=csv_columns())
    frame["budget_eur"] = pd.to_numeric(frame["budget_eur"].replace("", None), errors="coerce")
    # Excel holds at most 32,767 characters in a cell: longer text is cut visibly ("…");
    # the CSV download keeps it whole.
    frame = frame.map(lambda v: clipped(v, EXCEL_CELL_LIMIT) if isinstance(v, str) else v)
    about = pd.DataFrame(
        {
            "": [
                _("Rows"),
                _("Filters"),
                _("Unknown budgets"),
                _("Made with"),
                *([_("Data")] if stamp else []),
            ],
            _("Value"): [
                len(frame),
                description,  # may name a city whose name starts with '=': kept text below
                _("An empty budget cell means the budget is unknown, not zero."),
                made_with if made_with is not None else _("the dashboard"),
                *([stamp] if stamp else []),
            ],
        }
    )
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        # The sheets' names are words a person reads: in the language in use.
        sheet_name, about_name = _("Actions")[:31], _("About")[:31]
        frame.to_excel(writer, sheet_name=sheet_name, index=False)
        about.to_excel(writer, sheet_name=about_name, index=False)
        sheet = writer.sheets[sheet_name]
        sheet.freeze_panes = "A2"
        readable_widths(sheet)
        for written in writer.sheets.values():
            text_cells(written)
    return buffer.getvalue()
