"""The field registry (models.fields): an action's fields described once, on the schema.

A field added to a copy of the schema, and to nothing else, is found in the CSV, the
workbook (written, then read back into the file) and the edit form.
"""

from __future__ import annotations

import io
from typing import Annotated

import pytest
import yaml
from conftest import ROOT
from openpyxl import load_workbook

from formats.export import csv_columns, to_csv
from formats.spreadsheet import apply, plan_import
from formats.workbook import action_columns, build_workbook
from models import fields, load_network, schema
from models.records import action_fields
from words.i18n import N_

VENUE = schema.Described(N_("Venue"), 215, width=20, help="where the action takes place, or empty")


class ActionWithVenue(schema.Action):
    """The schema's action with one more optional field, as a developer would add it."""

    venue: Annotated[str | None, VENUE] = None


@pytest.fixture
def with_venue(monkeypatch, data_dir):
    """The copied schema in use wherever an action is read or written; alpha's first action
    has a venue in its file."""
    for where in ("models.schema", "models.loader", "workspace.yaml_format", "workspace.editing"):
        monkeypatch.setattr(f"{where}.Action", ActionWithVenue)
    path = data_dir / "cities" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    lead: Alphaville\n", "    lead: Alphaville\n    venue: Town hall\n", 1))
    return data_dir


def test_every_field_of_an_action_is_in_the_registry_once():
    described = [f.dotted for f in fields.action_fields()]
    assert len(described) == len(set(described))
    for name, info in schema.Action.model_fields.items():
        group = fields.group_model(info.annotation)
        inner = [f"{name}.{n}" for n in group.model_fields] if group else [name]
        assert set(inner) <= set(described), name


def test_the_csv_and_the_records_share_one_order():
    assert csv_columns() == action_fields()
    assert action_fields()[:3] == ("id", "city", "city_name")
    assert [c.name for c in action_columns()][1:] == [f.name for f in fields.sheet_fields("Actions")]


def test_a_validation_path_finds_its_field_and_label():
    assert fields.field_at("budget.funding_note").label == "Note on funding"
    assert fields.field_at("budget.funding_note").name == "funding_note"
    assert fields.field_at("timing.detail").record == "timing"
    assert fields.field_at("budget.nothing") is None


def test_a_new_field_is_in_the_csv(with_venue):
    network = load_network(with_venue)
    assert network.ok, [str(p) for p in network.problems]
    header, *rows = to_csv(network).splitlines()
    columns = header.split(",")
    assert columns.index("venue") == columns.index("lead") + 1  # its order in the registry
    assert any("Town hall" in row for row in rows)


def test_a_new_field_goes_through_the_workbook_and_back(with_venue):
    vocabulary = load_network(with_venue).vocabulary
    workbook = load_workbook(io.BytesIO(build_workbook(with_venue, vocabulary)))
    sheet = workbook["Actions"]
    header = [c.value for c in sheet[1]]
    assert "venue" in header
    assert sheet.cell(row=1, column=header.index("venue") + 1).comment.text.startswith("where the action")
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=2).value == "alpha-a1")
    cell = sheet.cell(row=row, column=header.index("venue") + 1)
    assert cell.value == "Town hall"
    cell.value = "Public library"
    changed = io.BytesIO()
    workbook.save(changed)

    plan = plan_import(changed.getvalue(), with_venue)
    assert plan.ok, plan.problems
    assert [c.city for c in plan.changes] == ["alpha"]
    apply(plan)
    text = (with_venue / "cities" / "alpha.yaml").read_text(encoding="utf-8")
    assert "venue: Public library" in text and "Town hall" not in text
    action = next(a for _c, a in load_network(with_venue).all_actions() if a.id == "alpha-a1")
    assert action.venue == "Public library"


def test_a_new_field_is_on_the_edit_form_and_saved(with_venue, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("IAP_DATA_DIR", str(with_venue))
    monkeypatch.setenv("IAP_EDIT_PASSWORD", "lead-password")
    monkeypatch.setattr("ui.access.REFUSAL_PAUSE_S", 0)
    at = AppTest.from_file(str(ROOT / "pages" / "edit.py"), default_timeout=60).run()
    at.text_input(key="edit_password").input("lead-password")
    at = at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    (venue,) = [w for w in at.text_area if w.key and w.key.endswith(":action:0:venue")]
    assert venue.label == "Venue" and venue.value == "Town hall"
    venue.input("Market square").run()
    at = at.button(key="edit_save").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "venue: Market square" in (with_venue / "cities" / "alpha.yaml").read_text(encoding="utf-8")


def test_a_new_field_is_in_the_generated_template():
    from models.template import action_template

    text = action_template(ActionWithVenue)
    (line,) = [line for line in text.splitlines() if line.lstrip().startswith("venue:")]
    assert line.startswith("    venue: null") and line.endswith("# where the action takes place, or null")
    assert text.index("\n    lead:") < text.index("\n    venue:")  # the schema's (the file's) order
    action = yaml.safe_load(text)["actions"][0]
    assert ActionWithVenue.model_validate({**action, "id": "alpha-a9"}).venue is None


def test_a_new_field_changed_is_named_by_its_label(with_venue):
    from workspace.editing import describe_changes, open_city

    old = open_city(with_venue, "alpha").data
    new = {**old, "actions": [{**old["actions"][0], "venue": "Library"}, *old["actions"][1:]]}
    assert describe_changes(old, new) == ["action alpha-a1 (Observatory): Venue: Town hall -> Library"]
