"""Entering plans must never turn the product red: a copy of data/ with complete plans for
Fót and Pombal (made up for this test: actions, budgets, timing, indicators, focus areas)
validates, and every page, export and command runs on it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import REAL_DATA, ROOT
from streamlit.testing.v1 import AppTest

from analysis import gaps, known
from analysis.frames import build_tables
from figures import presentation
from models.loader import load_network

PAGES = sorted(p.stem for p in (ROOT / "pages").glob("*.py"))
SOURCE = "test-plans"


def _action(city: str, n: int, interventions, level, groups, amount, indicator) -> dict:
    return {
        "id": f"{city}-p{n}",
        "number": str(n),
        "title": f"Test action {n} of {city}",
        "kind": "iap_action",
        "description": "Made up for a test of entered plans.",
        "interventions": interventions,
        "support_level": level,
        "beneficiaries": groups,
        "model_reason": "Made up for the test.",
        "budget": {
            "amount_eur": amount,
            "basis": "plan_total",
            "status": "planned",
            "funding_sources": ["municipal"],
            "source": SOURCE,
        },
        "timing": {"start_year": 2026, "end_year": 2027},
        "lead": f"Municipality of {city}",
        "partners": ["a local NGO"],
        "indicators": [
            {
                "id": f"{city}-p{n}-n1",
                "indicator": indicator,
                "target": "at least 40",
                "target_value": 40,
                "unit": "participants",
                "period": "plan",
            }
        ],
        "sources": [SOURCE],
    }


PLANS = {
    "fot": [
        (["identify"], "intensive", ["isolated"], 4000, "home visits"),
        (["help", "prevent"], "targeted", ["at_risk", "helpers"], 12500, "participants"),
        (["awareness"], "universal", ["all_citizens"], 1500, "people reached"),
    ],
    "pombal": [
        (["help"], "intensive", ["isolated"], 30000, "people referred"),
        (["prevent"], "universal", ["all_citizens", "at_risk"], 8000, "participants"),
    ],
}


@pytest.fixture(scope="module")
def entered(tmp_path_factory):
    data = tmp_path_factory.mktemp("entered") / "data"
    shutil.copytree(REAL_DATA, data, ignore=shutil.ignore_patterns(".git", ".history"))
    sources = yaml.safe_load((data / "sources.yaml").read_text(encoding="utf-8"))
    sources["sources"].append(
        {"id": SOURCE, "title": "Plans made up for a test", "address": "https://example.org/"}
    )
    (data / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True), encoding="utf-8")
    for city, rows in PLANS.items():
        path = data / "cities" / f"{city}.yaml"
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        record["iap_document"] = {"title": f"{record['name']} IAP (test)", "source": SOURCE}
        record["focus_areas"] = {
            "areas": ["identify_isolated", "awareness"],
            "emphasis": [],
            "source": SOURCE,
        }
        record["sources"].append(SOURCE)
        record["actions"] += [_action(city, n, *row) for n, row in enumerate(rows, start=1)]
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    network = load_network(data)
    assert network.ok, [str(p) for p in network.problems]
    return data


def test_the_copy_validates_and_three_plans_are_entered(entered):
    done = subprocess.run([sys.executable, "-m", "models", "validate", "--data", str(entered)], cwd=ROOT)
    assert done.returncode == 0
    tables = build_tables(load_network(entered))
    assert known.Basis.of(tables.cities).entered == ["fot", "isernia", "pombal"]
    # With three entered plans, cities are compared again, among the entered plans only.
    assert not presentation.view(tables, "gaps")["title"].startswith("Too little is known")
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
    done = subprocess.run(
        [sys.executable, "-m", "models", *args, "--data", str(entered)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
