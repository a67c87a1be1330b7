"""The Spreadsheet page's problems in the page's language: a workbook that cannot be read, a
missing sheet, an empty required cell or an action of no city were said in English on a French
page (each problem, and the row and column it names)."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from formats.workbook import build_workbook, read_workbook
from words.i18n import use_language


def _without_title(content: bytes) -> bytes:
    book = load_workbook(io.BytesIO(content))
    sheet = book["Actions"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("title") + 1).value = None
    del book["Inspirations"]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_workbook_problems_are_in_french_on_a_french_page(data_dir):
    content = _without_title(build_workbook(data_dir))
    with use_language("fr"):
        _, not_a_book = read_workbook(b"not a workbook")
        _, problems = read_workbook(content)
        said = [str(p) for p in [*not_a_book, *problems]]
    assert said[0] == (
        "(file)\u00a0: ce n'est pas un classeur Excel (.xlsx) lisible\u00a0; enregistrez-le en .xlsx et réessayez"
    )
    assert "Actions, ligne 2, colonne title\u00a0: est vide\u00a0; à remplir (obligatoire)" in said, said
    assert any(
        s.startswith("Inspirations\u00a0: le classeur n'a pas de feuille «\u00a0Inspirations\u00a0»")
        for s in said
    )


def test_the_same_problems_stay_as_they_were_in_english(data_dir):
    content = _without_title(build_workbook(data_dir))
    _, problems = read_workbook(content)
    assert "Actions, row 2, column title: is empty; fill it in (it is required)" in [str(p) for p in problems]
