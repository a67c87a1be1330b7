"""A number or a yes/no left empty is said to be empty, in the words a person uses: a progress
workbook row with a date but no value once said "Value: must be a number (no currency sign or
spaces), not None", Python's word for nothing."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook
from pydantic import ValidationError

from formats import progress_sheet
from models import load_network
from models.messages import plain_errors
from models.schema import ProgressReport


@pytest.mark.parametrize("value", [None, "", "   "])
def test_an_empty_value_is_said_to_be_empty(value):
    with pytest.raises(ValidationError) as refused:
        ProgressReport.model_validate(
            {
                "action": "a-a1",
                "indicator": "a-a1-n1",
                "value": value,
                "date": "2026-05-01",
                "reported_by": "Éva",
            }
        )
    assert plain_errors(refused.value) == [("value", "must not be empty")]


def test_a_progress_row_with_a_date_but_no_value_says_the_value_is_empty(data_dir):
    path = data_dir / "cities" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('target: "1 per year"}', 'target: "1 per year", id: alpha-a1-n1}'), encoding="utf-8"
    )
    book = Workbook()
    sheet = book.active
    sheet.title = progress_sheet.SHEET
    sheet.append(progress_sheet.COLUMNS)
    sheet.append(["alpha", "alpha-a1", "alpha-a1-n1", "", "", None, "2026-05-01", "Éva", None])
    out = io.BytesIO()
    book.save(out)
    reading = progress_sheet.read_workbook(out.getvalue(), load_network(data_dir))
    assert reading.problems == ["Progress, row 2, Value: must not be empty"]
    assert "None" not in " ".join(reading.problems)
