"""A number written as infinity (YAML's `.inf`, or `1.0e+999`, which overflows to it) is no
figure a source states: a budget of "€inf" or a progress value of infinity would be shown and
summed as if it were one. The loader, the progress workbook and a recorded value refuse it in
words, as any other number that cannot be."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook
from pydantic import ValidationError

from formats import progress_sheet
from models import load_network
from models.messages import plain_errors
from models.schema import ProgressReport


@pytest.mark.parametrize("written", [".inf", "1.0e+999"])
def test_an_infinite_budget_is_refused_by_the_loader(data_dir, written):
    path = data_dir / "cities" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("amount_eur: 3000", f"amount_eur: {written}", 1), encoding="utf-8")
    said = [str(p) for p in load_network(data_dir).problems]
    assert any("actions[alpha-a1].budget.amount_eur: must be a number" in s for s in said), said


def test_an_infinite_progress_value_is_refused_in_words():
    with pytest.raises(ValidationError) as refused:
        ProgressReport.model_validate(
            {"action": "a-a1", "indicator": "a-a1-n1", "value": float("inf"), "date": "2026-05-01",
             "reported_by": "Éva"}
        )  # fmt: skip
    assert plain_errors(refused.value) == [
        ("value", "must be a number (no currency sign or spaces), not inf")
    ]


def test_an_infinite_value_in_a_progress_workbook_is_a_problem(data_dir):
    path = data_dir / "cities" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('target: "1 per year"}', 'target: "1 per year", id: alpha-a1-n1}'), encoding="utf-8"
    )
    network = load_network(data_dir)
    book = Workbook()
    sheet = book.active
    sheet.title = progress_sheet.SHEET
    sheet.append(progress_sheet.COLUMNS)
    sheet.append(["alpha", "alpha-a1", "alpha-a1-n1", "", "", "1e999", "2026-05-01", "Éva", None])
    out = io.BytesIO()
    book.save(out)
    reading = progress_sheet.read_workbook(out.getvalue(), network)
    assert reading.reports == {}
    assert any("Value: must be a number" in p for p in reading.problems), reading.problems
