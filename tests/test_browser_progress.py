"""Recording progress in a real browser: sign in, upload a filled-in workbook, see the value."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REAL_DATA, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from browser import CHROMIUM, running_app, wait_until_settled  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]
LEAD = "lead-secret-123"


def test_upload_a_progress_workbook(tmp_path, monkeypatch, browser):
    from openpyxl import load_workbook

    from formats.progress_sheet import SHEET, template_bytes
    from models import load_network

    data = tmp_path / "data"
    shutil.copytree(
        REAL_DATA, data, ignore=shutil.ignore_patterns(".git", ".history", "progress", "assessments")
    )
    book = load_workbook(io.BytesIO(template_bytes(load_network(data))))
    sheet = book[SHEET]
    # Isernia's first indicator, wherever the rows of other entered plans put it.
    row = next(r for r in range(2, sheet.max_row + 1) if sheet[f"A{r}"].value == "isernia")
    sheet[f"F{row}"], sheet[f"G{row}"], sheet[f"H{row}"] = 3, "2026-10-01", "Observatory"
    workbook = tmp_path / "progress.xlsx"
    book.save(workbook)

    monkeypatch.setenv("IAP_EDIT_PASSWORD", LEAD)
    with running_app(data_dir=str(data)) as base:
        page = browser.new_page(viewport={"width": 1400, "height": 3000})
        page.goto(f"{base}/progress?progress_city=Isernia")
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=60000)
        wait_until_settled(page)
        page.locator("input[type=password]").fill(LEAD)
        page.get_by_role("button", name="Sign in to edit").click()
        wait_until_settled(page)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(workbook))
        page.get_by_text("1 value to add:").wait_for(timeout=30000)
        page.get_by_role("button", name="Add these values").click()
        page.get_by_text("Every value recorded for Isernia").wait_for(timeout=30000)
        wait_until_settled(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        # the upload field is emptied, so the same rows cannot be added twice by mistake
        assert page.get_by_role("button", name="Add these values").count() == 0
        page.screenshot(path=str(ROOT / "tests" / "artifacts" / "progress-recorded.png"), full_page=True)
    saved = (data / "progress" / "isernia.yaml").read_text(encoding="utf-8")
    assert (
        "indicator: isernia-a1-n1" in saved and "value: 3.0" in saved and "reported_by: Observatory" in saved
    )
