"""A save interrupted part way (Ctrl-C during `python -m models import`) is finished before
any page or command reads the data, and the next page or command says so (issue 24, item 8):
pages once showed half the change, `validate` said all was valid, and the change was
completed silently at the next start."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINI, ROOT
from openpyxl import load_workbook

from formats.spreadsheet import apply, plan_import
from formats.workbook import build_workbook
from models import load_network
from workspace import history, store


def _two_city_workbook(folder: Path, tmp_path: Path) -> bytes:
    """A workbook (as exported) with one change in each of two cities."""
    path = tmp_path / "book.xlsx"
    path.write_bytes(build_workbook(folder, load_network(folder).vocabulary))
    book = load_workbook(path)
    sheet = book["Actions"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("id")].value == "alpha-a1":
            row[header.index("title")].value = "Observatory of isolation"
        if row[header.index("id")].value == "beta-a1":
            row[header.index("title")].value = "Beta's new title"
    book.save(path)
    return path.read_bytes()


def _titles(folder: Path) -> dict[str, str]:
    network = load_network(folder)
    return {a.id: a.title for plan in network.cities for a in plan.actions if a.id in ("alpha-a1", "beta-a1")}


@pytest.fixture
def interrupted(tmp_path, monkeypatch):
    """The mini data with a two-city import stopped by Ctrl-C after its first file was put in
    place: half the change on disk, its journal waiting."""
    folder = tmp_path / "data"
    shutil.copytree(MINI, folder)
    with store.locked(folder):
        history.ensure_repository(folder)
    plan = plan_import(_two_city_workbook(folder, tmp_path), folder)
    real_replace = store.os.replace
    renamed = []

    def replace(source, target):
        if Path(str(source)).name.endswith(store.NEW_SUFFIX) and renamed:
            raise KeyboardInterrupt  # Ctrl-C between the first file and the second
        if Path(str(source)).name.endswith(store.NEW_SUFFIX):
            renamed.append(target)
        return real_replace(source, target)

    with monkeypatch.context() as patched:
        patched.setattr(store.os, "replace", replace)
        with pytest.raises(KeyboardInterrupt):
            apply(plan)
    assert (folder / store.JOURNAL_NAME).exists()
    return folder


def test_validate_finishes_the_save_first_and_says_so(interrupted):
    done = subprocess.run(
        [sys.executable, "-m", "models", "validate", "--data", str(interrupted)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in done.stderr
    assert "had been interrupted; it was completed before this command read the data" in done.stderr
    assert "Spreadsheet import." in done.stderr
    assert _titles(interrupted) == {"alpha-a1": "Observatory of isolation", "beta-a1": "Beta's new title"}
    assert history.log(interrupted, limit=1)[0].message.startswith("Spreadsheet import.")


def test_the_next_page_finishes_the_save_first_and_says_so(interrupted, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("IAP_DATA_DIR", str(interrupted))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    said = " ".join(w.value for w in at.warning)
    assert "was interrupted; it was completed after a restart" in said, said
    assert "Spreadsheet import." in said
    assert _titles(interrupted) == {"alpha-a1": "Observatory of isolation", "beta-a1": "Beta's new title"}
