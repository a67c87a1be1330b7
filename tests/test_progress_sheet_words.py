"""A progress workbook that cannot be read is said in the person's words and language: an
empty or damaged upload once said "...(.xlsx): BadZipFile." (Python's name for the error) and
every problem of the workbook stayed English on a French page."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from formats import progress_sheet
from models import load_network
from words.i18n import use_language


@pytest.fixture
def network(data_dir):
    return load_network(data_dir)


def _book(rows, title=progress_sheet.SHEET) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(progress_sheet.COLUMNS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# Named: a workbook's bytes hold the time it was made, and an id made of them differs between
# the pytest-xdist workers that collect it.
@pytest.mark.parametrize(
    "content", [b"", b"not a workbook", _book([])[:2000]], ids=["empty", "text", "cut-workbook"]
)
def test_a_file_that_is_no_workbook_is_said_without_python_words(network, content):
    (said,) = progress_sheet.read_workbook(content, network).problems
    assert said == "The file cannot be read as an Excel workbook (.xlsx); save it as .xlsx and try again."


def test_the_workbook_problems_are_in_french_on_a_french_page(network):
    with use_language("fr"):
        (not_a_book,) = progress_sheet.read_workbook(b"", network).problems
        (no_sheet,) = progress_sheet.read_workbook(_book([], title="Autre"), network).problems
        row = ["alpha", "no-such-action", "x", "", "", 3, "2026-05-01", "Éva", None]
        (no_action,) = progress_sheet.read_workbook(_book([row]), network).problems
    assert not_a_book.startswith("Le fichier ne peut pas être lu comme un classeur Excel")
    assert no_sheet.startswith("Le classeur n'a pas de feuille nommée «\u00a0Progress\u00a0»")
    assert no_action == (
        "Progress, ligne 2, Action\u00a0: «\u00a0no-such-action\u00a0» n'est pas une action des données"
    )
