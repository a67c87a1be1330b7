"""The import contracts in pyproject.toml catch what they are there for: a copy of the code with
one forbidden import added must break the contract that names it (and only then), so a
contract that silently stopped matching anything would fail here."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT

CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
READ_SIDE = "The read side (models/) imports nothing of the write side"
PAGES = "Pages change data only through the workspace's public face"
NO_CIRCLE = "No circle: no two modules of a package import each other"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


@pytest.fixture(scope="module")
def code(tmp_path_factory) -> Path:
    """The project's packages and its pyproject.toml, copied (no data, no caches)."""
    copy = tmp_path_factory.mktemp("code")
    for package in CONFIG["root_packages"]:
        shutil.copytree(ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def broken_contracts(code: Path, path: str, line: str) -> str:
    """lint-imports' report on the copy with `line` added to `path` (taken out again after)."""
    target = code / path
    before = target.read_text(encoding="utf-8")
    target.write_text(before + "\n" + line + "\n", encoding="utf-8")
    try:
        done = subprocess.run(
            [str(LINT_IMPORTS), "--no-cache"], cwd=code, capture_output=True, text=True, check=False
        )
    finally:
        target.write_text(before, encoding="utf-8")
    return done.stdout.split("Broken contracts", 1)[1] if "Broken contracts" in done.stdout else ""


def test_the_unchanged_copy_keeps_every_contract(code):
    assert broken_contracts(code, "models/records.py", "# nothing added") == ""


@pytest.mark.parametrize(
    "line",
    ["from workspace import changes  # noqa", "from formats.export import to_csv  # noqa"],
)
def test_the_read_side_importing_the_write_side_or_a_format_breaks_its_contract(code, line):
    report = broken_contracts(code, "models/records.py", line)
    assert READ_SIDE in " ".join(report.split())
    assert "models.records ->" in report


def test_a_page_importing_a_module_of_the_workspace_breaks_its_contract(code):
    report = broken_contracts(code, "pages/history.py", "from workspace.store import version_of  # noqa")
    assert PAGES in " ".join(report.split())
    assert "pages.history -> workspace.store" in report


def test_a_page_importing_the_workspace_public_face_keeps_its_contract(code):
    assert broken_contracts(code, "pages/history.py", "from workspace import ChangedOnDisk  # noqa") == ""


def test_two_modules_importing_each_other_break_the_no_circle_contract(code):
    # loader imports files; files importing loader back closes a circle.
    report = broken_contracts(code, "models/files.py", "from models import loader  # noqa")
    assert NO_CIRCLE in " ".join(report.split())
    assert "models" in report and "files" in report and "loader" in report


def test_every_name_of_the_workspace_public_face_resolves():
    import workspace  # noqa: PLC0415 - the names are loaded on first use (PEP 562)

    assert [name for name in workspace.__all__ if getattr(workspace, name, None) is None] == []
    with pytest.raises(AttributeError):
        workspace.no_such_name  # noqa: B018 - the lookup is the test
