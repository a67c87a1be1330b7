"""The workbook round trip: export, import back, nothing lost, a broken workbook writes nothing."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from conftest import REAL_DATA, earlier_versions
from openpyxl import load_workbook

from cli.main import main
from formats.spreadsheet import apply, plan_import
from formats.workbook import build_workbook
from models import load_network
from workspace.store import ChangedOnDisk


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder` with its bytes and modification time."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    target = tmp_path / "real"
    shutil.copytree(REAL_DATA, target, ignore=shutil.ignore_patterns(".git", ".history", ".*.lock"))
    return target


def export(folder: Path, out: Path) -> Path:
    assert main(["export", "--format", "xlsx", "--out", str(out), "--data", str(folder)]) == 0
    return out


def edit(path: Path, sheet: str, row: int, column: str, value) -> None:
    """Set one cell, found by its header, and save the workbook."""
    workbook = load_workbook(path)
    ws = workbook[sheet]
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=row, column=header.index(column) + 1)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # as Excel keeps typed text
    workbook.save(path)


def find_row(path: Path, sheet: str, column: str, value) -> int:
    ws = load_workbook(path, read_only=True)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    index = list(rows[0]).index(column)
    return next(n for n, r in enumerate(rows[1:], start=2) if r[index] == value)


def append_row(path: Path, sheet: str, values: dict) -> None:
    workbook = load_workbook(path)
    ws = workbook[sheet]
    header = [c.value for c in ws[1]]
    ws.append([values.get(h) for h in header])
    workbook.save(path)


@pytest.mark.parametrize("which", ["real", "fixture"])
def test_export_then_import_leaves_every_file_byte_identical(which, real_copy, data_dir, tmp_path, capsys):
    folder = real_copy if which == "real" else data_dir
    before = snapshot(folder)
    workbook = export(folder, tmp_path / "data.xlsx")
    assert main(["import", str(workbook), "--data", str(folder)]) == 0
    assert "holds no change" in capsys.readouterr().out
    assert snapshot(folder) == before  # same bytes, same dates, no history or lock files


def test_real_city_files_are_rebuilt_from_the_workbook_to_the_same_bytes(real_copy):
    """Not only "unchanged, so not written": the text the import would write is the file."""
    plan = plan_import(build_workbook(real_copy, load_network(real_copy).vocabulary), real_copy)
    assert plan.ok and not plan.changes
    assert sorted(plan.unchanged) == sorted(p.stem for p in (real_copy / "cities").glob("*.yaml"))


def test_one_changed_budget_rewrites_only_that_city_and_keeps_the_old_version(real_copy, tmp_path, capsys):
    workbook = export(real_copy, tmp_path / "data.xlsx")
    row = find_row(workbook, "Actions", "id", "isernia-a2")
    edit(workbook, "Actions", row, "budget_eur", 2500)
    before = snapshot(real_copy)
    old_text = (real_copy / "cities/isernia.yaml").read_text()

    assert main(["import", str(workbook), "--data", str(real_copy)]) == 0
    out = capsys.readouterr().out
    assert "changed cities/isernia.yaml" in out and "action isernia-a2: Amount (EUR): 2000 -> 2500" in out

    after = snapshot(real_copy)
    changed = {name for name in after if before.get(name) != after[name]}
    assert {n for n in changed if not any(part.startswith(".") for part in Path(n).parts)} == {
        "cities/isernia.yaml"
    }
    new_text = (real_copy / "cities/isernia.yaml").read_text()
    diff = [(a, b) for a, b in zip(old_text.splitlines(), new_text.splitlines(), strict=True) if a != b]
    assert diff == [("      amount_eur: 2000", "      amount_eur: 2500")]
    network = load_network(real_copy)
    assert network.ok
    action = next(a for _, a in network.all_actions() if a.id == "isernia-a2")
    assert action.budget.amount_eur == 2500
    kept = earlier_versions(real_copy, "cities/isernia.yaml")
    assert kept == [old_text]


def test_a_broken_workbook_is_refused_whole_and_writes_nothing(real_copy, tmp_path, capsys):
    workbook = export(real_copy, tmp_path / "data.xlsx")
    a2 = find_row(workbook, "Actions", "id", "isernia-a2")
    a3 = find_row(workbook, "Actions", "id", "isernia-a3")
    agen = find_row(workbook, "Cities", "id", "agen")
    edit(workbook, "Actions", a2, "budget_eur", "9.800 EUR")
    edit(workbook, "Actions", a3, "interventions", "identify, befriend")
    edit(workbook, "Actions", a3, "title", None)
    edit(workbook, "Cities", agen, "population", 0)
    edit(workbook, "Cities", agen, "role", "member")
    append_row(workbook, "Actions", {"city": "nowhere", "id": "nowhere-a1", "title": "x"})
    append_row(workbook, "Indicators", {"action": "isernia-a99", "indicator": "people reached"})
    before = snapshot(real_copy)

    assert main(["import", str(workbook), "--data", str(real_copy)]) == 1
    out = capsys.readouterr().out
    assert f"Actions, row {a2}, column budget_eur: must be a plain number like 9800" in out
    assert f"Actions, row {a3}, column title: is empty; fill it in (it is required)" in out
    assert "Actions, row" in out and "column city: 'nowhere' is not a city of the Cities sheet" in out
    assert (
        "Indicators, row" in out
        and "column action: 'isernia-a99' is not an action of the Actions sheet" in out
    )
    assert "Nothing was saved." in out
    assert snapshot(real_copy) == before


def test_data_rule_problems_are_placed_in_their_cells(real_copy, tmp_path, capsys):
    """Problems only the validator finds (vocabulary, limits, references) name sheet, row, column."""
    workbook = export(real_copy, tmp_path / "data.xlsx")
    a3 = find_row(workbook, "Actions", "id", "isernia-a3")
    agen = find_row(workbook, "Cities", "id", "agen")
    edit(workbook, "Actions", a3, "interventions", "identify, befriend")
    edit(
        workbook, "Actions", find_row(workbook, "Actions", "id", "isernia-a4"), "sources", "no-such-document"
    )
    edit(workbook, "Cities", agen, "population", 0)
    edit(workbook, "Cities", agen, "population_year", 2020)
    edit(workbook, "Cities", agen, "population_source", "network-page")
    indicator = find_row(workbook, "Inspirations", "action", "isernia-a5")
    edit(workbook, "Inspirations", indicator, "practice", "no-such-practice")
    before = snapshot(real_copy)

    assert main(["import", str(workbook), "--data", str(real_copy)]) == 1
    out = capsys.readouterr().out
    assert (
        f"Actions, row {a3}, column interventions: 'befriend' is not one of the interventions: "
        "identify, help, awareness, prevent"
    ) in out
    assert "column sources[1]" not in out  # the column, not the field path
    assert "Actions, row" in out and "column sources:" in out and "no-such-document" in out
    assert f"Cities, row {agen}, column population: must be more than 0, not 0" in out
    assert f"Inspirations, row {indicator}, column practice:" in out and "no-such-practice" in out
    assert snapshot(real_copy) == before


def test_labels_are_accepted_for_ids(real_copy, tmp_path):
    workbook = export(real_copy, tmp_path / "data.xlsx")
    a1 = find_row(workbook, "Actions", "id", "isernia-a1")
    edit(workbook, "Actions", a1, "interventions", "Identify, Raise awareness")  # labels, same meaning
    edit(workbook, "Actions", a1, "support_level", "Universal support")
    plan = plan_import(workbook.read_bytes(), real_copy)
    assert plan.ok and not plan.changes


def test_a_new_city_from_the_workbook_becomes_a_valid_city_file(real_copy, tmp_path):
    workbook = export(real_copy, tmp_path / "data.xlsx")
    add_new_city(workbook)
    plan = plan_import(workbook.read_bytes(), real_copy)
    assert plan.ok, plan.problems
    assert [(c.city, c.is_new) for c in plan.changes] == [("testville", True)]
    assert plan.changes[0].summary == ["new city with 5 actions"]
    apply(plan)
    network = load_network(real_copy)
    assert network.ok, [str(p) for p in network.problems]
    city = network.city("testville")
    assert len(city.actions) == 5
    assert city.actions[0].budget.amount_eur == 12500 and city.actions[1].budget is None
    assert city.actions[0].partners == ["Red Cross", "Library, reading club"]
    text = (real_copy / "cities/testville.yaml").read_text()
    assert text.startswith("# Testville's plan, entered from a spreadsheet")


def add_new_city(workbook: Path) -> None:
    """A fictional city with five actions, as a new user would type it."""
    append_row(
        workbook,
        "Cities",
        {"id": "testville", "name": "Testville", "country": "Testland", "role": "partner",
         "sources": "network-page", "summary": "A test city (fictional)."},
    )  # fmt: skip
    kinds = ["identify", "help", "Raise awareness", "prevent", "help, prevent"]
    for n, intervention in enumerate(kinds, start=1):
        append_row(
            workbook,
            "Actions",
            {"city": "testville", "id": f"testville-a{n}", "number": n, "title": f"Test action {n}",
             "kind": "iap_action", "description": "A fictional action for a test.",
             "interventions": intervention, "support_level": "targeted", "beneficiaries": "isolated, at_risk",
             "model_reason": "A test.", "sources": "network-page",
             **({"budget_eur": 12500, "budget_basis": "plan_total", "budget_status": "planned",
                 "funding_sources": "municipal", "budget_source": "network-page"} if n == 1 else {})},
        )  # fmt: skip
    append_row(workbook, "Partners", {"action": "testville-a1", "partner": "Red Cross"})
    append_row(workbook, "Partners", {"action": "testville-a1", "partner": "Library, reading club"})


def test_a_save_is_refused_when_a_file_changed_after_the_check(real_copy, tmp_path):
    workbook = export(real_copy, tmp_path / "data.xlsx")
    edit(workbook, "Actions", find_row(workbook, "Actions", "id", "isernia-a2"), "budget_eur", 2500)
    plan = plan_import(workbook.read_bytes(), real_copy)
    assert plan.ok and len(plan.changes) == 1
    path = real_copy / "cities/isernia.yaml"
    path.write_text(path.read_text() + "\n")  # someone else saved meanwhile
    edited = path.read_bytes()
    with pytest.raises(ChangedOnDisk):
        apply(plan)
    assert path.read_bytes() == edited


def test_a_file_that_is_not_a_workbook_is_one_plain_problem(data_dir, tmp_path, capsys):
    bad = tmp_path / "plan.xlsx"
    bad.write_text("not a workbook")
    before = snapshot(data_dir)
    assert main(["import", str(bad), "--data", str(data_dir)]) == 1
    assert "this is not an Excel workbook (.xlsx) that can be read" in capsys.readouterr().out
    assert snapshot(data_dir) == before


def test_a_renamed_column_is_refused(data_dir, tmp_path, capsys):
    workbook = export(data_dir, tmp_path / "data.xlsx")
    edit(workbook, "Actions", 1, "title", "name")
    assert main(["import", str(workbook), "--data", str(data_dir)]) == 1
    assert (
        "Actions, row 1, column title: these columns are missing from the header row"
        in capsys.readouterr().out
    )


def test_xlsx_export_needs_an_output_file(data_dir, capsys):
    assert main(["export", "--format", "xlsx", "--data", str(data_dir)]) == 2
    assert "needs --out" in capsys.readouterr().err


def test_the_workbook_has_dropdowns_frozen_headers_and_a_readme(real_copy, tmp_path):
    workbook = load_workbook(export(real_copy, tmp_path / "data.xlsx"))
    assert workbook.sheetnames[:6] == [
        "README",
        "Cities",
        "Actions",
        "Partners",
        "Indicators",
        "Inspirations",
    ]
    assert {"Sources", "Practices", "Lists"} <= set(workbook.sheetnames)
    assert "refused" not in workbook["README"]["A1"].value  # a title, then the rules
    readme = "\n".join(str(c.value) for c in workbook["README"]["A"] if c.value)
    assert "nothing is saved" in readme and "A figure no source states stays EMPTY" in readme
    actions = workbook["Actions"]
    assert actions.freeze_panes == "B2"
    header = [c.value for c in actions[1]]
    validations = {str(v.sqref).split(":")[0]: v for v in actions.data_validations.dataValidation}
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    support = validations[f"{letter[header.index('support_level')]}2"]
    assert support.type == "list" and support.formula1.startswith("Lists!$")
    assert support.showErrorMessage  # one value from the list
    interventions = validations[f"{letter[header.index('interventions')]}2"]
    assert not interventions.showErrorMessage  # several comma-separated ids are allowed
    lists = workbook["Lists"]
    column = next(c for c in lists[1] if c.value == "interventions").column
    assert [lists.cell(row=r, column=column).value for r in range(2, 6)] == [
        "identify", "help", "awareness", "prevent",
    ]  # fmt: skip
    assert actions.column_dimensions["F"].width >= 40  # description is readable
    assert actions.cell(row=1, column=1).comment is not None


def test_text_that_looks_like_a_formula_stays_text(data_dir, tmp_path):
    workbook = export(data_dir, tmp_path / "data.xlsx")
    edit(workbook, "Cities", 2, "summary", "=1+1 is not a formula here")
    plan = plan_import(workbook.read_bytes(), data_dir)
    assert plan.ok, plan.problems
    apply(plan)
    again = build_workbook(data_dir, load_network(data_dir).vocabulary)
    cell = load_workbook(io.BytesIO(again))["Cities"]["E2"]
    assert cell.value == "=1+1 is not a formula here" and cell.data_type == "s"


def test_a_population_marked_approximate_round_trips(real_copy, tmp_path, capsys):
    """The column shows yes for a figure marked approximate and stays empty otherwise; 'no'
    or an empty cell unmark it, 'yes' marks it, anything else is refused in its cell."""
    workbook = export(real_copy, tmp_path / "data.xlsx")
    fot = find_row(workbook, "Cities", "id", "fot")
    isernia = find_row(workbook, "Cities", "id", "isernia")
    sheet = load_workbook(workbook, read_only=True)["Cities"]
    rows = list(sheet.iter_rows(values_only=True))
    column = list(rows[0]).index("population_approximate")
    assert (rows[fot - 1][column], rows[isernia - 1][column]) == ("yes", None)

    edit(workbook, "Cities", isernia, "population_approximate", "maybe")
    assert main(["import", str(workbook), "--data", str(real_copy)]) == 1
    out = capsys.readouterr().out
    assert f"Cities, row {isernia}, column population_approximate: must be true or false, not 'maybe'" in out

    edit(workbook, "Cities", isernia, "population_approximate", "Yes")
    edit(workbook, "Cities", fot, "population_approximate", None)
    assert main(["import", str(workbook), "--data", str(real_copy)]) == 0
    network = load_network(real_copy)
    assert network.city("isernia").city.population.approximate is True
    assert network.city("fot").city.population.approximate is False
    assert "approximate" not in (real_copy / "cities" / "fot.yaml").read_text(encoding="utf-8")
