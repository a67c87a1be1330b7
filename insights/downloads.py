"""Any readable table as a CSV or Excel file (the downloads beside tables).

CSV is UTF-8 with a byte-order mark (Excel reads Škofja Loka right) and CRLF lines; text
that a spreadsheet would run as a formula gets a leading apostrophe in both formats.
"""

from __future__ import annotations

import io

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.apply(lambda column: column.map(_safe)) if not frame.empty else frame


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return ("\ufeff" + safe_frame(frame).to_csv(index=False, lineterminator="\r\n")).encode("utf-8")


def excel_bytes(frame: pd.DataFrame, sheet: str, about: dict[str, str]) -> bytes:
    """A workbook with the table (frozen header, readable widths) and an About sheet."""
    buffer = io.BytesIO()
    about_frame = pd.DataFrame({"": list(about), "Value": [_safe(v) for v in about.values()]})
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_frame(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
        about_frame.to_excel(writer, sheet_name="About", index=False)
        for name in (sheet[:31], "About"):
            table = writer.sheets[name]
            table.freeze_panes = "A2"
            for column in table.columns:
                width = min(60, max(10, *(len(str(c.value or "")) for c in column[:50])))
                table.column_dimensions[column[0].column_letter].width = width
    return buffer.getvalue()
