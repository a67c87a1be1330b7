"""Text stays text in every workbook the project writes.

openpyxl takes any value that starts with "=" for a formula, whatever wrote it (a cell set
by hand, `sheet.append`, pandas' `to_excel`); a workbook read back gives "{=...}" as an array
formula. An indicator typed `=HYPERLINK("http://evil","click")` would then be a live link in
a file anyone may download. Every writer calls `keep_text` on each sheet before saving: such
a cell becomes a text cell holding exactly the same characters (no apostrophe added), which
Excel shows as typed and never runs. The project writes no formula of its own into cells
(drop-down lists are data validations, not cells), so every formula-looking cell is text.
"""

from __future__ import annotations

from openpyxl.worksheet.formula import ArrayFormula


def keep_text(sheet) -> None:
    """Turn every formula cell of an openpyxl sheet back into a text cell with the same
    text (openpyxl's public Cell.value and Cell.data_type)."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type != "f":
                continue
            value = cell.value
            if isinstance(value, ArrayFormula):
                value = "{" + (value.text or "") + "}"
            if isinstance(value, str):
                cell.value = value
                cell.data_type = "s"


def keep_text_everywhere(book) -> None:
    """`keep_text` on every sheet of a workbook."""
    for sheet in book.worksheets:
        keep_text(sheet)
