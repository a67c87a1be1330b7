"""`python -m models validate|export`: exit codes, outputs, the data-folder rule."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

from conftest import MINI, ROOT, run_models


def run_entry_point(*args, env_data=None):
    """A real `python -m models` process: the entry point and its exit code."""
    env = {k: v for k, v in os.environ.items() if k != "IAP_DATA_DIR"}
    if env_data is not None:
        env["IAP_DATA_DIR"] = str(env_data)
    return subprocess.run(
        [sys.executable, "-m", "models", *args], cwd=ROOT, env=env, capture_output=True, timeout=60
    )


def run_cli(*args, env_data=None):
    """The same command in this process (cli.main.main): what it prints and its exit code."""
    env = {k: v for k, v in os.environ.items() if k != "IAP_DATA_DIR"}
    if env_data is not None:
        env["IAP_DATA_DIR"] = str(env_data)
    return run_models(*args, env=env)


def test_validate_good_data_prints_one_line_summary():
    result = run_entry_point("validate", "--data", str(MINI))
    assert result.returncode == 0
    lines = result.stdout.decode().strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("All data is valid: 3 cities, 3 plan actions, 2 testing actions, 1 idea, ")


def test_validate_bad_data_lists_every_problem_and_exits_1(data_dir):
    (data_dir / "cities" / "gamma.yaml").write_bytes(b"")
    (data_dir / "cities" / "beta.yaml").write_text(
        (data_dir / "cities" / "beta.yaml")
        .read_text(encoding="utf-8")
        .replace("support_level: universal", "support_level: all", 1),
        encoding="utf-8",
    )
    result = run_entry_point("validate", "--data", str(data_dir))
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "cities/gamma.yaml: (whole file): is empty" in out
    assert "cities/beta.yaml: actions[beta-a1].support_level: 'all' is not one of the support levels" in out
    assert out.strip().endswith(f"2 problems found in {data_dir}")
    assert "Traceback" not in result.stderr.decode()


def test_data_folder_from_environment_variable(data_dir):
    (data_dir / "cities" / "gamma.yaml").write_bytes(b"")
    assert run_cli("validate", env_data=data_dir).returncode == 1
    # --data wins over the environment variable
    assert run_cli("validate", "--data", str(MINI), env_data=data_dir).returncode == 0


def test_export_json_document():
    result = run_cli("export", "--format", "json", "--data", str(MINI))
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert set(document) >= {"cities", "actions", "practices", "transfers"}
    action = next(a for a in document["actions"] if a["id"] == "alpha-a1")
    assert action["city"] == "alpha"
    assert action["interventions"] == ["identify", "awareness"]
    assert action["support_level"] == "targeted"
    assert action["beneficiaries"] == ["isolated", "at_risk"]
    assert action["budget_eur"] == 3000
    assert action["sources"] == [
        {"id": "plan-a", "title": "Alpha's action plan", "address": "https://example.org/alpha-plan"}
    ]
    beta = next(a for a in document["actions"] if a["id"] == "beta-a1")
    assert beta["budget_eur"] is None
    transfers = {
        (t["from_city"], t["from_label"], t["to_city"], t["to_action"], t["practice"])
        for t in document["transfers"]
    }
    assert transfers == {
        (None, "Elsewhere (Outland)", "alpha", "alpha-a1", "outside-party"),
        ("beta", "Béta", "alpha", "alpha-a2", "beta-walks"),
    }


def test_export_csv_one_row_per_action_excel_friendly():
    result = run_cli("export", "--format", "csv", "--data", str(MINI))
    assert result.returncode == 0
    assert result.stdout.startswith("\ufeff".encode())  # Excel reads the BOM as UTF-8
    text = result.stdout.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["id"] for r in rows] == ["alpha-a1", "alpha-a2", "alpha-t1", "alpha-i1", "beta-a1", "beta-t1"]
    assert rows[4]["city_name"] == "Béta"
    assert rows[0]["interventions"] == "identify; awareness"
    assert rows[0]["budget_eur"] == "3000"
    assert rows[4]["budget_eur"] == ""  # unknown stays empty, never 0
    assert rows[0]["sources"] == "Alpha's action plan (https://example.org/alpha-plan)"


def test_export_with_bad_files_exports_the_valid_ones_and_exits_1(data_dir):
    (data_dir / "cities" / "beta.yaml").write_bytes(b"id: beta\nname: [")
    result = run_cli("export", "--format", "json", "--data", str(data_dir))
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert [c["id"] for c in document["cities"]] == ["alpha", "gamma"]
    assert "cities/beta.yaml: (whole file): is not valid YAML" in result.stderr.decode()


def test_the_entry_point_refuses_an_unknown_command_with_code_2():
    result = run_entry_point("no-such-command")
    assert result.returncode == 2
    assert "invalid choice: 'no-such-command'" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_validate_loads_no_heavy_library():
    """A command loads only what it uses: validating needs neither pandas nor the data
    history (dulwich), the workbook (openpyxl) or the deck (python-pptx) libraries."""
    probe = (
        "import sys; from cli.main import main; main(['validate', '--data', sys.argv[1]]);"
        " print(sorted(m for m in ('pandas', 'dulwich', 'openpyxl', 'pptx', 'pdfplumber', 'plotly')"
        " if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(MINI)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
