"""Any readable table as a CSV or Excel file (the downloads beside tables and charts).

CSV is plain: the header first, then the rows, every value exactly as in the table. It is
UTF-8 with a byte-order mark (Excel reads Škofja Loka right; pandas and R skip the mark)
and CRLF lines. The data's date is in the file's name (ui.exports.file_stem); the full
stamp goes in the Excel file's "About" sheet.

Excel has the table and an "About" sheet. Text that a spreadsheet would run as a formula
(it starts with "=") is written as a text cell, so the cell holds exactly that text and
Excel never runs it: no apostrophe is added to the value.
No streamlit here: the buttons are in ui.exports.
"""

from __future__ import annotations

import io

import pandas as pd

from formats.sheet_text import keep_text
from words.i18n import N_, _

# Marked here, translated where a file is made (the language of the page's run).
UNKNOWN_NOTE = N_("An empty cell or 'unknown' means the value is unknown, not zero.")
BOM = "\ufeff"


def csv_text(frame: pd.DataFrame) -> str:
    """The table as CSV text: header first, values exact, CRLF lines, no byte-order mark."""
    return frame.to_csv(index=False, lineterminator="\r\n")


def csv_bytes(frame: pd.DataFrame, *, readable: bool = True) -> bytes:
    """The table as a CSV file for Excel and any other reader: a byte-order mark, then csv_text.
    Its header is in the language in use (readable_header) unless `readable` is False (a data
    export for other tools, whose column names are a contract)."""
    return (BOM + csv_text(readable_header(frame) if readable else frame)).encode("utf-8")


def readable_header(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with its column names in the language in use: the code names its columns in
    English ("Plan actions"), marked for the catalog where they are made; a name with no
    translation (a label from the data, already in its language) stays as it is."""
    return frame.rename(columns=lambda c: _words(c) if isinstance(c, str) else c)


def text_cells(sheet) -> None:
    """Keep every text cell of an openpyxl sheet text (formats.sheet_text.keep_text, the one
    function every workbook writer of the project uses)."""
    keep_text(sheet)


def readable_widths(sheet, widest: int = 60) -> None:
    """Columns as wide as their first fifty cells need, between 10 and `widest` characters."""
    for column in sheet.columns:
        width = min(widest, max(10, *(len(str(c.value or "")) for c in column[:50])))
        sheet.column_dimensions[column[0].column_letter].width = width


def _words(text: str) -> str:
    """A sheet's name or an About row's name in the language in use (English ones, marked
    N_ by the caller, are looked up; an empty one stays empty: _("") is the catalog's header)."""
    return _(text) if text else text


def excel_bytes(
    frame: pd.DataFrame, sheet: str, about: dict[str, str], made_with: str | None = None
) -> bytes:
    """A workbook with the table (frozen header, readable widths) and an About sheet;
    `made_with` names the dashboard ('Breaking Isolation dashboard', the network's name;
    by default "the dashboard"). Its words are in the language in use."""
    buffer = io.BytesIO()
    notes = {
        **{_words(k): v for k, v in about.items()},
        _("Unknown values"): _(UNKNOWN_NOTE),
        _("Made with"): made_with if made_with is not None else _("the dashboard"),
    }
    about_frame = pd.DataFrame({"": list(notes), _("Value"): list(notes.values())})
    sheet, about_sheet = _words(sheet)[:31], _("About")[:31]
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        readable_header(frame).to_excel(writer, sheet_name=sheet, index=False)
        about_frame.to_excel(writer, sheet_name=about_sheet, index=False)
        table = writer.sheets[sheet]
        table.freeze_panes = "A2"
        readable_widths(table)
        writer.sheets[about_sheet].column_dimensions["B"].width = 80
        for written in writer.sheets.values():
            text_cells(written)
    return buffer.getvalue()
