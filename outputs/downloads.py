"""Any readable table as a CSV or Excel file (the downloads beside tables and charts).

CSV is UTF-8 with a byte-order mark (Excel reads Škofja Loka right) and CRLF lines, its
first line the data stamp when one is given; Excel has the table and an "About" sheet.
Text that a spreadsheet would run as a formula gets a leading apostrophe in both.
No streamlit here: the buttons are in ui.exports.
"""

from __future__ import annotations

import io

import pandas as pd

from models.export import FORMULA_STARTS

UNKNOWN_NOTE = "An empty cell or 'unknown' means the value is unknown, not zero."


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with every formula-looking text neutralised (numbers untouched)."""
    if frame.empty:
        return frame
    safe = frame.copy()
    safe.columns = [_safe(c) for c in safe.columns]
    return safe.apply(lambda column: column.map(_safe))


def csv_bytes(frame: pd.DataFrame, stamp: str | None = None) -> bytes:
    body = safe_frame(frame).to_csv(index=False, lineterminator="\r\n")
    first = '"' + stamp.replace('"', '""') + '"\r\n' if stamp else ""
    return ("\ufeff" + first + body).encode("utf-8")


def excel_bytes(frame: pd.DataFrame, sheet: str, about: dict[str, str]) -> bytes:
    """A workbook with the table (frozen header, readable widths) and an About sheet."""
    buffer = io.BytesIO()
    notes = {**about, "Unknown values": UNKNOWN_NOTE, "Made with": "Breaking Isolation dashboard"}
    about_frame = pd.DataFrame({"": list(notes), "Value": [_safe(v) for v in notes.values()]})
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_frame(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
        about_frame.to_excel(writer, sheet_name="About", index=False)
        table = writer.sheets[sheet[:31]]
        table.freeze_panes = "A2"
        for column in table.columns:
            width = min(60, max(10, *(len(str(c.value or "")) for c in column[:50])))
            table.column_dimensions[column[0].column_letter].width = width
        writer.sheets["About"].column_dimensions["B"].width = 80
    return buffer.getvalue()
