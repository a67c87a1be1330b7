"""Entering plans must never turn the product red: a copy of data/ with complete plans for
Fót and Pombal (made up for this test: actions, budgets, timing, indicators, focus areas)
validates, and every page, export and command runs on it.
"""

from __future__ import annotations

import shutil
import sys

import pytest
from conftest import REAL_DATA, ROOT, run_models
from streamlit.testing.v1 import AppTest

from analysis import gaps, known
from analysis.frames import build_tables
from figures import presentation
from models.loader import load_network
from workspace import store, yaml_format

sys.path.insert(0, str(ROOT / "scripts"))
import enter_test_plans  # noqa: E402

PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))


@pytest.fixture(scope="module")
def entered(tmp_path_factory):
    """A copy of data/ with the made-up plans entered by scripts/enter_test_plans.py (the
    one way test plans are entered; `make test-entered` runs the whole suite on such a copy)."""
    data = tmp_path_factory.mktemp("entered") / "data"
    shutil.copytree(REAL_DATA, data, ignore=shutil.ignore_patterns(*store.NOT_DATA))
    enter_test_plans.enter_plans(data)  # writes nothing where data/ holds them already (make test-entered)
    network = load_network(data)
    assert network.ok, [str(p) for p in network.problems]
    for city in enter_test_plans.PLANS:
        assert network.city(city).city.iap_document.source == enter_test_plans.SOURCE
    return data


def test_entered_files_are_in_the_form_saves_keep(entered):
    for shown_as in ("cities/fot.yaml", "cities/pombal.yaml", "sources.yaml"):
        text = (entered / shown_as).read_text(encoding="utf-8")
        assert yaml_format.round_trip(text) == text, shown_as
    assert not (entered / store.LOCK_NAME).exists()
    assert enter_test_plans.enter_plans(entered) == []  # entering again changes nothing


def test_the_copy_validates_and_three_plans_are_entered(entered):
    done = run_models(
        "validate", "--data", str(entered), text=True
    )  # in-process: tests/test_cli.py runs the real one
    assert done.returncode == 0, done.stdout + done.stderr
    tables = build_tables(load_network(entered))
    assert known.Basis.of(tables.cities).entered == ["fot", "isernia", "pombal"]
    # With three entered plans, cities are compared again, among the entered plans only.
    assert not presentation.present_view(tables, "gaps").title.startswith("Too little is known")
    assert gaps.gaps_json(tables, "pombal")["plan_entered"] is True


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_entered_plans(entered, monkeypatch, page):
    monkeypatch.setenv("IAP_DATA_DIR", str(entered))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize(
    "command",
    [
        ["gaps", "fot", "--format", "json"],
        ["report", "pombal", "--out", "{out}/pombal.html"],
        ["deck", "--out", "{out}/deck.pptx", "--city", "fot", "--city", "pombal"],
        ["html-report", "--out", "{out}/network.html"],
        ["export", "--format", "xlsx", "--out", "{out}/data.xlsx"],
        ["export", "--format", "json", "--out", "{out}/data.json"],
    ],
)
def test_every_command_runs_on_entered_plans(entered, tmp_path, command):
    args = [part.format(out=tmp_path) for part in command]
    done = run_models(*args, "--data", str(entered), text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
