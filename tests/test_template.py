"""data/city-template.yaml: every field there and commented, and valid once its id is changed."""

from __future__ import annotations

import re
import shutil

import yaml
from conftest import REAL_DATA

from models import load_network
from models.schema import Action, Budget, City, Indicator, Inspiration, Location, Population, Timing

TEMPLATE = REAL_DATA / "city-template.yaml"


def test_the_template_holds_every_field_of_a_city_and_an_action():
    data = yaml.safe_load(TEMPLATE.read_text())
    assert list(data) == [*City.model_fields, "actions"]  # in the schema's order
    (action,) = data["actions"]
    assert list(action) == list(Action.model_fields)


def test_every_field_is_commented_including_the_nested_ones():
    text = TEMPLATE.read_text()
    for name in [*City.model_fields, *Action.model_fields]:
        line = next(line for line in text.splitlines() if re.match(rf"^\s*(- )?{name}:", line))
        assert "#" in line or name in ("name", "country", "title", "description", "summary"), name
    commented = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    for name in [
        *Budget.model_fields,
        *Timing.model_fields,
        *Indicator.model_fields,
        *Inspiration.model_fields,
        *Location.model_fields,
        *Population.model_fields,
    ]:
        assert name in text, name
    assert "amount_eur" in commented and "funding_sources" in commented


def test_the_template_with_its_id_changed_validates(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data, ignore=shutil.ignore_patterns(".git", ".history", ".*.lock", "drafts"))
    text = TEMPLATE.read_text().replace("example-city", "newtown")
    (data / "cities" / "newtown.yaml").write_text(text)
    network = load_network(data)
    assert network.ok, [str(p) for p in network.problems]
    assert [a.id for a in network.city("newtown").actions] == ["newtown-a1"]


def test_the_budget_example_in_the_comments_validates_when_uncommented(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data, ignore=shutil.ignore_patterns(".git", ".history", ".*.lock", "drafts"))
    lines = TEMPLATE.read_text().replace("example-city", "newtown").splitlines()
    out = []
    for line in lines:
        if re.match(r"^\s*budget: null", line):
            continue
        match = re.match(r"^(\s*)# (budget:|  \w+:)(.*)$", line)
        if match and (
            "budget" in line
            or out
            and out[-1].lstrip().startswith(("budget:", "amount_eur", "basis", "status", "funding", "source"))
        ):
            line = match.group(1) + match.group(2) + match.group(3)
        out.append(line)
    text = "\n".join(out) + "\n"
    (data / "cities" / "newtown.yaml").write_text(text)
    network = load_network(data)
    assert network.ok, [str(p) for p in network.problems]
    assert network.city("newtown").actions[0].budget.amount_eur == 9800


def test_the_templates_examples_are_the_field_registrys():
    """models.fields: each field's example (the workbook's and the form's) is the template's value."""
    from models import fields

    (action,) = yaml.safe_load(TEMPLATE.read_text())["actions"]
    for field in fields.action_fields():
        if field.described.example and field.group is None:
            value = action[field.path[0]]
            typed = ", ".join(value) if isinstance(value, list) else str(value)
            assert typed == field.described.example, field.dotted


def test_the_templates_action_part_is_what_the_schema_writes():
    """A field added to the schema (or its description changed) fails here until the template
    is written again from it."""
    from models.template import with_actions

    text = TEMPLATE.read_text(encoding="utf-8")
    assert with_actions(text) == text, (
        "data/city-template.yaml is not what the schema's fields write: run `make template` "
        "(python -m models template --write) and commit the file"
    )


def test_the_template_command_checks_and_writes(tmp_path, capsys):
    from cli.main import main

    copy = tmp_path / "city-template.yaml"
    copy.write_text(
        TEMPLATE.read_text(encoding="utf-8").replace("support_level: targeted", "support_level: x")
    )
    assert main(["template", "--check", "--file", str(copy)]) == 1
    assert "run `make template`" in capsys.readouterr().err
    assert main(["template", "--write", "--file", str(copy)]) == 0
    assert copy.read_text(encoding="utf-8") == TEMPLATE.read_text(encoding="utf-8")
    assert main(["template", "--check", "--file", str(copy)]) == 0


def test_a_field_without_an_example_is_null_or_empty_and_every_line_is_yaml():
    from models.template import action_template

    data = yaml.safe_load(action_template())
    (action,) = data["actions"]
    assert action["lead"] is None and action["partners"] == [] and action["budget"] is None
    assert action["number"] == "1"  # quoted: a number in the plan is text
    assert action["interventions"] == ["identify", "awareness"]


def test_every_commented_example_validates_when_uncommented(tmp_path):
    """Budget, timing, first tested as, indicators and inspirations: each commented example of
    the generated template, uncommented in place of its null or [], is valid data."""
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data, ignore=shutil.ignore_patterns(".git", ".history", ".*.lock", "drafts"))
    lines = TEMPLATE.read_text(encoding="utf-8").replace("example-city", "newtown").splitlines()
    examples = {m.group(1) for line in lines if (m := re.match(r"^    # (\w+):$", line))}
    out = []
    for line in lines:
        if (m := re.match(r"^    (\w+): (null|\[\])", line)) and m.group(1) in examples:
            continue  # the unknown value, replaced by its example below
        if line.startswith("    # "):
            line = "    " + line[len("    # ") :]
        out.append(line)
    (data / "cities" / "newtown.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
    network = load_network(data)
    assert network.ok, [str(p) for p in network.problems]
    (action,) = network.city("newtown").actions
    assert examples == {"testing_origin", "budget", "timing", "indicators", "inspired_by"}
    assert action.budget.amount_eur == 9800 and action.timing.start_year == 2026
    assert (
        action.indicators[0].target_value == 50 and action.inspired_by[0].practice == "skofja-loka-prostofer"
    )
